#pragma once
// Simulate…: the run's settings (load, duration, warm-up, seed, replications, traces, timeline
// step) and its faults in time (FaultRows), then Run: the simulation goes off the GUI thread
// with a progress bar and Cancel; when it is done the dialog hands the outcome on and closes.
// A cancelled or failed run keeps the dialog open with the reason.
#include <QDialog>
#include <vector>

#include "simulate/simulationrun.h"

class Document;
class FaultRows;
class QDoubleSpinBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

class SimulateDialog : public QDialog {
  Q_OBJECT

 public:
  explicit SimulateDialog(Document* doc, QWidget* parent = nullptr);

  FaultRows* faults() const { return faults_; }
  SimulationRun* run() const { return run_; }
  // The settings as the engine takes them (no faults), and as archbench-cli spells them.
  archbench::SimulateOptions options() const;
  QStringList commandLine() const;  // "--load 1", "--duration 600s", …, then the faults
  // Restarts in time (format 5), shown read-only under the faults: they come from a stored
  // simulation (loadStored) or the caller; the command line spells them --restart ….
  void setRestarts(std::vector<archbench::Restart> restarts);
  const std::vector<archbench::Restart>& restarts() const { return restarts_; }
  // Fills every setting, fault and restart from a simulation the version stores; false when one
  // of its faults has nothing to strike in the open version.
  bool loadStored(const archbench::StoredSimulation& stored);
  // Starts the run (Run's click); false with the reason shown when the settings are unusable.
  bool start();
  QString message() const;  // the reason shown (a failure, a cancel, a bad setting)

  // Settings, by object name: load, duration, warmup, seed, replications, traces, step.
  QDoubleSpinBox* loadField() const { return load_; }
  QDoubleSpinBox* durationField() const { return duration_; }
  QDoubleSpinBox* warmupField() const { return warmup_; }
  QSpinBox* seedField() const { return seed_; }
  QSpinBox* replicationsField() const { return replications_; }

 signals:
  void simulated(const SimulationOutcome& outcome);  // a finished run, before the dialog closes

 protected:
  void reject() override;  // Cancel stops a running simulation first; Esc too

 private:
  void runFinished();
  void setRunning(bool on);

  Document* doc_;
  QDoubleSpinBox *load_, *duration_, *warmup_, *step_;
  QSpinBox *seed_, *replications_, *traces_;
  FaultRows* faults_;
  QLabel* message_;
  QProgressBar* progress_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QDialogButtonBox* buttons_;
  SimulationRun* run_;
  std::vector<archbench::Restart> restarts_;
  QLabel* restarts_label_;
};
