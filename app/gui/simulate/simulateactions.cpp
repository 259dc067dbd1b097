#include "simulate/simulateactions.h"

#include <QAction>
#include <QDir>
#include <QDoubleSpinBox>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QSpinBox>
#include <QToolBar>

#include "canvas/canvasscene.h"
#include "document/document.h"
#include "simulate/faultrows.h"
#include "simulate/simulatedialog.h"
#include "simulate/simulationwindow.h"

namespace simulate_ui {

SimulateDialog* openDialog(QMainWindow* window, Document* doc, CanvasScene* scene) {
  auto* dialog = new SimulateDialog(doc, window);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowModality(Qt::WindowModal);
  QObject::connect(dialog, &SimulateDialog::simulated, window,
                   [window, scene](const SimulationOutcome& outcome) {
                     auto* w = new SimulationWindow(outcome, scene, window);
                     w->setWindowFlag(Qt::Window);
                     w->show();
                     w->raise();
                   });
  dialog->show();
  return dialog;
}

bool fillWorkerOutage(SimulateDialog* dialog) {
  dialog->durationField()->setValue(3000);
  dialog->warmupField()->setValue(50);
  dialog->seedField()->setValue(3);
  dialog->faults()->clear();
  return dialog->faults()->addFault(QStringLiteral("crash"), QStringLiteral("workers"), 0, 100,
                                    700);
}

void install(QMainWindow* window, Document* doc, CanvasScene* scene, QMenu* menu, QToolBar* bar,
             const QString& presetsDir, bool (*open)(QMainWindow*, const QString&)) {
  auto* simulate = new QAction(QObject::tr("&Simulate…"), window);
  simulate->setObjectName(QStringLiteral("simulate"));
  simulate->setShortcut(QKeySequence(QObject::tr("Ctrl+Shift+M")));
  simulate->setToolTip(
      QObject::tr("Play the version's traffic in time (discrete-event "
                  "simulation): timelines, traces and faults with a window"));
  QObject::connect(simulate, &QAction::triggered, window,
                   [window, doc, scene] { openDialog(window, doc, scene); });
  window->addAction(simulate);
  menu->addAction(simulate);
  bar->addAction(simulate);

  QMenu* examples = menu->addMenu(QObject::tr("&Examples"));
  examples->setObjectName(QStringLiteral("simulationExamples"));
  auto* outage = examples->addAction(QObject::tr("Image pipeline: a 10-minute worker outage"));
  outage->setObjectName(QStringLiteral("exampleWorkerOutage"));
  outage->setToolTip(
      QObject::tr("Workers down from 100 s to 700 s: the queue's backlog builds, "
                  "then drains"));
  QObject::connect(outage, &QAction::triggered, window, [=] {
    const QString file = QDir(presetsDir).filePath(QStringLiteral("image-pipeline.archbench.json"));
    if (!open(window, file)) return;
    const auto& versions = doc->project().versions;
    for (int i = 0; i < static_cast<int>(versions.size()); ++i)
      if (versions[static_cast<std::size_t>(i)].name == "V1") doc->setVersionIndex(i);
    fillWorkerOutage(openDialog(window, doc, scene));
  });
}

}  // namespace simulate_ui
