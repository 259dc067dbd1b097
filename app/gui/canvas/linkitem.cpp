#include "canvas/linkitem.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QWidget>
#include <cmath>

#include "canvas/nodeitem.h"
#include "window/style.h"

namespace {

constexpr double kArrowLength = 11;
constexpr double kArrowHalfWidth = 5;
constexpr double kPickWidth = 10;  // clicking this close to the line selects it
constexpr double kLabelMaxWidth = 170;
constexpr double kPadX = 5, kPadY = 2;
constexpr double kLabelLine = 14, kLatencyLine = 12;

const QFont& labelFont() {
  static const QFont f = style::pixel_font(11, QFont::Medium);
  return f;
}
const QFont& latencyFont() {
  static const QFont f = style::pixel_font(9, QFont::Normal);
  return f;
}

// The part of `line` inside `r` (Liang–Barsky), or a null line. Stroking a wide antialiased pen
// costs the whole length of the line, visible or not; with hundreds of long links crossing the
// view that made panning crawl, so only the exposed part is drawn.
QLineF clipped(const QLineF& line, const QRectF& r) {
  double t0 = 0, t1 = 1;
  const double dx = line.dx(), dy = line.dy();
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {line.x1() - r.left(), r.right() - line.x1(), line.y1() - r.top(),
                       r.bottom() - line.y1()};
  for (int i = 0; i < 4; ++i) {
    if (std::abs(p[i]) < 1e-12) {
      if (q[i] < 0) return {};
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return {};
  }
  return QLineF(line.pointAt(t0), line.pointAt(t1));
}

// The arrowhead's triangle at the callee end of `line`.
QPolygonF arrowHead(const QLineF& line) {
  if (line.length() < 1e-6) return {};
  const QPointF tip = line.p2();
  const QPointF u = (line.p1() - line.p2()) / line.length();  // back along the line
  const QPointF n(-u.y(), u.x());
  const QPointF back = tip + u * kArrowLength;
  return QPolygonF({tip, back + n * kArrowHalfWidth, back - n * kArrowHalfWidth});
}

}  // namespace

// The label box of a link. It draws the link's texts and selects the link when
// clicked; it holds nothing of its own.
class LinkLabelItem : public QGraphicsItem {
 public:
  explicit LinkLabelItem(LinkItem* link) : link_(link) {
    setZValue(-0.5);
    setCacheMode(DeviceCoordinateCache);
    setAcceptedMouseButtons(Qt::LeftButton);
  }
  ~LinkLabelItem() override {
    if (link_) link_->label_item_ = nullptr;
  }
  enum { Type = UserType + 3 };
  int type() const override { return Type; }

  void aboutToMove() { prepareGeometryChange(); }
  void detach() { link_ = nullptr; }
  LinkItem* link() const { return link_; }

  QRectF boundingRect() const override {
    return link_ && !link_->label_rect_.isNull() ? link_->label_rect_.adjusted(-1, -1, 1, 1)
                                                 : QRectF();
  }

  void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override {
    if (!link_ || link_->label_rect_.isNull()) return;
    if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.4) return;
    const QPalette pal = widget ? widget->palette() : QGuiApplication::palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const bool selected = link_->isSelected();
    p->setRenderHint(QPainter::Antialiasing);
    QColor pill = base;
    pill.setAlpha(235);
    p->setBrush(pill);
    const QColor edge = selected      ? pal.color(QPalette::Highlight)
                        : link_->cut_ ? style::fault_color()
                                      : style::mix(base, text, 0.25);
    p->setPen(QPen(edge, selected || link_->cut_ ? 1.5 : 1));
    const QRectF box = link_->label_rect_;
    p->drawRoundedRect(box, 4, 4);
    QRectF row = box.adjusted(kPadX, kPadY, -kPadX, -kPadY);
    if (!link_->label_text_.isEmpty()) {
      p->setPen(link_->cut_ ? style::fault_color() : text);
      p->setFont(labelFont());
      p->drawText(QRectF(row.left(), row.top(), row.width(), kLabelLine), Qt::AlignCenter,
                  link_->label_text_);
      row.setTop(row.top() + kLabelLine);
    }
    if (!link_->latency_.isEmpty()) {
      p->setPen(style::mix(text, base, 0.4));
      p->setFont(latencyFont());
      p->drawText(QRectF(row.left(), row.top(), row.width(), kLatencyLine), Qt::AlignCenter,
                  link_->latency_);
    }
  }

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* e) override {
    if (!link_ || !scene()) {
      e->ignore();
      return;
    }
    const bool toggle = e->modifiers() & Qt::ControlModifier;
    if (!toggle) scene()->clearSelection();
    link_->setSelected(toggle ? !link_->isSelected() : true);
    e->accept();
  }

 private:
  LinkItem* link_;
};

