#pragma once
// Live metrics from the engine's reports: per-class latency (mean, p50, p95, p99 or "saturated"
// with the reason) and availability (downtime, SLO and error budget), per-component arrival
// rate, utilization, response time and cost, the totals and the single points of failure. With
// a what-if scenario: a header naming it (with Clear), the classes' success, degraded, failed and
// latency as steady → scenario, the components' state in it, and its cascade, backlogs and
// partitions. Selecting a component row selects the node, and back. It computes no figure itself.
#include <QWidget>

#include "document/document.h"

class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QTableWidget;

class MetricsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit MetricsPanel(Document* doc, QWidget* parent = nullptr);
  QTableWidget* classesTable() const { return classes_; }
  QTableWidget* componentsTable() const { return components_; }
  QLabel* totalsLabel() const { return totals_; }
  QTableWidget* scenarioTable() const { return scenario_; }  // shown instead of the classes
  QLabel* scenarioLabel() const { return scenarioLabel_; }   // "Scenario: crash db"
  QPushButton* clearScenarioButton() const { return clearButton_; }
  bool showsScenario() const;  // the scenario header is shown

 public slots:
  void refresh();
  void selectComponent(const QString& id);  // highlight its row without emitting

 signals:
  void componentActivated(const QString& id);  // the user selected a component row

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  // An engine message with the version's component names for its quoted ids (names.h).
  QString named(const std::string& engineText) const;
  void fitScenarioTable();
  QString selectedComponentId() const;
  void showTotals(const archbench::Report& report);
  void showProblems();  // nothing could be computed: say why instead of figures
  void showScenarioBar();
  bool fillAvailability(int row, const std::string& name);
  void fillClasses(const archbench::Report* report);
  void fillComponents(const archbench::Report* report);
  void fitSplitter();
  void measureComponents();  // componentsWidth_ and kindWidth_, with the Kind column shown

  Document* doc_;
  QTableWidget* classes_;
  QTableWidget* components_;
  QLabel* totals_;
  QTableWidget* scenario_;
  QStackedWidget* classesStack_ = nullptr;
  QLabel* classesTitle_ = nullptr;
  QFrame* scenarioBar_ = nullptr;
  QLabel* scenarioLabel_ = nullptr;
  QPushButton* clearButton_ = nullptr;
  QLabel* totalsTitle_ = nullptr;
  QScrollArea* totalsScroll_ = nullptr;
  QSplitter* splitter_ = nullptr;
  int classesWidth_ = 0;  // of each table's columns, as fitted to their contents
  int componentsWidth_ = 0;
  int kindWidth_ = 0;  // the components table's Kind column, dropped first when room is short
  int scenarioWidth_ = 0;
  bool userSized_ = false;  // the user dragged a splitter handle: keep their sizes
  bool updating_ = false;
};
