// GUI tests for the small things a new user tripped over: the status bar's count after an
// evaluation (singular, and nothing left over once the design is gone), and secondary windows
// that close with Esc, Ctrl+W or a Close button.
#include <QAction>
#include <QApplication>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "compare/comparisonwindow.h"
#include "document/document.h"
#include "failure/impactwindow.h"
#include "gui_fixture.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

class GuiWindowsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void the_status_bar_counts_components_and_forgets_a_deleted_design() {
    Window win;
    Document* doc = win.w.document();
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    doc->setVersionIndex(0);
    doc->moveComponents({"app"}, {QPointF(260, 120)}, {QPointF(300, 120)});
    QCOMPARE(win.w.statusBar()->currentMessage(), QStringLiteral("Evaluated 4 components"));
    win.w.view()->setFocus();
    win.w.action("selectAll")->trigger();
    win.w.action("delete")->trigger();
    QVERIFY(doc->version().components.empty());
    QCOMPARE(win.w.statusBar()->currentMessage(),
             QStringLiteral("Nothing to evaluate: the version has no components."));
  }

  void the_toolbars_undo_and_redo_keep_their_width_and_tell_what_in_a_tooltip() {
    // Found by hand: the buttons read "Undo Connect Cache → Database", so everything after
    // them moved on each edit.
    Window win;
    open_blog_v1(win);
    auto* bar = win.w.findChild<QToolBar*>("mainToolBar");
    auto* undo = win.w.findChild<QAction*>("undo");
    QVERIFY(bar && undo);
    auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(undo));
    QVERIFY(button);
    win.w.document()->setParam("app", "instances", archbench::ParamValue::of(2));
    QApplication::processEvents();
    QCOMPARE(button->text(), QStringLiteral("Undo"));
    QVERIFY2(undo->text().contains(QStringLiteral("instances")), qPrintable(undo->text()));
    QVERIFY2(button->toolTip().contains(QStringLiteral("instances")), qPrintable(button->toolTip()));
    const int width = button->sizeHint().width();
    win.w.document()->setParam("app", "service_ms", archbench::ParamValue::of(55.0));
    QApplication::processEvents();
    QCOMPARE(button->sizeHint().width(), width);
    QCOMPARE(button->text(), QStringLiteral("Undo"));
  }

  void the_examples_menu_lists_projects_by_their_names() {
    // Found by hand: the menu listed file names ("autoscale-mesh", "retries-in-time").
    Window win;
    auto* flash = win.w.findChild<QAction*>(QStringLiteral("example:flash-sale.archbench.json"));
    QVERIFY(flash);
    QCOMPARE(flash->text(), QStringLiteral("Ticket flash sale"));
    // Its description as the tooltip.
    QVERIFY2(flash->toolTip().startsWith(QStringLiteral("The on-sale minute of a ticket site")),
             qPrintable(flash->toolTip()));
    flash->trigger();
    QApplication::processEvents();
    QCOMPARE(QString::fromStdString(win.w.document()->project().name), QStringLiteral("Ticket flash sale"));
  }

  void the_comparison_and_impact_windows_close_with_esc_ctrl_w_and_a_button() {
    Window win;
    QVERIFY(win.w.openFile(preset("blog.archbench.json")));
    for (const char* name : {"compare", "impact"}) {
      for (int way = 0; way < 3; ++way) {
        win.w.action(name)->trigger();
        QMainWindow* w = std::string(name) == "compare"
                             ? static_cast<QMainWindow*>(win.w.comparisonWindow())
                             : static_cast<QMainWindow*>(win.w.impactWindow());
        QVERIFY(w);
        QVERIFY(QTest::qWaitForWindowExposed(w));
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w));
        QVERIFY(w->isVisible());
        if (way == 0) QTest::keyClick(w, Qt::Key_Escape);
        if (way == 1) QTest::keyClick(w, Qt::Key_W, Qt::ControlModifier);
        if (way == 2) w->findChild<QPushButton*>("closeButton")->click();
        QVERIFY2(!w->isVisible(), qPrintable(QStringLiteral("%1, way %2").arg(name).arg(way)));
      }
    }
  }
};

QTEST_MAIN(GuiWindowsTest)
#include "test_windows.moc"
