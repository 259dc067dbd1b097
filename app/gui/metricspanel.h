#pragma once
// Live metrics from the engine's report: per-class latency (mean, p50, p95, p99 or "saturated"
// with the reason), per-component arrival rate, utilization, response time and cost, and the
// totals. Selecting a component row selects the node, and back. It computes no figure itself.
#include <QWidget>

#include "document.h"

class QLabel;
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

 private:
  Document* doc_;
  QTableWidget* classes_;
  QTableWidget* components_;
  QLabel* totals_;
  bool updating_ = false;
};
