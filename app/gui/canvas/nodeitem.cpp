#include "canvas/nodeitem.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>
#include <QWidget>
#include <cmath>

#include "window/style.h"

namespace {

constexpr double kRadius = 8;
constexpr double kBand = 6;  // coloured left band
constexpr double kIcon = 32;
constexpr double kIconX = 13;
constexpr double kTextX = 52;     // after the icon
constexpr double kTextRight = 8;  // right padding (the port sits on the edge)
constexpr double kMargin = 4;     // selection outline and antialiasing outside the card
// Tags sit across the top and bottom borders, half outside the card.
constexpr double kTagHeight = 14;
constexpr double kTagPadX = 4;
constexpr double kTagInset = 10;  // from the card's corners
constexpr double kTagOverhang = kTagHeight / 2;

// One renderer per kind for the whole application: parsing SVG on every paint would make a
// 500-node canvas crawl.
QSvgRenderer* iconRenderer(const QString& kind) {
  static QHash<QString, QSvgRenderer*> renderers;
  auto it = renderers.find(kind);
  if (it == renderers.end())
    it = renderers.insert(
        kind, new QSvgRenderer(style::kind_icon_path(kind), QCoreApplication::instance()));
  return it.value();
}

const QFont& nameFont() {
  static const QFont f = style::pixel_font(12, QFont::DemiBold);
  return f;
}
const QFont& smallNameFont() {  // for a name too long for nameFont()
  static const QFont f = style::pixel_font(11, QFont::DemiBold);
  return f;
}
const QFont& tinyNameFont() {  // for a name that needs two lines even at smallNameFont()
  static const QFont f = style::pixel_font(10, QFont::DemiBold);
  return f;
}
const QFont& detailFont() {
  static const QFont f = style::pixel_font(10, QFont::Normal);
  return f;
}
const QFont& figureFont() {
  static const QFont f = style::pixel_font(11, QFont::Medium);
  return f;
}
const QFont& smallFigureFont() {  // for a figure too long for figureFont()
  static const QFont f = style::pixel_font(10, QFont::Medium);
  return f;
}
const QFont& tagFont() {
  static const QFont f = style::pixel_font(10, QFont::Bold);
  return f;
}
const QFont& availabilityFont() {
  static const QFont f = style::pixel_font(10, QFont::Medium);
  return f;
}

// A tag: a rounded pill with centred text.
void drawTag(QPainter* p, const QRectF& r, const QColor& fill, const QColor& edge,
             const QColor& ink, const QFont& font, const QString& text) {
  p->setPen(QPen(edge, 1));
  p->setBrush(fill);
  p->drawRoundedRect(r, 4, 4);
  p->setPen(ink);
  p->setFont(font);
  p->drawText(r, Qt::AlignCenter, text);
}

QString elided(const QFont& font, const QString& text, double width) {
  return QFontMetricsF(font).elidedText(text, Qt::ElideRight, width);
}

}  // namespace

NodeItem::NodeItem(const QString& id, QGraphicsItem* parent) : QGraphicsObject(parent), id_(id) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setAcceptHoverEvents(true);
  // Re-rendered only when the look, the selection or the zoom changes: panning is a blit.
  setCacheMode(DeviceCoordinateCache);
}

