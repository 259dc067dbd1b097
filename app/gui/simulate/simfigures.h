#pragma once
// The analytic and the simulated figures side by side: per class the latency's mean, p50, p95
// and p99 (and p99.9, simulated only) and the success share; per component the utilization.
// Simulated latencies carry the half-width of their 95% confidence interval, formatted by the
// engine's rule as archbench-cli simulate prints them ("41.7 ± 2.13"); the difference is the
// comparison view's rule (figure_change), and "within" says whether the analytic figure lies
// inside the interval.
#include <QTableWidget>

#include "simulate/simulationrun.h"

class SimFigures : public QTableWidget {
  Q_OBJECT

 public:
  enum Column { kWhat, kFigure, kAnalytic, kSimulated, kDifference, kWithin, kColumns };
  explicit SimFigures(const SimulationOutcome& outcome, QWidget* parent = nullptr);

  // The row of a class's (or component's) figure, e.g. ("read_post", "p95"); -1 when none.
  int rowOf(const QString& what, const QString& figure) const;
  QString cell(int row, Column column) const;

 private:
  void addRow(const QString& what, const QString& figure, const QString& analytic,
              const QString& simulated, const QString& difference, const QString& within);
};
