// GUI failure-analysis tests: a what-if scenario put on the design through the document and
// through the canvas's context menu (right click; a right drag still pans), undone and redone,
// surviving the deletion of what it names and a save; the canvas showing it; and the link
// policy and zones fields (the metrics panel's figures: test_fault_figures.cpp). Offscreen
// platform.
#include "faults_fixture.h"

using namespace faults_fixture;

class GuiFaultsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void a_fault_set_through_the_document_is_one_undo_step_that_redo_restores_exactly() {
    Window win;
    open_blog(win, "V1");
    Document* doc = win.w.document();
    QVERIFY(doc->faultReport() == nullptr);  // steady state: no scenario
    QVERIFY(doc->availability() != nullptr);
    const int steps = doc->undoStack()->count();

    // The order listeners rely on: the faults change, then the figures are re-read.
    QStringList order;
    bool fresh = true;  // the report is already recomputed when the change is announced
    connect(doc, &Document::faultsChanged, this, [&] {
      order << "faults";
      fresh = fresh && (doc->faultReport() != nullptr) == !doc->version().faults.empty();
    });
    connect(doc, &Document::evaluated, this, [&] { order << "evaluated"; });

    Fault slow = fault(FaultType::Slow, "db");
    slow.factor = 3;
    slow.add_ms = 20;
    const std::vector<Fault> faults{fault(FaultType::Crash, "s3"), slow};
    doc->setFaults(faults, "Crash s3, slow db");
    QCOMPARE(order, QStringList({"faults", "evaluated"}));
    QVERIFY(doc->version().faults == faults);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Crash s3, slow db"));
    QVERIFY2(doc->faultProblems().empty(),
             doc->faultProblems().empty() ? "" : doc->faultProblems()[0].message.c_str());
    const archbench::WhatIfReport* report = doc->faultReport();
    QVERIFY(report);
    QVERIFY(report->faults == faults);
    // s3 carries only media: with it crashed, no media request succeeds (no fallback).
    const archbench::ClassOutcome* media = report->faulted.request_class("media");
    QVERIFY(media);
    QCOMPARE(media->success, 0.0);
    const double read_success = report->faulted.request_class("read_post")->success;
    const std::optional<double> read_mean =
        report->faulted.request_class("read_post")->answered_mean_ms;

    doc->undoStack()->undo();
    QVERIFY(doc->version().faults.empty());
    QVERIFY(doc->faultReport() == nullptr);

    doc->undoStack()->redo();
    QVERIFY(fresh);
    QVERIFY(doc->version().faults == faults);
    QVERIFY(doc->faultReport());
    QCOMPARE(doc->faultReport()->faulted.request_class("read_post")->success, read_success);
    QCOMPARE(doc->faultReport()->faulted.request_class("read_post")->answered_mean_ms, read_mean);
    QCOMPARE(doc->faultReport()->faulted.request_class("media")->success, 0.0);

