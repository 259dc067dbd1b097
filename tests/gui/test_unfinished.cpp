// GUI test: an unfinished design shows what can be computed, each problem at its component (a
// tag and a tooltip on the canvas, a line under the totals), and a component that carries no
// traffic says so.
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "canvas/canvasscene.h"
#include "canvas/nodeitem.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "metrics/metricspanel.h"

using namespace gui_fixture;

namespace {

QString fixture(const char* name) {
  return QStringLiteral(ARCHBENCH_TEST_FIXTURES_DIR "/unfinished/") + name;
}

QString q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

class TestUnfinished : public QObject {
  Q_OBJECT

 private slots:
  void aClassWithNoRouteIsShownAtItsEntry();
  void anUnlinkedComponentSaysItCarriesNoTraffic();
  void aHalfRoutedClassBesideAFineOne();
};

void TestUnfinished::aClassWithNoRouteIsShownAtItsEntry() {
  // A new project: Users and a class "requests" that goes nowhere yet.
  Window win;
  Document* doc = win.w.document();
  QVERIFY(doc->evaluation());
  QVERIFY(!doc->evaluation()->complete());
  QVERIFY(doc->report());  // what can be computed: no class, the users' card
  NodeItem* users = win.w.scene()->node("users");
  QVERIFY(users);
  QCOMPARE(users->look().problem, QStringLiteral("UNFINISHED"));
  QVERIFY2(users->look().tooltip.contains("goes no further than"), qPrintable(users->look().tooltip));
  // The metrics panel lists the problem at the component, by its name, under the totals, and
  // the class it leaves out reads "not computed".
  const QString totals = win.w.metricsPanel()->totalsLabel()->text();
  QVERIFY2(totals.contains("Unfinished:"), qPrintable(totals));
  QVERIFY2(totals.contains("<b>Users</b>"), qPrintable(totals));
  QTableWidget* classes = win.w.metricsPanel()->classesTable();
  const int row = row_of(classes, "requests");
  QVERIFY(row >= 0);
  QCOMPARE(classes->item(row, column_of(classes, "Mean"))->text(), QStringLiteral("not computed"));
  // Linking Users to an app server finishes it: the tag goes, the class is computed.
  const QString app = doc->addComponent("app_server", QPointF(200, 0));
  QVERIFY(doc->addLink("users", app));
  QVERIFY(doc->evaluation()->complete());
  QVERIFY(users->look().problem.isEmpty());
  QVERIFY(!win.w.metricsPanel()->totalsLabel()->text().contains("Unfinished:"));
  QVERIFY(classes->item(row_of(classes, "requests"), column_of(classes, "Mean"))->text() !=
          QStringLiteral("not computed"));
}

void TestUnfinished::anUnlinkedComponentSaysItCarriesNoTraffic() {
  Window win;
  QVERIFY(win.w.openFile(fixture("unlinked-component.json")));
  Document* doc = win.w.document();
  QVERIFY(doc->evaluation()->complete());
  NodeItem* spare = win.w.scene()->node("spare");
  QVERIFY(spare);
  QCOMPARE(spare->look().figure, QStringLiteral("no traffic"));
  QVERIFY(spare->look().problem.isEmpty());  // idle is no problem, but it is said
  QVERIFY2(spare->look().tooltip.contains("carries no traffic"), qPrintable(spare->look().tooltip));
  QVERIFY(spare->look().tooltip.contains("$70.00 a month counts in the total"));
  QTableWidget* comps = win.w.metricsPanel()->componentsTable();
  const int row = row_of(comps, "Spare app");
  QVERIFY(row >= 0);
  QCOMPARE(comps->item(row, column_of(comps, "Utilization"))->text(), QStringLiteral("no traffic"));
  QCOMPARE(comps->item(row, column_of(comps, "Cost"))->text(), QStringLiteral("$70.00"));
  // Its cost is in the total: the engine's figure, by the engine's format.
  QVERIFY(win.w.metricsPanel()->totalsLabel()->text().contains(
      q(archbench::format_usd(doc->report()->totals.cost_per_month))));
  QVERIFY(win.w.scene()->node("app")->look().figure != QStringLiteral("no traffic"));
}

void TestUnfinished::aHalfRoutedClassBesideAFineOne() {
  Window win;
  QVERIFY(win.w.openFile(fixture("half-routed.json")));
  Document* doc = win.w.document();
  QVERIFY(!doc->evaluation()->complete());
  // The queue that stops "upload" carries the problem; the app carries both classes and says
  // its figures leave "upload" out; the workers idle.
  QCOMPARE(win.w.scene()->node("q")->look().problem, QStringLiteral("UNFINISHED"));
  QCOMPARE(win.w.scene()->node("q")->look().figure, QStringLiteral("not computed"));
  QVERIFY(win.w.scene()->node("app")->look().problem.isEmpty());
  QVERIFY(win.w.scene()->node("app")->look().tooltip.contains("without class"));
  QCOMPARE(win.w.scene()->node("workers")->look().figure, QStringLiteral("no traffic"));
  // read's figures are those of the finished design without "upload", as the engine gives them.
  const archbench::Project finished =
      archbench::load_project(fixture("read-only.json").toStdString(), catalog());
  const archbench::Report want = archbench::evaluate(finished.versions.at(0), catalog());
  QTableWidget* classes = win.w.metricsPanel()->classesTable();
  const int read = row_of(classes, "read");
  QVERIFY(read >= 0);
  QCOMPARE(classes->item(read, column_of(classes, "p95"))->text(),
           q(archbench::format_ms(want.classes.at(0).latency->p95)));
  QCOMPARE(classes->item(row_of(classes, "upload"), column_of(classes, "p95"))->text(),
           QStringLiteral("not computed"));
  // A problem names the component as the user named it.
  doc->setComponentName("q", "Upload queue");
  QVERIFY2(win.w.metricsPanel()->totalsLabel()->text().contains("&quot;Upload queue&quot;"),
           qPrintable(win.w.metricsPanel()->totalsLabel()->text()));
  // An unfinished design saves and opens again as it was.
  QTemporaryDir dir;
  const QString path = dir.filePath("half.archbench.json");
  QString error;
  QVERIFY2(doc->save(path, &error), qPrintable(error));
  QVERIFY(win.w.openFile(path));
  QCOMPARE(win.w.document()->evaluation()->left_out, std::vector<std::string>{"upload"});
}

QTEST_MAIN(TestUnfinished)
#include "test_unfinished.moc"
