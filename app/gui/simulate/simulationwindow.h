#pragma once
// A finished simulation: its timeline (TimelineCharts), its sampled traces (TraceWaterfall) and
// the analytic and simulated figures side by side (SimFigures), with a time slider and
// play/pause that replay the run on the canvas (each card's utilization, visits waiting and
// instances down, each link's calls per second, at the chosen step) through the canvas's own
// looks. Closing the window (Close, Esc, Ctrl+W) gives the canvas back its steady figures.
#include <QMainWindow>
#include <QPointer>

#include "simulate/simulationrun.h"

class CanvasScene;
class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;
class QTimer;
class SimFigures;
class TimelineCharts;
class TraceWaterfall;

class SimulationWindow : public QMainWindow {
  Q_OBJECT

 public:
  SimulationWindow(SimulationOutcome outcome, CanvasScene* scene, QWidget* parent = nullptr);
  ~SimulationWindow() override;

  const archbench::SimReport& report() const { return *outcome_.report; }
  const SimulationOutcome& outcome() const { return outcome_; }
  TimelineCharts* charts() const { return charts_; }
  TraceWaterfall* waterfall() const { return waterfall_; }
  SimFigures* figures() const { return figures_; }
  QTabWidget* tabs() const { return tabs_; }
  QSlider* slider() const { return slider_; }
  QPushButton* playButton() const { return play_; }
  bool isPlaying() const;

  void showStep(int step);  // the replay at the timeline's step (the slider follows)
  void setPlaying(bool on);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void advance();

  SimulationOutcome outcome_;
  QPointer<CanvasScene> scene_;  // gone first when the main window closes
  QTabWidget* tabs_;
  TimelineCharts* charts_;
  TraceWaterfall* waterfall_;
  SimFigures* figures_;
  QSlider* slider_;
  QPushButton* play_;
  QLabel* time_;
  QTimer* timer_;
  bool replaying_ = false;  // the canvas shows this run (until the version changes)
};