    // Setting the same faults again is no edit.
    doc->setFaults(faults, "again");
    QCOMPARE(doc->undoStack()->count(), steps + 1);
  }

  void the_context_menu_crashes_and_restores_a_component() {
    Window win;
    open_blog(win, "V1");
    Document* doc = win.w.document();
    CanvasScene* scene = win.w.scene();
    NodeItem* db = scene->node("db");
    QVERIFY(db);
    QVERIFY(db->look().fault.isEmpty());
    QVERIFY(!db->look().down);

    std::unique_ptr<QMenu> menu(scene->componentMenu("db", win.w.view()));
    QVERIFY(menu);
    // The database of V1 has no replica: nothing to lose or partition; it is no cache.
    for (const char* present :
         {"fault_crash", "fault_hang", "fault_slow3", "fault_slow10", "fault_slow_plus200"})
      QVERIFY2(action_of(menu.get(), present), present);
    for (const char* absent :
         {"fault_lose1", "fault_flush", "fault_partition", "fault_restore", "fault_clear"})
      QVERIFY2(!action_of(menu.get(), absent), absent);
    action_of(menu.get(), "fault_crash")->trigger();

    QVERIFY(doc->version().faults == std::vector<Fault>{fault(FaultType::Crash, "db")});
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Crash PostgreSQL"));
    // The card follows the document and the engine: crashed, greyed, figure "down".
    QCOMPARE(db->look().fault, QStringLiteral("CRASHED"));
    QVERIFY(db->look().down);
    QVERIFY(doc->faultReport());
    QVERIFY(doc->faultReport()->faulted.component("db")->down);
    QCOMPARE(db->look().figure, QStringLiteral("down"));
    QVERIFY(scene->node("app")->look().fault.isEmpty());  // not its fault

    // The menu now shows the crash as on, and offers to restore and to clear.
    menu.reset(scene->componentMenu("db", win.w.view()));
    QVERIFY(action_of(menu.get(), "fault_crash")->isChecked());
    QVERIFY(action_of(menu.get(), "fault_clear"));
    // Choosing another fault replaces the crash (one fault per component from the menu).
    action_of(menu.get(), "fault_slow3")->trigger();
    QCOMPARE(doc->version().faults.size(), std::size_t(1));
    QCOMPARE(doc->version().faults[0].type, FaultType::Slow);
    QCOMPARE(doc->version().faults[0].factor, 3.0);
    QCOMPARE(db->look().fault, QStringLiteral("×3 slower"));
    QVERIFY(!db->look().down);

    menu.reset(scene->componentMenu("db", win.w.view()));
    action_of(menu.get(), "fault_restore")->trigger();
    QVERIFY(doc->version().faults.empty());
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Restore PostgreSQL"));
    QVERIFY(db->look().fault.isEmpty());
    QVERIFY(!db->look().down);
    QVERIFY(!win.w.metricsPanel()->showsScenario());

    // Undo walks back through the slow and the crash.
    doc->undoStack()->undo();
    QCOMPARE(db->look().fault, QStringLiteral("×3 slower"));
    doc->undoStack()->undo();
    QCOMPARE(db->look().fault, QStringLiteral("CRASHED"));
  }

  void the_menu_offers_what_the_component_can_suffer() {
    Window win;
    open_blog(win, "V3");  // 3 app servers, Redis, a database without replicas, users
    CanvasScene* scene = win.w.scene();
    std::unique_ptr<QMenu> app(scene->componentMenu("app", win.w.view()));
    QVERIFY(action_of(app.get(), "fault_lose1"));  // ×3: one can go
    QVERIFY(!action_of(app.get(), "fault_flush"));
    std::unique_ptr<QMenu> cache(scene->componentMenu("cache", win.w.view()));
    QVERIFY(action_of(cache.get(), "fault_flush"));
    QVERIFY(!action_of(cache.get(), "fault_lose1"));  // one instance
    // Requests start at a client: with no fault anywhere it has no menu.
    QVERIFY(scene->componentMenu("users", win.w.view()) == nullptr);

    action_of(cache.get(), "fault_flush")->trigger();
    QCOMPARE(scene->node("cache")->look().fault, QStringLiteral("flushed"));
    action_of(app.get(), "fault_lose1")->trigger();
    QCOMPARE(scene->node("app")->look().fault, QStringLiteral("−1 instance"));
    QCOMPARE(win.w.document()->version().faults.size(), std::size_t(2));

    // With a fault somewhere, the client's menu and the empty canvas offer to clear them all.
    std::unique_ptr<QMenu> users(scene->componentMenu("users", win.w.view()));
    QVERIFY(action_of(users.get(), "fault_clear"));
    std::unique_ptr<QMenu> canvas(scene->contextMenuAt(QPointF(-2000, -2000), win.w.view()));
    QVERIFY(canvas);
    action_of(canvas.get(), "fault_clear")->trigger();
    QVERIFY(win.w.document()->version().faults.empty());
    QCOMPARE(win.w.document()->undoStack()->undoText(), QStringLiteral("Clear faults"));
  }

  void a_right_click_opens_the_menu_and_a_right_drag_pans() {
    Window win;
    open_blog(win, "V1");
    CanvasView* view = win.w.view();
    NodeItem* db = win.w.scene()->node("db");
    view->centerOn(db);
    QApplication::processEvents();
    const QPoint at = viewPoint(view, db->center());

    QTest::mousePress(view->viewport(), Qt::RightButton, Qt::NoModifier, at);
    QTest::mouseMove(view->viewport(), at + QPoint(2, 1));  // a hand's tremble: still a click
    QTest::mouseRelease(view->viewport(), Qt::RightButton, Qt::NoModifier, at + QPoint(2, 1));
    auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    QVERIFY(menu);
    QCOMPARE(menu->objectName(), QStringLiteral("componentMenu"));
    QCOMPARE(win.w.scene()->selectedComponentIds(), QStringList({"db"}));  // what it is about
    action_of(menu, "fault_hang")->trigger();
    menu->close();
    QVERIFY(win.w.document()->version().faults == std::vector<Fault>{fault(FaultType::Hang, "db")});
    QApplication::processEvents();
    QVERIFY(!QApplication::activePopupWidget());

    // A drag with the right button pans and opens nothing.
    const int h = view->horizontalScrollBar()->value();
    const int v = view->verticalScrollBar()->value();
    QTest::mousePress(view->viewport(), Qt::RightButton, Qt::NoModifier, at);
    QTest::mouseMove(view->viewport(), at + QPoint(-20, -10));
    QTest::mouseMove(view->viewport(), at + QPoint(-40, -20));
    QTest::mouseRelease(view->viewport(), Qt::RightButton, Qt::NoModifier, at + QPoint(-40, -20));
    QVERIFY(!QApplication::activePopupWidget());
    // The content follows the hand: dragging left and up scrolls right and down by as much.
    QCOMPARE(view->horizontalScrollBar()->value(), h + 40);
    QCOMPARE(view->verticalScrollBar()->value(), v + 20);
  }

  void cutting_a_link_draws_it_cut_and_restoring_it_does_not() {
    Window win;
    open_blog(win, "V1");
    Document* doc = win.w.document();
    LinkItem* link = win.w.scene()->linkItem({"app", "db"});
    QVERIFY(link);
    QVERIFY(!link->isCut());
    const QString label = link->label();  // what it carries: db's arrivals (its only caller)
    const auto& results = doc->report()->components;
    const auto db = std::find_if(results.begin(), results.end(),
                                 [](const archbench::ComponentResult& c) { return c.id == "db"; });
    QVERIFY(db != results.end());
    QCOMPARE(label, q(archbench::format_rate(db->arrival_per_s)));
    std::unique_ptr<QMenu> menu(win.w.scene()->linkMenu({"app", "db"}, win.w.view()));
    QVERIFY(!action_of(menu.get(), "fault_restore_link"));
    action_of(menu.get(), "fault_cut")->trigger();
    QVERIFY(doc->version().faults == std::vector<Fault>{fault(FaultType::Cut, "app", "db")});
    QVERIFY(link->isCut());
    QCOMPARE(link->label(), QStringLiteral("cut"));
    QVERIFY(doc->faultReport());

    menu.reset(win.w.scene()->linkMenu({"app", "db"}, win.w.view()));
    QVERIFY(!action_of(menu.get(), "fault_cut"));
    action_of(menu.get(), "fault_restore_link")->trigger();
    QVERIFY(doc->version().faults.empty());
    QVERIFY(!link->isCut());
    QCOMPARE(link->label(), label);
  }

  void deleting_a_faulted_component_drops_its_faults_and_undo_brings_both_back() {
    Window win;
    open_blog(win, "V1");
    Document* doc = win.w.document();
    Fault slow = fault(FaultType::Slow, "app");
    slow.factor = 10;
    const std::vector<Fault> faults{fault(FaultType::Crash, "db"), slow,
                                    fault(FaultType::Cut, "app", "db")};
    doc->setFaults(faults, "three faults");
    // Experiments name components too: one only db, one db and app.
    archbench::Experiment only_db;
    only_db.name = "db down";
    only_db.faults = {fault(FaultType::Crash, "db")};
    archbench::Experiment both = only_db;
    both.name = "db and app";
    both.faults.push_back(slow);
    doc->setExperiments({only_db, both}, "two experiments");
    QVERIFY(doc->problems().empty());
    const archbench::Version before = doc->version();
    const int steps = doc->undoStack()->count();

    doc->removeItems({"db"}, {});
    QCOMPARE(doc->undoStack()->count(), steps + 1);  // one step for the component, link, faults
    QVERIFY(!doc->component("db"));
    // The crash of db and the cut of app → db named what is gone; the slow app stays and is
    // still evaluated.
    QVERIFY(doc->version().faults == std::vector<Fault>{slow});
    QVERIFY(doc->faultProblems().empty());
    // An experiment left with no fault goes (the engine refuses one); the other keeps app's.
    QCOMPARE(doc->version().experiments.size(), std::size_t(1));
    QVERIFY(doc->version().experiments[0].faults == std::vector<Fault>{slow});
    QVERIFY2(doc->problems().empty(),
             doc->problems().empty() ? "" : doc->problems()[0].message.c_str());
    QVERIFY(doc->faultReport());
    QCOMPARE(win.w.scene()->node("app")->look().fault, QStringLiteral("×10 slower"));

    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);  // components, links and the exact fault list
    QCOMPARE(win.w.scene()->node("db")->look().fault, QStringLiteral("CRASHED"));
    QVERIFY(win.w.scene()->linkItem({"app", "db"})->isCut());
    QVERIFY(doc->faultReport());

    // Deleting only the cut link drops only the cut.
    doc->removeItems({}, {LinkKey{"app", "db"}});
    QCOMPARE(doc->version().faults.size(), std::size_t(2));
    doc->undoStack()->undo();
    QVERIFY(doc->version() == before);
  }

  void a_version_with_faults_and_experiments_round_trips_through_a_file() {
    Window win;
    open_blog(win, "V2");
    Document* doc = win.w.document();
    Fault slow = fault(FaultType::Slow, "db");
    slow.add_ms = 200;
    doc->setFaults({fault(FaultType::Flush, "cache"), slow}, "two faults");
    archbench::Experiment e;
    e.name = "cache flush";
    e.hypothesis = "read_post stays answered";
    e.faults = {fault(FaultType::Flush, "cache")};
    e.conditions = {{"read_post", archbench::Metric::Success, archbench::Cmp::AtLeast, 99}};
    const std::vector<archbench::Experiment> experiments = doc->version().experiments;
    auto more = experiments;
    more.push_back(e);
    doc->setExperiments(more, "Add experiment");
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Add experiment"));
    const archbench::Project saved = doc->project();

    QTemporaryDir dir;
    const QString path = dir.filePath("faults.archbench.json");
    QVERIFY(win.w.saveFile(path));
    Window other;
    QVERIFY(other.w.openFile(path));
    QVERIFY(other.w.document()->project() == saved);
    const int v2 = 1;
    other.w.document()->setVersionIndex(v2);
    QVERIFY(other.w.document()->version().faults == doc->version().faults);
    QVERIFY(other.w.document()->faultReport());
    QCOMPARE(other.w.scene()->node("cache")->look().fault, QStringLiteral("flushed"));
    QCOMPARE(other.w.scene()->node("db")->look().fault, QStringLiteral("+200 ms"));

    doc->undoStack()->undo();
    QVERIFY(doc->version().experiments == experiments);
  }

  void saving_offers_to_remove_faults_a_later_edit_made_invalid() {
    // Blog V3: "lose 2 instances of app", then app cut to 1 instance: the fault no longer fits
    // (a file holding it would not open). Saving asks; "no" keeps everything and writes nothing,
    // "yes" removes the fault in one undo step and writes a file that opens.
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    Document* doc = win.w.document();
    doc->setVersionIndex(2);
    archbench::Fault lose = fault(FaultType::Lose, "app");
    lose.instances = 2;
    doc->setFaults({lose}, "Lose 2 app");
    doc->setParam("app", "instances", archbench::ParamValue::of(1));
    QVERIFY(!doc->scenarioProblems().empty());
    QStringList asked;
    bool answer = false;
    win.w.confirm = [&](const QString& q) {
      asked << q;
      return answer;
    };
    QTemporaryDir dir;
    const QString path = dir.filePath("edited.archbench.json");
    QVERIFY(!win.w.saveFile(path));
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.front().contains("/versions/2/faults/0"), qPrintable(asked.front()));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(doc->version().faults.size(), std::size_t(1));

    answer = true;
    const int steps = doc->undoStack()->count();
    QVERIFY(win.w.saveFile(path));
    QVERIFY(doc->version().faults.empty());
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(QString::fromStdString(doc->version().name), QStringLiteral("V3"));
    Window other;
    QVERIFY(other.w.openFile(path));
    doc->undoStack()->undo();
    QCOMPARE(doc->version().faults.size(), std::size_t(1));
  }

  void the_link_policy_is_edited_with_units_bounds_and_undo() {
    Window win;
    open_blog(win, "V1");
    Document* doc = win.w.document();
    win.w.scene()->selectLink({"app", "db"});
    QApplication::processEvents();
    PropertyEditor* editor = win.w.propertyEditor();
    auto* timeout = editor->findChild<QDoubleSpinBox*>("link_timeout_ms");
    auto* retries = editor->findChild<QSpinBox*>("link_retries");
    auto* breaker = editor->findChild<QCheckBox*>("link_breaker");
    auto* threshold = editor->findChild<QDoubleSpinBox*>("link_breaker_threshold");
    auto* fallback = editor->findChild<QComboBox*>("link_fallback");
    auto* bulkhead = editor->findChild<QSpinBox*>("link_bulkhead");
    QVERIFY(timeout && retries && breaker && threshold && fallback && bulkhead);
    QCOMPARE(timeout->text(), QStringLiteral("none"));  // 0: no timeout
    QCOMPARE(bulkhead->text(), QStringLiteral("unlimited"));
    QVERIFY(!threshold->isEnabled());  // nothing to set without the breaker
    const int steps = doc->undoStack()->count();

    timeout->setValue(250);
    timeout->setValue(300);  // typing merges
    QCOMPARE(doc->link({"app", "db"})->policy.timeout_ms, 300.0);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    retries->setValue(99);  // beyond the engine's bound: clamped to 10
    QCOMPARE(doc->link({"app", "db"})->policy.retries, 10);
    // Equal jitter (format 5) only with jitter; turning jitter off turns it off too.
    auto* jitter = editor->findChild<QCheckBox*>("link_jitter");
    auto* equal = editor->findChild<QCheckBox*>("link_jitter_equal");
    QVERIFY(jitter && equal);
    QVERIFY(!equal->isEnabled());
    jitter->setChecked(true);
    QVERIFY(equal->isEnabled());
    equal->setChecked(true);
    QVERIFY(doc->link({"app", "db"})->policy.jitter_equal);
    jitter->setChecked(false);
    QVERIFY(!doc->link({"app", "db"})->policy.jitter_equal);
    QVERIFY(!equal->isChecked());
    for (int i = 0; i < 3; ++i) doc->undoStack()->undo();
    QVERIFY(!doc->link({"app", "db"})->policy.jitter);
    breaker->setChecked(true);
    QVERIFY(threshold->isEnabled());
    threshold->setValue(25);  // shown in percent, kept as a fraction
    QCOMPARE(doc->link({"app", "db"})->policy.breaker_threshold, 0.25);
    fallback->setCurrentIndex(1);
    QVERIFY(doc->link({"app", "db"})->policy.fallback_degraded);
    QVERIFY(doc->problems().empty());  // every value the form allows is valid
    QCOMPARE(doc->undoStack()->count(), steps + 5);

    // Turning the breaker off takes its settings back to the defaults (the file keeps them only
    // with the breaker on), in one step.
    breaker->setChecked(false);
    QCOMPARE(doc->link({"app", "db"})->policy.breaker_threshold, 0.5);
    QVERIFY(!doc->link({"app", "db"})->policy.fallback_degraded);
    QVERIFY(doc->problems().empty());
    doc->undoStack()->undo();
    QCOMPARE(doc->link({"app", "db"})->policy.breaker_threshold, 0.25);
    QCOMPARE(threshold->value(), 25.0);  // the form follows the undo

    for (int i = 0; i < 5; ++i) doc->undoStack()->undo();
    QVERIFY(doc->link({"app", "db"})->policy.is_default());
    QCOMPARE(timeout->text(), QStringLiteral("none"));
  }

  void zones_are_typed_comma_separated_and_undone_in_one_step() {
    Window win;
    open_blog(win, "V3");
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* zones = win.w.propertyEditor()->findChild<QLineEdit*>("component_zones");
    QVERIFY(zones);
    const std::vector<std::string> before = doc->component("app")->zones;
    const QString shown = zones->text();
    const int steps = doc->undoStack()->count();
    zones->setText(" eu-west-1a,eu-west-1b , ");
    emit zones->editingFinished();
    QVERIFY((doc->component("app")->zones == std::vector<std::string>{"eu-west-1a", "eu-west-1b"}));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(zones->text(), QStringLiteral("eu-west-1a, eu-west-1b"));
    QVERIFY(doc->problems().empty());

    // A zone outage: the three app servers sit round-robin in a, b, a, so losing zone a loses
    // two of them; the card says so in short (nobody's own fault, the zone's).
    Fault zone;
    zone.type = FaultType::Zone;
    zone.zone = "eu-west-1a";
    doc->setFaults({zone}, "Zone eu-west-1a down");
    QVERIFY(doc->faultReport());
    QCOMPARE(doc->faultReport()->faulted.component("app")->instances_up, 1);
    QCOMPARE(win.w.scene()->node("app")->look().fault, QStringLiteral("−2 (zone)"));
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QVERIFY(doc->component("app")->zones == before);
    QCOMPARE(zones->text(), shown);
  }
};

QTEST_MAIN(GuiFaultsTest)
#include "test_faults.moc"
