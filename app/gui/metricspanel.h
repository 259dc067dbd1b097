#pragma once
// Live metrics from the engine's report: per-class latency (mean, p50, p95, p99 or "saturated"
// with the reason), per-component arrival rate, utilization, response time and cost, and the
// totals. Selecting a component row selects the node, and back. It computes no figure itself.
#include <QWidget>

#include "document.h"

class QLabel;
class QScrollArea;
class QSplitter;
class QTableWidget;

class MetricsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit MetricsPanel(Document* doc, QWidget* parent = nullptr);
  QTableWidget* classesTable() const { return classes_; }
  QTableWidget* componentsTable() const { return components_; }
  QLabel* totalsLabel() const { return totals_; }

 public slots:
  void refresh();
  void selectComponent(const QString& id);  // highlight its row without emitting

 signals:
  void componentActivated(const QString& id);  // the user selected a component row

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  QString selectedComponentId() const;
  void showTotals(const archbench::Report& report);
  void showProblems();  // the version is invalid: say why instead of figures
  void fillClasses(const archbench::Report* report);
  void fillComponents(const archbench::Report* report);
  void fitSplitter();

  Document* doc_;
  QTableWidget* classes_;
  QTableWidget* components_;
  QLabel* totals_;
  QLabel* totalsTitle_ = nullptr;
  QScrollArea* totalsScroll_ = nullptr;
  QSplitter* splitter_ = nullptr;
  int classesWidth_ = 0;  // of each table's columns, as fitted to their contents
  int componentsWidth_ = 0;
  bool userSized_ = false;  // the user dragged a splitter handle: keep their sizes
  bool updating_ = false;
};
