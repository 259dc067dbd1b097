// GUI tests for what people read: after a rename, undo steps, the bottleneck, the scenario,
// refusals and link titles name components by their display names, not by their ids.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QTableWidget>
#include <QtTest>

#include "canvas/canvasscene.h"
#include "canvas/linkitem.h"
#include "document/document.h"
#include "editors/propertyeditor.h"
#include "gui_fixture.h"
#include "metrics/metricspanel.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

// Blog V1 with its app server renamed: the id stays "app", the name is "Gunicorn".
void open_renamed(Window& win) {
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  win.w.document()->setVersionIndex(0);
  win.w.document()->setComponentName(QStringLiteral("app"), QStringLiteral("Gunicorn"));
  QApplication::processEvents();
}

}  // namespace

class GuiNamesTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void undo_steps_and_refusals_name_components_by_their_names() {
    Window win;
    open_renamed(win);
    Document* doc = win.w.document();
    doc->moveComponents({"app"}, {QPointF(260, 120)}, {QPointF(300, 120)});
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Move Gunicorn"));
    QVERIFY(doc->addLink(QStringLiteral("app"), QStringLiteral("s3")));
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Connect Gunicorn → S3 media"));
    QString reason;
    QVERIFY(!doc->canLink(QStringLiteral("app"), QStringLiteral("users"), &reason));
    QCOMPARE(reason, QStringLiteral("Readers is a client: requests start there, nothing calls it."));
    QVERIFY(!doc->canLink(QStringLiteral("app"), QStringLiteral("db"), &reason));
    QCOMPARE(reason, QStringLiteral("Gunicorn already calls PostgreSQL."));
    win.w.scene()->selectLink({"app", "s3"});
    win.w.action("delete")->trigger();
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Delete link Gunicorn → S3 media"));
  }

  void the_bottleneck_and_the_scenario_are_named() {
    Window win;
    open_renamed(win);
    Document* doc = win.w.document();
    const QString totals = win.w.metricsPanel()->totalsLabel()->text();
    // The row link keeps the id; what is shown is the name.
    QVERIFY2(totals.contains(QStringLiteral("<a href='app'>Gunicorn</a>")), qPrintable(totals));
    archbench::Fault crash;
    crash.type = archbench::FaultType::Crash;
    crash.component = "db";
    doc->setFaults({crash}, QStringLiteral("Crash PostgreSQL"));
    QApplication::processEvents();
    QCOMPARE(win.w.scenarioLabel()->text().section(QStringLiteral(" — "), 0, 0),
             QStringLiteral("Scenario: crash PostgreSQL"));
  }

  // The what-if summary's cascade ("Cascade: PostgreSQL (down) → Gunicorn (saturated)") names
  // what fails, as the status bar does; the ids stay in the links' targets only.
  void the_cascade_names_components() {
    Window win;
    open_renamed(win);
    archbench::Fault crash;
    crash.type = archbench::FaultType::Crash;
    crash.component = "db";
    win.w.document()->setFaults({crash}, QStringLiteral("Crash PostgreSQL"));
    QApplication::processEvents();
    const QString summary = win.w.metricsPanel()->totalsLabel()->text();
    QVERIFY2(summary.contains(QStringLiteral("<a href='db'>PostgreSQL</a> (down)")), qPrintable(summary));
    QVERIFY2(!summary.contains(QStringLiteral(">db<")), qPrintable(summary));
  }

  // The what-if table's reasons come from the engine with quoted ids (`fails at "s3"`, the
  // CLI's spelling); the app names the components there, in the queued work's column and in
  // a saturated station's tooltip, and a long reason wraps instead of being cut.
  void the_what_if_reasons_name_components() {
    Window win;
    QVERIFY(win.w.openFile(preset("image-pipeline.archbench.json")));
    archbench::Fault crash;
    crash.type = archbench::FaultType::Crash;
    crash.component = "s3";
    win.w.document()->setFaults({crash}, QStringLiteral("Crash S3 images"));
    QApplication::processEvents();
    const QTableWidget* t = win.w.metricsPanel()->scenarioTable();
    QVERIFY(t->rowCount() > 0);
    QCOMPARE(t->item(0, 0)->text(), QStringLiteral("upload"));
    QCOMPARE(t->item(0, t->columnCount() - 1)->text(), QStringLiteral("fails at \"S3 images\""));
    QCOMPARE(t->item(0, t->columnCount() - 2)->text(), QStringLiteral("S3 images down"));
    QVERIFY(t->wordWrap());
  }

  void a_links_title_names_its_ends() {
    Window win;
    open_renamed(win);
    win.w.scene()->selectLink({"users", "app"});
    QApplication::processEvents();
    bool found = false;
    for (QLabel* label : win.w.propertyEditor()->findChildren<QLabel*>())
      found = found || label->text().contains(QStringLiteral("Readers → Gunicorn"));
    QVERIFY(found);
    // The link on the canvas says the same in its tooltip.
    const QString tip = win.w.scene()->linkItem({"users", "app"})->toolTip();
    QVERIFY2(tip.startsWith(QStringLiteral("Readers → Gunicorn")), qPrintable(tip));
  }
};

QTEST_MAIN(GuiNamesTest)
#include "test_names.moc"