void NodeItem::setLook(const Look& look) {
  if (look == look_) return;
  look_ = look;
  const double width = kWidth - kTextX - kTextRight;
  name_small_ = QFontMetricsF(nameFont()).horizontalAdvance(look_.name) > width;
  name_text_ = elided(name_small_ ? smallNameFont() : nameFont(), look_.name, width);
  // A name too long for one line at the smaller size wraps at a space onto a second line (the
  // card keeps its size, so no layout moves); only what two lines cannot hold is elided, and
  // the tooltip has the whole name.
  name_lines_.clear();
  name_tiny_ = false;
  if (name_small_ && QFontMetricsF(smallNameFont()).horizontalAdvance(look_.name) > width) {
    const QStringList words = look_.name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Greedy wrapping at spaces: two lines at the smaller size, else up to three at the
    // smallest (the detail row then gives them its room; it stays in the tooltip).
    auto wrap = [&](const QFontMetricsF& fm) {
      QStringList lines;
      for (const QString& w : words) {
        const QString joined =
            lines.isEmpty() ? QString() : lines.back() + QLatin1Char(' ') + w;
        if (!lines.isEmpty() && fm.horizontalAdvance(joined) <= width)
          lines.back() = joined;
        else
          lines << w;
      }
      return lines;
    };
    const QFontMetricsF small(smallNameFont()), tiny(tinyNameFont());
    auto fitsIn = [&](const QStringList& lines, const QFontMetricsF& fm, int most) {
      if (lines.size() > most) return false;
      for (const QString& l : lines)
        if (fm.horizontalAdvance(l) > width) return false;
      return true;
    };
    QStringList lines = wrap(small);
    if (!fitsIn(lines, small, 2)) {
      lines = wrap(tiny);
      name_tiny_ = true;
      while (lines.size() > 3) {  // what three lines cannot hold is elided
        lines[2] += QLatin1Char(' ') + lines.takeLast();
      }
    }
    if (lines.size() > 1) {
      const QFont& font = name_tiny_ ? tinyNameFont() : smallNameFont();
      for (QString& l : lines) l = elided(font, l, width);
      name_lines_ = lines;
    } else {
      name_tiny_ = false;
    }
  }
  const QFontMetricsF detail_fm(detailFont());
  const bool fits = detail_fm.horizontalAdvance(look_.detail) <= width;
  QString detail = fits || look_.shortDetail.isEmpty() ? look_.detail : look_.shortDetail;
  if (detail_fm.horizontalAdvance(detail) > width) {
    // Still too long ("1+1 · 20 connections"): the unit words shortened before anything is
    // elided; the tooltip keeps the long form.
    static const std::pair<QString, QString> shorter[] = {
        {QStringLiteral(" connections"), QStringLiteral(" conns")},
        {QStringLiteral(" connection"), QStringLiteral(" conn")},
        {QStringLiteral(" commands"), QStringLiteral(" cmds")},
        {QStringLiteral(" threads"), QStringLiteral(" thr")},
        {QStringLiteral(" workers"), QStringLiteral(" wkr")},
        {QStringLiteral(" (auto "), QStringLiteral(" (")}};  // "×3 (2–16) · mesh"
    for (const auto& [word, brief] : shorter) {
      if (detail_fm.horizontalAdvance(detail) <= width) break;
      detail.replace(word, brief);
    }
  }
  detail_text_ = elided(detailFont(), detail, width);
  figure_small_ = QFontMetricsF(figureFont()).horizontalAdvance(look_.figure) > width;
  figure_text_ = elided(figure_small_ ? smallFigureFont() : figureFont(), look_.figure, width);

  // Tags: SPOF at the top left, the fault at the top right in what room is left, the
  // availability at the bottom right.
  const QFontMetricsF tag(tagFont());
  spof_rect_ = fault_rect_ = availability_rect_ = problem_rect_ = region_rect_ = QRectF();
  double left = kTagInset;
  if (look_.spof) {
    const double w = tag.horizontalAdvance(QStringLiteral("SPOF")) + 2 * kTagPadX;
    spof_rect_ = QRectF(kTagInset, -kTagOverhang, w, kTagHeight);
    left = spof_rect_.right() + 4;
  }
  fault_text_.clear();
  pattern_tag_ = look_.fault.isEmpty() && !look_.pattern.isEmpty();
  if (!look_.fault.isEmpty() || pattern_tag_) {
    const double room = kWidth - kTagInset - left - 2 * kTagPadX;
    fault_text_ = tag.elidedText(pattern_tag_ ? look_.pattern : look_.fault, Qt::ElideRight, room);
    const double w = tag.horizontalAdvance(fault_text_) + 2 * kTagPadX;
    fault_rect_ = QRectF(kWidth - kTagInset - w, -kTagOverhang, w, kTagHeight);
  }
  if (!look_.availability.isEmpty()) {
    const double w =
        QFontMetricsF(availabilityFont()).horizontalAdvance(look_.availability) + 2 * kTagPadX;
    availability_rect_ = QRectF(kWidth - kTagInset - w, kHeight - kTagOverhang, w, kTagHeight);
  }
  if (!look_.problem.isEmpty()) {
    const double w = tag.horizontalAdvance(look_.problem) + 2 * kTagPadX;
    problem_rect_ = QRectF(kTagInset, kHeight - kTagOverhang, w, kTagHeight);
  }
  // The region after the problem tag, in what room the availability leaves (elided there; the
  // tooltip names it).
  region_text_.clear();
  if (!look_.region.isEmpty()) {
    const double x = problem_rect_.isNull() ? kTagInset : problem_rect_.right() + 4;
    const double end = availability_rect_.isNull() ? kWidth - kTagInset : availability_rect_.left() - 4;
    const double room = end - x - 2 * kTagPadX;
    region_text_ = tag.elidedText(look_.region, Qt::ElideRight, room);
    if (room > 0 && !region_text_.isEmpty())
      region_rect_ = QRectF(x, kHeight - kTagOverhang, tag.horizontalAdvance(region_text_) + 2 * kTagPadX,
                            kTagHeight);
    else
      region_text_.clear();
  }
  setToolTip(look_.tooltip);
  update();
}

