// GUI tests for versions: the versions bar over the canvas, the Versions menu, the version
// commands of the document (new from this one, rename, move, delete, notes) and their undo, and
// the notes editor of the property editor. Driven through the real widgets on the offscreen
// platform, with the window's dialogs answered by script.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <optional>

#include "canvas/canvasscene.h"
#include "compare/comparisonwindow.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "window/mainwindow.h"
#include "metrics/metricspanel.h"
#include "editors/propertyeditor.h"
#include "versions/versionsbar.h"

using namespace gui_fixture;

namespace {

// A window whose confirmations and text questions also answer by script.
struct VersionsWindow : Window {
  QStringList confirmations;  // the questions asked
  bool confirm_answer = true;
  QStringList text_labels;  // the labels of the text questions asked
  std::optional<QString> text_answer;
  VersionsWindow() {
    w.confirm = [this](const QString& question) {
      confirmations << question;
      return confirm_answer;
    };
    w.askText = [this](const QString&, const QString& label, const QString&) {
      text_labels << label;
      return text_answer;
    };
  }
  Document* doc() const { return w.document(); }
  QTabBar* tabs() const { return w.versionsBar()->tabs(); }
};

// The blog preset: V1 monolith, V2 + cache, V3 load balancer and three app servers.
void open_blog(VersionsWindow& win) {
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  QCOMPARE(win.doc()->versionCount(), 3);
}

QStringList names(const Document* doc) {
  QStringList list;
  for (const auto& v : doc->project().versions) list << QString::fromStdString(v.name);
  return list;
}

QStringList tab_texts(QTabBar* tabs) {
  QStringList list;
  for (int i = 0; i < tabs->count(); ++i) list << tabs->tabText(i);
  return list;
}

void click_tab(QTabBar* tabs, int index) {
  QTest::mouseClick(tabs, Qt::LeftButton, Qt::NoModifier, tabs->tabRect(index).center());
}

QString notes_of(const Document* doc, int index) {
  return QString::fromStdString(doc->project().versions.at(index).notes);
}

// Runs `operation` (one undo step), then checks that undo gives back the exact project and the
// current version, redo the exact result, and that the bar shows the names each time.
void check_undo_redo(VersionsWindow& win, const char* what,
                     const std::function<void()>& operation) {
  Document* doc = win.doc();
  const archbench::Project before = doc->project();
  const int current_before = doc->versionIndex();
  const int steps = doc->undoStack()->index();
  operation();
  QVERIFY2(doc->undoStack()->index() == steps + 1, what);
  const archbench::Project after = doc->project();
  const int current_after = doc->versionIndex();
  QVERIFY2(!(after == before), what);
  QCOMPARE(tab_texts(win.tabs()), names(doc));

  doc->undoStack()->undo();
  QVERIFY2(doc->project() == before, what);
  QCOMPARE(doc->versionIndex(), current_before);
  QCOMPARE(win.tabs()->currentIndex(), current_before);
  QCOMPARE(tab_texts(win.tabs()), names(doc));

  doc->undoStack()->redo();
  QVERIFY2(doc->project() == after, what);
  QCOMPARE(doc->versionIndex(), current_after);
  QCOMPARE(tab_texts(win.tabs()), names(doc));
  doc->undoStack()->undo();  // leave the project as it was for the next operation
  QVERIFY2(doc->project() == before, what);
}

}  // namespace

class GuiVersionsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void the_bar_shows_one_tab_per_version_with_its_notes() {
    VersionsWindow win;
    open_blog(win);
    QCOMPARE(tab_texts(win.tabs()), QStringList({"V1", "V2", "V3"}));
    QCOMPARE(win.tabs()->currentIndex(), 2);  // a file opens at its latest design
    QVERIFY(win.tabs()->tabToolTip(1).contains("Redis cache-aside"));
    QVERIFY(win.tabs()->tabToolTip(1).contains("Trigger:"));
  }

  void switching_versions_in_the_bar_changes_canvas_and_totals() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    QLabel* totals = win.w.metricsPanel()->totalsLabel();
    QVERIFY(win.w.scene()->node("lb"));
    QVERIFY(totals->text().contains("$400.00"));

    click_tab(win.tabs(), 0);
    QCOMPARE(doc->versionIndex(), 0);
    QCOMPARE(QString::fromStdString(doc->version().name), QStringLiteral("V1"));
    QVERIFY(!win.w.scene()->node("lb"));
    QVERIFY(win.w.scene()->node("app"));
    // The preset's V1 costs $100/month: app $40 + PostgreSQL $42.70 + 20 GB × $0.115 + S3 $15.
    QVERIFY2(totals->text().contains("$100.00"), qPrintable(totals->text()));
    QVERIFY(!totals->text().contains("$400.00"));

    // V2 adds Redis ($50): $150/month.
    click_tab(win.tabs(), 1);
    QCOMPARE(doc->versionIndex(), 1);
    QVERIFY(win.w.scene()->node("cache"));
    QVERIFY2(totals->text().contains("$150.00"), qPrintable(totals->text()));

    click_tab(win.tabs(), 2);
    QCOMPARE(doc->versionIndex(), 2);
    QVERIFY(win.w.scene()->node("lb"));
    QVERIFY(totals->text().contains("$400.00"));
    QCOMPARE(doc->undoStack()->count(), 0);  // switching is not an edit
  }

  void a_new_version_copies_the_current_one_and_editing_it_leaves_the_original() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    click_tab(win.tabs(), 1);
    const archbench::Version v2 = doc->version();
    const QStringList nodes_v2 = [&] {
      QStringList ids;
      for (const auto& c : v2.components) ids << QString::fromStdString(c.id);
      return ids;
    }();

    QTest::mouseClick(win.w.versionsBar()->newButton(), Qt::LeftButton);
    QCOMPARE(doc->versionCount(), 4);
    QCOMPARE(doc->versionIndex(), 3);  // the copy is appended and made current
    QCOMPARE(names(doc), QStringList({"V1", "V2", "V3", "V4"}));  // V(n + 1) with n = 3
    QCOMPARE(doc->undoStack()->count(), 1);
    const archbench::Version& v4 = doc->version();
    QVERIFY(v4.workload == v2.workload);
    QVERIFY(v4.components == v2.components);
    QVERIFY(v4.links == v2.links);
    QVERIFY(v4.notes.empty());  // its own trigger and decision are still to be written
    QCOMPARE(win.tabs()->currentIndex(), 3);
    for (const QString& id : nodes_v2) QVERIFY2(win.w.scene()->node(id), qPrintable(id));

    // Edit the copy: a parameter, a component removed, the workload doubled.
    doc->setParam("app", "concurrency", archbench::ParamValue::of(16));
    doc->removeItems({"cache"}, {});
    auto workload = v4.workload;
    for (auto& r : workload) {
      if (r.per_day) *r.per_day *= 2;
      if (r.per_second) *r.per_second *= 2;
    }
    doc->setWorkload(workload, "rate");
    QCOMPARE(doc->component("app")->params.at("concurrency").number, 16.0);
    QVERIFY(!doc->component("cache"));
    QVERIFY(doc->project().versions[1] == v2);  // the original is untouched

    click_tab(win.tabs(), 1);
    QVERIFY(doc->version() == v2);
    QVERIFY(win.w.scene()->node("cache"));
  }

  void a_new_version_takes_the_next_free_name() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    QVERIFY(doc->renameVersion(2, "V4"));
    QCOMPARE(doc->nextVersionName(), QStringLiteral("V5"));  // V4 (n + 1) is taken
    win.w.action("newVersion")->trigger();
    QCOMPARE(names(doc), QStringList({"V1", "V2", "V4", "V5"}));
    QCOMPARE(win.w.action("newVersion")->shortcut(), QKeySequence("Ctrl+Shift+N"));
  }

  void undo_and_redo_of_each_version_operation_restore_the_exact_project() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    doc->setVersionIndex(1);
    check_undo_redo(win, "new version", [&] { QCOMPARE(doc->duplicateVersion(1), 3); });
    check_undo_redo(win, "rename", [&] { QVERIFY(doc->renameVersion(1, "V2 cache")); });
    check_undo_redo(win, "move left", [&] { QVERIFY(doc->moveVersion(1, 0)); });
    check_undo_redo(win, "move to the end", [&] { QVERIFY(doc->moveVersion(0, 2)); });
    check_undo_redo(win, "delete the current one", [&] {
      QVERIFY(doc->deleteVersion(1));
      QCOMPARE(doc->versionIndex(), 0);  // the one before it becomes current
      QCOMPARE(names(doc), QStringList({"V1", "V3"}));
    });
    check_undo_redo(win, "delete another one", [&] {
      QVERIFY(doc->deleteVersion(0));
      QCOMPARE(QString::fromStdString(doc->version().name), QStringLiteral("V2"));
    });
    check_undo_redo(win, "notes", [&] { doc->setVersionNotes(2, "Trigger: p95 3 s."); });
    QCOMPARE(doc->undoStack()->index(), 0);
  }

  void undo_of_a_delete_brings_the_version_back_where_it_was_with_its_edits_undoable() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    const archbench::Project original = doc->project();
    doc->setVersionIndex(0);
    doc->setParam("app", "concurrency", archbench::ParamValue::of(12));  // recorded in V1
    win.confirm_answer = true;
    win.w.action("deleteVersion")->trigger();  // V1, the current one
    QCOMPARE(win.confirmations.size(), 1);
    QVERIFY(win.confirmations.front().contains("V1"));
    QCOMPARE(names(doc), QStringList({"V2", "V3"}));
    QCOMPARE(tab_texts(win.tabs()), QStringList({"V2", "V3"}));
    QCOMPARE(doc->versionIndex(), 0);  // V2: there is no version before V1

    doc->undoStack()->undo();
    QCOMPARE(names(doc), QStringList({"V1", "V2", "V3"}));
    QCOMPARE(doc->versionIndex(), 0);
    QVERIFY(win.w.scene()->node("app"));
    doc->undoStack()->undo();  // the edit applies to V1 again
    QVERIFY(doc->project() == original);
  }

  void deleting_asks_first_and_the_only_version_cannot_go() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    const archbench::Project original = doc->project();
    win.confirm_answer = false;
    win.w.action("deleteVersion")->trigger();
    QCOMPARE(win.confirmations.size(), 1);
    QVERIFY(doc->project() == original);
    QCOMPARE(doc->undoStack()->count(), 0);

    // A new project has one version: the window says why it stays, and asks nothing.
    win.w.action("new")->trigger();
    QCOMPARE(doc->versionCount(), 1);
    const archbench::Project single = doc->project();
    win.confirm_answer = true;
    win.w.action("deleteVersion")->trigger();
    QCOMPARE(win.confirmations.size(), 1);  // not asked again
    QCOMPARE(win.errors.size(), 1);
    QVERIFY2(win.errors.front().contains("only version"), qPrintable(win.errors.front()));
    QVERIFY(doc->project() == single);
    QString reason;
    QVERIFY(!doc->deleteVersion(0, &reason));
    QVERIFY(!reason.isEmpty());
    QCOMPARE(doc->undoStack()->count(), 0);
  }

  void rename_refuses_an_empty_or_duplicate_name() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    const archbench::Project original = doc->project();
    QString reason;
    QVERIFY(!doc->renameVersion(0, "V2", &reason));
    QVERIFY2(reason.contains("V2"), qPrintable(reason));
    QVERIFY(!doc->renameVersion(0, "   ", &reason));
    QVERIFY(!reason.isEmpty());
    QVERIFY(doc->project() == original);
    QCOMPARE(doc->undoStack()->count(), 0);

    // Through the bar: a double-click asks for the name; a taken one is refused with a message.
    const QPoint tab = win.tabs()->tabRect(0).center();
    win.text_answer = QStringLiteral("V3");
    QTest::mouseDClick(win.tabs(), Qt::LeftButton, Qt::NoModifier, tab);
    QCOMPARE(win.text_labels.size(), 1);
    QCOMPARE(win.errors.size(), 1);
    QVERIFY(win.errors.front().contains("V3"));
    QVERIFY(doc->project() == original);

    win.text_answer = QStringLiteral("  Monolith ");
    QTest::mouseDClick(win.tabs(), Qt::LeftButton, Qt::NoModifier, tab);
    QCOMPARE(names(doc), QStringList({"Monolith", "V2", "V3"}));  // trimmed
    QCOMPARE(win.tabs()->tabText(0), QStringLiteral("Monolith"));
    QCOMPARE(doc->undoStack()->count(), 1);

    win.text_answer = std::nullopt;  // cancelled
    win.w.action("renameVersion")->trigger();
    QCOMPARE(doc->undoStack()->count(), 1);
  }

  void the_tab_menu_and_the_versions_menu_move_versions() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    QMenu* menu = win.w.versionsBar()->menuFor(0);
    QAction* left = menu->findChild<QAction*>("moveVersionLeft");
    QAction* right = menu->findChild<QAction*>("moveVersionRight");
    QVERIFY(left && right);
    QVERIFY(!left->isEnabled());  // V1 is first already
    right->trigger();
    QCOMPARE(names(doc), QStringList({"V2", "V1", "V3"}));
    QCOMPARE(doc->versionIndex(), 2);  // V3 stays current
    delete menu;

    // The window's actions act on the current version (V3, last: it cannot go right).
    QVERIFY(!win.w.action("moveVersionRight")->isEnabled());
    win.w.action("moveVersionLeft")->trigger();
    QCOMPARE(names(doc), QStringList({"V2", "V3", "V1"}));
    QCOMPARE(doc->versionIndex(), 1);
    QCOMPARE(win.tabs()->currentIndex(), 1);
    QVERIFY(win.w.action("moveVersionRight")->isEnabled());
    QCOMPARE(doc->undoStack()->count(), 2);
  }

  void dragging_a_tab_moves_the_version_in_one_undo_step() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    const archbench::Project original = doc->project();
    QTabBar* tabs = win.tabs();
    // Drag V3 over V2 and V1, to the left end, in small steps as a mouse does.
    const QPoint start = tabs->tabRect(2).center();
    const QPoint end(tabs->tabRect(0).left() + 2, start.y());
    QTest::mousePress(tabs, Qt::LeftButton, Qt::NoModifier, start);
    for (int i = 1; i <= 10; ++i) QTest::mouseMove(tabs, start + (end - start) * i / 10);
    QTest::mouseRelease(tabs, Qt::LeftButton, Qt::NoModifier, end);

    QCOMPARE(names(doc), QStringList({"V3", "V1", "V2"}));
    QCOMPARE(tab_texts(tabs), names(doc));
    QCOMPARE(doc->versionIndex(), 0);  // V3, still the one being edited
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(win.w.scene()->node("lb"));
    doc->undoStack()->undo();
    QVERIFY(doc->project() == original);
    QCOMPARE(tab_texts(tabs), QStringList({"V1", "V2", "V3"}));
  }

  void an_edit_still_applies_to_its_version_after_versions_move() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    const archbench::Project original = doc->project();
    click_tab(win.tabs(), 1);
    doc->setParam("app", "concurrency", archbench::ParamValue::of(9));  // in V2
    QVERIFY(doc->moveVersion(1, 0));                                    // V2 before V1
    QCOMPARE(names(doc), QStringList({"V2", "V1", "V3"}));
    click_tab(win.tabs(), 2);                // looking at V3 now
    QVERIFY(doc->duplicateVersion(1) == 3);  // a copy of V1, appended as V4
    QVERIFY(doc->deleteVersion(2));          // V3 goes
    const archbench::Project edited = doc->project();
    QCOMPARE(names(doc), QStringList({"V2", "V1", "V4"}));
    QCOMPARE(doc->project().versions[0].component("app")->params.at("concurrency").number, 9.0);

    while (doc->undoStack()->canUndo()) doc->undoStack()->undo();
    QVERIFY(doc->project() == original);
    QCOMPARE(QString::fromStdString(doc->version().name), QStringLiteral("V2"));  // the edit's
    while (doc->undoStack()->canRedo()) doc->undoStack()->redo();
    QVERIFY(doc->project() == edited);
  }

  void notes_typed_in_the_property_editor_are_one_undo_step() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    click_tab(win.tabs(), 1);
    QApplication::processEvents();
    QPlainTextEdit* notes = win.w.propertyEditor()->notesEditor();
    QVERIFY(notes);
    QVERIFY(notes->placeholderText().startsWith("Trigger: the symptom and the figure"));
    QCOMPARE(notes->toPlainText(), notes_of(doc, 1));
    const QString original = notes_of(doc, 1);
    win.w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&win.w));

    // Two bursts of typing, each ended by leaving the field: one undo step in all.
    notes->setFocus();
    notes->selectAll();
    QTest::keyClicks(notes, "Trigger: DB CPU 80%");
    win.w.view()->setFocus();
    QCOMPARE(notes_of(doc, 1), QStringLiteral("Trigger: DB CPU 80%"));
    notes->setFocus();
    notes->moveCursor(QTextCursor::End);
    QTest::keyClick(notes, Qt::Key_Return);
    QTest::keyClicks(notes, "Decision: cache");
    win.w.view()->setFocus();
    QCOMPARE(notes_of(doc, 1), QStringLiteral("Trigger: DB CPU 80%\nDecision: cache"));
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(doc->undoStack()->undoText().contains("V2"));
    QVERIFY(win.tabs()->tabToolTip(1).contains("DB CPU 80%"));

    doc->undoStack()->undo();
    QCOMPARE(notes_of(doc, 1), original);
    QCOMPARE(notes->toPlainText(), original);  // the editor shows the model again
    doc->undoStack()->redo();
    QCOMPARE(notes->toPlainText(), QStringLiteral("Trigger: DB CPU 80%\nDecision: cache"));
  }

  void notes_being_typed_go_to_their_version_when_the_versions_move() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    click_tab(win.tabs(), 1);
    QApplication::processEvents();
    QPlainTextEdit* notes = win.w.propertyEditor()->notesEditor();
    QVERIFY(notes);
    const QString v1_notes = notes_of(doc, 0);
    win.w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&win.w));
    notes->setFocus();
    notes->selectAll();
    QTest::keyClicks(notes, "Trigger: reads 40:1");
    // Before the field commits, V2 moves to the front (V1 now sits where V2 was).
    QVERIFY(doc->moveVersion(1, 0));
    QCOMPARE(notes->toPlainText(), QStringLiteral("Trigger: reads 40:1"));  // still being typed
    win.w.view()->setFocus();
    QCOMPARE(notes_of(doc, 0), QStringLiteral("Trigger: reads 40:1"));  // V2
    QCOMPARE(notes_of(doc, 1), v1_notes);
  }

  void the_notes_dialog_sets_the_notes_of_its_version() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    win.text_answer = QStringLiteral("Trigger: p95 page load 3 s.\nDecision: load balancer.");
    QMenu* menu = win.w.versionsBar()->menuFor(0);
    menu->findChild<QAction*>("versionNotes")->trigger();
    delete menu;
    QCOMPARE(win.text_labels.size(), 1);
    QVERIFY(win.text_labels.front().contains("Trigger"));
    QCOMPARE(notes_of(doc, 0), *win.text_answer);
    QCOMPARE(doc->versionIndex(), 2);  // editing V1's notes does not leave V3
    QCOMPARE(doc->undoStack()->count(), 1);
  }

  void compare_opens_one_comparison_window() {
    VersionsWindow win;
    open_blog(win);
    QAction* compare = win.w.action("compare");
    QVERIFY(compare);
    QCOMPARE(compare->shortcut(), QKeySequence("Ctrl+Shift+C"));
    QVERIFY(!win.w.comparisonWindow());
    compare->trigger();
    ComparisonWindow* first = win.w.comparisonWindow();
    QVERIFY(first);
    QVERIFY(first->isVisible());
    first->close();
    compare->trigger();
    QCOMPARE(win.w.comparisonWindow(), first);  // the same window, shown again
    QVERIFY(first->isVisible());
    for (const char* name : {"newVersion", "renameVersion", "deleteVersion", "moveVersionLeft",
                             "moveVersionRight", "versionNotes"})
      QVERIFY2(win.w.action(name), name);
  }

  void save_then_open_keeps_the_order_names_and_notes() {
    VersionsWindow win;
    open_blog(win);
    Document* doc = win.doc();
    QVERIFY(doc->renameVersion(0, "Monolith"));
    QVERIFY(doc->moveVersion(2, 0));
    doc->setVersionNotes(1, "Trigger: DB CPU 80%, p95 page load 3 s.\nDecision: a cache.");
    QVERIFY(doc->duplicateVersion(0) == 3);
    const archbench::Project saved = doc->project();
    QCOMPARE(names(doc), QStringList({"V3", "Monolith", "V2", "V4"}));
    QTemporaryDir dir;
    const QString path = dir.filePath("versions.archbench.json");
    QVERIFY(win.w.saveFile(path));

    VersionsWindow other;
    QVERIFY(other.w.openFile(path));
    QVERIFY(other.doc()->project() == saved);
    QCOMPARE(tab_texts(other.tabs()), QStringList({"V3", "Monolith", "V2", "V4"}));
    QCOMPARE(notes_of(other.doc(), 1),
             QStringLiteral("Trigger: DB CPU 80%, p95 page load 3 s.\nDecision: a cache."));
  }
};

QTEST_MAIN(GuiVersionsTest)
#include "test_versions.moc"
