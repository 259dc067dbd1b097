#pragma once
// The canvas scene: follows the document (one NodeItem per component, one LinkItem per link,
// kept in maps by id) and turns finished gestures into document edits. Items hold no model data.
#include <QGraphicsScene>
#include <QHash>
#include <QLineF>
#include <QList>
#include <QPointF>
#include <optional>

#include "canvas/canvasreplay.h"
#include "document/document.h"

class NodeItem;
class LinkItem;
class QGraphicsLineItem;
class QMenu;
class CanvasLooks;

class CanvasScene : public QGraphicsScene {
  Q_OBJECT

 public:
  explicit CanvasScene(Document* doc, QObject* parent = nullptr);

  Document* document() const { return doc_; }
  NodeItem* node(const QString& id) const { return nodes_.value(id); }
  LinkItem* linkItem(const LinkKey& key) const;
  QStringList selectedComponentIds() const;  // in the document's order
  QList<LinkKey> selectedLinks() const;
  void selectComponents(const QStringList& ids);  // replaces the selection
  void selectLink(const LinkKey& key);
  QRectF contentRect() const;  // bounding box of all nodes and links

  bool snapToGrid() const { return snap_; }
  void setSnapToGrid(bool on) { snap_ = on; }
  static constexpr double kGrid = 20;
  QPointF snapped(QPointF p) const;  // to the grid when snapToGrid(), else unchanged

  // How near the port a press must be to connect (scene units): NodeItem::kPortHitRadius, or
  // more when zoomed out, so that it is never less than 10 pixels on screen.
  double portHitRadius() const;
  NodeItem* portAt(QPointF scenePos) const;  // the node whose port is there, if any

  // While a drag brings a card within a few pixels of lining up with another card, it snaps to
  // that line and a guide is drawn along it (cleared on release).
  const QList<QLineF>& guides() const { return guides_; }
  static constexpr double kGuideReach = 8;  // on screen, pixels

  // Called by the view when a palette kind is dropped; creates the component in the document.
  QString dropKind(const QString& kind, QPointF scenePos);

  // Context menus (the caller owns them; null when empty): the what-if faults of the component
  // or link at `scenePos`, which becomes the selection, or of the canvas (clear all faults).
  QMenu* contextMenuAt(QPointF scenePos, QWidget* parent);
  QMenu* componentMenu(const QString& id, QWidget* parent);
  QMenu* linkMenu(const LinkKey& key, QWidget* parent);

  // A moment of a simulation shown on the cards and links instead of the steady figures, until
  // cleared (nullopt) or the version changes.
  void setReplay(std::optional<CanvasReplay> replay);
  const CanvasReplay* replay() const { return replay_ ? &*replay_ : nullptr; }

 signals:
  void linkRefused(const QString& reason);  // a connect gesture the document refused

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* e) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* e) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;  // Escape cancels a connect gesture
  void drawBackground(QPainter* painter, const QRectF& rect) override;
  void drawForeground(QPainter* painter, const QRectF& rect) override;  // the snap guides

 private:
  void rebuild();
  void addNode(const QString& id);
  void addLink(const LinkKey& key);
  void removeNode(const QString& id);
  void removeLink(const LinkKey& key);
  void componentChanged(const QString& id);
  void refreshMetrics();
  void refreshNode(NodeItem* node, const CanvasLooks& looks);
  void refreshLink(LinkItem* link, const CanvasLooks& looks);
  LinkItem* linkAt(QPointF scenePos) const;
  NodeItem* nodeAt(QPointF scenePos) const;
  QPointF freeSpot() const;  // for a component without a position
  void growSceneRect(const QRectF& r);
  void cancelConnect();
  void snapToNeighbours();  // during a drag: line the grabbed card up with a close one

  Document* doc_;
  QHash<QString, NodeItem*> nodes_;
  QList<LinkItem*> links_;
  bool snap_ = true;
  // Gesture state.
  QHash<QString, QPointF> press_positions_;
  NodeItem* connect_from_ = nullptr;
  QGraphicsLineItem* rubber_link_ = nullptr;
  NodeItem* hovered_port_ = nullptr;
  QList<QLineF> guides_;
  bool guide_x_ = false, guide_y_ = false;  // the drag is lined up on that axis
  std::optional<CanvasReplay> replay_;
};
