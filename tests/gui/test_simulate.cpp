// Simulate in the app: a short run through the dialog (off the GUI thread) opens the simulation
// window, whose charts have points, whose table shows the engine's simulated figures for the
// same seed as archbench-cli simulate prints them, and whose slider replays the run on the
// canvas; Cancel stops a long run promptly; the worker-outage example shows the backlog and its
// drain.
#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QtTest>
#include <algorithm>

#include "archbench/format.h"
#include "canvas/canvasscene.h"
#include "canvas/linkitem.h"
#include "canvas/nodeitem.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "simulate/faultrows.h"
#include "simulate/simfigures.h"
#include "simulate/simulatedialog.h"
#include "simulate/simulationwindow.h"
#include "simulate/timelinecharts.h"
#include "simulate/tracewaterfall.h"

using namespace gui_fixture;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

SimulateDialog* openDialog(MainWindow& w) {
  w.action(QStringLiteral("simulate"))->trigger();
  return w.findChild<SimulateDialog*>();
}

// Runs the dialog's settings and waits for the run's end (on its signal).
SimulationWindow* run(MainWindow& w, SimulateDialog* d) {
  QSignalSpy finished(d->run(), &SimulationRun::finished);
  QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("runButton")), Qt::LeftButton);
  if (!finished.wait(60000)) return nullptr;
  const auto windows = w.findChildren<SimulationWindow*>();
  return windows.isEmpty() ? nullptr : windows.back();
}

// The series of a chart drawn as lines with data (not the replay cursor or a fault band).
QList<QLineSeries*> lines(QChartView* v) {
  QList<QLineSeries*> out;
  for (QAbstractSeries* s : v->chart()->series())
    if (auto* l = qobject_cast<QLineSeries*>(s); l && l->name() != QObject::tr("replay")) out << l;
  return out;
}

std::size_t index_of(const std::vector<std::string>& v, const std::string& x) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), x) - v.begin());
}

}  // namespace

class SimulateTest : public QObject {
  Q_OBJECT

 private slots:
  void shortRunThroughTheDialog() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    SimulateDialog* d = openDialog(win.w);
    QVERIFY(d);
    d->durationField()->setValue(150);
    d->warmupField()->setValue(20);
    d->seedField()->setValue(5);
    // The fault is chosen from the version's components: db exists, "nope" is refused.
    QVERIFY(!d->faults()->addFault("crash", "nope", 0, 60, 90));
    QVERIFY(d->faults()->addFault("crash", "db", 0, 60, 90));
    QCOMPARE(d->faults()->spellings(), QStringList{"--crash db@60s-90s"});
    // Every kind of fault reads as archbench-cli spells it (and is then removed again).
    QVERIFY(d->faults()->addFault("slow", "app", 3, 10, 20));
    QVERIFY(d->faults()->addFault("slow +ms", "app", 200, 10, 20));
    QVERIFY(d->faults()->addFault("lose", "app", 1, 10, 20));
    QVERIFY(d->faults()->addFault("cut", "app->db", 0, 10, 20));
    QVERIFY(d->faults()->addFault("spike", {}, 2, 10, 20));
    QVERIFY(!d->faults()->addFault("flush", "db", 0, 10, 20));  // db is not a cache
    QCOMPARE(
        d->faults()->spellings(),
        (QStringList{"--crash db@60s-90s", "--slow app=3x@10s-20s", "--slow app=+200ms@10s-20s",
                     "--lose app=1@10s-20s", "--cut app->db@10s-20s", "--spike 2@10s-20s"}));
    const auto all = d->faults()->faults();
    QCOMPARE(all[2].fault.add_ms, 200.0);
    QCOMPARE(all[2].fault.factor, 1.0);
    QCOMPARE(all[4].fault.to, std::string("db"));
    QCOMPARE(all[1].fault.duration_s, 10.0);  // the window's length, as the CLI sets it
    // Two slow faults on app: refused in the engine's words, as archbench-cli refuses them.
    QVERIFY(!d->start());
    QVERIFY2(d->message().contains("clashes"), qPrintable(d->message()));
    while (d->faults()->count() > 1) d->faults()->table()->removeRow(1);
    const archbench::SimulateOptions options = d->options();
    const QStringList cli = d->commandLine();
    SimulationWindow* sw = run(win.w, d);
    QVERIFY(sw);
    QVERIFY(sw->isVisible());

