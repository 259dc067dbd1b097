#include "canvas/canvasscene.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QPalette>
#include <QSignalBlocker>
#include <algorithm>
#include <cmath>
#include <utility>

#include "canvas/canvaslooks.h"
#include "failure/faultmenu.h"
#include "canvas/linkitem.h"
#include "canvas/nodeitem.h"
#include "window/style.h"

namespace {

constexpr double kSceneMargin = 2000;  // room to pan beyond the content
constexpr int kAutoColumns = 5;        // components without a position: grid of this width
constexpr double kAutoStepX = 200, kAutoStepY = 120;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

CanvasScene::CanvasScene(Document* doc, QObject* parent) : QGraphicsScene(parent), doc_(doc) {
  setItemIndexMethod(BspTreeIndex);
  connect(doc_, &Document::componentAdded, this, &CanvasScene::addNode);
  connect(doc_, &Document::componentRemoved, this, &CanvasScene::removeNode);
  connect(doc_, &Document::componentChanged, this, &CanvasScene::componentChanged);
  connect(doc_, &Document::linkAdded, this, &CanvasScene::addLink);
  connect(doc_, &Document::linkRemoved, this, &CanvasScene::removeLink);
  connect(doc_, &Document::versionChanged, this, &CanvasScene::rebuild);
  // Every edit re-evaluates: only the looks change, the items stay.
  connect(doc_, &Document::evaluated, this, &CanvasScene::refreshMetrics);
  rebuild();
}

// ---- Following the document -------------------------------------------------------------

void CanvasScene::rebuild() {
  replay_.reset();  // a moment of another version's simulation
  cancelConnect();
  hovered_port_ = nullptr;
  press_positions_.clear();
  clear();
  nodes_.clear();
  links_.clear();

  const auto& v = doc_->version();
  const CanvasLooks looks(*doc_, replay());
  QRectF placed;
  QStringList unplaced;
  for (const auto& c : v.components) {
    auto* n = new NodeItem(q(c.id));
    addItem(n);
    nodes_.insert(n->id(), n);
    if (c.pos) {
      n->setPos((*c.pos)[0], (*c.pos)[1]);
      placed |= n->sceneBoundingRect();
    } else {
      unplaced << n->id();
    }
    refreshNode(n, looks);
  }
  // Components the file gives no position: a grid under the placed ones. The model keeps no
  // position for them until the user moves one.
  const QPointF origin =
      placed.isNull() ? QPointF(0, 0) : QPointF(placed.left(), placed.bottom() + kAutoStepY / 2);
  for (int i = 0; i < unplaced.size(); ++i) {
    nodes_.value(unplaced[i])
        ->setPos(snapped(
            origin + QPointF((i % kAutoColumns) * kAutoStepX, (i / kAutoColumns) * kAutoStepY)));
  }
  for (const auto& l : v.links) {
    NodeItem* from = node(q(l.from));
    NodeItem* to = node(q(l.to));
    if (!from || !to) continue;
    auto* item = new LinkItem({q(l.from), q(l.to)}, from, to);
    addItem(item);
    links_ << item;
    refreshLink(item, looks);
  }
  setSceneRect(contentRect().adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
}

void CanvasScene::addNode(const QString& id) {
  const archbench::Component* c = doc_->component(id);
  if (!c || nodes_.contains(id)) return;
  auto* n = new NodeItem(id);
  n->setPos(c->pos ? QPointF((*c->pos)[0], (*c->pos)[1]) : freeSpot());
  addItem(n);
  nodes_.insert(id, n);
  refreshNode(n, CanvasLooks(*doc_, replay()));
  growSceneRect(n->sceneBoundingRect());
}

void CanvasScene::removeNode(const QString& id) {
  NodeItem* n = nodes_.value(id);
  if (!n) return;
  // Links first: they point at the node.
  for (LinkItem* l : QList<LinkItem*>(links_)) {
    if (l->fromNode() == n || l->toNode() == n) removeLink(l->key());
  }
  if (connect_from_ == n) cancelConnect();
  if (hovered_port_ == n) hovered_port_ = nullptr;
  press_positions_.remove(id);
  nodes_.remove(id);
  delete n;
}

void CanvasScene::componentChanged(const QString& id) {
  // Name and figures were refreshed by evaluated(), which comes first; follow the position.
  NodeItem* n = nodes_.value(id);
  const archbench::Component* c = doc_->component(id);
  if (!n || !c || !c->pos) return;
  const QPointF p((*c->pos)[0], (*c->pos)[1]);
  if (n->pos() != p) {
    n->setPos(p);
    growSceneRect(n->sceneBoundingRect());
  }
}

void CanvasScene::addLink(const LinkKey& key) {
  if (linkItem(key)) return;
  NodeItem* from = node(key.from);
  NodeItem* to = node(key.to);
  if (!from || !to) return;
  auto* item = new LinkItem(key, from, to);
  addItem(item);
  links_ << item;
  refreshLink(item, CanvasLooks(*doc_, replay()));
}

void CanvasScene::removeLink(const LinkKey& key) {
  LinkItem* item = linkItem(key);
  if (!item) return;
  links_.removeOne(item);
  delete item;
}

LinkItem* CanvasScene::linkItem(const LinkKey& key) const {
  for (LinkItem* l : links_) {
    if (l->key() == key) return l;
  }
  return nullptr;
}

// ---- Figures from the report --------------------------------------------------------------

void CanvasScene::refreshMetrics() {
  const CanvasLooks looks(*doc_, replay());
  for (NodeItem* n : std::as_const(nodes_)) refreshNode(n, looks);
  for (LinkItem* l : std::as_const(links_)) refreshLink(l, looks);
}

void CanvasScene::setReplay(std::optional<CanvasReplay> replay) {
  if (!replay && !replay_) return;
  replay_ = std::move(replay);
  refreshMetrics();
}

void CanvasScene::refreshNode(NodeItem* node, const CanvasLooks& looks) {
  const archbench::Component* c = doc_->component(node->id());
  if (!c) return;  // being removed: its componentRemoved follows
  node->setLook(looks.node(*c));
}

void CanvasScene::refreshLink(LinkItem* item, const CanvasLooks& looks) {
  const auto look = looks.link(item->key());
  if (!look) return;  // being removed
  item->setLabel(look->label, look->latency);
  item->setFaultState(look->cut, look->note);
  item->updateToolTip();  // a renamed end
}

// ---- Selection and geometry -----------------------------------------------------------------

QStringList CanvasScene::selectedComponentIds() const {
  QStringList ids;
  for (const auto& c : doc_->version().components) {
    const NodeItem* n = nodes_.value(q(c.id));
    if (n && n->isSelected()) ids << n->id();
  }
  return ids;
}

QList<LinkKey> CanvasScene::selectedLinks() const {
  QList<LinkKey> keys;
  for (const LinkItem* l : links_) {
    if (l->isSelected()) keys << l->key();
  }
  return keys;
}

void CanvasScene::selectComponents(const QStringList& ids) {
  {
    // One selectionChanged for the whole change, not one per item.
    const QSignalBlocker block(this);
    clearSelection();
    for (const QString& id : ids) {
      if (NodeItem* n = node(id)) n->setSelected(true);
    }
  }
  emit selectionChanged();
}

void CanvasScene::selectLink(const LinkKey& key) {
  {
    const QSignalBlocker block(this);
    clearSelection();
    if (LinkItem* l = linkItem(key)) l->setSelected(true);
  }
  emit selectionChanged();
}

QRectF CanvasScene::contentRect() const {
  QRectF r;
  for (const NodeItem* n : nodes_) r |= n->sceneBoundingRect();
  for (const LinkItem* l : links_) r |= l->sceneBoundingRect();
  return r;
}

QPointF CanvasScene::snapped(QPointF p) const {
  if (!snap_) return p;
  return {std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid};
}

QString CanvasScene::dropKind(const QString& kind, QPointF scenePos) {
  // The card is centred on the drop point.
  const QPointF topLeft = snapped(scenePos - QPointF(NodeItem::kWidth / 2, NodeItem::kHeight / 2));
  const QString id = doc_->addComponent(kind, topLeft);
  if (!id.isEmpty()) selectComponents({id});
  return id;
}

// ---- Context menus ------------------------------------------------------------------------

namespace {
// A section title that is never elided: the menu is as wide as its actions otherwise.
void addTitle(QMenu* menu, const QString& title) {
  menu->addSection(title);
  QFont bold = menu->font();
  bold.setBold(true);
  menu->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(title) + 48);
}
}  // namespace

QMenu* CanvasScene::componentMenu(const QString& id, QWidget* parent) {
  const archbench::Component* c = doc_->component(id);
  if (!c) return nullptr;
  auto* menu = new QMenu(parent);
  menu->setObjectName("componentMenu");
  addTitle(menu, tr("What if %1…").arg(q(c->display_name())));
  fault_menu::addComponentActions(menu, doc_, id);
  if (menu->actions().size() > 1) return menu;
  delete menu;  // a client with no fault anywhere: nothing to offer
  return nullptr;
}

QMenu* CanvasScene::linkMenu(const LinkKey& key, QWidget* parent) {
  if (!doc_->link(key)) return nullptr;
  auto* menu = new QMenu(parent);
  menu->setObjectName("linkMenu");
  addTitle(menu, tr("What if %1…").arg(doc_->nameOf(key)));
  fault_menu::addLinkActions(menu, doc_, key);
  return menu;
}

LinkItem* CanvasScene::linkAt(QPointF scenePos) const {
  for (QGraphicsItem* item : items(scenePos)) {
    if (LinkItem* l = LinkItem::fromItem(item)) return l;
  }
  return nullptr;
}

QMenu* CanvasScene::contextMenuAt(QPointF scenePos, QWidget* parent) {
  // What is clicked becomes the selection, so the property editor shows what the menu is about
  // (a right click inside a selection keeps it).
  if (NodeItem* n = nodeAt(scenePos)) {
    if (!n->isSelected()) selectComponents({n->id()});
    return componentMenu(n->id(), parent);
  }
  if (LinkItem* l = linkAt(scenePos)) {
    if (!l->isSelected()) selectLink(l->key());
    return linkMenu(l->key(), parent);
  }
  if (doc_->version().faults.empty()) return nullptr;
  auto* menu = new QMenu(parent);
  menu->setObjectName("canvasMenu");
  fault_menu::addClearAction(menu, doc_);
  return menu;
}

QPointF CanvasScene::freeSpot() const {
  const QRectF r = contentRect();
  if (r.isNull()) return {0, 0};
  const QPointF p(r.left(), r.bottom() + kAutoStepY / 2);
  return {std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid};
}

void CanvasScene::growSceneRect(const QRectF& r) {
  // Only grow: shrinking under the user's feet would make the view jump.
  const QRectF wanted = r.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin);
  if (!sceneRect().contains(wanted)) setSceneRect(sceneRect().united(wanted));
}