QRectF NodeItem::boundingRect() const {
  // Always room for the tags, so a tag appearing never changes the geometry.
  return QRectF(-kMargin, -kMargin - kTagOverhang, kWidth + kMargin + kPortHitRadius + 1,
                kHeight + 2 * (kMargin + kTagOverhang));
}

QPainterPath NodeItem::shape() const {
  QPainterPath path;
  path.addRoundedRect(QRectF(0, 0, kWidth, kHeight), kRadius, kRadius);
  // The port's whole hit area belongs to the node: a press there finds it.
  path.addEllipse(QPointF(kWidth, kHeight / 2), kPortHitRadius, kPortHitRadius);
  return path.simplified();
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) {
  const QPalette pal = widget ? widget->palette() : QGuiApplication::palette();
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::Text);
  const QColor band = look_.client ? style::mix(base, text, 0.35)
                                   : style::utilization_color(look_.utilization, look_.saturated);
  const QRectF card(0, 0, kWidth, kHeight);
  const bool selected = option->state & QStyle::State_Selected;
  const bool faulted = !look_.fault.isEmpty();
  // In a scenario the card's colour says what the fault does to it: its own fault, saturated
  // by it, or under noticeably more load. A down component is greyed.
  const bool red =
      faulted || look_.impact == Look::Impact::Saturated || look_.impact == Look::Impact::Failing;
  const bool amber =
      look_.impact == Look::Impact::Strained || look_.impact == Look::Impact::Degraded;
  const QColor impact = red ? style::fault_color() : amber ? style::strained_color() : QColor();
  QColor body = base;
  if (look_.down)
    body = style::mix(base, text, 0.16);
  else if (impact.isValid())
    body = style::mix(base, impact, 0.13);

  // Overview (a card a few pixels tall): no paths, no antialiasing, no port, no text. Every
  // zoom step redraws every card in view, and at 25% that is all of them.
  const double lod = option->levelOfDetailFromTransform(p->worldTransform());
  if (lod < 0.4) {
    const double px = 1 / lod;  // one device pixel in item units
    const double edge = impact.isValid() && !selected ? 2 * px : px;
    p->fillRect(card, selected           ? pal.color(QPalette::Highlight)
                      : impact.isValid() ? impact
                      : look_.saturated  ? band
                                         : style::mix(base, text, 0.28));
    p->fillRect(card.adjusted(edge, edge, -edge, -edge), body);
    p->fillRect(QRectF(0, 0, kBand, kHeight), band);
    return;
  }

  p->setRenderHint(QPainter::Antialiasing);
  QPainterPath cardPath;
  cardPath.addRoundedRect(card, kRadius, kRadius);
  p->fillPath(cardPath, body);

  // The band is the left strip of the card's rounded shape.
  QPainterPath bandPath;
  bandPath.addRect(QRectF(0, 0, kBand, kHeight));
  p->fillPath(cardPath.intersected(bandPath), band);

  QColor border = look_.saturated ? band : style::mix(base, text, 0.28);
  double borderWidth = look_.saturated ? 2 : 1;
  if (impact.isValid()) {
    border = impact;
    borderWidth = faulted ? 2.5 : 2;
  }
  if (selected) {
    border = pal.color(QPalette::Highlight);
    borderWidth = 2.5;
  }
  p->setPen(QPen(border, borderWidth));
  p->setBrush(Qt::NoBrush);
  p->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

  // Connect port on the right edge; under the mouse it grows and fills with the highlight, with
  // a halo showing how far a press still reaches it.
  const QPointF port(kWidth, kHeight / 2);
  if (port_hovered_) {
    QColor halo = pal.color(QPalette::Highlight);
    halo.setAlpha(46);
    p->setPen(Qt::NoPen);
    p->setBrush(halo);
    p->drawEllipse(port, kPortHitRadius - 1, kPortHitRadius - 1);
  }
  const double r = port_hovered_ ? kPortRadius + 2 : kPortRadius;
  p->setPen(
      QPen(port_hovered_ ? pal.color(QPalette::Highlight) : style::mix(base, text, 0.45), 1.5));
  p->setBrush(port_hovered_ ? pal.color(QPalette::Highlight) : base);
  p->drawEllipse(port, r, r);

  // The icon as a pixmap per kind and size in device pixels, drawn from the SVG once: a zoom
  // step redraws every card in view.
  {
    const QRectF iconRect(kIconX, (kHeight - kIcon) / 2, kIcon, kIcon);
    const qreal dpr = p->device()->devicePixelRatio();
    const QRectF device = p->worldTransform().mapRect(iconRect);
    const QSize px =
        QSizeF(device.width() * dpr, device.height() * dpr).toSize().expandedTo({1, 1});
    static QHash<QString, QPixmap> icons;
    const QString key = look_.kind + QLatin1Char('/') + QString::number(px.width());
    QPixmap& pm = icons[key];
    if (pm.isNull()) {
      pm = QPixmap(px);
      pm.fill(Qt::transparent);
      QPainter ip(&pm);
      ip.setRenderHint(QPainter::Antialiasing);
      iconRenderer(look_.kind)->render(&ip);
    }
    if (look_.down) p->setOpacity(0.4);
    p->drawPixmap(iconRect, pm, QRectF(pm.rect()));
    p->setOpacity(1);
  }

  const double width = kWidth - kTextX - kTextRight;
  p->setPen(look_.down ? style::mix(text, body, 0.3) : text);
  p->setFont(name_tiny_ ? tinyNameFont() : name_small_ ? smallNameFont() : nameFont());
  // Two lines of name push the detail and the figure down a little; three take the detail's
  // row (it is in the tooltip); one keeps the usual rows.
  const int lines = static_cast<int>(name_lines_.size());
  if (lines == 0) {
    p->drawText(QRectF(kTextX, 6, width, 18), Qt::AlignLeft | Qt::AlignVCenter, name_text_);
  } else {
    const double top = lines == 3 ? 2 : 3, step = lines == 3 ? 12.5 : 13;
    for (int i = 0; i < lines; ++i)
      p->drawText(QRectF(kTextX, top + i * step, width, step + 1), Qt::AlignLeft | Qt::AlignVCenter,
                  name_lines_[i]);
  }
  p->setPen(style::mix(text, base, 0.35));
  p->setFont(detailFont());
  if (lines < 3)
    p->drawText(QRectF(kTextX, lines == 2 ? 30 : 24, width, lines == 2 ? 13 : 15),
                Qt::AlignLeft | Qt::AlignVCenter, detail_text_);
  // Saturation in a red that reads on light and dark cards; other figures in the text colour.
  p->setPen(look_.saturated ? QColor(0xe0, 0x40, 0x40) : text);
  p->setFont(figure_small_ ? smallFigureFont() : figureFont());
  const bool twoLines = lines == 2;
  p->drawText(QRectF(kTextX, twoLines ? 43 : 40, width, twoLines ? 15 : 17),
              Qt::AlignLeft | Qt::AlignVCenter, figure_text_);

  // Tags, in solid colours that read on light and dark themes alike.
  if (!spof_rect_.isNull())
    drawTag(p, spof_rect_, style::spof_color(), style::spof_color().darker(130), Qt::white,
            tagFont(), QStringLiteral("SPOF"));
  if (!fault_rect_.isNull()) {
    const QColor tagColour = pattern_tag_ ? style::strained_color() : style::fault_color();
    drawTag(p, fault_rect_, tagColour, tagColour.darker(130), pattern_tag_ ? Qt::black : Qt::white,
            tagFont(), fault_text_);
  }
  if (!problem_rect_.isNull())
    drawTag(p, problem_rect_, style::strained_color(), style::strained_color().darker(140),
            Qt::black, tagFont(), look_.problem);
  if (!region_rect_.isNull())
    drawTag(p, region_rect_, style::mix(base, text, 0.08), style::mix(base, text, 0.3),
            style::mix(text, base, 0.2), tagFont(), region_text_);
  if (!availability_rect_.isNull())
    drawTag(p, availability_rect_, base, style::mix(base, text, 0.3), style::mix(text, base, 0.2),
            availabilityFont(), look_.availability);
}