    // Charts: every one has series with points; the p95 chart one per class; fault bands.
    const auto& views = sw->charts()->views();
    QCOMPARE(views.size(), std::size_t{4});
    const archbench::SimReport& r = sw->report();
    QVERIFY(r.timeline);
    for (QChartView* v : views) {
      // 150 one-second steps: a line broken only by the crash has a part of 50 points or more.
      int longest = 0;
      for (QLineSeries* l : lines(v)) longest = std::max(longest, static_cast<int>(l->count()));
      QVERIFY2(longest >= 50, qPrintable(v->objectName()));
      int bands = 0;
      for (QAbstractSeries* s : v->chart()->series())
        bands += qobject_cast<QAreaSeries*>(s) != nullptr;
      QCOMPARE(bands, 1);  // the crash's window
    }
    QSet<QString> p95Names;  // a line broken by the crash has parts; one name per class
    for (QLineSeries* l : lines(views[1])) p95Names.insert(l->name());
    QCOMPARE(static_cast<std::size_t>(p95Names.size()), r.classes.size());

    // The table: the engine's figures for the same seed, by the CLI's rule.
    archbench::SimulateOptions same = options;
    same.control = nullptr;
    const archbench::SimReport engine =
        archbench::simulate(win.w.document()->version(), catalog(), same);
    QCOMPARE(engine.events, r.events);
    SimFigures* table = sw->figures();
    QProcess cliRun;
    cliRun.start(QStringLiteral(ARCHBENCH_CLI_PATH),
                 QStringList{"simulate", preset("blog.archbench.json"), "--version",
                             q(win.w.document()->version().name)} +
                     cli);
    QVERIFY(cliRun.waitForFinished(60000));
    QCOMPARE(cliRun.exitCode(), 0);
    const QString cliText = QString::fromUtf8(cliRun.readAllStandardOutput());
    for (const auto& c : engine.classes) {
      QVERIFY(c.latency);
      for (const auto& [name, e] :
           {std::pair{"mean", c.latency->mean}, std::pair{"p95", c.latency->p95},
            std::pair{"p99", c.latency->p99}}) {
        const int row = table->rowOf(q(c.name), QString::fromLatin1(name));
        QVERIFY(row >= 0);
        const QString expected = q(archbench::format_ms_interval(e.value, e.half_width));
        QCOMPARE(table->cell(row, SimFigures::kSimulated), expected);
        // archbench-cli simulate prints the same string in the class's row.
        const QString cliRow =
            cliText.split('\n').filter(QRegularExpression("^\\s*" + q(c.name) + "\\s")).value(0);
        QVERIFY2(cliRow.contains(expected), qPrintable(cliRow + " lacks " + expected));
      }
    }

    // The waterfall shows a trace with nested visits.
    QVERIFY(!r.traces.empty());
    const archbench::SimTrace* trace = sw->waterfall()->view()->trace();
    QVERIFY(trace);
    QVERIFY(trace->spans.size() > 1);
    QCOMPARE(sw->waterfall()->picker()->count(), static_cast<int>(r.traces.size()));