LinkItem::LinkItem(const LinkKey& key, NodeItem* from, NodeItem* to, QGraphicsItem* parent)
    : QGraphicsObject(parent), key_(key), from_(from), to_(to) {
  setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);  // exposedRect, for clipping
  setZValue(-1);                                             // under the cards
  connect(from_, &NodeItem::moved, this, &LinkItem::updateGeometry);
  connect(to_, &NodeItem::moved, this, &LinkItem::updateGeometry);
  label_item_ = new LinkLabelItem(this);
  updateToolTip();
  updateGeometry();
}

LinkItem::~LinkItem() {
  if (label_item_) {
    label_item_->detach();
    delete label_item_;
  }
}

QVariant LinkItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (label_item_) {
    if (change == ItemSceneHasChanged) {
      // The label follows the link into and out of scenes.
      auto* s = value.value<QGraphicsScene*>();
      if (label_item_->scene() && label_item_->scene() != s)
        label_item_->scene()->removeItem(label_item_);
      if (s && !label_item_->scene()) s->addItem(label_item_);
    } else if (change == ItemSelectedHasChanged) {
      label_item_->update();
    } else if (change == ItemVisibleHasChanged) {
      label_item_->setVisible(value.toBool());
    }
  }
  return QGraphicsObject::itemChange(change, value);
}

void LinkItem::setLabel(const QString& label, const QString& latency) {
  if (label == label_ && latency == latency_) return;
  label_ = label;
  latency_ = latency;
  label_text_ = QFontMetricsF(labelFont()).elidedText(label_, Qt::ElideRight, kLabelMaxWidth);
  updateToolTip();
  updateGeometry();
}

void LinkItem::setFaultState(bool cut, const QString& note) {
  if (cut == cut_ && note == note_) return;
  const bool repaint = cut != cut_;
  cut_ = cut;
  note_ = note;
  updateToolTip();
  if (repaint) {
    update();
    if (label_item_) label_item_->update();
  }
}

void LinkItem::updateToolTip() {
  // The ends by the names their cards show (the ids until the scene has given them looks).
  auto name = [](const NodeItem* n, const QString& id) {
    return n->look().name.isEmpty() ? id : n->look().name;
  };
  QString tip = QStringLiteral("%1 → %2").arg(name(from_, key_.from), name(to_, key_.to));
  if (cut_) tip += QStringLiteral("\n") + tr("CUT by the scenario");
  if (!label_.isEmpty()) tip += QStringLiteral("\n") + label_;
  if (!latency_.isEmpty()) tip += QStringLiteral("\n") + tr("network latency %1").arg(latency_);
  if (!note_.isEmpty()) tip += QStringLiteral("\n") + note_;
  setToolTip(tip);
  if (label_item_) label_item_->setToolTip(tip);
}

LinkItem* LinkItem::fromItem(QGraphicsItem* item) {
  if (!item) return nullptr;
  if (item->type() == LinkLabelItem::Type) return static_cast<LinkLabelItem*>(item)->link();
  return qgraphicsitem_cast<LinkItem*>(item);
}

void LinkItem::setRoute(const QPainterPath& spline, QPointF tip, QPointF labelCentre, QPointF fromPos,
                        QPointF toPos) {
  route_ = spline;
  route_tip_ = tip;
  route_label_ = labelCentre;
  route_from_ = fromPos;
  route_to_ = toPos;
  updateGeometry();
}

