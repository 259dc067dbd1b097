#pragma once
// A link on the canvas: an arrow from caller to callee, labelled with the request rate it carries;
// dashed red when the scenario being looked at cuts it.
#include <QGraphicsObject>
#include <QPainterPath>

#include "document/document.h"

class NodeItem;
class LinkLabelItem;

class LinkItem : public QGraphicsObject {
  Q_OBJECT

 public:
  LinkItem(const LinkKey& key, NodeItem* from, NodeItem* to, QGraphicsItem* parent = nullptr);
  ~LinkItem() override;
  enum { Type = UserType + 2 };
  int type() const override { return Type; }

  const LinkKey& key() const { return key_; }
  NodeItem* fromNode() const { return from_; }
  NodeItem* toNode() const { return to_; }
  // What to show; set by the scene. `latency` is the small second line, e.g. "30.0 ms".
  void setLabel(const QString& label, const QString& latency = QString());  // e.g. "41.7 req/s"
  QString label() const { return label_; }
  QString latencyText() const { return latency_; }
  QSizeF labelSize() const { return label_rect_.size(); }  // the label box as drawn; empty: none
  // Cut by a fault of the scenario; `note` is added to the tooltip (what the scenario does to
  // the calls on it).
  void setFaultState(bool cut, const QString& note);
  bool isCut() const { return cut_; }
  // The link whose label `item` is, or `item` itself when it is a link; null otherwise.
  static LinkItem* fromItem(QGraphicsItem* item);
  void updateGeometry();  // ends moved
  // A route laid out by Arrange: the spline to the arrowhead's base, the arrow's tip and the
  // label's centre, valid while both ends stay where they were when it was laid out (`fromPos`,
  // `toPos`); elsewhere the link is drawn straight. Undo and redo of the arrangement bring the
  // ends back, and with them the route.
  void setRoute(const QPainterPath& spline, QPointF tip, QPointF labelCentre, QPointF fromPos, QPointF toPos);
  bool followsRoute() const { return routed_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // Its ends by their cards' names, its figures and its fault; the scene calls it after a
  // rename (the names live in the nodes' looks).
  void updateToolTip();

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  friend class LinkLabelItem;
  LinkKey key_;
  NodeItem* from_;
  NodeItem* to_;
  QLineF line_;
  // The arranged route (see setRoute) and whether it is the one drawn now.
  QPainterPath route_;
  QPointF route_tip_, route_label_, route_from_, route_to_;
  bool routed_ = false;
  QString label_;
  QString latency_;
  QString label_text_;  // elided
  bool cut_ = false;
  QString note_;
  QRectF label_rect_;   // the label's box, centred on the middle of the line
  // The label is its own item so it can be stacked above the cards when a short link's label
  // overlaps the cards it joins; the line always stays under them.
  LinkLabelItem* label_item_ = nullptr;
  QRectF bounds_;
  QPainterPath shape_;
};
