#include "simulate/simulateactions.h"

#include <QAction>
#include <QDir>
#include <QDoubleSpinBox>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QSpinBox>
#include <QToolBar>
#include <exception>
#include <vector>

#include "archbench/project_io.h"
#include "archbench/simulate.h"
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

namespace {

// Every simulation the presets store (format 5), as (file, project, version, simulation).
struct StoredExample {
  QString file, project, version;
  archbench::StoredSimulation sim;
};

std::vector<StoredExample> storedExamples(const QString& presetsDir, const archbench::Catalog& catalog) {
  std::vector<StoredExample> out;
  const QStringList files =
      QDir(presetsDir).entryList({QStringLiteral("*.archbench.json")}, QDir::Files, QDir::Name);
  for (const QString& name : files) {
    const QString file = QDir(presetsDir).filePath(name);
    try {
      const archbench::Project p = archbench::load_project(file.toStdString(), catalog);
      for (const auto& v : p.versions)
        for (const auto& s : v.simulations)
          out.push_back({file, QString::fromStdString(p.name), QString::fromStdString(v.name), s});
    } catch (const std::exception&) {
      // A preset that does not open offers no example; File ▸ Open says why.
    }
  }
  return out;
}

}  // namespace

bool loadStored(SimulateDialog* dialog, const archbench::Version& version, const QString& name) {
  const archbench::StoredSimulation* s = archbench::stored_simulation(version, name.toStdString());
  return s && dialog->loadStored(*s);
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
  examples->setToolTipsVisible(true);
  // The runs the presets store, each opening its preset and version with the dialog filled.
  for (const StoredExample& e : storedExamples(presetsDir, doc->catalog())) {
    const QString sim = QString::fromStdString(e.sim.name);
    auto* action = examples->addAction(QObject::tr("%1 — %2: %3").arg(e.project, e.version, sim));
    action->setObjectName(e.sim.name == "A 10-minute worker outage"
                              ? QStringLiteral("exampleWorkerOutage")
                              : QStringLiteral("example %1 %2").arg(e.version, sim));
    action->setToolTip(QString::fromStdString(e.sim.notes));
    QObject::connect(action, &QAction::triggered, window, [=] {
      if (!open(window, e.file)) return;
      const auto& versions = doc->project().versions;
      for (int i = 0; i < static_cast<int>(versions.size()); ++i)
        if (QString::fromStdString(versions[static_cast<std::size_t>(i)].name) == e.version)
          doc->setVersionIndex(i);
      loadStored(openDialog(window, doc, scene), doc->version(), sim);
    });
  }
}

}  // namespace simulate_ui
