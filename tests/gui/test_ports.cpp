// GUI tests for connecting by the port: a press near a node's port starts a link at any zoom
// (the hit area is larger than the drawn port and never under 10 pixels), and the port shows it
// under the mouse (highlight and cross cursor).
#include <QApplication>
#include <QtTest>

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/nodeitem.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

void open_blog_v1(Window& win, double zoom) {
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  win.w.document()->setVersionIndex(0);
  win.w.view()->setZoom(zoom);
  win.w.view()->centerOn(win.w.scene()->node("app"));
  QApplication::processEvents();
}

// Press at `at` (view pixels), move to the centre of `target`, release.
void drag_to(CanvasView* view, QPoint at, NodeItem* target) {
  const QPoint end = viewPoint(view, target->center());
  QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
  QTest::mouseMove(view->viewport(), (at + end) / 2);
  QTest::mouseMove(view->viewport(), end);
  QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, end);
  QApplication::processEvents();
}

}  // namespace

class GuiPortsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void a_press_near_the_port_starts_a_link_instead_of_a_move_data() {
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPoint>("offset");  // from the port's centre, in view pixels
    // 9 px right and 6 down at 100%: 10.8 px from the centre of a port drawn 5 px wide.
    QTest::newRow("full size beside the port") << 1.0 << QPoint(9, 6);
    QTest::newRow("full size inside the card") << 1.0 << QPoint(-8, 4);
    // Zoomed out to 50% the port is 2.5 px; a press 8 px away still reaches it.
    QTest::newRow("half size") << 0.5 << QPoint(8, 0);
  }

  void a_press_near_the_port_starts_a_link_instead_of_a_move() {
    QFETCH(double, zoom);
    QFETCH(QPoint, offset);
    Window win;
    open_blog_v1(win, zoom);
    Document* doc = win.w.document();
    CanvasView* view = win.w.view();
    NodeItem* app = win.w.scene()->node("app");
    NodeItem* s3 = win.w.scene()->node("s3");
    const QPointF before = app->pos();
    QVERIFY(!doc->link({"app", "s3"}));

    drag_to(view, viewPoint(view, app->portPos()) + offset, s3);
    QVERIFY2(doc->link({"app", "s3"}), "the drag connected app to s3");
    QCOMPARE(app->pos(), before);  // and moved nothing
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Connect Django app → S3 media"));
  }

  void a_press_on_the_card_away_from_the_port_still_moves_it() {
    Window win;
    open_blog_v1(win, 1.0);
    NodeItem* app = win.w.scene()->node("app");
    const QPointF before = app->pos();
    const QPoint at = viewPoint(win.w.view(), app->center());
    QTest::mousePress(win.w.view()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseMove(win.w.view()->viewport(), at + QPoint(30, 40));
    QTest::mouseMove(win.w.view()->viewport(), at + QPoint(60, 80));
    QTest::mouseRelease(win.w.view()->viewport(), Qt::LeftButton, Qt::NoModifier, at + QPoint(60, 80));
    QCOMPARE(app->pos(), before + QPointF(60, 80));
    QCOMPARE(win.w.document()->version().links.size(), std::size_t(3));
  }

  void the_port_under_the_mouse_is_highlighted_with_a_cross_cursor() {
    Window win;
    open_blog_v1(win, 1.0);
    CanvasView* view = win.w.view();
    NodeItem* app = win.w.scene()->node("app");
    QVERIFY(!app->isPortHovered());
    QTest::mouseMove(view->viewport(), viewPoint(view, app->portPos()) + QPoint(8, 5));
    QApplication::processEvents();
    QVERIFY(app->isPortHovered());
    QCOMPARE(view->viewport()->cursor().shape(), Qt::CrossCursor);
    QTest::mouseMove(view->viewport(), viewPoint(view, app->center()));
    QApplication::processEvents();
    QVERIFY(!app->isPortHovered());
    QVERIFY(view->viewport()->cursor().shape() != Qt::CrossCursor);
  }
};

QTEST_MAIN(GuiPortsTest)
#include "test_ports.moc"