NodeItem* CanvasScene::nodeAt(QPointF scenePos) const {
  for (QGraphicsItem* item : items(scenePos)) {
    if (auto* n = qgraphicsitem_cast<NodeItem*>(item)) return n;
  }
  return nullptr;
}

// ---- Gestures -------------------------------------------------------------------------------

double CanvasScene::portHitRadius() const {
  double scale = 1;
  for (QGraphicsView* v : views()) scale = std::min(scale, v->transform().m11());
  return std::max(NodeItem::kPortHitRadius, 10.0 / std::max(scale, 1e-3));
}

NodeItem* CanvasScene::portAt(QPointF scenePos) const {
  const double r = portHitRadius();
  NodeItem* best = nullptr;
  double best_d = r * r;
  for (QGraphicsItem* item : items(QRectF(scenePos - QPointF(r, r), QSizeF(2 * r, 2 * r)))) {
    auto* n = qgraphicsitem_cast<NodeItem*>(item);
    if (!n) continue;
    const QPointF d = scenePos - n->portPos();
    const double dd = d.x() * d.x() + d.y() * d.y();
    if (dd <= best_d) {
      best = n;
      best_d = dd;
    }
  }
  return best;
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent* e) {
  if (e->button() == Qt::LeftButton) {
    // The port first: its hit area reaches into the card, and a press there connects.
    NodeItem* port = portAt(e->scenePos());
    NodeItem* n = port ? port : nodeAt(e->scenePos());
    if (n && ((e->modifiers() & Qt::ShiftModifier) || port)) {
      // Connect gesture: a temporary line until the release says where it goes.
      connect_from_ = n;
      rubber_link_ = new QGraphicsLineItem(QLineF(n->anchorTowards(e->scenePos()), e->scenePos()));
      QPen pen(palette().color(QPalette::Highlight), 2, Qt::DashLine, Qt::RoundCap);
      pen.setCosmetic(true);
      rubber_link_->setPen(pen);
      rubber_link_->setZValue(10);
      addItem(rubber_link_);
      e->accept();
      return;
    }
  }
  QGraphicsScene::mousePressEvent(e);
  press_positions_.clear();
  // A press that grabbed a node starts a move of the whole selection: remember where it was.
  if (e->button() == Qt::LeftButton && qgraphicsitem_cast<NodeItem*>(mouseGrabberItem())) {
    for (QGraphicsItem* item : selectedItems()) {
      if (auto* n = qgraphicsitem_cast<NodeItem*>(item)) press_positions_.insert(n->id(), n->pos());
    }
  }
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent* e) {
  if (rubber_link_) {
    const QPointF end = e->scenePos();
    rubber_link_->setLine(QLineF(connect_from_->anchorTowards(end), end));
    e->accept();
    return;
  }
  if (e->buttons() == Qt::NoButton) {
    // Hover feedback for the port, with the same reach as a press.
    NodeItem* port = portAt(e->scenePos());
    if (hovered_port_ && hovered_port_ != port) hovered_port_->setPortHovered(false);
    hovered_port_ = port;
    if (port) port->setPortHovered(true);  // again after the item's own hover-leave
  }
  QGraphicsScene::mouseMoveEvent(e);
  if (!press_positions_.isEmpty() && (e->buttons() & Qt::LeftButton)) snapToNeighbours();
}