QPointF NodeItem::center() const {
  return pos() + QPointF(kWidth / 2, kHeight / 2);
}

QPointF NodeItem::portPos() const {
  return pos() + QPointF(kWidth, kHeight / 2);
}

bool NodeItem::isOnPort(QPointF scenePos, double radius) const {
  const QPointF d = scenePos - portPos();
  return d.x() * d.x() + d.y() * d.y() <= radius * radius;
}

QPointF NodeItem::anchorTowards(QPointF target) const {
  const QPointF c = center();
  const QPointF d = target - c;
  const double hw = kWidth / 2, hh = kHeight / 2;
  if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9) return c;
  // Scale the direction to the first side of the box it crosses.
  const double tx = std::abs(d.x()) > 1e-9 ? hw / std::abs(d.x()) : 1e300;
  const double ty = std::abs(d.y()) > 1e-9 ? hh / std::abs(d.y()) : 1e300;
  const double t = std::min(tx, ty);
  return c + d * t;
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionHasChanged) emit moved();
  return QGraphicsObject::itemChange(change, value);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* e) {
  setPortHovered(false);
  QGraphicsObject::hoverLeaveEvent(e);
}

void NodeItem::setPortHovered(bool on) {
  if (on == port_hovered_) return;
  port_hovered_ = on;
  if (on)
    setCursor(Qt::CrossCursor);
  else
    unsetCursor();
  update();
}
