#pragma once
// The simulation's timeline as four charts over simulated time: each class's answered requests
// per second and success share, each class's p95, each component's visits waiting (a queue's
// backlog) and each component's utilization. Fault windows are shaded bands; a vertical line
// marks the time the replay shows. Figures are the engine's timeline (first replication); a
// long run is averaged into at most kMaxPoints points per series.
#include <QWidget>
#include <vector>

#include "archbench/simulate.h"

class QChart;
class QChartView;
class QLineSeries;

class TimelineCharts : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMaxPoints = 1500;

  explicit TimelineCharts(const archbench::SimReport& report, QWidget* parent = nullptr);

  // Object names: throughputChart, p95Chart, queueChart, utilizationChart.
  const std::vector<QChartView*>& views() const { return views_; }
  void setCursor(double time_s);  // the replay's time

 private:
  QChart* addChart(const QString& name, const QString& title);
  void finish(QChart* chart, const QString& yTitle, double yMax, bool percent);

  const archbench::SimReport& report_;
  std::vector<QChartView*> views_;
  std::vector<QLineSeries*> cursors_;
};
