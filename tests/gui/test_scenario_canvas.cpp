// GUI tests for the scenario on the canvas (issue: a crashed cache left the app servers green and
// the links at their steady rates): under a what-if, each card shows how the visits that reach it
// end (the engine's visit shares) in the fault or strained colour, and a link into a component
// with one caller shows the rate the scenario carries. Expected texts come from the engine.
#include <QtTest>

#include "archbench/format.h"
#include "canvas/canvasscene.h"
#include "canvas/linkitem.h"
#include "canvas/nodeitem.h"
#include "document/document.h"
#include "gui_fixture.h"

using namespace gui_fixture;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

archbench::Fault crash(const std::string& id) {
  archbench::Fault f;
  f.component = id;
  return f;
}

}  // namespace

class TestScenarioCanvas : public QObject {
  Q_OBJECT

 private slots:
  void cardsShowTheSharesOfTheirVisitsThatFailOrDegrade();
  void linkShowsTheRateTheScenarioCarries();
};

void TestScenarioCanvas::cardsShowTheSharesOfTheirVisitsThatFailOrDegrade() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  doc->setVersionIndex(2);  // V3: reads fall back to a degraded answer when the database is down
  doc->setFaults({crash("db")}, "crash db");
  const archbench::WhatIfReport* r = doc->faultReport();
  QVERIFY(r);
  const archbench::ComponentOutcome* app = r->faulted.component("app");
  QVERIFY(app);
  QVERIFY(app->visit_degraded > 0.01);  // the premise: some of the app's visits are degraded
  const NodeItem* card = win.w.scene()->node("app");
  QVERIFY(card);
  QCOMPARE(card->look().impact, NodeItem::Look::Impact::Degraded);
  QVERIFY2(card->look().figure.contains(q(archbench::format_percent(app->visit_degraded)) + " degraded"),
           qPrintable(card->look().figure));
  // The crashed database itself is down, not "failing": its own fault is what the card says.
  QVERIFY(win.w.scene()->node("db")->look().down);
  // V1 (no fallback): with the database crashed the app's visits fail, in the fault colour.
  doc->setVersionIndex(0);
  doc->setFaults({crash("db")}, "crash db");
  const archbench::ComponentOutcome* app1 = doc->faultReport()->faulted.component("app");
  QVERIFY(app1 && app1->visit_failed > 0.5);
  QCOMPARE(win.w.scene()->node("app")->look().impact, NodeItem::Look::Impact::Failing);
  QVERIFY(win.w.scene()->node("app")->look().figure.startsWith(q(archbench::format_percent(app1->visit_failed)) + " fail"));
  // Back to the steady state: no impact anywhere.
  doc->setFaults({}, "clear");
  for (const auto& c : doc->version().components)
    QCOMPARE(win.w.scene()->node(q(c.id))->look().impact, NodeItem::Look::Impact::None);
}

void TestScenarioCanvas::linkShowsTheRateTheScenarioCarries() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  doc->setVersionIndex(1);  // V2: app → cache → db
  const LinkItem* link = win.w.scene()->linkItem({"app", "cache"});
  QVERIFY(link);
  const QString steady = link->label();
  doc->setFaults({crash("cache")}, "crash cache");
  const archbench::WhatIfReport* r = doc->faultReport();
  QVERIFY(r);
  const archbench::ComponentOutcome* cache = r->faulted.component("cache");
  QVERIFY(cache && cache->down);
  // steady → carried: the steady label, then the engine's carried rate (0 for a down cache).
  QCOMPARE(link->label(), steady + " → " + q(archbench::format_rate(cache->carried_per_s())));
  QVERIFY(link->label().endsWith(q(archbench::format_rate(0))));
  doc->setFaults({}, "clear");
  QCOMPARE(link->label(), steady);
}

QTEST_MAIN(TestScenarioCanvas)
#include "test_scenario_canvas.moc"
