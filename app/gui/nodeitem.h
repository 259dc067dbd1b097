#pragma once
// A component on the canvas: icon, name, instance count, utilization colour and a short figure.
// It draws what the scene gives it; moving it is reported to the scene, which edits the model.
#include <QGraphicsObject>
#include <optional>

class QSvgRenderer;

class NodeItem : public QGraphicsObject {
  Q_OBJECT

 public:
  NodeItem(const QString& id, QGraphicsItem* parent = nullptr);
  static constexpr double kWidth = 150;
  static constexpr double kHeight = 64;

  const QString& id() const { return id_; }
  // What to show; set by the scene from the document and the engine's report.
  struct Look {
    QString kind;
    QString name;
    QString detail;   // e.g. "×3 · 16 threads"
    QString figure;   // e.g. "62% · 41 ms" or "saturated"
    std::optional<double> utilization;
    bool saturated = false;
    bool client = false;  // no queueing: no utilization colour
  };
  void setLook(const Look& look);
  const Look& look() const { return look_; }

  QRectF boundingRect() const override;
  void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  QPointF anchorTowards(QPointF target) const;  // where a link to `target` leaves the box

 signals:
  void moved();  // position changed (links follow)

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  QString id_;
  Look look_;
};