    // The slider replays on the canvas: during the crash db is down; before it db shows the
    // step's utilization and each link its calls per second.
    const archbench::SimTimeline& t = *r.timeline;
    const std::size_t db = index_of(t.components, "db");
    QVERIFY(db < t.components.size());
    NodeItem* node = win.w.scene()->node("db");
    const NodeItem::Look steady = node->look();
    sw->slider()->setValue(30);
    QVERIFY(win.w.scene()->replay());
    QVERIFY(win.w.statusBar()->currentMessage().contains("replayed at 30 s"));
    QCOMPARE(node->look().utilization.value_or(-1), t.utilization[db][30]);
    QVERIFY(node->look() != steady);
    const std::size_t link = index_of(t.call_links, "app → db");
    QVERIFY(link < t.call_links.size());
    QCOMPARE(win.w.scene()->linkItem({"app", "db"})->label(),
             q(archbench::format_rate(t.calls_per_s[link][30])));
    sw->slider()->setValue(75);  // crashed from 60 s to 90 s
    QVERIFY(node->look().down);
    // Play moves the slider forward; pause stops it.
    sw->slider()->setValue(0);
    QTest::mouseClick(sw->playButton(), Qt::LeftButton);
    QVERIFY(sw->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(sw->slider()->value() > 0, 5000);
    QTest::mouseClick(sw->playButton(), Qt::LeftButton);
    QVERIFY(!sw->isPlaying());

    // Esc closes the window and gives the canvas back its steady look.
    QPointer<SimulationWindow> guard(sw);
    sw->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(sw));
    QTest::keyClick(sw, Qt::Key_Escape);
    QTRY_VERIFY(guard.isNull());  // closed and deleted
    QVERIFY(!win.w.scene()->replay());
    QCOMPARE(node->look(), steady);
  }

  void windowClosesWithEscCtrlWAndAButton() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    SimulationOutcome outcome;
    outcome.version = win.w.document()->version();
    outcome.options.duration_s = 30;
    outcome.options.warmup_s = 5;
    outcome.options.timeline_step_s = 1;
    outcome.report = archbench::simulate(outcome.version, catalog(), outcome.options);
    for (int way = 0; way < 3; ++way) {
      QPointer<SimulationWindow> w = new SimulationWindow(outcome, win.w.scene(), &win.w);
      w->setWindowFlag(Qt::Window);
      w->show();
      QVERIFY(QTest::qWaitForWindowExposed(w));
      w->activateWindow();
      QVERIFY(QTest::qWaitForWindowActive(w));
      w->slider()->setValue(10);
      QVERIFY(win.w.scene()->replay());
      if (way == 0) QTest::keyClick(w, Qt::Key_Escape);
      if (way == 1) QTest::keyClick(w, Qt::Key_W, Qt::ControlModifier);
      if (way == 2) w->findChild<QPushButton*>("closeButton")->click();
      QTRY_VERIFY2(w.isNull(), qPrintable(QStringLiteral("way %1").arg(way)));
      QVERIFY(!win.w.scene()->replay());  // the canvas has its steady figures back
    }
  }

  void waterfallMarksRetriesAndTimeouts() {
    // A call to db tried twice: the first attempt was still unanswered when the retry was sent
    // (timed out), the retry answered; a second call's only attempt never ended.
    archbench::SimTrace t;
    t.request_class = "read_post";
    t.latency_ms = 400;
    t.outcome = "success";
    auto span = [&](int parent, const char* component, int attempt, double sent, double end) {
      archbench::SimSpan s;
      s.parent = parent;
      s.component = component;
      s.attempt = attempt;
      s.sent_ms = sent;
      s.arrived_ms = sent + 1;
      s.service_ms = 2;
      s.end_ms = end;
      s.outcome = end < 0 ? "failed" : "success";
      t.spans.push_back(s);
    };
    span(-1, "users", 0, 0, 400);
    span(0, "app", 0, 0, 390);
    span(1, "db", 0, 10, 300);   // overtaken by its retry at 260 ms
    span(1, "db", 1, 260, 280);  // the retry
    span(1, "cache", 0, 290, -1);
    WaterfallView view;
    view.setTrace(&t);
    QVERIFY(!view.timedOut(1));
    QVERIFY(view.timedOut(2));
    QVERIFY(!view.timedOut(3));
    QVERIFY(!view.timedOut(4));  // never ended, but no retry gave up on it
    view.resize(900, 300);
    QVERIFY(!view.grab().isNull());  // paints without a crash
  }

  void cancelStopsALongRunPromptly() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    SimulateDialog* d = openDialog(win.w);
    QVERIFY(d);
    d->durationField()->setValue(1e6);  // 11 days of traffic: minutes of computing
    d->warmupField()->setValue(60);
    // Too fine a timeline for so long a run is refused with the reason.
    QVERIFY(!d->start());
    QVERIFY(d->message().contains("step"));
    d->findChild<QDoubleSpinBox*>(QStringLiteral("step"))->setValue(100);
    QSignalSpy progressed(d->run(), &SimulationRun::progressed);
    QSignalSpy finished(d->run(), &SimulationRun::finished);
    QVERIFY(d->start());
    QVERIFY(d->run()->isRunning());
    while (d->run()->fraction() <= 0) QVERIFY(progressed.wait(10000));
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
    // The engine checks the flag every 4,096 events: a fraction of a second.
    QVERIFY(finished.wait(3000));
    QVERIFY(d->run()->outcome().cancelled);
    QVERIFY(d->run()->fraction() < 0.01);
    QVERIFY(d->isVisible());
    QVERIFY(d->message().contains("Cancelled"));
    QVERIFY(win.w.findChildren<SimulationWindow*>().isEmpty());
  }

  void workerOutageExampleBuildsAndDrainsTheBacklog() {
    Window win;
    win.w.findChild<QAction*>(QStringLiteral("exampleWorkerOutage"))->trigger();
    QCOMPARE(win.w.document()->version().name, std::string("V1"));
    SimulateDialog* d = win.w.findChild<SimulateDialog*>();
    QVERIFY(d);
    QCOMPARE(d->faults()->spellings(), QStringList{"--crash workers@100s-700s"});
    SimulationWindow* sw = run(win.w, d);
    QVERIFY(sw);
    // Uploads at λ wait in the queue while the workers are down (600 s): the backlog peaks at
    // λ × 600 s and drains in backlog / (μ − λ), μ = λ / ρ with ρ the pool's analytic
    // utilization (docs/SIMULATE.md; tolerances as the engine's test, about 2.5 standard
    // deviations: 10% on the peak, 15% on the drain).
    const archbench::Report* steady = win.w.document()->report();
    QVERIFY(steady);
    const double lambda = steady->request_class("upload")->rate_per_s;
    const double mu = lambda / *steady->component("workers")->utilization;
    const double backlog = lambda * 600, drain = backlog / (mu - lambda);
    const archbench::SimReport& r = sw->report();
    const double peak = static_cast<double>(r.component("workers")->peak_queue);
    QVERIFY2(std::fabs(peak - backlog) <= 0.1 * backlog,
             qPrintable(QString("peak %1, expected %2").arg(peak).arg(backlog)));
    const archbench::SimTimeline& t = *r.timeline;
    const std::size_t w = index_of(t.components, "workers");
    std::size_t step = 700;
    while (step < t.queue_length[w].size() && t.queue_length[w][step] > 0) ++step;
    const double drained = static_cast<double>(step) - 700;
    QVERIFY2(std::fabs(drained - drain) <= 0.15 * drain,
             qPrintable(QString("drained in %1 s, expected %2 s").arg(drained).arg(drain)));
    // The queue chart shows the workers' backlog.
    QChartView* queue = sw->charts()->views()[2];
    bool shown = false;
    for (QLineSeries* l : lines(queue)) {
      if (l->name() != "workers") continue;
      double top = 0;
      for (const QPointF& p : l->points()) top = std::max(top, p.y());
      shown = top > 0.9 * backlog;
    }
    QVERIFY(shown);
  }

  void stampedeExampleLoadsItsRestartAndRuns() {
    Window win;
    auto* action = win.w.findChild<QAction*>(QStringLiteral("example V1 All pods restart at once"));
    QVERIFY(action);
    QVERIFY(action->toolTip().contains("success share"));
    action->trigger();
    QCOMPARE(win.w.document()->project().name, std::string("Restart stampede"));
    SimulateDialog* d = win.w.findChild<SimulateDialog*>();
    QVERIFY(d);
    // Settings and the restart come from the version's stored simulation, spelled as the CLI's.
    QCOMPARE(d->durationField()->value(), 150.0);
    QCOMPARE(d->warmupField()->value(), 30.0);
    QVERIFY(d->faults()->spellings().isEmpty());
    QVERIFY(d->commandLine().join(' ').endsWith("--restart app=10s@60s"));
    SimulationWindow* sw = run(win.w, d);
    QVERIFY(sw);
    // 24 pods × 20 against 500: 2 × 480 − 500 = 460 refused on each of the 4 tries before the old
    // pods stop (tests/engine/test_simulate_stories.cpp derives it): the same figure here.
    const archbench::SimReport& r = sw->report();
    QCOMPARE(r.restarts.size(), std::size_t{1});
    bool found = false;
    for (const auto& l : r.links)
      if (l.from == "app" && l.to == "db") found = l.refused_pool_connections == 4 * 460;
    QVERIFY(found);
  }
};

QTEST_MAIN(SimulateTest)
#include "test_simulate.moc"
