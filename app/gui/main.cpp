// archbench: the desktop workbench for software architectures.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

#include "archbench/catalog.h"
#include "canvasview.h"
#include <QTabWidget>
#include <algorithm>

#include "canvasscene.h"
#include "comparisonwindow.h"
#include "mainwindow.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("ArchBench");
  QApplication::setApplicationName("ArchBench");
  QApplication::setApplicationVersion("0.1");
  QApplication::setWindowIcon(QIcon(":/icons/load_balancer.svg"));

  QCommandLineParser parser;
  parser.setApplicationDescription("Design software architectures and compare their figures.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("file", "Project to open (*.archbench.json).");
  QCommandLineOption catalog_dir("catalog", "Component catalog folder.", "dir");
  QCommandLineOption screenshot("screenshot", "Save a screenshot of the window to FILE and quit.", "file");
  QCommandLineOption version("project-version", "Version of the project to show first (e.g. V1).", "name");
  QCommandLineOption size("size", "Window size for --screenshot (default 1400x860).", "WxH", "1400x860");
  QCommandLineOption select("select", "Component to select for --screenshot.", "id");
  QCommandLineOption compare("compare",
                             "With --screenshot: grab the comparison window on TAB (table, latency, "
                             "cost, utilization, evolution, diff).",
                             "tab");
  parser.addOptions({catalog_dir, screenshot, version, size, select, compare});
  parser.process(app);

  archbench::Catalog catalog;
  try {
    catalog = parser.isSet(catalog_dir) ? archbench::Catalog::load(parser.value(catalog_dir).toStdString())
                                        : archbench::Catalog::load_default();
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, "ArchBench", QString("Cannot load the component catalog.\n\n%1").arg(e.what()));
    return 1;
  }

  MainWindow window(catalog);
  if (parser.isSet(screenshot)) {
    const QStringList wh = parser.value(size).split('x');
    if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
  }
  window.show();
  if (!parser.positionalArguments().isEmpty() && !window.openFile(parser.positionalArguments().first()))
    return parser.isSet(screenshot) ? 1 : app.exec();
  if (parser.isSet(version)) {
    const auto& versions = window.document()->project().versions;
    for (int i = 0; i < static_cast<int>(versions.size()); ++i) {
      if (QString::fromStdString(versions[i].name) == parser.value(version)) window.document()->setVersionIndex(i);
    }
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
      tab->setCurrentIndex(std::max(0, static_cast<int>(tabs.indexOf(parser.value(compare).toLower()))));
    auto grab = [&] {
      QTimer::singleShot(300, cmp, [&] { app.exit(cmp->grab().save(parser.value(screenshot)) ? 0 : 1); });
    };
    if (cmp->comparison() && !cmp->isUpdating()) grab();
    else QObject::connect(cmp, &ComparisonWindow::refreshed, cmp, grab, Qt::SingleShotConnection);
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
