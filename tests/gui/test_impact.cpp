// Failure analysis in the app: the impact heatmap shows the engine's impact matrix (cells, colour
// bands, ranking), follows the document off the GUI thread and applies a crash on double-click
// (undoable); the experiments view lists the version's experiments, runs them through the engine
// and edits them through undoable commands; --fault specs parse as documented.
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <algorithm>
#include <memory>

#include "archbench/faults.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "document/document.h"
#include "failure/experimentsview.h"
#include "failure/faultspec.h"
#include "gui_fixture.h"
#include "failure/impacttable.h"
#include "failure/impactwindow.h"

using namespace gui_fixture;
using archbench::Cmp;
using archbench::Condition;
using archbench::Experiment;
using archbench::Fault;
using archbench::FaultType;
using archbench::Metric;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Waits (on the window's signal, not on a clock) until no computation runs or is due.
bool settle(ImpactWindow& w) {
  QSignalSpy done(&w, &ImpactWindow::refreshed);
  while (w.isUpdating()) {
    if (!done.wait(20000)) return false;
  }
  return true;
}

bool finish(ExperimentsView& v) {
  QSignalSpy ran(&v, &ExperimentsView::ran);
  return !v.isRunning() || ran.wait(20000);
}

Fault crash(const char* id) {
  Fault f;
  f.type = FaultType::Crash;
  f.component = id;
  return f;
}

// A document with a preset open (at its latest version) and a heatmap on it.
struct Heatmap {
  Document doc{catalog()};
  std::unique_ptr<ImpactWindow> w;

  explicit Heatmap(const char* file) {
    QString error;
    if (!doc.load(preset(file), &error)) qFatal("%s", qPrintable(error));
    w = std::make_unique<ImpactWindow>(&doc);
    w->resize(1200, 600);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) qFatal("window not exposed");
    if (!settle(*w)) qFatal("no impact matrix");
  }
  ImpactTable* table() const { return w->table(); }
  archbench::ImpactMatrix engine() const {
    return archbench::impact_matrix(doc.version(), doc.catalog());
  }
};

// The engine's words for the p95 ("≈" marks an estimate), with its unit.
QString p95_text(const archbench::ImpactCell& c) {
  const QString text = q(archbench::impact_p95_text(c));
  return c.p95_ms && !c.ceiling_timeout_ms ? text + QStringLiteral(" ms") : text;
}

// The table shows exactly this matrix: order, names, texts, answered fractions and bands.
void compare_table(ImpactTable* t, const archbench::ImpactMatrix& m) {
  QCOMPARE(t->columnCount(), static_cast<int>(m.classes.size()) + 1);
  QCOMPARE(t->rowCount(), static_cast<int>(m.rows.size()) + 1);
  for (std::size_t c = 0; c < m.classes.size(); ++c)
    QCOMPARE(t->horizontalHeaderItem(static_cast<int>(c) + 1)->text(), q(m.classes[c]));
  auto check = [&](int row, std::size_t c, const archbench::ImpactCell& cell) {
    const QTableWidgetItem* item = t->item(row, static_cast<int>(c) + 1);
    QVERIFY(item);
    // Success, the degraded answers when there are any, and p95.
    QString text = impact_band::share_text(cell.success);
    if (cell.answered - cell.success >= 0.0005)
      text += QStringLiteral(" (+%1 degraded)")
                  .arg(impact_band::share_text(cell.answered - cell.success));
    QCOMPARE(item->text(), text + QStringLiteral(" · ") + p95_text(cell));
    QCOMPARE(item->data(ImpactTable::AnsweredRole).toDouble(), cell.answered);
    const int band = item->data(ImpactTable::BandRole).toInt();
    QCOMPARE(band, impact_band::of(cell.answered));
    // The colour reads as the band says: green when (nearly) all is answered, red below half.
    const int hue = item->background().color().hslHue();
    if (cell.answered >= 0.999)
      QVERIFY2(hue >= 90 && hue <= 150, qPrintable(item->text()));
    else if (cell.answered < 0.5)
      QVERIFY2(hue <= 10 || hue >= 350, qPrintable(item->text()));
    else
      QVERIFY2(hue > 10 && hue < 90, qPrintable(item->text()));
  };
  QCOMPARE(t->verticalHeaderItem(ImpactTable::SteadyRow)->text(), QStringLiteral("Steady state"));
  for (std::size_t c = 0; c < m.classes.size(); ++c) check(ImpactTable::SteadyRow, c, m.steady[c]);
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const int row = static_cast<int>(r) + 1;
    QCOMPARE(t->componentAt(row), q(m.rows[r].component));
    QCOMPARE(t->item(row, ImpactTable::CriticalityColumn)->text(),
             impact_band::share_text(m.rows[r].criticality));
    for (std::size_t c = 0; c < m.classes.size(); ++c) check(row, c, m.rows[r].cells[c]);
  }
}

}  // namespace

class ImpactTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void colour_bands_follow_the_answered_share() {
    // ≥ 99.9% green, 99–99.9%, 90–99%, 50–90%, < 50% red.
    QCOMPARE(impact_band::of(1.0), 0);
    QCOMPARE(impact_band::of(0.999), 0);
    QCOMPARE(impact_band::of(0.995), 1);
    QCOMPARE(impact_band::of(0.95), 2);
    QCOMPARE(impact_band::of(0.7), 3);
    QCOMPARE(impact_band::of(0.2), 4);
    QCOMPARE(impact_band::of(0.0), 4);
    // A loss never rounds away: 99.996% is not shown as 100%.
    QCOMPARE(impact_band::share_text(0.99996), QStringLiteral(">99.99%"));
    QCOMPARE(impact_band::share_text(0.9995), QStringLiteral("99.95%"));
    QCOMPARE(impact_band::share_text(1.0), QStringLiteral("100%"));
    QCOMPARE(impact_band::share_text(0.0), QStringLiteral("0%"));
  }

  void heatmap_cells_are_the_engines_impact_matrix() {
    Heatmap h("blog.archbench.json");
    QCOMPARE(q(h.doc.version().name), QStringLiteral("V3"));
    const archbench::ImpactMatrix m = h.engine();
    // A row for each component that carries traffic (the tiers at least); crashing the
    // database hurts someone.
    for (const auto& row : m.rows) QVERIFY(h.doc.version().component(row.component));
    for (const char* id : {"lb", "app", "cache", "db"})
      QVERIFY2(h.table()->rowOf(QString::fromLatin1(id)) > 0, id);
    QVERIFY(h.w->matrix());
    compare_table(h.table(), m);
    // Crashing the only database costs some class its successful answers (the preset's
    // fallbacks may still answer them, degraded).
    const int db = h.table()->rowOf(QStringLiteral("db"));
    QVERIFY(db > 0);
    const archbench::ImpactRow& dbRow = m.rows[static_cast<std::size_t>(db - 1)];
    QVERIFY(std::any_of(dbRow.cells.begin(), dbRow.cells.end(),
                        [](const archbench::ImpactCell& c) { return c.success < 1; }));
    // The tooltip says what the failure is and gives the figures.
    const QString tip = h.table()->item(db, 1)->toolTip();
    QVERIFY2(tip.startsWith(q(archbench::describe(crash("db"), h.doc.version())) + QStringLiteral(": ")),
             qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("answered")), qPrintable(tip));
    QVERIFY(h.w->windowTitle().contains(QStringLiteral("V3")));
  }

  void rows_are_ranked_by_criticality_most_critical_on_top() {
    Heatmap h("blog.archbench.json");
    const archbench::ImpactMatrix m = h.engine();
    QVERIFY(m.rows.size() >= 2);
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
      QCOMPARE(h.table()->componentAt(static_cast<int>(r) + 1), q(m.rows[r].component));
      if (r > 0) QVERIFY(m.rows[r - 1].criticality >= m.rows[r].criticality);
    }
    // V3 still has single points of failure (one database): the top crash loses requests.
    QVERIFY(m.rows.front().criticality > 0);
  }

  void heatmap_follows_edits_and_discards_stale_results() {
    Heatmap h("blog.archbench.json");
    const int before = h.w->computations();
    QSignalSpy started(h.w.get(), &ImpactWindow::computationStarted);
    QSignalSpy shown(h.w.get(), &ImpactWindow::refreshed);
    // An edit starts a computation; a second edit while it runs makes its result stale: that
    // result is never shown (its finish is only delivered once this test yields to the loop),
    // and the figures on show are those of the final design.
    h.doc.setParam("cache", "hit_ratio", archbench::ParamValue::of(0.5));
    QVERIFY(started.wait(20000));
    h.doc.setParam("app", "instances", archbench::ParamValue::of(1));
    QVERIFY(settle(*h.w));
    QCOMPARE(h.w->computations(), before + 2);
    QCOMPARE(shown.count(), 1);
    compare_table(h.table(), h.engine());
    // A scenario changes no crash's figures: nothing is recomputed.
    const int now = h.w->computations();
    h.doc.setFaults({crash("cache")}, QStringLiteral("Crash cache"));
    QVERIFY(settle(*h.w));
    QCOMPARE(h.w->computations(), now);
    QVERIFY(h.table()->verticalHeaderItem(h.table()->rowOf("cache"))->font().bold());
  }

  void progress_counts_every_crash_and_cancel_keeps_the_figures() {
    Heatmap h("blog.archbench.json");
    const int rows = static_cast<int>(h.engine().rows.size());
    // Progress: one step per crash solved, ending at the number of rows.
    QSignalSpy progress(h.w.get(), &ImpactWindow::progressed);
    h.doc.setParam("cache", "hit_ratio", archbench::ParamValue::of(0.5));
    QVERIFY(settle(*h.w));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), rows);
    QCOMPARE(progress.last().at(1).toInt(), rows);
    compare_table(h.table(), h.engine());

    // A long chain takes long enough to stop: users → 1,500 app servers in a row → db.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chain.archbench.json"));
    QString json = QStringLiteral(
        R"({"format": "archbench-project", "format_version": 1, "name": "chain", "versions": [)"
        R"({"name": "V1", "workload": [{"name": "q", "entry": "users", "op": "read", "per_second": 0.001}],)"
        R"("components": [{"id": "users", "kind": "users"}, {"id": "db", "kind": "database"})");
    const int n = 1500;
    for (int i = 0; i < n; ++i)
      json += QStringLiteral(R"(, {"id": "a%1", "kind": "app_server"})").arg(i);
    json += QStringLiteral(R"(], "links": [{"from": "users", "to": "a0"})");
    for (int i = 1; i < n; ++i)
      json += QStringLiteral(R"(, {"from": "a%1", "to": "a%2"})").arg(i - 1).arg(i);
    json += QStringLiteral(R"(, {"from": "a%1", "to": "db"}]}]})").arg(n - 1);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json.toUtf8());
    f.close();
    const archbench::ImpactMatrix before = *h.w->matrix();
    QSignalSpy started(h.w.get(), &ImpactWindow::computationStarted);
    QString error;
    QVERIFY2(h.doc.load(path, &error), qPrintable(error));
    QVERIFY(started.wait(20000));
    h.w->cancel();
    QVERIFY(settle(*h.w));
    // Stopped before the 1,501 crashes were solved: the blog's figures stay, marked as old.
    QVERIFY(h.w->matrix());
    QCOMPARE(h.w->matrix()->rows.size(), before.rows.size());
    QVERIFY(h.w->findChild<QLabel*>(QStringLiteral("busyLabel"))->text().startsWith(
        QStringLiteral("Cancelled")));
  }

  void heatmap_exports_csv_with_the_engines_numbers_and_png() {
    Heatmap h("blog.archbench.json");
    const archbench::ImpactMatrix m = h.engine();
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("impact.csv"));
    QString error;
    QVERIFY2(h.w->exportTo(csv, &error), qPrintable(error));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), static_cast<int>(m.rows.size()) + 2);  // header, steady, one per row
    QCOMPARE(lines[0].section(',', 0, 1), QStringLiteral("component,not_answered"));
    const QStringList top = lines[2].split(',');
    QCOMPARE(top[0], q(m.rows[0].component));
    QCOMPARE(top[1].toDouble(), m.rows[0].criticality);
    QCOMPARE(top[3].toDouble(), m.rows[0].cells[0].answered);
    const QString png = dir.filePath(QStringLiteral("impact.png"));
    QVERIFY2(h.w->exportTo(png, &error), qPrintable(error));
    QVERIFY(!QImage(png).isNull());
  }

  void double_click_applies_the_crash_and_undo_removes_it() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    QCOMPARE(win.w.scenarioLabel()->text(), QStringLiteral("Steady state"));
    QVERIFY(!win.w.action("clearFaults")->isEnabled());
    win.w.action("impact")->trigger();
    ImpactWindow* heat = win.w.impactWindow();
    QVERIFY(heat && heat->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(heat));
    QVERIFY(settle(*heat));
    ImpactTable* t = heat->table();
    const QString id = t->componentAt(1);
    QVERIFY(!id.isEmpty());
    // As a user does it: press and release, then the second press that the system reports as
    // a double-click (QTest's double-click alone has no press for the view to remember).
    const QPoint at = t->visualItemRect(t->item(1, 1)).center();
    QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(t->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(doc->version().faults.size(), std::size_t{1});
    QCOMPARE(doc->version().faults.front(), crash(qPrintable(id)));
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(doc->undoStack()->undoText().startsWith(QStringLiteral("Crash ")));
    QVERIFY2(win.w.scenarioLabel()->text().startsWith(
                 QStringLiteral("Scenario: ") + q(archbench::describe(crash(qPrintable(id)), doc->version()))),
             qPrintable(win.w.scenarioLabel()->text()));
    QVERIFY(win.w.action("clearFaults")->isEnabled());
    QVERIFY(t->verticalHeaderItem(1)->font().bold());  // the applied row is marked

    doc->undoStack()->undo();
    QVERIFY(doc->version().faults.empty());
    QCOMPARE(win.w.scenarioLabel()->text(), QStringLiteral("Steady state"));
    QVERIFY(!t->verticalHeaderItem(1)->font().bold());

    // Clear Faults is one undoable step back to the steady state.
    doc->undoStack()->redo();
    win.w.action("clearFaults")->trigger();
    QVERIFY(doc->version().faults.empty());
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Clear faults"));
    doc->undoStack()->undo();
    QCOMPARE(doc->version().faults.size(), std::size_t{1});
  }

  void experiments_view_lists_the_versions_experiments_and_runs_them_in_the_engine() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    Experiment cacheDown;
    cacheDown.name = "cache down";
    cacheDown.hypothesis = "The database carries the reads without the cache";
    cacheDown.faults = {crash("cache")};
    cacheDown.conditions = {{"read_post", Metric::Success, Cmp::AtLeast, 99},
                            {"read_post", Metric::P95Ms, Cmp::AtMost, 10000}};
    Experiment dbDown;
    dbDown.name = "db down";
    dbDown.hypothesis = "Posts are still read while the database is down";
    dbDown.faults = {crash("db")};
    dbDown.conditions = {{"read_post", Metric::Success, Cmp::AtLeast, 99.9}};
    dbDown.blast_radius = {"comment"};
    doc->setExperiments({cacheDown, dbDown}, QStringLiteral("Add experiments"));

    win.w.action("experiments")->trigger();
    ExperimentsView* view = win.w.experimentsView();
    QVERIFY(view->isVisible());
    QTreeWidget* list = view->list();
    QTRY_COMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(ExperimentsView::NameColumn),
             QStringLiteral("cache down"));
    QCOMPARE(list->topLevelItem(1)->text(ExperimentsView::FaultsColumn),
             q(archbench::describe(crash("db"), doc->version())));
    QCOMPARE(list->topLevelItem(0)->text(ExperimentsView::ResultColumn), QStringLiteral("not run"));

    view->findChild<QPushButton*>("runAllButton")->click();
    QVERIFY(finish(*view));
    for (int i = 0; i < 2; ++i) {
      const Experiment& e = doc->version().experiments[static_cast<std::size_t>(i)];
      const archbench::ExperimentResult r =
          archbench::run_experiment(doc->version(), doc->catalog(), e);
      QCOMPARE(list->topLevelItem(i)->text(ExperimentsView::ResultColumn),
               r.passed ? QStringLiteral("PASS") : QStringLiteral("FAIL"));
      view->selectExperiment(q(e.name));
      QTableWidget* cond = view->conditionsTable();
      QCOMPARE(cond->rowCount(), static_cast<int>(e.conditions.size()));
      QCOMPARE(r.conditions.size(), e.conditions.size());
      for (int row = 0; row < cond->rowCount(); ++row) {
        const archbench::ConditionResult& cr = r.conditions[static_cast<std::size_t>(row)];
        QCOMPARE(cond->item(row, ExperimentsView::HoldsColumn)->text(),
                 cr.holds ? QStringLiteral("✓") : QStringLiteral("✗"));
        QCOMPARE(cond->item(row, ExperimentsView::ObservedColumn)->toolTip(), q(cr.text));
      }
      const QString outcome = view->findChild<QLabel*>("experimentOutcome")->text();
      QVERIFY2(outcome.contains(r.passed ? "PASS" : "FAIL"), qPrintable(outcome));
      for (const auto& cls : r.outside_blast_radius)
        QVERIFY2(outcome.contains(q(cls)), qPrintable(outcome));
    }

    // An edit of the design makes the results outdated, not wrong.
    doc->setParam("app", "instances", archbench::ParamValue::of(2));
    QTRY_VERIFY(list->topLevelItem(0)->text(ExperimentsView::ResultColumn).endsWith("(outdated)"));
  }

  void new_from_scenario_edit_apply_and_delete_are_undoable() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    QStringList asked;
    QStringList answers{"db down", "Reads survive"};
    win.w.askText = [&](const QString&, const QString& label,
                        const QString&) -> std::optional<QString> {
      asked << label;
      return answers.isEmpty() ? std::nullopt : std::optional<QString>(answers.takeFirst());
    };
    win.w.action("experiments")->trigger();
    ExperimentsView* view = win.w.experimentsView();

    const std::size_t saved = doc->version().experiments.size();  // the preset's own

    // No scenario yet: nothing to make an experiment of.
    view->findChild<QPushButton*>("newFromScenarioButton")->click();
    QCOMPARE(win.errors.size(), 1);
    QCOMPARE(doc->version().experiments.size(), saved);

    doc->setFaults({crash("db")}, QStringLiteral("Crash db"));
    view->findChild<QPushButton*>("newFromScenarioButton")->click();
    QCOMPARE(asked.size(), 2);
    QCOMPARE(doc->version().experiments.size(), saved + 1);
    const Experiment& e = doc->version().experiments.back();
    QCOMPARE(q(e.name), QStringLiteral("db down"));
    QCOMPARE(q(e.hypothesis), QStringLiteral("Reads survive"));
    QVERIFY(e.faults == std::vector<Fault>{crash("db")});
    QCOMPARE(e.conditions.size(), std::size_t{1});  // a default condition to edit
    QTRY_COMPARE(view->list()->topLevelItemCount(), static_cast<int>(saved) + 1);
    QCOMPARE(view->selectedName(), QStringLiteral("db down"));  // the new one is selected

    // A condition edited in its table: one undo step.
    QTRY_COMPARE(view->conditionsTable()->rowCount(), 1);
    auto* metric = qobject_cast<QComboBox*>(
        view->conditionsTable()->cellWidget(0, ExperimentsView::MetricColumn));
    QVERIFY(metric);
    metric->setCurrentIndex(metric->findData(static_cast<int>(Metric::P95Ms)));
    QCOMPARE(doc->version().experiments.back().conditions.front().metric, Metric::P95Ms);
    doc->undoStack()->undo();
    QCOMPARE(doc->version().experiments.back().conditions.front().metric, Metric::Success);

    // Apply its faults after clearing them.
    win.w.action("clearFaults")->trigger();
    QVERIFY(doc->version().faults.empty());
    QTRY_VERIFY(view->findChild<QPushButton*>("applyFaultsButton")->isEnabled());
    view->findChild<QPushButton*>("applyFaultsButton")->click();
    QVERIFY(doc->version().faults == std::vector<Fault>{crash("db")});

    QCOMPARE(view->selectedName(), QStringLiteral("db down"));
    view->findChild<QPushButton*>("deleteButton")->click();
    QCOMPARE(doc->version().experiments.size(), saved);
    QTRY_COMPARE(view->list()->topLevelItemCount(), static_cast<int>(saved));
    doc->undoStack()->undo();
    QCOMPARE(doc->version().experiments.size(), saved + 1);
    QTRY_COMPARE(view->list()->topLevelItemCount(), static_cast<int>(saved) + 1);
  }

  void fault_specs_parse_as_the_command_line_documents() {
    Document doc{catalog()};
    QString error;
    QVERIFY(doc.load(preset("blog.archbench.json"), &error));
    const archbench::Version& v = doc.version();
    auto parse = [&](const char* spec) {
      return fault_spec::parse(QString::fromLatin1(spec), v, &error);
    };
    QCOMPARE(*parse("crash:db"), crash("db"));
    auto slow = parse("slow:db=3");
    QVERIFY(slow && slow->type == FaultType::Slow && slow->component == "db" && slow->factor == 3);
    auto slower = parse("slow:db+20");
    QVERIFY(slower && slower->add_ms == 20 && slower->factor == 1);
    // The CLI's spellings read the same.
    QCOMPARE(*parse("slow:db=3x"), *slow);
    auto plus = parse("slow:db=+0.2s");
    QVERIFY(plus && plus->add_ms == 200);
    QCOMPARE(parse("spike:3x")->factor, 3.0);
    auto flush = parse("flush:cache");
    QVERIFY(flush && flush->type == FaultType::Flush && flush->hit_ratio == 0);
    auto cut = parse("cut:app-db");
    QVERIFY(cut && cut->type == FaultType::Cut && cut->component == "app" && cut->to == "db");
    auto backwards = parse("cut:db-app");  // a cut follows the link's direction
    QVERIFY(backwards && backwards->component == "app" && backwards->to == "db");
    auto arrow = parse("cut:app->cache");
    QVERIFY(arrow && arrow->to == "cache");
    auto lose = parse("lose:app=1");
    QVERIFY(lose && lose->type == FaultType::Lose && lose->instances == 1);
    auto spike = parse("spike:3");
    QVERIFY(spike && spike->type == FaultType::Spike && spike->factor == 3);
    for (const char* bad :
         {"crash:nope", "crash", "boom:db", "slow:db", "cut:app-nope", "cut:users-db",
          "cut:db->app", "lose:app=1.5", "flush:cache=2", "spike:-1", "crash:db=2"}) {
      error.clear();
      QVERIFY2(!parse(bad), bad);
      QVERIFY2(error.contains(QString::fromLatin1(bad)), qPrintable(error));
    }
  }
};

QTEST_MAIN(ImpactTest)
#include "test_impact.moc"
