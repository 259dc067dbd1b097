#include "simulate/simulatescreenshot.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QMainWindow>
#include <QSpinBox>

#include "document/document.h"
#include "simulate/faultrows.h"
#include "simulate/simulateactions.h"
#include "simulate/simulatedialog.h"
#include "simulate/simulationwindow.h"
#include "simulate/tracewaterfall.h"

namespace simulate_ui {

void runForScreenshot(QMainWindow* window, Document* doc, CanvasScene* scene,
                      const ScreenshotRun& run,
                      std::function<void(SimulationWindow*, const QString& error)> done) {
  SimulateDialog* dialog = openDialog(window, doc, scene);
  if (!run.stored.isEmpty() && !loadStored(dialog, doc->version(), run.stored)) {
    dialog->close();
    return done(nullptr, QObject::tr("--sim-scenario %1: the version stores no simulation of that "
                                     "name, or one of its faults strikes nothing")
                             .arg(run.stored));
  }
  if (run.duration_s > 0) dialog->durationField()->setValue(run.duration_s);
  if (run.warmup_s >= 0) dialog->warmupField()->setValue(run.warmup_s);
  if (run.traces >= 0) dialog->findChild<QSpinBox*>(QStringLiteral("traces"))->setValue(run.traces);
  for (const QString& spec : run.faults) {
    // crash:db@60-90, slow:app=3@10-20
    const QString head = spec.section('@', 0, 0), window_s = spec.section('@', 1);
    const QString type = head.section(':', 0, 0);
    const QString target = head.section(':', 1).section('=', 0, 0);
    const double value = head.section('=', 1).toDouble();
    bool ok1 = false, ok2 = false;
    const double from = window_s.section('-', 0, 0).toDouble(&ok1);
    const double to = window_s.section('-', 1).toDouble(&ok2);
    if (!ok1 || !ok2 || !dialog->faults()->addFault(type, target, value, from, to)) {
      dialog->close();
      return done(nullptr, QObject::tr("--sim-fault %1: expected TYPE:TARGET@START-END with a "
                                       "component of the version")
                               .arg(spec));
    }
  }
  QObject::connect(dialog->run(), &SimulationRun::finished, window, [window, dialog, run, done] {
    const auto windows = window->findChildren<SimulationWindow*>();
    if (windows.isEmpty()) return done(nullptr, dialog->message());
    SimulationWindow* sw = windows.back();
    if (run.trace >= 0) sw->waterfall()->picker()->setCurrentIndex(run.trace);
    done(sw, QString());
  });
  if (!dialog->start()) done(nullptr, dialog->message());
}

}  // namespace simulate_ui
