// GUI editing tests for the keyboard: the Edit shortcuts act where the focus is (the canvas, a
// table, a field), and copies are pasted beside their originals under names of their own.
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLineEdit>
#include <QTableWidget>
#include <QtTest>

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document/document.h"
#include "editors/propertyeditor.h"
#include "editors/workloadeditor.h"
#include "gui_fixture.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

// Gives `w` the keyboard focus and checks that it has it.
void focus(QWidget* w) {
  w->setFocus(Qt::OtherFocusReason);
  QApplication::processEvents();
  QCOMPARE(QApplication::focusWidget(), w);
}

}  // namespace

class GuiEditingKeysTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void select_all_and_delete_in_the_class_table_leave_the_canvas_alone() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    QTableWidget* table = win.w.propertyEditor()->workloadEditor()->table();
    const std::size_t components = doc->version().components.size();
    QCOMPARE(components, std::size_t(4));
    const int steps = doc->undoStack()->count();

    focus(table);
    QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
    QVERIFY(win.w.scene()->selectedComponentIds().isEmpty());
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(doc->version().components.size(), components);
    QCOMPARE(doc->undoStack()->count(), steps);
    // The menu's actions too: the focus decides, not how the action was triggered.
    win.w.action("selectAll")->trigger();
    win.w.action("delete")->trigger();
    win.w.action("cut")->trigger();
    QVERIFY(win.w.scene()->selectedComponentIds().isEmpty());
    QCOMPARE(doc->version().components.size(), components);
    QCOMPARE(doc->undoStack()->count(), steps);

    // On the canvas the same keys select and delete the design, in one undo step.
    focus(win.w.view());
    QTest::keyClick(win.w.view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(win.w.scene()->selectedComponentIds().size(), 4);
    QTest::keyClick(win.w.view(), Qt::Key_Delete);
    QCOMPARE(doc->version().components.size(), std::size_t(0));
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    doc->undoStack()->undo();
    QCOMPARE(doc->version().components.size(), components);
  }

  void the_class_table_in_a_floating_dock_keeps_its_keys_too() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    auto* dock = win.w.findChild<QDockWidget*>("propertiesDock");
    QVERIFY(dock);
    dock->setFloating(true);
    dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dock));
    QTableWidget* table = win.w.propertyEditor()->workloadEditor()->table();
    focus(table);
    QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
    win.w.action("selectAll")->trigger();
    QVERIFY(win.w.scene()->selectedComponentIds().isEmpty());
    QTest::keyClick(table, Qt::Key_Delete);
    win.w.action("delete")->trigger();
    QCOMPARE(doc->version().components.size(), std::size_t(4));
  }

  void delete_and_paste_in_a_name_field_edit_the_text_not_the_design() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* name = win.w.propertyEditor()->findChild<QLineEdit*>("component_name");
    QVERIFY(name);
    focus(name);
    QCOMPARE(name->text(), QStringLiteral("Django app"));
    QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(name->selectedText(), QStringLiteral("Django app"));
    QTest::keyClick(name, Qt::Key_Delete);
    QVERIFY(doc->component("app"));  // the component stays; its name's text went
    QCOMPARE(name->text(), QString());
    QApplication::clipboard()->setText(QStringLiteral("Gunicorn"));
    win.w.action("paste")->trigger();  // Edit ▸ Paste, with the field focused
    QCOMPARE(name->text(), QStringLiteral("Gunicorn"));
    QCOMPARE(doc->version().components.size(), std::size_t(4));
  }

  void pasted_copies_cascade_beside_the_original_under_new_names() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    const QString cache = doc->addComponent(QStringLiteral("cache"), QPointF(400, 300));
    QCOMPARE(QString::fromStdString(doc->component(cache)->name), QStringLiteral("Cache"));
    win.w.scene()->selectComponents({cache});
    focus(win.w.view());
    QTest::keyClick(win.w.view(), Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(win.w.view(), Qt::Key_V, Qt::ControlModifier);
    const QStringList first = win.w.scene()->selectedComponentIds();
    QCOMPARE(first.size(), 1);
    // Two grid steps (2 × 20 px) down and right of the original, named apart from it.
    QCOMPARE(model_pos(doc, first[0]), QPointF(440, 340));
    QCOMPARE(QString::fromStdString(doc->component(first[0])->name), QStringLiteral("Cache 2"));
    // Pasting the same clipboard again does not cover the first copy: it cascades.
    QTest::keyClick(win.w.view(), Qt::Key_V, Qt::ControlModifier);
    const QStringList second = win.w.scene()->selectedComponentIds();
    QCOMPARE(second.size(), 1);
    QVERIFY(second[0] != first[0]);
    QCOMPARE(model_pos(doc, second[0]), QPointF(480, 380));
    QCOMPARE(QString::fromStdString(doc->component(second[0])->name), QStringLiteral("Cache 3"));
    // A copy of a copy is numbered on, not "Cache 3 2".
    win.w.scene()->selectComponents({second[0]});
    QTest::keyClick(win.w.view(), Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(win.w.view(), Qt::Key_V, Qt::ControlModifier);
    const QStringList third = win.w.scene()->selectedComponentIds();
    QCOMPARE(third.size(), 1);
    QCOMPARE(model_pos(doc, third[0]), QPointF(520, 420));
    QCOMPARE(QString::fromStdString(doc->component(third[0])->name), QStringLiteral("Cache 4"));
  }
};

QTEST_MAIN(GuiEditingKeysTest)
#include "test_editing_keys.moc"
