// GUI tests for Edit → Arrange (canvas/arrange.h): the engine's layered layout applied to the
// canvas as one undo step, links drawn along the layout's splines while their ends stay put, and
// a submitted (frozen) practice version refused.
#include <QAction>
#include <QUndoStack>
#include <QtTest>

#include "archbench/layout.h"
#include "canvas/arrange.h"
#include "canvas/canvasscene.h"
#include "canvas/linkitem.h"
#include "canvas/nodeitem.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "practice/practicemode.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

QRectF card(const NodeItem* n) { return QRectF(n->pos(), QSizeF(NodeItem::kWidth, NodeItem::kHeight)); }

}  // namespace

class TestArrange : public QObject {
  Q_OBJECT

 private slots:
  void arrangeIsOneUndoStepAtTheEnginesPlaces();
  void linksFollowTheRouteUntilAnEndMoves();
  void frozenVersionIsNotArranged();
};

void TestArrange::arrangeIsOneUndoStepAtTheEnginesPlaces() {
  Window win;
  QVERIFY(win.w.openFile(preset("image-pipeline.archbench.json")));
  Document* doc = win.w.document();
  CanvasScene* scene = win.w.scene();
  // Pile every card on one spot first: the messiest design there is.
  QList<QString> ids;
  QList<QPointF> from, to;
  for (const auto& c : doc->version().components) {
    ids << QString::fromStdString(c.id);
    from << scene->node(ids.back())->pos();
    to << QPointF(0, 0);
  }
  doc->moveComponents(ids, from, to);
  const int steps = doc->undoStack()->count();

  QAction* action = win.w.findChild<QAction*>("arrange", Qt::FindDirectChildrenOnly);
  QVERIFY(action);
  action->trigger();
  QCOMPARE(doc->undoStack()->count(), steps + 1);
  QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Arrange"));

  // The places are the engine's layout, shifted as a whole: every pairwise offset equals the
  // layout's (the caller's node size: the card and its port).
  archbench::LayoutOptions o;
  o.node_width = NodeItem::kWidth + NodeItem::kPortRadius;
  o.node_height = NodeItem::kHeight;
  for (const auto& l : doc->version().links) {
    const LinkItem* item = scene->linkItem({QString::fromStdString(l.from), QString::fromStdString(l.to)});
    QVERIFY(item);
    if (!item->labelSize().isEmpty())
      o.link_labels[{l.from, l.to}] = {item->labelSize().width() + 8, item->labelSize().height() + 6};
  }
  const archbench::Layout layout = archbench::layered_layout(doc->version(), o);
  const auto& first = doc->version().components.front();
  const QPointF shift = scene->node(QString::fromStdString(first.id))->pos() -
                        QPointF(layout.positions.at(first.id)[0], layout.positions.at(first.id)[1]);
  for (const auto& c : doc->version().components) {
    const QPointF at = scene->node(QString::fromStdString(c.id))->pos();
    QVERIFY2(std::abs(at.x() - layout.positions.at(c.id)[0] - shift.x()) < 1e-6, c.id.c_str());
    QVERIFY2(std::abs(at.y() - layout.positions.at(c.id)[1] - shift.y()) < 1e-6, c.id.c_str());
    // The document holds the same place (the file saves what the canvas shows).
    QVERIFY(c.pos);
    QCOMPARE(QPointF((*c.pos)[0], (*c.pos)[1]), at);
  }
  // No two cards overlap.
  const auto& comps = doc->version().components;
  for (std::size_t i = 0; i < comps.size(); ++i)
    for (std::size_t j = i + 1; j < comps.size(); ++j)
      QVERIFY(!card(scene->node(QString::fromStdString(comps[i].id)))
                   .intersects(card(scene->node(QString::fromStdString(comps[j].id)))));

  // One undo puts every card back on the pile.
  doc->undoStack()->undo();
  for (const auto& id : ids) QCOMPARE(scene->node(id)->pos(), QPointF(0, 0));
}

void TestArrange::linksFollowTheRouteUntilAnEndMoves() {
  Window win;
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  Document* doc = win.w.document();
  CanvasScene* scene = win.w.scene();
  QVERIFY(arrange(scene));
  const auto& l = doc->version().links.front();
  LinkItem* link = scene->linkItem({QString::fromStdString(l.from), QString::fromStdString(l.to)});
  QVERIFY(link);
  QVERIFY(link->followsRoute());
  // Moving the callee away drops the route: the link goes straight again.
  NodeItem* callee = link->toNode();
  const QPointF was = callee->pos();
  doc->moveComponents({QString::fromStdString(l.to)}, {was}, {was + QPointF(0, 400)});
  QVERIFY(!link->followsRoute());
  // Undoing the move brings the ends back where the route was laid out, and the route with them.
  doc->undoStack()->undo();
  QCOMPARE(callee->pos(), was);
  QVERIFY(link->followsRoute());
  // Undoing Arrange itself: straight; redoing it: the route again.
  doc->undoStack()->undo();
  QVERIFY(!link->followsRoute());
  doc->undoStack()->redo();
  QVERIFY(link->followsRoute());
}

void TestArrange::frozenVersionIsNotArranged() {
  Window win;
  QVERIFY(win.w.openFile(QStringLiteral(ARCHBENCH_TEST_PRESETS_DIR "/../docs/practice/url-shortener-midway.archbench.json")));
  Document* doc = win.w.document();
  doc->setVersionIndex(0);  // V1 was submitted: frozen
  QVERIFY(doc->isVersionFrozen(0));
  QSignalSpy refused(doc, &Document::editRefused);
  const int steps = doc->undoStack()->count();
  QVERIFY(!arrange(win.w.scene()));
  QCOMPARE(doc->undoStack()->count(), steps);
  QCOMPARE(refused.count(), 1);
}

QTEST_MAIN(TestArrange)
#include "test_arrange.moc"
