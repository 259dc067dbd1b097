// File ▸ Import Diagram, Export Diagram, Export Report and Export Costs: the app writes what the
// CLI writes (the same bytes), and an imported diagram becomes a new, unsaved project.
#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "archbench/costs.h"
#include "archbench/diagram.h"
#include "archbench/solver.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "window/fileio.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

QByteArray read_all(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

struct CliResult {
  int code = -1;
  QByteArray out;
};

// The real archbench-cli, for what the app must write the same way.
CliResult run_cli(const QStringList& args) {
  QProcess p;
  p.start(QStringLiteral(ARCHBENCH_CLI_PATH), args);
  if (!p.waitForFinished(60000)) return {};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput()};
}

}  // namespace

class GuiFileIoTest : public QObject {
  Q_OBJECT

 private slots:
  void the_file_menu_has_the_four_actions() {
    Window win;
    QStringList names;
    for (QAction* a : win.w.menuBar()->actions())
      if (a->menu() && a->text().contains("File"))
        for (QAction* item : a->menu()->actions()) names << item->objectName();
    for (const char* n : {"importDiagram", "exportDiagram", "exportReport", "exportCosts"})
      QVERIFY2(names.contains(n), n);
  }

  void an_exported_diagram_is_the_engines_text_and_comes_back_as_a_new_project() {
    Window win;
    open_blog_v1(win);
    QTemporaryDir dir;
    const QString mmd = dir.filePath("v1.mmd");
    QString error;
    QVERIFY2(fileio::exportDiagram(&win.w, mmd, archbench::DiagramFormat::MermaidFlowchart, &error),
             qPrintable(error));
    const archbench::Version v1 = win.w.document()->version();
    QCOMPARE(read_all(mmd).toStdString(),
             archbench::export_diagram(v1, win.w.document()->project().name,
                                       archbench::DiagramFormat::MermaidFlowchart));
    QString summary;
    QVERIFY2(fileio::importDiagram(&win.w, mmd, &summary, &error), qPrintable(error));
    QVERIFY(summary.contains("the version is as exported"));
    QCOMPARE(win.w.document()->versionCount(), 1);
    QVERIFY(win.w.document()->version() == v1);
    QVERIFY(win.w.document()->path().isEmpty());  // a new project, not the blog file
    QVERIFY(win.w.document()->isModified());
  }

  void a_diagram_that_cannot_be_read_leaves_the_document_as_it_was() {
    Window win;
    open_blog_v1(win);
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.mmd");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("flowchart LR\n  A <--> B\n");
    f.close();
    const quint64 serial = win.w.document()->projectSerial();
    QString summary, error;
    QVERIFY(!fileio::importDiagram(&win.w, bad, &summary, &error));
    QVERIFY2(error.contains("bad.mmd: 2:5:"), qPrintable(error));
    QCOMPARE(win.w.document()->projectSerial(), serial);
  }

  void the_report_and_the_costs_are_what_the_cli_writes() {
    Window win;
    QVERIFY(win.w.openFile(preset("image-pipeline.archbench.json")));
    QTemporaryDir dir;
    QString error;
    const QString app_md = dir.filePath("app.md");
    QVERIFY2(fileio::exportReport(&win.w, app_md, &error), qPrintable(error));
    const QString cli_md = dir.filePath("cli.md");
    const CliResult r = run_cli({"report", preset("image-pipeline.archbench.json"), "--catalog",
                                 ARCHBENCH_TEST_CATALOG_DIR, "-o", cli_md});
    QCOMPARE(r.code, 0);
    // The same text but for the file name the report names its source by (the app writes a
    // temporary copy), and the pictures are the same files.
    QByteArray app = read_all(app_md), cli = read_all(cli_md);
    QVERIFY(!app.isEmpty());
    app.replace("app-images/", "cli-images/");
    QCOMPARE(app, cli);
    QCOMPARE(read_all(dir.filePath("app-images/diagram-v2.svg")), read_all(dir.filePath("cli-images/diagram-v2.svg")));

    const QString csv = dir.filePath("costs.csv");
    QVERIFY2(fileio::exportCosts(&win.w, csv, archbench::CostPeriod::Month, &error), qPrintable(error));
    const QString version = QString::fromStdString(win.w.document()->version().name);
    const CliResult c = run_cli({"costs", preset("image-pipeline.archbench.json"), "--catalog",
                                 ARCHBENCH_TEST_CATALOG_DIR, "--version", version, "--format", "csv"});
    QCOMPARE(c.code, 0);
    QCOMPARE(read_all(csv), c.out);
  }
};

QTEST_MAIN(GuiFileIoTest)
#include "test_fileio.moc"