void CanvasScene::snapToNeighbours() {
  auto* lead = qgraphicsitem_cast<NodeItem*>(mouseGrabberItem());
  if (!lead) return;
  const double zoom = views().isEmpty() ? 1.0 : std::max(1e-6, views().front()->transform().m11());
  const double reach = kGuideReach / zoom;
  // Cards are all of one size: lining up left edges lines up centres, and tops middles.
  const NodeItem* byX = nullptr;
  const NodeItem* byY = nullptr;
  double dx = 0, dy = 0;
  for (const NodeItem* n : std::as_const(nodes_)) {
    if (press_positions_.contains(n->id())) continue;  // it moves too
    const double ddx = n->pos().x() - lead->pos().x(), ddy = n->pos().y() - lead->pos().y();
    if (std::abs(ddx) <= reach && (!byX || std::abs(ddx) < std::abs(dx))) {
      byX = n;
      dx = ddx;
    }
    if (std::abs(ddy) <= reach && (!byY || std::abs(ddy) < std::abs(dy))) {
      byY = n;
      dy = ddy;
    }
  }
  if (byX || byY) {
    for (QGraphicsItem* item : selectedItems())
      if (auto* n = qgraphicsitem_cast<NodeItem*>(item)) n->setPos(n->pos() + QPointF(dx, dy));
  }
  guide_x_ = byX != nullptr;
  guide_y_ = byY != nullptr;
  QList<QLineF> guides;
  const double w = NodeItem::kWidth, h = NodeItem::kHeight, overhang = 16;
  if (byX) {
    const double x = byX->pos().x() + w / 2;
    guides << QLineF(x, std::min(byX->pos().y(), lead->pos().y()) - overhang, x,
                     std::max(byX->pos().y(), lead->pos().y()) + h + overhang);
  }
  if (byY) {
    const double y = byY->pos().y() + h / 2;
    guides << QLineF(std::min(byY->pos().x(), lead->pos().x()) - overhang, y,
                     std::max(byY->pos().x(), lead->pos().x()) + w + overhang, y);
  }
  if (guides != guides_) {
    guides_ = guides;
    update();
  }
}

