// GUI test: Edit ▸ Align lines the selected cards up or spreads them evenly, as one undo step,
// and a drag that brings a card close to another's line snaps to it with a guide on show.
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QUndoStack>
#include <QtTest>

#include "canvas/align.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/nodeitem.h"
#include "document/document.h"
#include "gui_fixture.h"

using namespace gui_fixture;

namespace {

QPointF model_pos(const Document* doc, const char* id) {
  const auto& p = *doc->component(id)->pos;
  return {p[0], p[1]};
}

void place(Document* doc, const QStringList& ids, const QList<QPointF>& to) {
  QList<QPointF> from;
  for (const QString& id : ids) from << model_pos(doc, qPrintable(id));
  doc->moveComponents(ids, from, to);
}

}  // namespace

class TestAlign : public QObject {
  Q_OBJECT

 private slots:
  void alignLeftFromTheMenuIsOneUndoStep();
  void distributeGivesEqualGaps();
  void aDragSnapsToAnotherCardsLineWithAGuide();
};

void TestAlign::alignLeftFromTheMenuIsOneUndoStep() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  doc->setVersionIndex(0);  // V1: users, app, db, s3
  place(doc, {"app", "db", "s3"}, {QPointF(200, 40), QPointF(460, 120), QPointF(320, 260)});
  win.w.scene()->selectComponents({"app", "db", "s3"});
  auto* menu = win.w.findChild<QMenu*>("alignMenu");
  QVERIFY(menu);
  emit menu->aboutToShow();
  QAction* left = menu->findChild<QAction*>("alignLeft");
  QVERIFY(left && left->isEnabled());
  const int steps = doc->undoStack()->count();
  left->trigger();
  // Every selected card at the leftmost one's x; their y as they were.
  QCOMPARE(model_pos(doc, "app"), QPointF(200, 40));
  QCOMPARE(model_pos(doc, "db"), QPointF(200, 120));
  QCOMPARE(model_pos(doc, "s3"), QPointF(200, 260));
  QCOMPARE(win.w.scene()->node("db")->pos(), QPointF(200, 120));
  QCOMPARE(doc->undoStack()->count(), steps + 1);
  QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Align left"));
  doc->undoStack()->undo();
  QCOMPARE(model_pos(doc, "db"), QPointF(460, 120));
  QCOMPARE(model_pos(doc, "s3"), QPointF(320, 260));
  // One card alone has nothing to align with; distributing needs three.
  win.w.scene()->selectComponents({"app"});
  emit menu->aboutToShow();
  QVERIFY(!left->isEnabled());
  win.w.scene()->selectComponents({"app", "db"});
  emit menu->aboutToShow();
  QVERIFY(left->isEnabled());
  QVERIFY(!menu->findChild<QAction*>("distributeHorizontally")->isEnabled());
}

void TestAlign::distributeGivesEqualGaps() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  doc->setVersionIndex(0);
  // db at x = 0, app at 100, s3 at 500: the outer two stay, the middle one goes to
  // 0 + (500 − 0) / 2 = 250, so both gaps between the 150-wide cards are 250 − 150 = 100.
  place(doc, {"app", "db", "s3"}, {QPointF(100, 0), QPointF(0, 200), QPointF(500, 80)});
  win.w.scene()->selectComponents({"app", "db", "s3"});
  const int steps = doc->undoStack()->count();
  QVERIFY(alignSelection(win.w.scene(), Alignment::Horizontally));
  QCOMPARE(model_pos(doc, "db"), QPointF(0, 200));
  QCOMPARE(model_pos(doc, "app"), QPointF(250, 0));
  QCOMPARE(model_pos(doc, "s3"), QPointF(500, 80));
  QCOMPARE(doc->undoStack()->count(), steps + 1);
  QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Distribute horizontally"));
  // The pure rule, vertically, with four cards: y 0, 30, 40, 300 → 0, 100, 200, 300.
  const QList<QPointF> spread =
      aligned({QPointF(5, 40), QPointF(6, 0), QPointF(7, 300), QPointF(8, 30)}, Alignment::Vertically);
  QCOMPARE(spread, (QList<QPointF>{QPointF(5, 200), QPointF(6, 0), QPointF(7, 300), QPointF(8, 100)}));
}

void TestAlign::aDragSnapsToAnotherCardsLineWithAGuide() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  doc->setVersionIndex(0);
  CanvasView* view = win.w.view();
  view->setZoom(1.0);
  // db off the grid at x = 333; s3 far below it at x = 600.
  place(doc, {"db", "s3"}, {QPointF(333, 100), QPointF(600, 400)});
  NodeItem* s3 = win.w.scene()->node("s3");
  view->centerOn(QPointF(480, 300));
  QApplication::processEvents();
  const int steps = doc->undoStack()->count();
  // Drag s3 by (−263, 0) + 4 px short of db's x: within reach of its line.
  const QPoint a = viewPoint(view, s3->center());
  const QPoint b = a + QPoint(-263, 0);
  QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, a);
  QTest::mouseMove(view->viewport(), a + QPoint(-100, 0));
  QTest::mouseMove(view->viewport(), b);
  QCOMPARE(win.w.scene()->guides().size(), 1);
  QCOMPARE(win.w.scene()->guides().front().x1(), 333 + NodeItem::kWidth / 2);
  QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, b);
  // Lined up exactly (the grid alone would have put it at 340), in one undo step; the guide
  // is gone.
  QCOMPARE(model_pos(doc, "s3").x(), 333.0);
  QCOMPARE(doc->undoStack()->count(), steps + 1);
  QVERIFY(win.w.scene()->guides().isEmpty());
}

QTEST_MAIN(TestAlign)
#include "test_align.moc"
