// GUI tests: drive the real widgets of the main window (offscreen) and check the model and the
// figures shown against the engine's report.
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "archbench/format.h"
#include "archbench/project_io.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "window/mainwindow.h"
#include "metrics/metricspanel.h"
#include "canvas/nodeitem.h"
#include "canvas/palette.h"
#include "editors/propertyeditor.h"

using namespace gui_fixture;

class GuiTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void dropping_a_palette_kind_creates_a_component() {
    Window win;
    Document* doc = win.w.document();
    const auto before = doc->version().components.size();
    CanvasView* view = win.w.view();
    auto* mime = new QMimeData;
    mime->setData(Palette::kKindMime, "cache");
    const QPoint at = view->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    QCOMPARE(doc->version().components.size(), before + 1);
    const archbench::Component& added = doc->version().components.back();
    QCOMPARE(QString::fromStdString(added.kind), QStringLiteral("cache"));
    QVERIFY(win.w.scene()->node(QString::fromStdString(added.id)) != nullptr);
    // One undo step removes it again.
    doc->undoStack()->undo();
    QCOMPARE(doc->version().components.size(), before);
    delete mime;
  }

  void connecting_two_nodes_creates_a_link() {
    Window win;
    Document* doc = win.w.document();
    const QString app = doc->addComponent("app_server", QPointF(300, 0));
    win.w.view()->zoomToFit();
    QApplication::processEvents();
    CanvasView* view = win.w.view();
    NodeItem* from = win.w.scene()->node("users");
    NodeItem* to = win.w.scene()->node(app);
    QVERIFY(from && to);
    const QPoint a = viewPoint(view, from->sceneBoundingRect().center());
    const QPoint b = viewPoint(view, to->sceneBoundingRect().center());
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, a);
    QTest::mouseMove(view->viewport(), (a + b) / 2);
    QTest::mouseMove(view->viewport(), b);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, b);
    QVERIFY(doc->link({"users", app}) != nullptr);
    QVERIFY(win.w.scene()->linkItem({"users", app}) != nullptr);
    // The reverse would call a client: refused with a reason, nothing added.
    QSignalSpy refused(win.w.scene(), &CanvasScene::linkRefused);
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, b);
    QTest::mouseMove(view->viewport(), (a + b) / 2);
    QTest::mouseMove(view->viewport(), a);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, a);
    QCOMPARE(refused.count(), 1);
    QVERIFY(doc->link({app, "users"}) == nullptr);
  }

  void undo_and_redo_restore_the_exact_model() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    const archbench::Project original = doc->project();
    const QString cache = doc->addComponent("cache", QPointF(100, 400));
    QVERIFY(doc->addLink("app", cache));
    doc->setParam("app", "concurrency", archbench::ParamValue::of(32));
    doc->moveComponents({"db"}, {QPointF(860, 120)}, {QPointF(900, 200)});
    doc->removeItems({"s3"}, {});
    const archbench::Project edited = doc->project();
    QVERIFY(!(edited == original));
    while (doc->undoStack()->canUndo()) doc->undoStack()->undo();
    QVERIFY(doc->project() == original);
    QVERIFY(!doc->isModified());
    while (doc->undoStack()->canRedo()) doc->undoStack()->redo();
    QVERIFY(doc->project() == edited);
  }

  void save_then_open_gives_an_equal_model() {
    Window win;
    QVERIFY(win.w.openFile(preset("image-pipeline.archbench.json")));
    Document* doc = win.w.document();
    doc->setParam("api", "concurrency", archbench::ParamValue::of(48));
    const archbench::Project saved = doc->project();
    QTemporaryDir dir;
    const QString path = dir.filePath("copy.archbench.json");
    QVERIFY(win.w.saveFile(path));
    QVERIFY(!doc->isModified());
    Window other;
    QVERIFY(other.w.openFile(path));
    QVERIFY(other.w.document()->project() == saved);
    QVERIFY(other.w.windowTitle().contains("copy.archbench.json"));
  }

  void a_broken_file_shows_the_engine_message_and_keeps_the_document() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    const archbench::Project before = win.w.document()->project();
    const QString broken = QStringLiteral(ARCHBENCH_TEST_FIXTURES_DIR "/broken/cycle.json");
    QVERIFY(!win.w.openFile(broken));
    QCOMPARE(win.errors.size(), 1);
    QVERIFY(win.errors.front().contains("cycle.json"));
    QVERIFY(win.errors.front().contains("/versions/0/links"));
    QVERIFY(win.w.document()->project() == before);
    QCOMPARE(win.w.document()->path(), preset("blog.archbench.json"));
  }

  void closing_a_modified_document_asks_first() {
    Window win;
    win.w.document()->addComponent("database", QPointF(200, 200));
    QVERIFY(win.w.isWindowModified());
    win.answer = QMessageBox::Cancel;
    QVERIFY(!win.w.close());
    QCOMPARE(win.questions.size(), 1);
    QVERIFY(win.w.isVisible());
    win.answer = QMessageBox::Discard;
    QVERIFY(win.w.close());
    QCOMPARE(win.questions.size(), 2);
  }

  void editing_a_property_changes_the_metrics_figure() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    doc->setVersionIndex(0);  // V1: one app server with 4 workers
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* spin = win.w.propertyEditor()->findChild<QSpinBox*>("param_concurrency");
    QVERIFY2(spin, "the property editor shows a spin box for concurrency");
    QTableWidget* table = win.w.metricsPanel()->componentsTable();
    const int util = column_of(table, "Util");
    QVERIFY(util >= 0);
    auto shown = [&] { return table->item(row_of(table, "app"), util)->text(); };
    const QString before = shown();
    const int undo_before = doc->undoStack()->count();
    spin->setValue(8);
    QCOMPARE(doc->undoStack()->count(), undo_before + 1);
    QCOMPARE(doc->component("app")->params.at("concurrency").number, 8.0);
    // The panel shows the engine's figure for the new design, formatted by the engine.
    const double u = *doc->report()->component("app")->utilization;
    QCOMPARE(shown(), QString::fromStdString(archbench::format_percent(u)));
    QVERIFY(shown() != before);
  }

  // Opening a project (an example) starts with nothing selected: no metrics row stays
  // highlighted from the project before, though the new one has a component of the same id.
  void opening_a_project_leaves_no_metrics_row_highlighted() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    QTableWidget* components = win.w.metricsPanel()->componentsTable();
    QVERIFY(!components->selectedItems().isEmpty());
    win.answer = QMessageBox::Discard;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    QApplication::processEvents();
    QVERIFY(win.w.scene()->selectedComponentIds().isEmpty());
    QVERIFY(components->selectedItems().isEmpty());
    QVERIFY(components->currentItem() == nullptr);
    QVERIFY(win.w.metricsPanel()->classesTable()->selectedItems().isEmpty());
    QVERIFY(win.w.metricsPanel()->classesTable()->currentItem() == nullptr);
  }

  // Every preset's cards show their whole names at any zoom (a long one on two lines); a name
  // even two lines cannot hold is elided, and the card's tooltip names it in full.
  void node_names_are_shown_whole() {
    Window win;
    for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"}) {
      win.answer = QMessageBox::Discard;
      QVERIFY(win.w.openFile(preset(file)));
      Document* doc = win.w.document();
      for (int v = 0; v < doc->versionCount(); ++v) {
        doc->setVersionIndex(v);
        for (const auto& c : doc->version().components) {
          const NodeItem* n = win.w.scene()->node(QString::fromStdString(c.id));
          QVERIFY(n);
          QCOMPARE(n->shownName(), QString::fromStdString(c.display_name()));
        }
      }
    }
    // The detail row (instances, replicas, servers) is never cut either: the unit shortened
    // first ("1+1 · 20 conns" on the image pipeline's V3 database).
    for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json",
                             "flash-sale.archbench.json", "news-feed.archbench.json",
                             "autoscale-mesh.archbench.json", "event-sourcing.archbench.json"}) {
      win.answer = QMessageBox::Discard;
      QVERIFY(win.w.openFile(preset(file)));
      Document* doc = win.w.document();
      for (int v = 0; v < doc->versionCount(); ++v) {
        doc->setVersionIndex(v);
        QApplication::processEvents();
        for (const auto& c : doc->version().components) {
          const NodeItem* n = win.w.scene()->node(QString::fromStdString(c.id));
          QVERIFY(n);
          const QString where = QStringLiteral("%1 %2 %3: %4")
                                    .arg(file, QString::fromStdString(doc->version().name),
                                         QString::fromStdString(c.id), n->shownDetail());
          QVERIFY2(!n->shownDetail().contains(QChar(0x2026)), qPrintable(where));
        }
      }
    }
    // A region is a tag of its own at the bottom left, not a prefix that crowds the detail out.
    win.answer = QMessageBox::Discard;
    QVERIFY(win.w.openFile(preset("flash-sale.archbench.json")));
    win.w.document()->setVersionIndex(6);
    QApplication::processEvents();
    QCOMPARE(win.w.document()->version().name, std::string("V7"));
    QCOMPARE(win.w.scene()->node("gateway")->shownRegion(), QStringLiteral("eu-west"));
    QCOMPARE(win.w.scene()->node("gateway")->shownDetail(), QStringLiteral("2,000 at once"));
    QVERIFY(win.w.scene()->node("db")->shownRegion().startsWith(QStringLiteral("us-east → ")));
    QVERIFY(win.w.scene()->node("gateway")->toolTip().contains(QStringLiteral("region eu-west")));
    win.w.document()->setVersionIndex(0);
    QApplication::processEvents();
    QVERIFY(win.w.scene()->node("gateway")->shownRegion().isEmpty());  // V1 has no regions
    // An autoscaled pool behind a queue (one shared station, role "pool") reads the count the
    // report chose, not the instance role's (none): "×4 (auto 2–16)", never below its minimum.
    {
      QTemporaryDir dir;
      const QString file = dir.filePath("pool.archbench.json");
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(R"({"format": "archbench-project", "format_version": 5, "name": "pool", "versions": [{
        "name": "V1",
        "workload": [{"name": "job", "entry": "users", "op": "write", "per_second": 100}],
        "components": [{"id": "users", "kind": "users"}, {"id": "queue", "kind": "message_queue"},
          {"id": "workers", "kind": "worker_pool", "params": {"instances": 1, "concurrency": 4,
           "service_ms": 50}, "autoscale": {"min": 2, "max": 16, "target_utilization": 0.6}}],
        "links": [{"from": "users", "to": "queue"}, {"from": "queue", "to": "workers"}]}]})");
      f.close();
      win.answer = QMessageBox::Discard;
      QVERIFY2(win.w.openFile(file), qPrintable(win.errors.join('\n')));
      QApplication::processEvents();
      const NodeItem* n = win.w.scene()->node("workers");
      QVERIFY(n);
      const archbench::ComponentResult* r = win.w.document()->report()->component("workers");
      QVERIFY(r && r->autoscale);
      QVERIFY(r->autoscale->instances >= 2);
      QCOMPARE(n->look().shortDetail,
               QStringLiteral("×%1 (auto 2–16)").arg(r->autoscale->instances));
    }
    win.answer = QMessageBox::Discard;
    QVERIFY(win.w.openFile(preset("image-pipeline.archbench.json")));
    win.w.document()->setVersionIndex(2);
    QApplication::processEvents();
    QCOMPARE(win.w.scene()->node("db")->shownDetail(), QStringLiteral("1+1 · 20 conns"));
    Document* doc = win.w.document();  // the image pipeline's V3
    const QString long_name =
        QStringLiteral("Primary PostgreSQL cluster for the order history and invoices");
    doc->setComponentName("s3", long_name);
    const NodeItem* n = win.w.scene()->node("s3");
    QVERIFY(n->shownName().endsWith(QChar(0x2026)));  // "…"
    QVERIFY(n->toolTip().contains(long_name));
  }
  // At the window's default size, under a scenario (the widest classes table), the components
  // table keeps its figures up to the cost in view: short of room it drops its Kind column
  // (the icon shows the kind) before it scrolls; with room again the column comes back.
  void the_components_table_keeps_its_cost_column_in_view() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    doc->setVersionIndex(static_cast<int>(doc->project().versions.size()) - 1);
    archbench::Fault crash;
    crash.type = archbench::FaultType::Crash;
    crash.component = "db";
    doc->setFaults({crash}, QStringLiteral("Crash PostgreSQL"));
    QApplication::processEvents();
    QTest::qWait(50);  // the splitter is fitted once laid out
    QTableWidget* table = win.w.metricsPanel()->componentsTable();
    const int last = table->columnCount() - 1;
    const int shown = table->horizontalHeader()->sectionViewportPosition(last) +
                      table->horizontalHeader()->sectionSize(last);
    QVERIFY2(shown <= table->viewport()->width(),
             qPrintable(QStringLiteral("the cost column ends at %1 of %2 px")
                            .arg(shown)
                            .arg(table->viewport()->width())));
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    // A wide window has room for the Kind column.
    win.w.resize(2400, 860);
    QApplication::processEvents();
    QTest::qWait(50);
    doc->setFaults({}, QStringLiteral("Clear faults"));
    QApplication::processEvents();
    QTest::qWait(50);
    QVERIFY(!table->isColumnHidden(1));
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Kind"));
  }
};

QTEST_MAIN(GuiTest)
#include "test_gui.moc"
