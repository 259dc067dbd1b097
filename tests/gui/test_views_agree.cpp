// Every view agrees: the app's comparison table, what-if table and summary, experiment outcome
// and metrics panel show the same strings as archbench-cli for the presets (the CLI is run from
// the build tree, next to this test), because both call the same engine functions.
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTextDocumentFragment>
#include <QtTest>
#include <memory>

#include "archbench/figures.h"
#include "canvas/canvasscene.h"
#include "canvas/nodeitem.h"
#include "compare/comparisontable.h"
#include "compare/comparisonwindow.h"
#include "document/document.h"
#include "failure/experimentsview.h"
#include "gui_fixture.h"
#include "metrics/metricspanel.h"

using namespace gui_fixture;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// archbench-cli of the same build tree (build/tests/… → build/app/cli/archbench-cli).
QString cli_path() {
  const QDir here(QCoreApplication::applicationDirPath());
  return QFileInfo(here.filePath(QStringLiteral("../app/cli/archbench-cli"))).absoluteFilePath();
}

// The CLI's Markdown output, or a failed test naming the command.
QString run_cli(const QStringList& args) {
  QProcess p;
  p.start(cli_path(), args + QStringList{QStringLiteral("--catalog"),
                                         QStringLiteral(ARCHBENCH_TEST_CATALOG_DIR),
                                         QStringLiteral("--format"), QStringLiteral("markdown")});
  if (!p.waitForFinished(60000)) return {};
  return QString::fromUtf8(p.readAllStandardOutput());
}

// Rows of the Markdown tables in `out`, cells trimmed (header and rule rows included).
QList<QStringList> markdown_rows(const QString& out) {
  QList<QStringList> rows;
  for (const QString& line : out.split(QLatin1Char('\n'))) {
    if (!line.startsWith(QLatin1Char('|'))) continue;
    QStringList cells = line.mid(1, line.size() - 2).split(QLatin1Char('|'));
    for (QString& c : cells) c = c.trimmed();
    rows << cells;
  }
  return rows;
}

bool settle(ComparisonWindow& w) {
  QSignalSpy done(&w, &ComparisonWindow::refreshed);
  while (w.isUpdating()) {
    if (!done.wait(20000)) return false;
  }
  return true;
}

QString plain(const QString& html) {
  return QTextDocumentFragment::fromHtml(html).toPlainText();
}

archbench::Fault fault(archbench::FaultType type, const char* id = "") {
  archbench::Fault f;
  f.type = type;
  f.component = id;
  return f;
}

void open_version(Window& win, const char* file, const char* name) {
  QString error;
  QVERIFY2(win.w.document()->load(preset(file), &error), qPrintable(error));
  const auto& versions = win.w.document()->project().versions;
  for (int i = 0; i < static_cast<int>(versions.size()); ++i) {
    if (versions[static_cast<std::size_t>(i)].name == name) win.w.document()->setVersionIndex(i);
  }
  QCOMPARE(q(win.w.document()->version().name), QString::fromLatin1(name));
  QApplication::processEvents();
}

}  // namespace

class ViewsAgreeTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo::exists(cli_path()), qPrintable("build archbench-cli: " + cli_path()));
  }

  // Each figure of the comparison and its change ("▲ 167%", "=") as the CLI prints them, for
  // both presets, at their own workloads and at V3's (where V1 saturates).
  void the_comparison_table_shows_the_clis_figures_and_changes_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("workload");
    QTest::newRow("blog") << "blog.archbench.json" << "";
    QTest::newRow("blog at V3's workload") << "blog.archbench.json" << "V3";
    QTest::newRow("image pipeline") << "image-pipeline.archbench.json" << "";
  }
  void the_comparison_table_shows_the_clis_figures_and_changes() {
    QFETCH(QString, file);
    QFETCH(QString, workload);
    Document doc{catalog()};
    QString error;
    QVERIFY2(doc.load(preset(qPrintable(file)), &error), qPrintable(error));
    ComparisonWindow w(&doc);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(settle(w));
    if (!workload.isEmpty()) {
      auto* box = w.findChild<QComboBox*>(QStringLiteral("workloadBox"));
      box->setCurrentIndex(box->findData(workload));
      QVERIFY(settle(w));
    }
    QStringList args{QStringLiteral("compare"), preset(qPrintable(file))};
    if (!workload.isEmpty()) args << QStringLiteral("--workload-of") << workload;
    const QList<QStringList> rows = markdown_rows(run_cli(args));
    QVERIFY(rows.size() > 5);
    auto* table = w.findChild<ComparisonTable*>(QStringLiteral("comparisonTable"));
    const QStringList versions = rows.front().mid(1);
    int compared = 0, changes = 0;
    for (const QStringList& r : rows.mid(2)) {
      // The app's rows carry the CLI's labels with a capital ("cost per month" → "Cost per month").
      int row = -1;
      for (int i = 0; i < table->rowCount(); ++i) {
        const QTableWidgetItem* h = table->verticalHeaderItem(i);
        if (h && h->text().compare(r.front(), Qt::CaseInsensitive) == 0) row = i;
      }
      // A row only one front end has (max throughput multipliers), or names rather than figures
      // (the app names the bottleneck by its display name).
      if (row < 0 || r.front() == QStringLiteral("bottleneck")) continue;
      for (int v = 0; v < versions.size(); ++v) {
        const int col = column_of(table, versions[v]);
        QVERIFY(col >= 0);
        QString cli = r[v + 1];
        QString change;
        // "$400.00 (▲ 167% worse)" → figure "$400.00", change "▲ 167%".
        if (const qsizetype open = cli.indexOf(QStringLiteral(" (")); open > 0 && v > 0) {
          change = cli.mid(open + 2, cli.size() - open - 3);
          change.remove(QStringLiteral(" better")).remove(QStringLiteral(" worse"));
          cli = cli.left(open);
        }
        const QTableWidgetItem* item = table->item(row, col);
        QVERIFY(item);
        const QString where = r.front() + " " + versions[v];
        if (cli != QStringLiteral("saturated") && !cli.startsWith(QStringLiteral("not meaningful")))
          QCOMPARE(item->text().remove(QStringLiteral(" req/s")), cli);
        else
          QVERIFY2(item->text() == cli || item->text().startsWith(cli), qPrintable(where));
        const QString app = item->data(ComparisonTable::ChangeRole).toString();
        if (!change.isEmpty()) {
          QVERIFY2(app == change, qPrintable(where + ": app " + app + ", CLI " + change));
          ++changes;
        }
        ++compared;
      }
    }
    QVERIFY(compared > 20);
    QVERIFY(changes > 5);
  }

  // A what-if's latency cells (steady → scenario, "≈", timeout ceilings) and its cascade.
  void the_what_if_table_and_cascade_read_as_the_clis_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::newRow("blog V3 spike ×4") << "blog.archbench.json" << "V3" << "--spike" << "4";
    QTest::newRow("image V1 workers crashed")
        << "image-pipeline.archbench.json" << "V1" << "--crash" << "workers";
    QTest::newRow("blog V2 db crashed") << "blog.archbench.json" << "V2" << "--crash" << "db";
  }
  void the_what_if_table_and_cascade_read_as_the_clis() {
    QFETCH(QString, file);
    QFETCH(QString, version);
    QFETCH(QString, option);
    QFETCH(QString, value);
    Window win;
    open_version(win, qPrintable(file), qPrintable(version));
    archbench::Fault f = option == "--spike" ? fault(archbench::FaultType::Spike)
                                             : fault(archbench::FaultType::Crash, qPrintable(value));
    if (option == "--spike") f.factor = value.toDouble();
    win.w.document()->setFaults({f}, QStringLiteral("scenario"));
    QApplication::processEvents();
    MetricsPanel* panel = win.w.metricsPanel();
    QTableWidget* table = panel->scenarioTable();
    const QString out = run_cli({QStringLiteral("what-if"), preset(qPrintable(file)),
                                 QStringLiteral("--version"), version, option, value});
    const QList<QStringList> rows = markdown_rows(out);
    int classes = 0;
    for (const QStringList& r : rows) {
      int row = -1;  // the class's row: its name exactly
      for (int i = 0; i < table->rowCount(); ++i) {
        if (table->item(i, 0) && table->item(i, 0)->text() == r[0]) row = i;
      }
      if (r.size() < 7 || row < 0) continue;
      for (const auto& [cli, header] : {std::pair{5, "Mean"}, std::pair{6, "p95"}}) {
        const QString app = table->item(row, column_of(table, QString::fromLatin1(header)))->text();
        QVERIFY2(app == r[cli], qPrintable(r[0] + " " + header + ": app " + app + ", CLI " + r[cli]));
      }
      for (const auto& [cli, header] : {std::pair{2, "Success"}, std::pair{3, "Degraded"}}) {
        const QString app = table->item(row, column_of(table, QString::fromLatin1(header)))->text();
        QCOMPARE(app, r[cli]);
      }
      ++classes;
    }
    QCOMPARE(classes, table->rowCount());
    // The cascade line of the CLI ("- workers (down)") is the app's Cascade row, each id read
    // as the component's name ("Workers (down)").
    const archbench::WhatIfReport& report = *win.w.document()->faultReport();
    QVERIFY2(out.contains(QStringLiteral("- ") + q(archbench::cascade_text(report))), qPrintable(out));
    QStringList named;
    for (const auto& step : archbench::cascade_steps(report)) {
      QString text = q(win.w.document()->component(q(step.id))->display_name());
      if (!step.state.empty()) text += QStringLiteral(" (") + q(step.state) + QStringLiteral(")");
      named << text;
    }
    const QString cascade = named.isEmpty() ? q(archbench::kNoCascade) : named.join(QStringLiteral(" → "));
    QVERIFY2(plain(panel->totalsLabel()->text()).contains(cascade),
             qPrintable(plain(panel->totalsLabel()->text()) + "\nexpected: " + cascade));
  }

  // The experiments' "affected" lists, with what changed, as the CLI's chaos prints them.
  void chaos_affected_classes_read_as_the_clis_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("version");
    QTest::newRow("blog V3") << "blog.archbench.json" << "V3";
    QTest::newRow("image V3") << "image-pipeline.archbench.json" << "V3";
  }
  void chaos_affected_classes_read_as_the_clis() {
    QFETCH(QString, file);
    QFETCH(QString, version);
    Window win;
    open_version(win, qPrintable(file), qPrintable(version));
    const QString out = run_cli(
        {QStringLiteral("chaos"), preset(qPrintable(file)), QStringLiteral("--version"), version});
    QStringList cli;  // "- affected classes: …" per experiment, in order
    for (const QString& line : out.split(QLatin1Char('\n'))) {
      if (line.startsWith(QStringLiteral("- affected classes: ")))
        cli << line.mid(QStringLiteral("- affected classes: ").size());
    }
    const auto& experiments = win.w.document()->version().experiments;
    QCOMPARE(cli.size(), static_cast<int>(experiments.size()));
    win.w.action("experiments")->trigger();
    ExperimentsView* view = win.w.experimentsView();
    QSignalSpy ran(view, &ExperimentsView::ran);
    view->findChild<QPushButton*>(QStringLiteral("runAllButton"))->click();
    QVERIFY(!view->isRunning() || ran.wait(30000));
    for (int i = 0; i < cli.size(); ++i) {
      view->selectExperiment(q(experiments[static_cast<std::size_t>(i)].name));
      const QString outcome = plain(view->findChild<QLabel*>("experimentOutcome")->text());
      QVERIFY2(outcome.contains(QStringLiteral("affected: ") + cli[i]),
               qPrintable(outcome + "\nCLI: " + cli[i]));
    }
  }

  // A saturated version: availability and downtime read "saturated", not 0% and 730 h; the
  // cost per million requests is not a figure; the CLI says the same.
  void saturation_is_shown_as_saturation() {
    Window win;
    open_version(win, "blog.archbench.json", "V1");
    // 40 ms → 1 s of Django work per visit: 4 workers carry at most 4 visits a second, the
    // app gets 7.12.
    win.w.document()->setParam("app", "service_ms", archbench::ParamValue::of(1000));
    QApplication::processEvents();
    MetricsPanel* panel = win.w.metricsPanel();
    QTableWidget* classes = panel->classesTable();
    const int row = row_of(classes, QStringLiteral("read_post"));
    QVERIFY(row >= 0);
    QCOMPARE(classes->item(row, column_of(classes, QStringLiteral("Availability")))->text(),
             QStringLiteral("saturated"));
    QCOMPARE(classes->item(row, column_of(classes, QStringLiteral("Down/month")))->text(),
             QStringLiteral("saturated"));
    const QString totals = plain(panel->totalsLabel()->text());
    QVERIFY2(totals.contains(q(archbench::cost_per_million_text(win.w.document()->report()->totals))),
             qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("not meaningful (saturated)")), qPrintable(totals));
    const QString cli = run_cli({QStringLiteral("evaluate"),
                                 preset("blog.archbench.json"), QStringLiteral("--version"),
                                 QStringLiteral("V1"), QStringLiteral("--load"), QStringLiteral("12")});
    QVERIFY2(cli.contains(QStringLiteral("cost per million requests: not meaningful (saturated)")),
             qPrintable(cli));
  }

  // A rate limit (docs/PATTERNS.md): the metrics panel's Refused column and its totals line
  // read as the CLI's refused column and limiter line.
  void rate_limit_figures_read_as_the_clis() {
    Window win;
    open_version(win, "flash-sale.archbench.json", "V2");
    MetricsPanel* panel = win.w.metricsPanel();
    QTableWidget* classes = panel->classesTable();
    const int refused = column_of(classes, QStringLiteral("Refused"));
    QVERIFY(refused >= 0);
    QVERIFY(!classes->isColumnHidden(refused));
    const QString cli = run_cli({QStringLiteral("evaluate"), preset("flash-sale.archbench.json"),
                                 QStringLiteral("--version"), QStringLiteral("V2")});
    const QList<QStringList> rows = markdown_rows(cli);
    const int cli_col = static_cast<int>(rows.at(0).indexOf(QStringLiteral("refused")));
    QVERIFY(cli_col >= 0);
    int checked = 0;
    for (const QStringList& r : rows) {
      const int row = row_of(classes, r.at(0));
      if (row < 0) continue;
      QCOMPARE(classes->item(row, refused)->text(), r.at(cli_col));
      ++checked;
    }
    QCOMPARE(checked, 2);
    const QString totals = plain(panel->totalsLabel()->text());
    const QString line = QStringLiteral("limit 650 req/s, refuses 350 req/s (429)");
    QVERIFY2(totals.contains(line), qPrintable(totals));
    QVERIFY2(cli.contains(QStringLiteral("gateway: ") + line), qPrintable(cli));
    // The canvas tags the limiter that refuses, and says the engine's line in its tooltip.
    NodeItem* gateway = win.w.scene()->node("gateway");
    QVERIFY(gateway);
    QCOMPARE(gateway->look().pattern, QStringLiteral("429"));
    QVERIFY(gateway->look().fault.isEmpty());  // shedding is not a fault: the card is not tinted
    QVERIFY2(gateway->look().tooltip.contains(line), qPrintable(gateway->look().tooltip));
    // Connection limits: the totals' line reads as the CLI's.
    open_version(win, "flash-sale.archbench.json", "V3");
    const QString cli3 = run_cli({QStringLiteral("evaluate"), preset("flash-sale.archbench.json"),
                                  QStringLiteral("--version"), QStringLiteral("V3")});
    const QString pools = QStringLiteral(
        "limit 500 per node, pools hold 1,000 (largest app: 50 × 20): 500 refused when they open");
    QVERIFY2(plain(panel->totalsLabel()->text()).contains(pools),
             qPrintable(plain(panel->totalsLabel()->text())));
    QVERIFY2(cli3.contains(QStringLiteral("db connections: ") + pools), qPrintable(cli3));
    QCOMPARE(win.w.scene()->node("db")->look().pattern, QStringLiteral("CONN"));
    open_version(win, "flash-sale.archbench.json", "V4");  // the pooler: nothing refused
    QVERIFY(win.w.scene()->node("db")->look().pattern.isEmpty());
    // Duplicate side effects and the lost share: the Dup/day and Lost columns read as the CLI's.
    open_version(win, "flash-sale.archbench.json", "V5");
    const QList<QStringList> rows5 = markdown_rows(
        run_cli({QStringLiteral("evaluate"), preset("flash-sale.archbench.json"),
                 QStringLiteral("--version"), QStringLiteral("V5")}));
    const int dup_cli = static_cast<int>(rows5.at(0).indexOf(QStringLiteral("duplicates/day")));
    const int lost_cli = static_cast<int>(rows5.at(0).indexOf(QStringLiteral("lost")));
    QVERIFY(dup_cli >= 0 && lost_cli >= 0);
    QTableWidget* classes5 = panel->classesTable();
    const int dup = column_of(classes5, QStringLiteral("Dup/day"));
    const int lost = column_of(classes5, QStringLiteral("Lost"));
    QVERIFY(dup >= 0 && lost >= 0 && !classes5->isColumnHidden(dup));
    int compared = 0;
    for (const QStringList& r : rows5) {
      const int row = row_of(classes5, r.at(0));
      if (row < 0 || r.size() <= lost_cli) continue;
      QCOMPARE(classes5->item(row, dup)->text(), r.at(dup_cli));
      QCOMPARE(classes5->item(row, lost)->text(), r.at(lost_cli));
      ++compared;
    }
    QCOMPARE(compared, 2);
    // Stale reads from lagging replicas: the Stale and Staleness columns read as the CLI's.
    open_version(win, "flash-sale.archbench.json", "V7");
    const QList<QStringList> rows7 = markdown_rows(
        run_cli({QStringLiteral("evaluate"), preset("flash-sale.archbench.json"),
                 QStringLiteral("--version"), QStringLiteral("V7")}));
    const int stale_cli = static_cast<int>(rows7.at(0).indexOf(QStringLiteral("stale")));
    const int staleness_cli = static_cast<int>(rows7.at(0).indexOf(QStringLiteral("staleness")));
    QVERIFY(stale_cli >= 0 && staleness_cli >= 0);
    QTableWidget* classes7 = panel->classesTable();
    const int stale = column_of(classes7, QStringLiteral("Stale"));
    const int staleness = column_of(classes7, QStringLiteral("Staleness"));
    QVERIFY(stale >= 0 && staleness >= 0 && !classes7->isColumnHidden(stale));
    int compared7 = 0;
    for (const QStringList& r : rows7) {
      const int row = row_of(classes7, r.at(0));
      if (row < 0 || r.size() <= staleness_cli) continue;
      QCOMPARE(classes7->item(row, stale)->text(), r.at(stale_cli));
      QCOMPARE(classes7->item(row, staleness)->text(), r.at(staleness_cli));
      ++compared7;
    }
    QCOMPARE(compared7, 2);
    // Without a limit the column is hidden.
    open_version(win, "flash-sale.archbench.json", "V1");
    QVERIFY(panel->classesTable()->isColumnHidden(
        column_of(panel->classesTable(), QStringLiteral("Refused"))));
  }

  // Event sourcing (docs/PATTERNS.md): the read model's Stale and Staleness cells and the
  // queue's Replay line in the totals read as the CLI's columns and line.
  void event_sourcing_figures_read_as_the_clis() {
    Window win;
    open_version(win, "event-sourcing.archbench.json", "V3");
    MetricsPanel* panel = win.w.metricsPanel();
    const QString cli = run_cli({QStringLiteral("evaluate"), preset("event-sourcing.archbench.json"),
                                 QStringLiteral("--version"), QStringLiteral("V3")});
    const QList<QStringList> rows = markdown_rows(cli);
    const int stale_cli = static_cast<int>(rows.at(0).indexOf(QStringLiteral("stale")));
    const int staleness_cli = static_cast<int>(rows.at(0).indexOf(QStringLiteral("staleness")));
    QVERIFY(stale_cli >= 0 && staleness_cli >= 0);
    QTableWidget* classes = panel->classesTable();
    const int stale = column_of(classes, QStringLiteral("Stale"));
    const int staleness = column_of(classes, QStringLiteral("Staleness"));
    QVERIFY(stale >= 0 && staleness >= 0 && !classes->isColumnHidden(stale));
    const int row = row_of(classes, QStringLiteral("get_order"));
    QVERIFY(row >= 0);
    bool compared = false;
    for (const QStringList& r : rows) {
      if (r.at(0) != QStringLiteral("get_order") || r.size() <= staleness_cli) continue;
      QCOMPARE(classes->item(row, stale)->text(), r.at(stale_cli));
      QCOMPARE(classes->item(row, staleness)->text(), r.at(staleness_cli));
      compared = true;
    }
    QVERIFY(compared);
    // The CLI's line "  events: replays …" is the totals' Replay row after the queue's name.
    QString replay;
    for (const QString& line : cli.split(QLatin1Char('\n'))) {
      if (line.trimmed().startsWith(QStringLiteral("events: replays")))
        replay = line.trimmed().mid(QStringLiteral("events: ").size());
    }
    QVERIFY2(replay.contains(QStringLiteral("\"read_model\"")), qPrintable(cli));
    // The same sentence, naming the component as the app does everywhere (withNames).
    replay.replace(QStringLiteral("\"read_model\""),
                   QStringLiteral("\"%1\"").arg(win.w.document()->nameOf(QStringLiteral("read_model"))));
    QVERIFY(!replay.contains(QStringLiteral("read_model")));
    const QString totals = plain(panel->totalsLabel()->text());
    QVERIFY2(totals.contains(QStringLiteral("Kafka topic order-events: ") + replay), qPrintable(totals));
  }
};

QTEST_MAIN(ViewsAgreeTest)
#include "test_views_agree.moc"