void CanvasScene::drawForeground(QPainter* painter, const QRectF& rect) {
  if (guides_.isEmpty()) return;
  QPen pen(palette().color(QPalette::Highlight), 1, Qt::DashLine);
  pen.setCosmetic(true);
  painter->save();
  painter->setPen(pen);
  for (const QLineF& g : guides_)
    if (rect.intersects(QRectF(g.p1(), g.p2()).normalized().adjusted(-1, -1, 1, 1)))
      painter->drawLine(g);
  painter->restore();
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* e) {
  if (rubber_link_) {
    if (e->button() != Qt::LeftButton) return;
    NodeItem* from = connect_from_;
    NodeItem* to = nodeAt(e->scenePos());
    cancelConnect();
    e->accept();
    if (from && to && to != from) {
      QString reason;
      if (!doc_->addLink(from->id(), to->id(), &reason)) emit linkRefused(reason);
    }
    return;
  }
  QGraphicsScene::mouseReleaseEvent(e);
  if (e->button() != Qt::LeftButton || press_positions_.isEmpty()) return;

  // The drag is over: one undo command for every node it moved.
  const auto pressed = std::exchange(press_positions_, {});
  const bool lined_x = std::exchange(guide_x_, false), lined_y = std::exchange(guide_y_, false);
  if (!guides_.isEmpty()) {
    guides_.clear();
    update();
  }
  QList<QString> ids;
  QList<QPointF> from, to;
  for (const auto& c : doc_->version().components) {
    const QString id = q(c.id);
    NodeItem* n = nodes_.value(id);
    if (!n || !pressed.contains(id) || n->pos() == pressed.value(id)) continue;
    // The grid, except along a guide the drag lined the card up on.
    QPointF target = snapped(n->pos());
    if (lined_x) target.setX(n->pos().x());
    if (lined_y) target.setY(n->pos().y());
    n->setPos(target);
    if (target == pressed.value(id)) continue;  // snapped back where it was
    ids << id;
    from << pressed.value(id);
    to << target;
  }
  if (!ids.isEmpty()) doc_->moveComponents(ids, from, to);
}

