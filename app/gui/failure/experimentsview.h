#pragma once
// The experiments of the version being edited: each one a hypothesis, the faults it injects and
// the steady-state conditions that should still hold. The list shows each experiment's last
// result (PASS/FAIL, marked outdated when the design or the experiment changed since); the pane
// beside it shows the selected one's faults, its conditions (editable: class, metric, op, value)
// with each observed figure and ✓/✗, and the classes it affected, those outside its stated
// blast radius first. Runs go through archbench::run_experiment off the GUI thread; every edit
// goes through Document::setExperiments (undoable).
#include <QFutureWatcher>
#include <QWidget>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archbench/faults.h"
#include "document/document.h"

class QLabel;
class QPushButton;
class QTableWidget;
class QTreeWidget;

class ExperimentsView : public QWidget {
  Q_OBJECT

 public:
  // One run of one experiment, and what it ran on.
  struct Run {
    quint64 versionUid = 0;
    archbench::Version version;
    archbench::Experiment experiment;
    std::optional<archbench::ExperimentResult> result;
    QString error;  // the engine's message when it could not run
  };

  enum ListColumn { NameColumn, FaultsColumn, ResultColumn };
  enum ConditionColumn {
    ClassColumn,
    MetricColumn,
    OpColumn,
    ValueColumn,
    ObservedColumn,
    HoldsColumn
  };

  explicit ExperimentsView(Document* doc, QWidget* parent = nullptr);
  ~ExperimentsView() override;

  QTreeWidget* list() const { return list_; }
  QTableWidget* conditionsTable() const { return conditions_; }
  QString selectedName() const;
  void selectExperiment(const QString& name);
  // The last run of an experiment of the current version (null: never run), and whether it still
  // describes the design and the experiment as they are now.
  const Run* lastRun(const QString& name) const;
  bool isCurrent(const Run& run) const;
  bool isRunning() const { return running_; }

  // Dialog hooks, set by the main window (tests replace them there).
  std::function<std::optional<QString>(const QString& title, const QString& label,
                                       const QString& text)>
      askText;
  std::function<void(const QString& message)> showError;

 public slots:
  void runAll();
  void runSelected();
  void newFromScenario();  // the document's current faults, a name, a hypothesis, one condition
  void editSelected();     // hypothesis and blast radius
  void deleteSelected();
  void applySelectedFaults();
  void addCondition();
  void removeCondition();

 signals:
  void ran();  // a run finished and its results are on show

 private:
  void run(std::vector<archbench::Experiment> experiments);
  void runFinished();
  void scheduleRebuild();
  void rebuild();
  void showDetails();
  void updateButtons();
  const archbench::Experiment* selected() const;
  void replaceSelected(const archbench::Experiment& after, const QString& what);
  void setCondition(int row, const archbench::Condition& c);

  Document* doc_;
  QPushButton* runAll_;
  QPushButton* runSelected_;
  QPushButton* newFromScenario_;
  QPushButton* edit_;
  QPushButton* apply_;
  QPushButton* delete_;
  QLabel* busy_;
  QTreeWidget* list_;
  QLabel* title_;
  QLabel* faults_;
  QTableWidget* conditions_;
  QPushButton* addCondition_;
  QPushButton* removeCondition_;
  QLabel* outcome_;
  QWidget* details_;

  QFutureWatcher<std::vector<Run>> watcher_;
  bool running_ = false;
  bool rebuildPending_ = false;
  QString selected_;                                     // kept by name across rebuilds
  std::map<std::pair<quint64, std::string>, Run> runs_;  // by version uid and experiment name
};
