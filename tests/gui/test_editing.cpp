// GUI editing tests: the gestures a design is edited with (drag, type, copy and paste, cut,
// delete, select, rename a class, export), driven through the real widgets on the offscreen
// platform. Each checks the model, the undo stack and what the widgets show. Versions have their
// own file (test_versions.cpp).
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QComboBox>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "archbench/validate.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "canvas/linkitem.h"
#include "window/mainwindow.h"
#include "metrics/metricspanel.h"
#include "canvas/nodeitem.h"
#include "editors/propertyeditor.h"
#include "editors/workloadeditor.h"

using namespace gui_fixture;

class GuiEditingTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void dragging_a_node_moves_it_on_the_grid_in_one_undo_step() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    CanvasView* view = win.w.view();
    NodeItem* db = win.w.scene()->node("db");
    QVERIFY(db);
    view->centerOn(db);
    const QPointF original = model_pos(doc, "db");
    QCOMPARE(original, QPointF(520, 120));  // as the preset places it
    const int steps = doc->undoStack()->count();

    drag(view, db->center(), QPoint(47, 33));
    // 520 + 47 = 567 → nearest multiple of 20: 560; 120 + 33 = 153 → 160.
    QCOMPARE(model_pos(doc, "db"), QPointF(560, 160));
    QCOMPARE(db->pos(), QPointF(560, 160));
    QCOMPARE(doc->undoStack()->count(), steps + 1);

    doc->undoStack()->undo();
    QCOMPARE(model_pos(doc, "db"), original);
    QCOMPARE(db->pos(), original);

    // A nudge of less than half a grid step snaps back: nothing moved, nothing to undo.
    drag(view, db->center(), QPoint(6, -7));
    QCOMPARE(model_pos(doc, "db"), original);
    QCOMPARE(db->pos(), original);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QVERIFY(doc->undoStack()->canRedo());  // the nudge pushed nothing: the move can be redone
  }

  void dragging_two_selected_nodes_moves_both_in_one_step() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    CanvasView* view = win.w.view();
    CanvasScene* scene = win.w.scene();
    scene->selectComponents({"app", "db"});
    NodeItem* app = scene->node("app");
    view->centerOn(app);
    const int steps = doc->undoStack()->count();

    drag(view, app->center(), QPoint(40, 60));
    // app (260, 120) and db (520, 120) both move by (40, 60), already on the grid.
    QCOMPARE(model_pos(doc, "app"), QPointF(300, 180));
    QCOMPARE(model_pos(doc, "db"), QPointF(560, 180));
    QCOMPARE(model_pos(doc, "users"), QPointF(0, 120));  // not selected: stays
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(scene->selectedComponentIds(), QStringList({"app", "db"}));

    doc->undoStack()->undo();
    QCOMPARE(model_pos(doc, "app"), QPointF(260, 120));
    QCOMPARE(model_pos(doc, "db"), QPointF(520, 120));
    QCOMPARE(scene->node("db")->pos(), QPointF(520, 120));
  }

  void typing_into_a_property_field_merges_into_one_undo_step() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* spin = win.w.propertyEditor()->findChild<QSpinBox*>("param_concurrency");
    QVERIFY(spin);
    QCOMPARE(spin->value(), 4);
    const int steps = doc->undoStack()->count();

    spin->setValue(5);
    spin->setValue(6);
    spin->setValue(7);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->component("app")->params.at("concurrency").number, 7.0);
    QVERIFY2(doc->undoStack()->undoText().contains("Django app"),
             qPrintable(doc->undoStack()->undoText()));
    QVERIFY2(doc->undoStack()->undoText().contains("threads per instance"),  // the form's label
             qPrintable(doc->undoStack()->undoText()));

    // Another field is another step.
    auto* instances = win.w.propertyEditor()->findChild<QSpinBox*>("param_instances");
    QVERIFY(instances);
    instances->setValue(2);
    QCOMPARE(doc->undoStack()->count(), steps + 2);

    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(doc->component("app")->params.at("concurrency").number, 4.0);
    QCOMPARE(spin->value(), 4);  // the field shows the model again
  }

  void a_caches_failure_mode_is_chosen_from_the_catalogs_choices_and_undone() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    const QString cache = doc->addComponent(QStringLiteral("cache"), QPointF(400, 300));
    win.w.scene()->selectComponents({cache});
    QApplication::processEvents();
    auto* box = win.w.propertyEditor()->findChild<QComboBox*>("param_on_failure");
    QVERIFY(box);
    // The catalog's choices, the default (fall through to the origin) shown and not set.
    const archbench::KindDecl* kind = doc->kindOf(cache);
    QCOMPARE(box->count(), static_cast<int>(kind->choices.at(0).choices.size()));
    // Shown in words, stored as the file spells it.
    QCOMPARE(box->currentText(), QStringLiteral("fall through"));
    QCOMPARE(box->currentData().toString(), QStringLiteral("fall_through"));
    QVERIFY(!doc->component(cache)->params.count("on_failure"));
    const int steps = doc->undoStack()->count();
    const int fail = box->findText(QStringLiteral("fail"));
    QVERIFY(fail >= 0);
    box->setCurrentIndex(fail);
    emit box->activated(fail);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(QString::fromStdString(doc->component(cache)->params.at("on_failure").text),
             QStringLiteral("fail"));
    // The undo text uses the form's label, not the file's key.
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Change when down of Cache"));
    doc->undoStack()->undo();
    QVERIFY(!doc->component(cache)->params.count("on_failure"));
    QCOMPARE(box->currentText(), QStringLiteral("fall through"));
  }

  void copy_and_paste_duplicates_linked_components_in_one_step() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    CanvasScene* scene = win.w.scene();
    const archbench::Version before = doc->version();
    const archbench::Link original_link = *doc->link({"app", "db"});
    scene->selectComponents({"app", "db"});
    const int steps = doc->undoStack()->count();

    win.w.action("copy")->trigger();
    win.w.action("paste")->trigger();

    QCOMPARE(doc->version().components.size(), before.components.size() + 2);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    const QStringList pasted = scene->selectedComponentIds();  // the paste is selected
    QCOMPARE(pasted.size(), 2);
    QString new_app, new_db;
    for (const QString& id : pasted) {
      QVERIFY2(!before.component(id.toStdString()), qPrintable(id + " is not a new id"));
      QVERIFY(scene->node(id));
      const std::string kind = doc->component(id)->kind;
      (kind == "app_server" ? new_app : new_db) = id;
    }
    QVERIFY(!new_app.isEmpty() && !new_db.isEmpty());
    // The first paste is offset by (40, 40): app (260, 120) → (300, 160), db (520, 120) →
    // (560, 160); everything else is copied as it was.
    QCOMPARE(model_pos(doc, new_app), QPointF(300, 160));
    QCOMPARE(model_pos(doc, new_db), QPointF(560, 160));
    QVERIFY(doc->component(new_app)->params == before.component("app")->params);
    const archbench::Link* link = doc->link({new_app, new_db});
    QVERIFY(link);
    QVERIFY(link->calls == original_link.calls);
    QCOMPARE(link->latency_ms, original_link.latency_ms);
    QVERIFY(win.w.scene()->linkItem({new_app, new_db}));
    QVERIFY(doc->problems().empty());

    const archbench::Version after = doc->version();
    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);
    QVERIFY(!scene->node(new_app) && !scene->node(new_db));
    doc->undoStack()->redo();
    QVERIFY(doc->version() == after);  // the same ids again
  }

  void pasting_what_is_not_a_valid_fragment_changes_nothing() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    const archbench::Version before = doc->version();
    const int steps = doc->undoStack()->count();
    auto paste = [&](const QString& text) {
      QApplication::clipboard()->setText(text);
      win.w.action("paste")->trigger();
      QVERIFY2(doc->version() == before, qPrintable(text));
      QCOMPARE(doc->undoStack()->count(), steps);
    };
    paste(QStringLiteral("this is not a design {"));
    paste(QStringLiteral(R"({"components": [{"id": "x", "kind": "teleporter"}], "links": []})"));

    // A well-formed fragment whose value breaks the catalog's range (threads per instance ≥ 1).
    QJsonObject fragment = QJsonDocument::fromJson(doc->copy({"app"}).toUtf8()).object();
    QJsonArray components = fragment["components"].toArray();
    QJsonObject app = components[0].toObject();
    QJsonObject params = app["params"].toObject();
    params["concurrency"] = -3;
    app["params"] = params;
    components[0] = app;
    fragment["components"] = components;
    paste(QString::fromUtf8(QJsonDocument(fragment).toJson()));
  }

  void cut_removes_the_selection_and_keeps_it_on_the_clipboard() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    const archbench::Version before = doc->version();
    win.w.scene()->selectComponents({"s3"});
    const int steps = doc->undoStack()->count();

    win.w.action("cut")->trigger();
    QVERIFY(!doc->component("s3"));
    QVERIFY(!doc->link({"users", "s3"}));
    QVERIFY(!win.w.scene()->node("s3"));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QVERIFY(QApplication::clipboard()->text().contains("\"s3\""));

    // Pasting it back gives the same component (its id is free again), 40 px further.
    win.w.action("paste")->trigger();
    QVERIFY(doc->component("s3"));
    QCOMPARE(model_pos(doc, "s3"), QPointF(300, 340));

    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);
  }

  void deleting_a_component_removes_its_links_and_undo_restores_both() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    CanvasScene* scene = win.w.scene();
    const archbench::Version before = doc->version();
    QCOMPARE(before.links.size(), std::size_t(3));
    scene->selectComponents({"app"});
    const int steps = doc->undoStack()->count();

    win.w.action("delete")->trigger();
    QVERIFY(!doc->component("app"));
    QCOMPARE(doc->version().links.size(), std::size_t(1));  // only users → s3 is left
    QVERIFY(doc->link({"users", "s3"}));
    QVERIFY(!scene->linkItem({"users", "app"}) && !scene->linkItem({"app", "db"}));
    QCOMPARE(doc->undoStack()->count(), steps + 1);

    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);  // same components, links, order and values
    QVERIFY(scene->node("app"));
    QVERIFY(scene->linkItem({"users", "app"}) && scene->linkItem({"app", "db"}));
    QVERIFY(doc->report());
  }

  void selecting_a_metrics_row_selects_the_node_and_back() {
    Window win;
    open_blog_v1(win);
    CanvasScene* scene = win.w.scene();
    QTableWidget* table = win.w.metricsPanel()->componentsTable();
    const int row = row_of(table, "PostgreSQL");
    QVERIFY(row >= 0);
    QTableWidgetItem* cell = table->item(row, 0);
    table->scrollToItem(cell);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      table->visualItemRect(cell).center());
    QCOMPARE(scene->selectedComponentIds(), QStringList{"db"});
    auto* name = win.w.propertyEditor()->findChild<QLineEdit*>("component_name");
    QVERIFY(name);
    QCOMPARE(name->placeholderText(), QStringLiteral("db"));  // the editor shows it too

    scene->selectComponents({"app"});
    const QList<QTableWidgetItem*> selected = table->selectedItems();
    QVERIFY(!selected.isEmpty());
    QCOMPARE(table->item(selected.front()->row(), 0)->text(), QStringLiteral("Django app"));

    // Nothing selected on the canvas: no row either.
    scene->selectComponents({});
    QVERIFY(table->selectedItems().isEmpty());
  }

  void renaming_a_request_class_renames_its_per_class_values_in_one_step() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    const archbench::Version before = doc->version();
    QTableWidget* table = win.w.propertyEditor()->workloadEditor()->table();
    const int row = row_of(table, "read_post", WorkloadEditor::Name);
    QVERIFY(row >= 0);
    const int steps = doc->undoStack()->count();

    // Edit the name cell the way a user does: open its editor, type, press Enter.
    QTableWidgetItem* item = table->item(row, WorkloadEditor::Name);
    table->setCurrentItem(item);
    table->editItem(item);
    QLineEdit* editor = nullptr;
    for (auto* e : table->viewport()->findChildren<QLineEdit*>(Qt::FindDirectChildrenOnly))
      if (e->isVisible()) editor = e;
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, "view_post");
    QTest::keyClick(editor, Qt::Key_Return);
    QApplication::processEvents();  // the delegate commits the editor's text in a queued call

    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->version().workload[0].name, std::string("view_post"));
    const auto& app_service = doc->component("app")->params.at("service_ms").map;
    QCOMPARE(app_service.count("read_post"), std::size_t(0));
    QCOMPARE(app_service.at("view_post"), 40.0);
    QCOMPARE(app_service.at("comment"), 30.0);
    QCOMPARE(doc->component("db")->params.at("service_ms").map.at("view_post"), 5.0);
    const auto& to_app = doc->link({"users", "app"})->calls.by_class;
    QCOMPARE(to_app.count("read_post"), std::size_t(0));
    QCOMPARE(to_app.at("view_post"), 1.0);
    QCOMPARE(doc->link({"app", "db"})->calls.by_class.at("view_post"), 3.0);
    QVERIFY(doc->problems().empty());
    QVERIFY(doc->report());
    QCOMPARE(doc->report()->classes.front().name, std::string("view_post"));
    QCOMPARE(table->item(row, WorkloadEditor::Name)->text(), QStringLiteral("view_post"));

    const archbench::Version renamed = doc->version();
    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);
    QCOMPARE(table->item(row, WorkloadEditor::Name)->text(), QStringLiteral("read_post"));
    doc->undoStack()->redo();
    QVERIFY(doc->version() == renamed);
    QVERIFY(doc->problems().empty());
  }

  void renaming_or_removing_a_class_keeps_the_experiments_valid() {
    // Blog V2's experiments name read_post, comment and media in their conditions and blast
    // radius: a rename follows into them, a removal drops what named the class — in the same
    // undo step — so the file saved afterwards still opens.
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    doc->setVersionIndex(1);
    QCOMPARE(QString::fromStdString(doc->version().name), QStringLiteral("V2"));
    QVERIFY(!doc->version().experiments.empty());
    const archbench::Version before = doc->version();
    WorkloadEditor* editor = win.w.propertyEditor()->workloadEditor();
    QTableWidget* table = editor->table();
    const int steps = doc->undoStack()->count();
    const int row = row_of(table, "read_post", WorkloadEditor::Name);
    QVERIFY(row >= 0);
    table->item(row, WorkloadEditor::Name)->setText(QStringLiteral("view_post"));
    QApplication::processEvents();
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    bool renamed = false;
    for (const auto& e : doc->version().experiments) {
      for (const auto& c : e.conditions) {
        QVERIFY(c.request_class != "read_post");
        renamed = renamed || c.request_class == "view_post";
      }
      QVERIFY(std::find(e.blast_radius.begin(), e.blast_radius.end(), "read_post") == e.blast_radius.end());
    }
    QVERIFY(renamed);
    QVERIFY(archbench::validate_scenarios(doc->version(), doc->catalog()).empty());

    // Remove "comment": the conditions and radius entries naming it go.
    table->setCurrentCell(row_of(table, "comment", WorkloadEditor::Name), WorkloadEditor::Name);
    editor->removeClass();
    QApplication::processEvents();
    QVERIFY(doc->version().request_class("comment") == nullptr);
    for (const auto& e : doc->version().experiments) {
      for (const auto& c : e.conditions) QVERIFY(c.request_class != "comment");
      QVERIFY(std::find(e.blast_radius.begin(), e.blast_radius.end(), "comment") == e.blast_radius.end());
    }
    QVERIFY(archbench::validate_scenarios(doc->version(), doc->catalog()).empty());
    QVERIFY(doc->problems().empty());
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);
  }

  void exporting_writes_a_png_and_an_svg_of_the_canvas() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    QTemporaryDir dir;
    const QString png = dir.filePath("canvas.png");
    QVERIFY(win.w.exportImage(png));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(image.width() > 200 && image.height() > 100,
             qPrintable(QStringLiteral("%1×%2").arg(image.width()).arg(image.height())));

    const QString svg = dir.filePath("canvas.svg");
    QVERIFY(win.w.exportImage(svg));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains("<svg"));
    // The cards are drawn as text, not as a picture of text.
    const QString name = QString::fromStdString(win.w.document()->component("db")->name);
    QCOMPARE(name, QStringLiteral("PostgreSQL"));
    QVERIFY2(text.contains(name), "the SVG holds the components' names as text");
  }

  void a_value_beyond_the_range_is_clamped_before_it_reaches_the_model() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* threads = win.w.propertyEditor()->findChild<QSpinBox*>("param_concurrency");
    QVERIFY(threads);
    QCOMPARE(threads->maximum(), 100000);  // the catalog's range for an app server
    threads->setValue(threads->maximum() + 5000);
    QCOMPARE(threads->value(), threads->maximum());
    QCOMPARE(doc->component("app")->params.at("concurrency").number, 100000.0);
    threads->setValue(-5);
    QCOMPARE(threads->value(), threads->minimum());
    QCOMPARE(doc->component("app")->params.at("concurrency").number, 1.0);

    // Typed digits past the maximum are refused by the field's validator.
    threads->selectAll();
    QTest::keyClicks(threads, "99999999");
    QTest::keyClick(threads, Qt::Key_Return);
    QVERIFY(threads->value() <= threads->maximum());
    QCOMPARE(doc->component("app")->params.at("concurrency").number, double(threads->value()));

    auto* scv = win.w.propertyEditor()->findChild<QDoubleSpinBox*>("param_scv");
    QVERIFY(scv);
    scv->setValue(1e6);
    QCOMPARE(scv->value(), scv->maximum());
    QCOMPARE(doc->component("app")->params.at("scv").number, 100.0);

    win.w.scene()->selectLink({"users", "app"});
    QApplication::processEvents();
    auto* latency = win.w.propertyEditor()->findChild<QDoubleSpinBox*>("link_latency_ms");
    QVERIFY(latency);
    latency->setValue(1e9);
    QCOMPARE(latency->value(), latency->maximum());
    QCOMPARE(doc->link({"users", "app"})->latency_ms, latency->maximum());

    // Every value is in range: the engine evaluates the version.
    QVERIFY(doc->problems().empty());
    QVERIFY(doc->report());
  }
};

QTEST_MAIN(GuiEditingTest)
#include "test_editing.moc"
