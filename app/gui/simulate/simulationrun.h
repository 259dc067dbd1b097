#pragma once
// One simulation run off the GUI thread (QtConcurrent) on a copy of the version, with the
// analytic report at the same load beside it for comparison. Progress is polled from the
// engine's SimControl on a timer (the simulating thread never runs GUI code); cancel() sets its
// flag, which the engine checks every few thousand events.
#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

#include "archbench/simulate.h"
#include "archbench/solver.h"

class QTimer;

struct SimulationOutcome {
  archbench::Version version;  // the copy simulated
  archbench::SimulateOptions options;
  QStringList faultSpellings;  // as archbench-cli simulate spells them
  std::optional<archbench::SimReport> report;
  std::optional<archbench::Report> analytic;  // evaluate at the same load; null when it fails
  QString error;                              // the engine's message when the run failed
  bool cancelled = false;
};

class SimulationRun : public QObject {
  Q_OBJECT

 public:
  explicit SimulationRun(QObject* parent = nullptr);
  ~SimulationRun() override;  // cancels a running simulation and waits for it

  // Starts simulating `version` (copied) with `options` (its control is replaced by this run's).
  void start(const archbench::Version& version, const archbench::Catalog& catalog,
             archbench::SimulateOptions options, const QStringList& faultSpellings);
  bool isRunning() const;
  void cancel();
  double fraction() const;  // 0–1, of the simulated time to cover
  const SimulationOutcome& outcome() const { return outcome_; }

 signals:
  void progressed(double fraction);
  void finished();  // outcome() holds the report, the error or the cancellation

 private:
  QFutureWatcher<SimulationOutcome> watcher_;
  std::unique_ptr<archbench::SimControl> control_;
  QTimer* poll_;
  SimulationOutcome outcome_;
};
