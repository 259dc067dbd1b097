#pragma once
// `archbench --screenshot FILE --simulate TAB`: a run through the Simulate dialog, unattended,
// for the documentation's pictures (scripts/screenshots.sh).
#include <QString>
#include <QStringList>
#include <functional>

class CanvasScene;
class Document;
class QMainWindow;
class SimulationWindow;

namespace simulate_ui {

struct ScreenshotRun {
  QStringList faults;     // "TYPE:TARGET@START-END" or "TYPE:TARGET=VALUE@START-END" (seconds)
  double duration_s = 0;  // 0: the dialog's default
  double warmup_s = -1;   // < 0: the dialog's default
  int traces = -1;        // traces to record (< 0: the dialog's default)
  int trace = -1;         // the trace to show first (-1: the first)
  QString stored;         // a simulation the version stores (format 5), loaded first
};

// Fills and runs the dialog; `done` gets the simulation window once it is shown, or null (with
// the reason in `error`) when a fault does not parse or the run fails.
void runForScreenshot(QMainWindow* window, Document* doc, CanvasScene* scene,
                      const ScreenshotRun& run,
                      std::function<void(SimulationWindow*, const QString& error)> done);

}  // namespace simulate_ui
