#pragma once
// A component on the canvas: icon, name, instance count, utilization colour and a short figure;
// tags on its border for a fault, a single point of failure and its availability; in a what-if
// scenario, its impact as the card's colour. It draws what the scene gives it; moving it is
// reported to the scene, which edits the model.
#include <QGraphicsObject>
#include <QStringList>
#include <optional>

class QSvgRenderer;

class NodeItem : public QGraphicsObject {
  Q_OBJECT

 public:
  NodeItem(const QString& id, QGraphicsItem* parent = nullptr);
  enum { Type = UserType + 1 };
  int type() const override { return Type; }
  static constexpr double kWidth = 150;
  static constexpr double kHeight = 64;
  static constexpr double kPortRadius = 5;
  // A press this close to the port (scene units) starts a connection; the scene widens it when
  // zoomed out so that it stays at least a fingertip on screen (CanvasScene::portHitRadius).
  static constexpr double kPortHitRadius = 12;

  const QString& id() const { return id_; }
  // What to show; set by the scene from the document and the engine's report.
  struct Look {
    QString kind;
    QString name;
    QString detail;       // e.g. "×3 instances · 16 threads"
    QString shortDetail;  // when `detail` does not fit the card, e.g. "×3 · 16 threads"
    QString figure;       // e.g. "62.3% · 41.7 ms" or "saturated"
    QString tooltip;
    std::optional<double> utilization;
    bool saturated = false;
    bool client = false;  // no queueing: no utilization colour
    // Failure analysis.
    // In the scenario being looked at: more load, saturated, or some of the visits that reach
    // it failing (by its own fault or a call it makes) or answered by a fallback.
    enum class Impact { None, Strained, Saturated, Failing, Degraded };
    QString fault;      // its own fault, e.g. "CRASHED", "×3 slower"; empty: none
    // A pattern at work (docs/PATTERNS.md), e.g. "429": tagged where a fault would be, in
    // amber, the card not tinted; a fault's tag takes the place first.
    QString pattern;
    bool down = false;  // crashed (or its zone is): greyed
    Impact impact = Impact::None;
    bool spof = false;     // single point of failure of some request class
    QString availability;  // e.g. "99.95%"; empty: not shown
    // Its region (docs/REGIONS.md), "eu-west", or with a database's replicas elsewhere
    // "us-east → eu-west": a tag at the bottom left; empty: none.
    QString region;
    // An unfinished design: a tag at the bottom left when a problem concerns the component
    // ("UNFINISHED", "2 PROBLEMS"); empty: none.
    QString problem;
    bool operator==(const Look&) const = default;
  };
  void setLook(const Look& look);  // repaints only when something changed
  const Look& look() const { return look_; }
  // The name as drawn, its lines joined by a space ("…" where even two lines cannot hold it).
  QString shownName() const {
    return name_lines_.isEmpty() ? name_text_ : name_lines_.join(QLatin1Char(' '));
  }

  // The detail row as drawn ("1+1 · 20 conns" where even the short form is too long).
  const QString& shownDetail() const { return detail_text_; }
  const QString& shownRegion() const { return region_text_; }  // the region tag as drawn

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  QPointF anchorTowards(QPointF target) const;  // where a link to `target` leaves the box
  QPointF center() const;                       // of the card, in scene coordinates
  QPointF portPos() const;                      // of the connect port, in scene coordinates
  // A press within `radius` of the port starts a connection.
  bool isOnPort(QPointF scenePos, double radius = kPortHitRadius) const;
  bool isPortHovered() const { return port_hovered_; }
  void setPortHovered(bool on);  // highlight and cross cursor; the scene follows the mouse

 signals:
  void moved();  // position changed (links follow)

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
  void hoverLeaveEvent(QGraphicsSceneHoverEvent* e) override;

 private:

  QString id_;
  Look look_;
  // Elided once per look, not on every paint.
  QString name_text_, detail_text_, figure_text_, region_text_;
  QStringList name_lines_;  // a name too long for one line, wrapped; empty: one line
  bool name_tiny_ = false;  // the lines need the smallest name font
  QString fault_text_;                                 // elided to the room the tags leave
  bool pattern_tag_ = false;  // the tag is Look::pattern, not a fault
  QRectF fault_rect_, spof_rect_, availability_rect_, problem_rect_, region_rect_;  // tags; null: none
  bool name_small_ = false;  // a long name or figure gets a smaller font before it is elided
  bool figure_small_ = false;
  bool port_hovered_ = false;
};