void CanvasScene::keyPressEvent(QKeyEvent* e) {
  if (e->key() == Qt::Key_Escape && rubber_link_) {
    cancelConnect();
    e->accept();
    return;
  }
  QGraphicsScene::keyPressEvent(e);
}

void CanvasScene::cancelConnect() {
  delete rubber_link_;
  rubber_link_ = nullptr;
  connect_from_ = nullptr;
}

// ---- Background -----------------------------------------------------------------------------

void CanvasScene::drawBackground(QPainter* painter, const QRectF& rect) {
  const QPalette pal = palette();
  const QColor window = pal.color(QPalette::Window);
  const QColor text = pal.color(QPalette::Text);
  painter->fillRect(rect, window);

  // Dots every grid step; zoomed out, every fifth step so they never turn into a grey wash.
  const double scale = std::max(1e-6, painter->worldTransform().m11());
  double step = kGrid;
  while (step * scale < 8) step *= 5;
  const auto first = [step](double v) { return static_cast<long long>(std::floor(v / step)); };
  const long long x0 = first(rect.left()), x1 = first(rect.right()) + 1;
  const long long y0 = first(rect.top()), y1 = first(rect.bottom()) + 1;
  QPolygonF minor, major;
  minor.reserve(static_cast<qsizetype>((x1 - x0 + 1) * (y1 - y0 + 1)));
  for (long long ix = x0; ix <= x1; ++ix) {
    for (long long iy = y0; iy <= y1; ++iy) {
      const QPointF p(static_cast<double>(ix) * step, static_cast<double>(iy) * step);
      (ix % 5 == 0 && iy % 5 == 0 ? major : minor) << p;
    }
  }
  auto blend = [&](double t) { return style::mix(window, text, t); };
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing, false);
  QPen pen(blend(0.22), 1.5);
  pen.setCosmetic(true);
  painter->setPen(pen);
  painter->drawPoints(minor);
  pen.setColor(blend(0.38));
  pen.setWidthF(2);
  painter->setPen(pen);
  painter->drawPoints(major);
  painter->restore();
}
