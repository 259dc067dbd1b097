// GUI tests for the scenario on the canvas (issue: a crashed cache left the app servers green and
// the links at their steady rates): under a what-if, each card shows how the visits that reach it
// end (the engine's visit shares) in the fault or strained colour, and every link shows the rate
// it carries (Report::links), "steady → carried" under a scenario (LinkOutcome::carried_per_s).
// Expected texts come from the engine.
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
  void everyLinkShowsTheEngineRateAlsoIntoACalleeWithSeveralCallers();
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

void TestScenarioCanvas::everyLinkShowsTheEngineRateAlsoIntoACalleeWithSeveralCallers() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  for (int v = 0; v < 3; ++v) {
    doc->setVersionIndex(v);
    const archbench::Report* rep = doc->report();
    QVERIFY(rep);
    QCOMPARE(rep->links.size(), doc->version().links.size());
    for (const auto& l : rep->links) {
      const LinkItem* item = win.w.scene()->linkItem({q(l.from), q(l.to)});
      QVERIFY(item);
      QCOMPARE(item->label(), q(archbench::format_rate(l.calls_per_s)));
    }
  }
  // V2: the database has two callers (app on a write, the cache on a miss); the two labels are
  // the engine's per-link rates and they add up to the database's arrivals.
  doc->setVersionIndex(1);
  const archbench::Report* rep = doc->report();
  const double sum = rep->link("app", "db")->calls_per_s + rep->link("cache", "db")->calls_per_s;
  QVERIFY(rep->link("app", "db")->calls_per_s > 0 && rep->link("cache", "db")->calls_per_s > 0);
  QCOMPARE(sum, rep->component("db")->arrival_per_s);
  // Crash the cache: what it sent the database is no longer carried, and every link under the
  // scenario reads "steady → carried" from the engine's link outcome when the two differ.
  doc->setFaults({crash("cache")}, "crash cache");
  const archbench::WhatIfReport* r = doc->faultReport();
  QVERIFY(r);
  int changed = 0;
  for (const auto& o : r->faulted.links) {
    const QString steady = q(archbench::format_rate(rep->link(o.from, o.to)->calls_per_s));
    const QString carried = q(archbench::format_rate(o.carried_per_s));
    const QString want = steady == carried ? steady : steady + " → " + carried;
    QCOMPARE(win.w.scene()->linkItem({q(o.from), q(o.to)})->label(), want);
    changed += steady != carried;
  }
  QVERIFY(changed >= 2);
  // The down cache serves none of the app's calls; its reads fall through to the database
  // (on_failure: fall_through), all of them now, so cache → db carries more than its misses.
  QVERIFY(win.w.scene()->linkItem({"app", "cache"})->label().endsWith(q(archbench::format_rate(0))));
  // Steady: 6.94 reads/s × 3 calls × (1 − hit ratio); faulted: all 6.94 × 3 = 20.8/s.
  double fallen = 0;
  for (const auto& o : r->faulted.links)
    if (o.from == "cache" && o.to == "db") fallen = o.carried_per_s;
  QVERIFY(fallen > 4 * rep->link("cache", "db")->calls_per_s);
}

QTEST_MAIN(TestScenarioCanvas)
#include "test_scenario_canvas.moc"
