#pragma once
// A link on the canvas: an arrow from caller to callee, labelled with the request rate it carries.
#include <QGraphicsObject>

#include "document.h"

class NodeItem;

class LinkItem : public QGraphicsObject {
  Q_OBJECT

 public:
  LinkItem(const LinkKey& key, NodeItem* from, NodeItem* to, QGraphicsItem* parent = nullptr);

  const LinkKey& key() const { return key_; }
  void setLabel(const QString& label);  // e.g. "41.7 req/s"
  QString label() const { return label_; }
  void updateGeometry();                // ends moved

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  LinkKey key_;
  NodeItem* from_;
  NodeItem* to_;
  QLineF line_;
  QString label_;
};