void LinkItem::updateGeometry() {
  prepareGeometryChange();
  const QPointF a = from_->center(), b = to_->center();
  routed_ = !route_.isEmpty() && from_->pos() == route_from_ && to_->pos() == route_to_;
  // Straight: anchor to anchor. Routed: the arrow is the last stretch, base to tip.
  line_ = routed_ ? QLineF(route_.currentPosition(), route_tip_)
                  : QLineF(from_->anchorTowards(b), to_->anchorTowards(a));

  // The label box: one or two lines, centred on the middle of the visible line.
  if (label_item_) label_item_->aboutToMove();
  label_rect_ = QRectF();
  if (!label_text_.isEmpty() || !latency_.isEmpty()) {
    const double w1 = QFontMetricsF(labelFont()).horizontalAdvance(label_text_);
    const double w2 = QFontMetricsF(latencyFont()).horizontalAdvance(latency_);
    const double h =
        (label_text_.isEmpty() ? 0 : kLabelLine) + (latency_.isEmpty() ? 0 : kLatencyLine);
    const QSizeF size(std::max(w1, w2) + 2 * kPadX, h + 2 * kPadY);
    QPointF centre = routed_ ? route_label_ : line_.center();
    // On a link too short to show both, the label moves beside the line so the arrow stays
    // visible (above it, or to the right of a vertical one).
    if (!routed_ && line_.length() < size.width() + 2 * kArrowLength + 10 && line_.length() > 1e-6) {
      QPointF n(-line_.dy() / line_.length(), line_.dx() / line_.length());
      if (n.y() > 1e-9 || (std::abs(n.y()) <= 1e-9 && n.x() < 0)) n = -n;
      const double extent =
          size.width() / 2 * std::abs(n.x()) + size.height() / 2 * std::abs(n.y());
      centre += n * (extent + 4);
    }
    label_rect_ = QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
  }
  if (label_item_) {
    // Labels sit under the cards, so a link crossing a card never writes over it; a short
    // link's label that overlaps its own ends goes on top, or the cards would hide it.
    const QSizeF card(NodeItem::kWidth, NodeItem::kHeight);
    const bool overEnds = label_rect_.intersects(QRectF(from_->pos(), card)) ||
                          label_rect_.intersects(QRectF(to_->pos(), card));
    label_item_->setZValue(overEnds ? 1 : -0.5);
  }

  QPainterPath path = routed_ ? route_ : QPainterPath(line_.p1());
  path.lineTo(line_.p2());
  path.addPolygon(arrowHead(line_));
  QPainterPathStroker stroker;
  stroker.setWidth(kPickWidth);
  stroker.setCapStyle(Qt::RoundCap);
  shape_ = stroker.createStroke(path);
  bounds_ = shape_.boundingRect().adjusted(-2, -2, 2, 2);
  if (!label_rect_.isNull()) bounds_ |= label_rect_;  // so the scene's content rect holds labels
  update();
  if (label_item_) label_item_->update();
}

QRectF LinkItem::boundingRect() const {
  return bounds_;
}

QPainterPath LinkItem::shape() const {
  return shape_;
}

void LinkItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) {
  const QPalette pal = widget ? widget->palette() : QGuiApplication::palette();
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::Text);
  const bool selected = option->state & QStyle::State_Selected;
  const QColor ink = selected ? pal.color(QPalette::Highlight)
                     : cut_   ? style::fault_color()
                              : style::mix(base, text, 0.55);

  p->setRenderHint(QPainter::Antialiasing);
  if (routed_) {
    // An arranged spline ends at the arrowhead's base.
    const double width = selected ? 2.5 : 1.5;
    p->setPen(QPen(ink, cut_ ? width + 0.5 : width, cut_ ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
    p->setBrush(Qt::NoBrush);
    p->drawPath(route_);
    p->setPen(Qt::NoPen);
    p->setBrush(ink);
    p->drawPolygon(arrowHead(line_));
    return;
  }
  // Stop the line at the arrowhead's base so its end does not poke through the tip.
  QLineF shaft = line_;
  if (shaft.length() > kArrowLength) shaft.setLength(shaft.length() - kArrowLength + 1);
  const double width = selected ? 2.5 : 1.5;
  const QLineF visible = clipped(shaft, option->exposedRect.adjusted(-width, -width, width, width));
  if (!visible.isNull()) {
    QPen pen(ink, cut_ ? width + 0.5 : width, cut_ ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap);
    // The dashes start at the caller wherever the exposed part begins, so they do not crawl.
    if (cut_) pen.setDashOffset(QLineF(shaft.p1(), visible.p1()).length() / pen.widthF());
    p->setPen(pen);
    p->drawLine(visible);
  }
  p->setPen(Qt::NoPen);
  p->setBrush(ink);
  p->drawPolygon(arrowHead(line_));
}
