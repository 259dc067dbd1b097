#pragma once
// A sampled trace as a tracing UI shows it: one row per visit (span), the component's name
// indented under its caller, and a bar along the request's time: the trip there (a thin line),
// the wait for a server (light), the component's own work (solid) and the time until its calls
// answered (outlined). Retries say so; an attempt overtaken by its retry, or never answered, is
// marked timed out; failed visits are drawn in the fault colour; a visit that never arrived or
// never ended runs off to the right. A picker chooses among the run's traces.
#include <QWidget>
#include <vector>

#include "archbench/simulate.h"

class QComboBox;

class WaterfallView : public QWidget {
  Q_OBJECT

 public:
  explicit WaterfallView(QWidget* parent = nullptr);
  void setTrace(const archbench::SimTrace* trace);
  const archbench::SimTrace* trace() const { return trace_; }
  // Whether span i is an attempt its caller gave up on (timed out): a retry of the same call was
  // sent before it ended, or it never ended.
  bool timedOut(std::size_t i) const;
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  double span_end_ms() const;  // the right edge of the time axis

  const archbench::SimTrace* trace_ = nullptr;
  std::vector<int> depth_;
};

class TraceWaterfall : public QWidget {
  Q_OBJECT

 public:
  explicit TraceWaterfall(const std::vector<archbench::SimTrace>& traces,
                          QWidget* parent = nullptr);
  QComboBox* picker() const { return picker_; }
  WaterfallView* view() const { return view_; }
  void showTrace(int index);

 private:
  const std::vector<archbench::SimTrace>& traces_;
  QComboBox* picker_;
  WaterfallView* view_;
};
