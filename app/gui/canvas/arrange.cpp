#include "canvas/arrange.h"

#include <QPainterPath>
#include <cmath>
#include <limits>

#include "archbench/layout.h"
#include "canvas/canvasscene.h"
#include "canvas/linkitem.h"
#include "canvas/nodeitem.h"

namespace {

QPointF point(const std::array<double, 2>& p, QPointF origin) { return origin + QPointF(p[0], p[1]); }

}  // namespace

bool arrange(CanvasScene* scene) {
  Document* doc = scene->document();
  const archbench::Version& v = doc->version();
  if (v.components.empty()) return false;

  archbench::LayoutOptions options;
  // The card plus its output port, so that ports never touch the next layer's arrows.
  options.node_width = NodeItem::kWidth + NodeItem::kPortRadius;
  options.node_height = NodeItem::kHeight;
  for (const auto& l : v.links) {
    const LinkItem* item = scene->linkItem({QString::fromStdString(l.from), QString::fromStdString(l.to)});
    if (!item || item->labelSize().isEmpty()) continue;
    // The label box as the canvas draws it, with a little air around it.
    options.link_labels[{l.from, l.to}] = {item->labelSize().width() + 8, item->labelSize().height() + 6};
  }
  const archbench::Layout layout = archbench::layered_layout(v, options);

  // The drawing keeps its top-left corner (on the grid), so Arrange does not throw it elsewhere.
  QPointF origin(std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
  for (const auto& c : v.components)
    if (const NodeItem* n = scene->node(QString::fromStdString(c.id)))
      origin = QPointF(std::min(origin.x(), n->pos().x()), std::min(origin.y(), n->pos().y()));
  origin = QPointF(std::round(origin.x() / CanvasScene::kGrid) * CanvasScene::kGrid,
                   std::round(origin.y() / CanvasScene::kGrid) * CanvasScene::kGrid);

  QList<QString> ids;
  QList<QPointF> from, to;
  for (const auto& c : v.components) {
    const QString id = QString::fromStdString(c.id);
    const NodeItem* n = scene->node(id);
    if (!n) continue;
    ids << id;
    from << n->pos();
    to << point(layout.positions.at(c.id), origin);
  }
  if (!doc->arrangeComponents(ids, from, to)) return false;

  for (const auto& r : layout.routes) {
    LinkItem* item = scene->linkItem({QString::fromStdString(r.from), QString::fromStdString(r.to)});
    if (!item || r.points.size() < 4 || !r.arrow_tip) continue;
    QPainterPath path(point(r.points[0], origin));
    for (std::size_t k = 1; k + 2 < r.points.size(); k += 3)
      path.cubicTo(point(r.points[k], origin), point(r.points[k + 1], origin), point(r.points[k + 2], origin));
    const QPointF label = r.label_center ? point(*r.label_center, origin) : path.pointAtPercent(0.5);
    item->setRoute(path, point(*r.arrow_tip, origin), label, item->fromNode()->pos(), item->toNode()->pos());
  }
  return true;
}
