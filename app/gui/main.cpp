// archbench: the desktop workbench for software architectures.
#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QMessageBox>
#include <QTabWidget>
#include <QTextStream>
#include <QSettings>
#include <QStyle>
#include <QTimer>
#include <algorithm>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/faults.h"
#include "canvas/arrange.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "compare/comparisonwindow.h"
#include "failure/experimentsview.h"
#include "failure/faultspec.h"
#include "failure/impactwindow.h"
#include "help/help.h"
#include "practice/practicemode.h"
#include "practice/reportcard.h"
#include "simulate/simulatescreenshot.h"
#include "simulate/simulationwindow.h"
#include "window/mainwindow.h"
#include "window/style.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("ArchBench");
  QApplication::setApplicationName("ArchBench");
  QApplication::setApplicationVersion(ARCHBENCH_VERSION);
  // The icon and desktop entry the package installs (resources/archbench.svg, archbench.desktop).
  QApplication::setWindowIcon(QIcon(":/archbench.svg"));
  QGuiApplication::setDesktopFileName("archbench");

  QCommandLineParser parser;
  parser.setApplicationDescription("Design software architectures and compare their figures.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("file", "Project to open (*.archbench.json).");
  QCommandLineOption catalog_dir("catalog", "Component catalog folder.", "dir");
  QCommandLineOption screenshot("screenshot", "Save a screenshot of the window to FILE and quit.",
                                "file");
  QCommandLineOption version("project-version", "Version of the project to show first (e.g. V1).",
                             "name");
  QCommandLineOption size("size", "Window size for --screenshot (default 1400x860).", "WxH",
                          "1400x860");
  QCommandLineOption select("select", "Component to select for --screenshot.", "id");
  QCommandLineOption compare(
      "compare",
      "With --screenshot: grab the comparison window on TAB (table, latency, "
      "cost, utilization, evolution, diff).",
      "tab");
  QCommandLineOption impact("impact", "With --screenshot: grab the impact heatmap window.");
  QCommandLineOption experiments(
      "experiments", "With --screenshot: show the experiments, run them all, grab the window.");
  QCommandLineOption fault(
      "fault",
      QStringLiteral("Apply a fault to the version on show at start-up (repeatable): ") +
          fault_spec::help() + QStringLiteral("."),
      "spec");
  QCommandLineOption practice("practice", "Start a practice session on scenario ID (see archbench-cli practice list).",
                              "id");
  QCommandLineOption reportCard("report-card",
                                "With --screenshot: grab the report card of the attempt that is open.");
  QCommandLineOption reference(
      "reference", "With --screenshot: grab a finished attempt beside the reference solution (comparison table).");
  QCommandLineOption paletteOption("palette", "Use a dark or the light palette instead of the system's.",
                                   "dark|light");
  QCommandLineOption arrangeOption("arrange", "Arrange the version (Edit → Arrange) after opening it.");
  QCommandLineOption legendOption("legend", "Show the legend on the canvas (Help → Legend).");
  QCommandLineOption simulate(
      "simulate",
      "With --screenshot: run Simulate and grab its window on TAB (timeline, traces, figures), or "
      "the main window replaying it (canvas, at --sim-at).",
      "tab");
  QCommandLineOption simFault("sim-fault", "With --simulate: a fault in time, TYPE:TARGET@START-END "
                              "in seconds (repeatable), e.g. crash:db@60-90.", "spec");
  QCommandLineOption simDuration("sim-duration", "With --simulate: the duration in seconds.", "s");
  QCommandLineOption simAt("sim-at", "With --simulate canvas or timeline: the replay's time in seconds.", "s");
  QCommandLineOption simTrace("sim-trace", "With --simulate traces: the trace to show (from 0).", "n");
  QCommandLineOption simTraces("sim-traces", "With --simulate: the traces to record.", "n");
  QCommandLineOption simScenario("sim-scenario",
                                 "With --simulate: run the simulation NAME the version stores "
                                 "(Simulate ▸ Examples), before the other --sim options.",
                                 "name");
  parser.addOptions({catalog_dir, screenshot, version, size, select, compare, impact, experiments, fault, practice,
                     reportCard, reference, arrangeOption, legendOption, paletteOption, simulate, simFault,
                     simDuration, simAt, simTrace, simTraces, simScenario});
  parser.process(app);

  // --screenshot runs unattended (scripts, tests): a message goes to stderr and the exit code
  // says it failed, where a user would get a dialog box to dismiss.
  const bool unattended = parser.isSet(screenshot);
  if (parser.isSet(paletteOption)) {
    const QString which = parser.value(paletteOption);
    if (which != "dark" && which != "light") {
      QTextStream(stderr) << "--palette: expected dark or light, got \"" << which << "\"\n";
      return 2;
    }
    QApplication::setStyle("Fusion");
    QApplication::setPalette(which == "dark" ? style::dark_palette() : QApplication::style()->standardPalette());
  }
  auto report = [unattended](const QString& message) {
    if (unattended)
      QTextStream(stderr) << "archbench: " << message << '\n';
    else
      QMessageBox::critical(nullptr, "ArchBench", message);
  };

  // What the app runs of the CLI's code (File ▸ Export Report) finds the same catalog.
  if (parser.isSet(catalog_dir)) qputenv("ARCHBENCH_CATALOG", parser.value(catalog_dir).toLocal8Bit());
  archbench::Catalog catalog;
  try {
    catalog = parser.isSet(catalog_dir)
                  ? archbench::Catalog::load(parser.value(catalog_dir).toStdString())
                  : archbench::Catalog::load_default();
  } catch (const std::exception& e) {
    report(QString("Cannot load the component catalog.\n\n%1").arg(e.what()));
    return 1;
  }

  MainWindow window(catalog);
  if (unattended) {
    window.showError = report;
    const QStringList wh = parser.value(size).split('x');
    if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
  }
  window.show();
  // After a crash or a kill, the unsaved changes a dead process autosaved come first: recovered,
  // they are what the user was working on, and the file on the command line is not opened.
  const bool recovered = !unattended && window.offerRecovery();
  // The first start shows the tour (Help → Take the Tour shows it again).
  if (!unattended) {
    QSettings settings;
    if (!settings.value("help/tourShown", false).toBool()) {
      settings.setValue("help/tourShown", true);
      auto* tour = new TourDialog(&window);
      tour->setAttribute(Qt::WA_DeleteOnClose);
      tour->show();
    }
  }
  if (!recovered && !parser.positionalArguments().isEmpty() &&
      !window.openFile(parser.positionalArguments().first()))
    return unattended ? 1 : app.exec();
  if (parser.isSet(practice) && !window.practice()->startScenario(parser.value(practice)))
    return unattended ? 1 : app.exec();
  if (parser.isSet(version)) {
    const auto& versions = window.document()->project().versions;
    for (int i = 0; i < static_cast<int>(versions.size()); ++i) {
      if (QString::fromStdString(versions[i].name) == parser.value(version))
        window.document()->setVersionIndex(i);
    }
  }
  if (parser.isSet(arrangeOption)) arrange(window.scene());
  if (parser.isSet(legendOption))
    if (auto* legend = window.findChild<QAction*>("legend", Qt::FindDirectChildrenOnly)) legend->trigger();
  if (parser.isSet(fault)) {
    // The scenario to look at, as one undo step: the document differs from its file.
    std::vector<archbench::Fault> faults;
    for (const QString& spec : parser.values(fault)) {
      QString error;
      const auto f = fault_spec::parse(spec, window.document()->version(), &error);
      if (!f) {
        QTextStream(stderr) << error << '\n';
        return 2;
      }
      faults.push_back(*f);
    }
    // The engine's own checks: a flush of something that is not a cache, more instances lost
    // than exist, two faults of one type on one component.
    const auto problems =
        archbench::validate_faults(window.document()->version(), catalog, faults, "");
    for (const auto& p : problems)
      QTextStream(stderr) << "--fault: " << QString::fromStdString(p.message) << '\n';
    if (!problems.empty()) return 2;
    window.document()->setFaults(faults, QObject::tr("Faults from the command line"));
  }
  if (parser.isSet(screenshot) && parser.isSet(impact)) {
    // Open the heatmap and grab it once the engine's matrix is on show.
    window.action("impact")->trigger();
    ImpactWindow* heat = window.impactWindow();
    if (!heat) return 1;
    auto grab = [&] {
      // It fits itself to its first result; a size given on the command line wins.
      if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split('x');
        if (wh.size() == 2) heat->resize(wh[0].toInt(), wh[1].toInt());
      }
      QTimer::singleShot(300, heat,
                         [&] { app.exit(heat->grab().save(parser.value(screenshot)) ? 0 : 1); });
    };
    if (heat->matrix() && !heat->isUpdating())
      grab();
    else
      QObject::connect(heat, &ImpactWindow::refreshed, heat, grab, Qt::SingleShotConnection);
    return app.exec();
  }
  if (parser.isSet(screenshot) && parser.isSet(experiments)) {
    // Show the experiments under the canvas, run them all, and grab the window with the results.
    window.action("experiments")->trigger();
    // Tall enough for a few experiments and their conditions beside them.
    window.resizeDocks({window.findChild<QDockWidget*>("experimentsDock")},
                       {window.height() * 2 / 5}, Qt::Vertical);
    ExperimentsView* view = window.experimentsView();
    auto grab = [&] {
      QTimer::singleShot(300, &window, [&] {
        window.view()->zoomToFit();
        app.exit(window.saveScreenshot(parser.value(screenshot)) ? 0 : 1);
      });
    };
    QTimer::singleShot(200, &window, [&] {
      if (window.document()->version().experiments.empty()) return grab();
      QObject::connect(view, &ExperimentsView::ran, view, grab, Qt::SingleShotConnection);
      view->runAll();
    });
    return app.exec();
  }
  if (parser.isSet(screenshot) && (parser.isSet(reportCard) || parser.isSet(reference))) {
    // The attempt's report card, or the attempt beside the reference, as the candidate sees it.
    PracticeMode* mode = window.practice();
    QWidget* shown = nullptr;
    if (parser.isSet(reportCard)) {
      mode->showReportCard();
      shown = mode->reportDialog();
    } else {
      mode->compareWithReference();
      shown = mode->referenceWindow();
    }
    if (!shown) {
      report(QObject::tr("%1 is not a finished practice attempt: there is nothing to grab.")
                 .arg(parser.positionalArguments().value(0)));
      return 1;
    }
    const QStringList wh = parser.value(size).split('x');
    if (parser.isSet(size) && wh.size() == 2) shown->resize(wh[0].toInt(), wh[1].toInt());
    auto grab = [&] { QTimer::singleShot(300, shown, [&] { app.exit(shown->grab().save(parser.value(screenshot)) ? 0 : 1); }); };
    auto* cmp = qobject_cast<ComparisonWindow*>(shown);
    if (!cmp || (cmp->comparison() && !cmp->isUpdating()))
      grab();
    else
      QObject::connect(cmp, &ComparisonWindow::refreshed, cmp, grab, Qt::SingleShotConnection);
    return app.exec();
  }
  if (parser.isSet(screenshot) && parser.isSet(simulate)) {
    simulate_ui::ScreenshotRun run;
    run.faults = parser.values(simFault);
    run.duration_s = parser.value(simDuration).toDouble();
    run.trace = parser.isSet(simTrace) ? parser.value(simTrace).toInt() : -1;
    run.traces = parser.isSet(simTraces) ? parser.value(simTraces).toInt() : -1;
    run.stored = parser.value(simScenario);
    const QString tab = parser.value(simulate).toLower();
    simulate_ui::runForScreenshot(
        &window, window.document(), window.scene(), run,
        [&](SimulationWindow* sw, const QString& error) {
          if (!sw) {
            report(error);
            app.exit(1);
            return;
          }
          const QStringList wh = parser.value(size).split('x');
          if (tab != "canvas" && wh.size() == 2) sw->resize(wh[0].toInt(), wh[1].toInt());
          sw->tabs()->setCurrentIndex(std::max(0, static_cast<int>(
                                                      QStringList{"timeline", "traces", "figures"}.indexOf(tab))));
          if (parser.isSet(simAt))
            sw->showStep(static_cast<int>(parser.value(simAt).toDouble() /
                                          sw->report().timeline->step_s));
          QWidget* shot = tab == "canvas" ? static_cast<QWidget*>(&window) : sw;
          if (tab == "canvas") sw->hide();
          QTimer::singleShot(400, shot, [&, shot] {
            if (tab == "canvas") window.view()->zoomToFit();
            app.exit(shot->grab().save(parser.value(screenshot)) ? 0 : 1);
          });
        });
    return app.exec();
  }
  if (parser.isSet(screenshot) && parser.isSet(compare)) {
    // Open the comparison window on the requested tab and grab it once its figures are in.
    window.action("compare")->trigger();
    auto* cmp = window.findChild<ComparisonWindow*>();
    if (!cmp) return 1;
    const QStringList tabs{"table", "latency", "cost", "utilization", "evolution", "diff"};
    const QStringList wh = parser.value(size).split('x');
    if (wh.size() == 2) cmp->resize(wh[0].toInt(), wh[1].toInt());
    if (auto* tab = cmp->findChild<QTabWidget*>("tabs"))
      tab->setCurrentIndex(
          std::max(0, static_cast<int>(tabs.indexOf(parser.value(compare).toLower()))));
    auto grab = [&] {
      QTimer::singleShot(300, cmp,
                         [&] { app.exit(cmp->grab().save(parser.value(screenshot)) ? 0 : 1); });
    };
    if (cmp->comparison() && !cmp->isUpdating())
      grab();
    else
      QObject::connect(cmp, &ComparisonWindow::refreshed, cmp, grab, Qt::SingleShotConnection);
    return app.exec();
  }
  if (parser.isSet(screenshot)) {
    // Let the layout settle, fit the canvas, then grab the window as a user would see it.
    QTimer::singleShot(200, &window, [&] {
      window.view()->zoomToFit();
      if (parser.isSet(select)) window.scene()->selectComponents({parser.value(select)});
      QTimer::singleShot(200, &window, [&] {
        const bool ok = window.saveScreenshot(parser.value(screenshot));
        app.exit(ok ? 0 : 1);
      });
    });
  }
  return app.exec();
}
