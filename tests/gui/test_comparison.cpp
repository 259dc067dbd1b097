// Comparison window tests: the table shows one column per version with the engine's figures and
// the change against the previous version; the charts have one series per version and draw the
// engine's sweeps; the shared-workload switch re-evaluates every version under one workload; the
// diff lists what changed; charts export; and the window computes off the GUI thread, once per
// burst of edits.
#include <QAction>
#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QTreeWidget>
#include <QtTest>
#include <cmath>
#include <memory>
#include <set>

#include "archbench/format.h"
#include "archbench/solver.h"
#include "compare/comparisontable.h"
#include "compare/comparisonwindow.h"
#include "compare/diffview.h"
#include "document/document.h"
#include "gui_fixture.h"

using namespace gui_fixture;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Waits (on the window's signal, not on a clock) until no computation runs or is due.
bool settle(ComparisonWindow& w) {
  QSignalSpy done(&w, &ComparisonWindow::refreshed);
  while (w.isUpdating()) {
    if (!done.wait(20000)) return false;
  }
  return true;
}

// A document with a preset open and a comparison window on it, shown at 1400×900.
struct Compare {
  Document doc{catalog()};
  std::unique_ptr<ComparisonWindow> w;

  explicit Compare(const char* file) {
    QString error;
    if (!doc.load(preset(file), &error)) qFatal("%s", qPrintable(error));
    w = std::make_unique<ComparisonWindow>(&doc);
    w->resize(1400, 900);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) qFatal("window not exposed");
    if (!settle(*w)) qFatal("no comparison");
  }

  template <typename T>
  T* find(const char* name) const {
    return w->findChild<T*>(QString::fromLatin1(name));
  }
  ComparisonTable* table() const { return find<ComparisonTable>("comparisonTable"); }
  QTableWidgetItem* cell(const QString& row, const QString& version) const {
    const int r = table()->rowOf(row);
    const int c = column_of(table(), version);
    return r >= 0 && c >= 0 ? table()->item(r, c) : nullptr;
  }
  void showTab(const QString& title) const {
    auto* tabs = find<QTabWidget>("tabs");
    for (int i = 0; i < tabs->count(); ++i)
      if (tabs->tabText(i) == title) tabs->setCurrentIndex(i);
  }
  // The engine's own report for a version, evaluated here independently of the window.
  archbench::Report report(int version) const {
    return archbench::evaluate(doc.project().versions.at(version), doc.catalog());
  }
};

template <typename S>
QList<S*> series_of(QChartView* view) {
  QList<S*> out;
  for (QAbstractSeries* s : view->chart()->series()) {
    // A QScatterSeries is a QXYSeries too, not a QLineSeries: qobject_cast tells them apart.
    if (auto* typed = qobject_cast<S*>(s)) out << typed;
  }
  return out;
}

}  // namespace

class ComparisonTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void table_has_one_column_per_version_with_the_engines_figures() {
    Compare c("blog.archbench.json");
    ComparisonTable* t = c.table();
    QVERIFY(t);
    QCOMPARE(c.w->windowTitle(), QStringLiteral("Compare versions — Blog platform"));
    QCOMPARE(t->columnCount(), 3);
    for (int i = 0; i < 3; ++i) {
      const QString name = q(c.doc.project().versions[i].name);
      QCOMPARE(t->horizontalHeaderItem(i)->text(), name);
      // The header's tooltip carries the version's notes (its trigger and decision).
      const QString tip =
          QTextDocumentFragment::fromHtml(t->horizontalHeaderItem(i)->toolTip()).toPlainText();
      QVERIFY(tip.contains(q(c.doc.project().versions[i].notes).left(60)));
    }
    // The lesson's figures: V1 $100/month, V2 adds a $50 cache, V3 $400.
    const QStringList costs{"$100.00", "$150.00", "$400.00"};
    for (int i = 0; i < 3; ++i) {
      const archbench::Report r = c.report(i);
      const QString version = q(r.version);
      QCOMPARE(c.cell("Cost per month", version)->text(),
               q(archbench::format_usd(r.totals.cost_per_month)));
      QCOMPARE(c.cell("Cost per month", version)->text(), costs[i]);
      const archbench::ClassResult* read = r.request_class("read_post");
      QVERIFY(read && read->latency);
      QCOMPARE(c.cell("read_post p95 (ms)", version)->text(),
               q(archbench::format_ms(read->latency->p95)));
      QCOMPARE(c.cell("read_post p99 (ms)", version)->text(),
               q(archbench::format_ms(read->latency->p99)));
      QCOMPARE(c.cell("Max throughput (req/s)", version)->text(),
               q(archbench::format_rate(*r.totals.max_throughput_rate_per_s)));
      QCOMPARE(c.cell("Components", version)->text(),
               QString::number(c.doc.project().versions[i].components.size()));
    }
    // The first column has nothing to compare with; the next ones show the change.
    QVERIFY(c.cell("Cost per month", "V1")->data(ComparisonTable::ChangeRole).toString().isEmpty());
    // $100 → $150 is 50% more: worse.
    QCOMPARE(c.cell("Cost per month", "V2")->data(ComparisonTable::ChangeRole).toString(),
             QStringLiteral("▲ 50%"));
    QCOMPARE(c.cell("Cost per month", "V2")->data(ComparisonTable::SenseRole).toInt(), -1);
    // $150 → $400 is 166.7% more, read as 167%.
    QCOMPARE(c.cell("Cost per month", "V3")->data(ComparisonTable::ChangeRole).toString(),
             QStringLiteral("▲ 167%"));
    // The cache cuts the post page's p95 (V1 → V2): a fall, coloured as better.
    const QString p95 =
        c.cell("read_post p95 (ms)", "V2")->data(ComparisonTable::ChangeRole).toString();
    QVERIFY2(p95.startsWith(QStringLiteral("▼ ")), qPrintable(p95));
    QCOMPARE(c.cell("read_post p95 (ms)", "V2")->data(ComparisonTable::SenseRole).toInt(), 1);
    // Components 4 → 5: a count, neither better nor worse.
    QCOMPARE(c.cell("Components", "V2")->data(ComparisonTable::ChangeRole).toString(),
             QStringLiteral("+1"));
    QCOMPARE(c.cell("Components", "V2")->data(ComparisonTable::SenseRole).toInt(), 0);
    // The notes row and the notes panel show why each version exists.
    QVERIFY(c.cell("Notes", "V2")->text().startsWith(QStringLiteral("Trigger:")));
    const QString notes = c.find<QTextBrowser>("notesView")->toPlainText();
    QVERIFY(notes.contains(QStringLiteral("Decision: Redis cache-aside")));
  }

  void latency_chart_has_one_line_per_version_from_the_sweep() {
    Compare c("blog.archbench.json");
    c.showTab("Latency vs load");
    auto* view = c.find<QChartView>("latencyChart");
    QVERIFY(view);
    const archbench::Comparison* cmp = c.w->comparison();
    QVERIFY(cmp);
    const QList<QLineSeries*> lines = series_of<QLineSeries>(view);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(series_of<QScatterSeries>(view).size(), 3);  // one saturation marker per version
    QCOMPARE(c.find<QComboBox>("classBox")->currentText(), QStringLiteral("read_post"));
    QCOMPARE(c.find<QComboBox>("percentileBox")->currentText(), QStringLiteral("p95"));
    for (int i = 0; i < 3; ++i) {
      const archbench::Sweep& sweep = *cmp->versions[i].sweep;
      QCOMPARE(lines[i]->name(), q(cmp->versions[i].name));
      QCOMPARE(lines[i]->count(), ComparisonWindow::kSweepPoints);
      // x = offered load of the sweep point, y = its read_post (class 0) p95.
      const archbench::SweepPoint& last = sweep.points.back();
      QCOMPARE(lines[i]->at(lines[i]->count() - 1).x(), last.rate_per_s);
      QCOMPARE(lines[i]->at(lines[i]->count() - 1).y(), last.latency[0]->p95);
      // The marker sits at the maximum throughput.
      QCOMPARE(series_of<QScatterSeries>(view)[i]->at(0).x(),
               *cmp->versions[i].report.totals.max_throughput_rate_per_s);
    }
    QVERIFY(qobject_cast<QLogValueAxis*>(view->chart()->axes(Qt::Vertical).value(0)));
    // p99 instead: the same lines, at the sweep's p99.
    c.find<QComboBox>("percentileBox")->setCurrentText(QStringLiteral("p99"));
    const QList<QLineSeries*> p99 = series_of<QLineSeries>(view);
    QCOMPARE(p99.size(), 3);
    QCOMPARE(p99[0]->at(0).y(), cmp->versions[0].sweep->points.front().latency[0]->p99);
  }

  void one_workload_for_all_versions_is_an_explicit_switch() {
    Compare c("blog.archbench.json");
    auto* box = c.find<QComboBox>("workloadBox");
    QCOMPARE(box->currentText(), QStringLiteral("Each version's own workload"));
    // Under its own workload (10K daily users) V1 is stable.
    QVERIFY(c.cell("read_post p95 (ms)", "V1")->text() != QStringLiteral("saturated"));
    box->setCurrentText(QStringLiteral("All at V3's workload"));
    QVERIFY(settle(*c.w));
    QCOMPARE(c.w->comparison()->workload_of.value_or(""), std::string("V3"));
    // V3's 100K daily users are 10× what V1's single app server and database were sized for.
    QTableWidgetItem* v1 = c.cell("read_post p95 (ms)", "V1");
    QCOMPARE(v1->text(), QStringLiteral("saturated"));
    QVERIFY(v1->toolTip().startsWith(QStringLiteral("saturated: ")));
    QVERIFY(v1->toolTip().size() > QStringLiteral("saturated: ").size());  // the reason
    // Every column is now at the same offered load.
    const QString load = c.cell("Offered load (req/s)", "V3")->text();
    QCOMPARE(c.cell("Offered load (req/s)", "V1")->text(), load);
    // And back.
    box->setCurrentIndex(0);
    QVERIFY(settle(*c.w));
    QVERIFY(c.cell("read_post p95 (ms)", "V1")->text() != QStringLiteral("saturated"));
  }

  void diff_lists_what_changed_between_two_versions() {
    Compare c("blog.archbench.json");
    c.showTab("Diff");
    c.find<QComboBox>("diffFrom")->setCurrentText(QStringLiteral("V1"));
    c.find<QComboBox>("diffTo")->setCurrentText(QStringLiteral("V2"));
    auto* tree = c.find<QTreeWidget>("diffTree");
    QList<QTreeWidgetItem*> groups =
        tree->findItems(QStringLiteral("Components added"), Qt::MatchStartsWith);
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups[0]->childCount(), 1);
    // People read names; the id the file uses is in the tooltip.
    QCOMPARE(groups[0]->child(0)->text(0), QStringLiteral("Redis"));
    QVERIFY(groups[0]->child(0)->toolTip(0).contains(QStringLiteral("cache")));
    groups = tree->findItems(QStringLiteral("Links added"), Qt::MatchStartsWith);
    QCOMPARE(groups.size(), 1);
    QStringList links;
    for (int i = 0; i < groups[0]->childCount(); ++i) links << groups[0]->child(i)->text(0);
    QVERIFY2(links.contains(QStringLiteral("Django app → Redis")), qPrintable(links.join(", ")));
    // V2's notes say why: the trigger and the decision.
    QVERIFY(c.find<QTextBrowser>("diffNotes")->toPlainText().contains(QStringLiteral("Decision:")));
    // V2 → V3: the database grows (a parameter, from → to) and a load balancer comes in.
    c.find<QComboBox>("diffFrom")->setCurrentText(QStringLiteral("V2"));
    c.find<QComboBox>("diffTo")->setCurrentText(QStringLiteral("V3"));
    groups = tree->findItems(QStringLiteral("Components changed"), Qt::MatchStartsWith);
    QCOMPARE(groups.size(), 1);
    QTreeWidgetItem* db = nullptr;
    for (int i = 0; i < groups[0]->childCount(); ++i)
      if (groups[0]->child(i)->text(0).startsWith(QStringLiteral("PostgreSQL"))) db = groups[0]->child(i);
    QVERIFY(db);
    QVERIFY(db->childCount() > 0);
    QVERIFY(!db->child(0)->text(1).isEmpty() && !db->child(0)->text(2).isEmpty());
    QCOMPARE(tree->findItems(QStringLiteral("Links added"), Qt::MatchStartsWith).size(), 1);
  }

  void cost_chart_stacks_each_kind_to_the_version_cost() {
    Compare c("image-pipeline.archbench.json");
    c.showTab("Cost");
    auto* view = c.find<QChartView>("costChart");
    const QList<QStackedBarSeries*> bars = series_of<QStackedBarSeries>(view);
    QCOMPARE(bars.size(), 1);
    const archbench::Comparison* cmp = c.w->comparison();
    // One set per kind that costs something in some version.
    std::set<std::string> kinds;
    for (const auto& v : cmp->versions)
      for (const auto& [kind, usd] : v.cost_by_kind)
        if (usd > 0) kinds.insert(kind);
    QCOMPARE(bars[0]->count(), static_cast<int>(kinds.size()));
    for (std::size_t i = 0; i < cmp->versions.size(); ++i) {
      double sum = 0;
      for (QBarSet* set : bars[0]->barSets()) sum += set->at(static_cast<int>(i));
      const double cost = cmp->versions[i].report.totals.cost_per_month;
      // The lesson's $1,120 (V1) and $570 (V2), to the cent.
      QVERIFY2(std::fabs(sum - cost) <= 1e-9 * cost, qPrintable(QString::number(sum)));
    }
    QCOMPARE(q(archbench::format_usd(cmp->versions[0].report.totals.cost_per_month)),
             QStringLiteral("$1,120.00"));
  }

  void utilization_and_evolution_charts_follow_the_versions() {
    Compare c("blog.archbench.json");
    const archbench::Comparison* cmp = c.w->comparison();
    c.showTab("Utilization");
    auto* pick = c.find<QComboBox>("utilizationVersionBox");
    // At first, the version being edited (the document opens at the latest).
    QCOMPARE(pick->currentText(), QStringLiteral("V3"));
    pick->setCurrentText(QStringLiteral("V1"));
    auto* util = c.find<QChartView>("utilizationChart");
    const QList<QHorizontalStackedBarSeries*> bars = series_of<QHorizontalStackedBarSeries>(util);
    QCOMPARE(bars.size(), 1);
    QVERIFY(util->chart()->title().contains(QStringLiteral("V1")));
    QBarSet* bottleneck = nullptr;
    for (QBarSet* s : bars[0]->barSets())
      if (s->label().startsWith(QStringLiteral("Bottleneck"))) bottleneck = s;
    QVERIFY(bottleneck);
    // Exactly one bar in the highlight: the bottleneck's, at its utilization in percent.
    const archbench::Report& v1 = cmp->versions[0].report;
    const archbench::ComponentResult* b = v1.component(v1.totals.bottleneck);
    QVERIFY(b && b->utilization);
    QVERIFY(bottleneck->label().contains(q(b->name)));
    int highlighted = 0;
    for (int i = 0; i < bottleneck->count(); ++i) {
      if (bottleneck->at(i) <= 0) continue;
      ++highlighted;
      QCOMPARE(bottleneck->at(i), *b->utilization * 100);
    }
    QCOMPARE(highlighted, 1);

    c.showTab("Evolution");
    auto* evo = c.find<QChartView>("evolutionChart");
    const QList<QLineSeries*> lines = series_of<QLineSeries>(evo);
    QCOMPARE(lines.size(), 2);  // cost per month, maximum throughput
    for (int i = 0; i < 3; ++i) {
      const archbench::Totals& t = cmp->versions[i].report.totals;
      QCOMPARE(lines[0]->at(i).y(), t.cost_per_month);
      QCOMPARE(lines[1]->at(i).y(), *t.max_throughput_rate_per_s);
    }
  }

  void export_writes_png_and_svg() {
    Compare c("blog.archbench.json");
    QTemporaryDir dir;
    c.showTab("Table");
    QVERIFY(!c.w->currentChartView());  // nothing to export on the table
    QVERIFY(!c.find<QPushButton>("exportButton")->isEnabled());
    c.showTab("Latency vs load");
    QVERIFY(c.find<QPushButton>("exportButton")->isEnabled());
    const QString png = dir.filePath("latency.png");
    const QString svg = dir.filePath("latency.svg");
    QString error;
    QVERIFY2(c.w->exportChart(png, &error), qPrintable(error));
    QVERIFY2(c.w->exportChart(svg, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), c.w->currentChartView()->viewport()->size() * 2);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("<svg")));
    // Text stays text: the axis title is searchable in the file.
    QVERIFY(text.contains(QStringLiteral("Offered load (req/s)")));
  }

  void an_invalid_version_shows_the_engines_message() {
    Compare c("blog.archbench.json");
    c.doc.setParam("app", "concurrency", archbench::ParamValue::of(0));
    QVERIFY(!c.doc.problems().empty());
    QVERIFY(settle(*c.w));
    QVERIFY(!c.w->comparison());
    auto* banner = c.find<QLabel>("banner");
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("V3")));
    QVERIFY(!c.find<QTabWidget>("tabs")->isVisible());
    c.doc.undoStack()->undo();
    QVERIFY(settle(*c.w));
    QVERIFY(c.w->comparison());
    QVERIFY(!banner->isVisible());
    QVERIFY(c.find<QTabWidget>("tabs")->isVisible());
  }

  // The view stays responsive while it updates: the engine runs on a worker thread, so refresh()
  // returns at once with the previous figures still on show, and the new ones arrive later.
  void figures_are_computed_off_the_gui_thread() {
    Compare c("blog.archbench.json");
    qInfo("compare_versions with %d-point sweeps, blog: %.1f ms", ComparisonWindow::kSweepPoints,
          c.w->lastComputeMilliseconds());
    const QString before = c.cell("Cost per month", "V3")->text();
    c.doc.setParam("app", "cost_per_month", archbench::ParamValue::of(90));
    c.w->refresh();
    QVERIFY(c.w->isUpdating());
    QVERIFY(c.find<QLabel>("busyLabel")->isVisible());
    QCOMPARE(c.cell("Cost per month", "V3")->text(), before);
    QVERIFY(settle(*c.w));
    QVERIFY(!c.find<QLabel>("busyLabel")->isVisible());
    QCOMPARE(c.cell("Cost per month", "V3")->text(),
             q(archbench::format_usd(c.doc.report()->totals.cost_per_month)));
    QVERIFY(c.cell("Cost per month", "V3")->text() != before);
  }

  void a_burst_of_edits_recomputes_once() {
    Compare c("blog.archbench.json");
    QSignalSpy started(c.w.get(), &ComparisonWindow::computationStarted);
    for (int i = 1; i <= 10; ++i)
      c.doc.setParam("app", "cost_per_month", archbench::ParamValue::of(40 + i));
    QVERIFY(settle(*c.w));
    QCOMPARE(started.count(), 1);
    QCOMPARE(c.cell("Cost per month", "V3")->text(),
             q(archbench::format_usd(c.doc.report()->totals.cost_per_month)));
    // Edits while a computation runs: one more computation, with the latest document.
    started.clear();
    c.doc.setParam("app", "cost_per_month", archbench::ParamValue::of(60));
    c.w->refresh();
    for (int i = 1; i <= 5; ++i)
      c.doc.setParam("app", "cost_per_month", archbench::ParamValue::of(60 + i));
    QVERIFY(settle(*c.w));
    QCOMPARE(started.count(), 2);
    QCOMPARE(c.cell("Cost per month", "V3")->text(),
             q(archbench::format_usd(c.doc.report()->totals.cost_per_month)));
    // A hidden window does nothing until it is shown again.
    c.w->hide();
    started.clear();
    c.doc.setParam("app", "cost_per_month", archbench::ParamValue::of(70));
    QCoreApplication::processEvents();
    QCOMPARE(started.count(), 0);
    c.w->show();
    QVERIFY(settle(*c.w));
    QCOMPARE(started.count(), 1);
  }

  // The main window's Compare action opens the window on its document; edits in the editor
  // reach it, and closing the application while it computes is safe.
  void the_main_window_opens_it_on_its_document() {
    {
      Window win;
      QVERIFY(win.w.openFile(preset("blog.archbench.json")));
      QAction* compare = win.w.action(QStringLiteral("compare"));
      QVERIFY(compare);
      compare->trigger();
      auto* w = win.w.findChild<ComparisonWindow*>();
      QVERIFY(w && w->isVisible());
      QVERIFY(settle(*w));
      QCOMPARE(w->comparison()->versions.size(), std::size_t{3});
      win.w.document()->setParam("db", "cost_per_month", archbench::ParamValue::of(200));
      QVERIFY(settle(*w));
      QCOMPARE(w->comparison()->versions[2].report.totals.cost_per_month,
               win.w.document()->report()->totals.cost_per_month);
      // One more edit, and the application goes away while the engine runs.
      win.w.document()->setParam("db", "cost_per_month", archbench::ParamValue::of(210));
      w->refresh();
      QVERIFY(w->isUpdating());
    }
  }

  // Not a check: with ARCHBENCH_GRAB_DIR set, saves a grab of every tab for the blog and image
  // presets at 1400×900 (light and dark), to look at.
  void grabs_for_review() {
    const QString dir = qEnvironmentVariable("ARCHBENCH_GRAB_DIR");
    if (dir.isEmpty()) QSKIP("set ARCHBENCH_GRAB_DIR to save grabs of the comparison window");
    QDir().mkpath(dir);
    for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"}) {
      Compare c(file);
      const QString stem = QString::fromLatin1(file).section('.', 0, 0);
      auto* tabs = c.find<QTabWidget>("tabs");
      for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
        const QString tab = tabs->tabText(i).replace(' ', '_').toLower();
        QVERIFY(c.w->grab().save(QStringLiteral("%1/%2-%3.png").arg(dir, stem, tab)));
      }
      tabs->setCurrentIndex(1);
      QCoreApplication::processEvents();
      QVERIFY(c.w->exportChart(QStringLiteral("%1/%2-export.png").arg(dir, stem)));
      QVERIFY(c.w->exportChart(QStringLiteral("%1/%2-export.svg").arg(dir, stem)));
      // Every version at the latest version's workload.
      auto* box = c.find<QComboBox>("workloadBox");
      box->setCurrentIndex(box->count() - 1);
      QVERIFY(settle(*c.w));
      c.find<QComboBox>("utilizationVersionBox")->setCurrentIndex(0);
      for (int i : {0, 1, 3}) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
        const QString tab = tabs->tabText(i).replace(' ', '_').toLower();
        QVERIFY(c.w->grab().save(QStringLiteral("%1/%2-%3-shared.png").arg(dir, stem, tab)));
      }
      box->setCurrentIndex(0);
      QVERIFY(settle(*c.w));
      // The same window on a dark palette: chart themes and table colours follow it.
      QPalette dark;
      dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2f));
      dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
      dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x22));
      dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x2b));
      dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
      dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x3a));
      dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
      dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
      c.w->setPalette(dark);
      for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
        const QString tab = tabs->tabText(i).replace(' ', '_').toLower();
        QVERIFY(c.w->grab().save(QStringLiteral("%1/%2-%3-dark.png").arg(dir, stem, tab)));
      }
    }
  }
};

QTEST_MAIN(ComparisonTest)
#include "test_comparison.moc"
