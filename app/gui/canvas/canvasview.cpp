#include "canvas/canvasview.h"

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QGraphicsItem>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "canvas/canvasscene.h"
#include "canvas/linkitem.h"
#include "canvas/nodeitem.h"
#include "canvas/palette.h"

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
constexpr double kStep = 1.15;       // per wheel notch and per zoom in/out
constexpr double kFitMargin = 40;    // scene units around the content in zoom to fit
constexpr double kFitMaxZoom = 1.0;  // fitting a small design never blows the cards up
constexpr int kClickSlack = 4;       // px a right click may move and still open the menu
}  // namespace

CanvasView::CanvasView(CanvasScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), canvas_(scene) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                 QPainter::SmoothPixmapTransform);
  setDragMode(RubberBandDrag);
  setRubberBandSelectionMode(Qt::IntersectsItemShape);
  setTransformationAnchor(AnchorUnderMouse);
  setResizeAnchor(AnchorViewCenter);
  // Nodes cache their pixmaps; the view repaints only the regions that changed.
  setViewportUpdateMode(SmartViewportUpdate);
  setCacheMode(CacheBackground);
  setOptimizationFlags(DontAdjustForAntialiasing);  // items' bounding rects include the margin
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
}

double CanvasView::zoom() const {
  return transform().m11();
}

void CanvasView::setZoom(double factor) {
  setZoomAround(factor, AnchorViewCenter);
}

void CanvasView::setZoomAround(double factor, ViewportAnchor anchor) {
  factor = std::clamp(factor, kMinZoom, kMaxZoom);
  const double current = zoom();
  if (std::abs(factor - current) < 1e-9) return;
  const ViewportAnchor saved = transformationAnchor();
  setTransformationAnchor(anchor);
  scale(factor / current, factor / current);
  setTransformationAnchor(saved);
  emit zoomChanged(factor);
}

void CanvasView::zoomIn() {
  setZoom(zoom() * kStep);
}

void CanvasView::zoomOut() {
  setZoom(zoom() / kStep);
}

void CanvasView::zoomToFit() {
  QRectF r = canvas_->contentRect();
  if (r.isNull()) {
    setZoom(1);
    centerOn(0, 0);
    return;
  }
  r.adjust(-kFitMargin, -kFitMargin, kFitMargin, kFitMargin);
  const QRectF vp = viewport()->rect();
  const double fit = std::min(vp.width() / r.width(), vp.height() / r.height());
  const double factor = std::clamp(fit, kMinZoom, std::min(kFitMaxZoom, kMaxZoom));
  const double before = zoom();
  setTransform(QTransform::fromScale(factor, factor));
  centerOn(r.center());
  if (std::abs(factor - before) > 1e-9) emit zoomChanged(factor);
}

void CanvasView::wheelEvent(QWheelEvent* e) {
  const int delta = e->angleDelta().y();
  if (delta == 0) {  // horizontal wheel: scroll
    QGraphicsView::wheelEvent(e);
    return;
  }
  // angleDelta is in eighths of a degree; a notch is 15°. Touchpads send fractions of a notch.
  // The scene point under the cursor stays under it. QGraphicsView's AnchorUnderMouse would
  // look up the global cursor position, which need not be where the event happened.
  const QPoint at = e->position().toPoint();
  const QPointF anchor = mapToScene(at);
  setZoomAround(zoom() * std::pow(kStep, delta / 120.0), NoAnchor);
  const QPoint drift = mapFromScene(anchor) - at;
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() + drift.x());
  verticalScrollBar()->setValue(verticalScrollBar()->value() + drift.y());
  e->accept();
}

void CanvasView::startPan(QPoint at) {
  panning_ = true;
  last_pan_ = at;
  viewport()->setCursor(Qt::ClosedHandCursor);
}

void CanvasView::mousePressEvent(QMouseEvent* e) {
  if (e->button() == Qt::RightButton && !panning_) {
    right_pending_ = true;
    right_press_ = e->position().toPoint();
    e->accept();
    return;
  }
  const bool pan = e->button() == Qt::MiddleButton || (e->button() == Qt::LeftButton && space_);
  if (pan && !panning_) {
    startPan(e->position().toPoint());
    e->accept();
    return;
  }
  QGraphicsView::mousePressEvent(e);
}

void CanvasView::mouseMoveEvent(QMouseEvent* e) {
  if (right_pending_ && (e->position().toPoint() - right_press_).manhattanLength() > kClickSlack) {
    right_pending_ = false;
    startPan(right_press_);  // the move below pans from where the button went down
  }
  if (right_pending_) {
    e->accept();
    return;
  }
  if (panning_) {
    const QPoint p = e->position().toPoint();
    const QPoint d = p - last_pan_;
    last_pan_ = p;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
    e->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(e);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* e) {
  if (right_pending_ && e->button() == Qt::RightButton) {
    right_pending_ = false;
    e->accept();
    if (QMenu* menu = canvas_->contextMenuAt(mapToScene(right_press_), this)) {
      menu->setAttribute(Qt::WA_DeleteOnClose);
      menu->popup(viewport()->mapToGlobal(right_press_));
    }
    return;
  }
  if (panning_) {
    if (!(e->buttons() & (Qt::LeftButton | Qt::MiddleButton | Qt::RightButton))) {
      panning_ = false;
      if (space_)
        viewport()->setCursor(Qt::OpenHandCursor);
      else
        viewport()->unsetCursor();
    }
    e->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(e);
}

void CanvasView::keyPressEvent(QKeyEvent* e) {
  if (e->key() == Qt::Key_Space) {
    if (!e->isAutoRepeat() && !space_) {
      space_ = true;
      if (!panning_) viewport()->setCursor(Qt::OpenHandCursor);
    }
    e->accept();
    return;
  }
  QGraphicsView::keyPressEvent(e);
}

void CanvasView::keyReleaseEvent(QKeyEvent* e) {
  if (e->key() == Qt::Key_Space) {
    if (!e->isAutoRepeat()) {
      space_ = false;
      if (!panning_) viewport()->unsetCursor();
    }
    e->accept();
    return;
  }
  QGraphicsView::keyReleaseEvent(e);
}

void CanvasView::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasFormat(Palette::kKindMime))
    e->acceptProposedAction();
  else
    QGraphicsView::dragEnterEvent(e);
}

void CanvasView::dragMoveEvent(QDragMoveEvent* e) {
  // The scene has no drop targets of its own: the whole canvas accepts a kind.
  if (e->mimeData()->hasFormat(Palette::kKindMime))
    e->acceptProposedAction();
  else
    QGraphicsView::dragMoveEvent(e);
}

void CanvasView::dropEvent(QDropEvent* e) {
  if (!e->mimeData()->hasFormat(Palette::kKindMime)) {
    QGraphicsView::dropEvent(e);
    return;
  }
  const QString kind = QString::fromUtf8(e->mimeData()->data(Palette::kKindMime)).trimmed();
  if (!canvas_->dropKind(kind, mapToScene(e->position().toPoint())).isEmpty())
    e->acceptProposedAction();
  setFocus();
}

void CanvasView::contextMenuEvent(QContextMenuEvent* e) {
  // A mouse's menu opens on the release of a click that did not pan (above). The keyboard's
  // opens for the selected item, beside it.
  e->accept();
  if (e->reason() == QContextMenuEvent::Mouse) return;
  const QStringList ids = canvas_->selectedComponentIds();
  const QList<LinkKey> links = canvas_->selectedLinks();
  QMenu* menu = nullptr;
  QPointF at;
  if (!ids.isEmpty()) {
    menu = canvas_->componentMenu(ids.front(), this);
    at = canvas_->node(ids.front())->sceneBoundingRect().center();
  } else if (!links.isEmpty()) {
    menu = canvas_->linkMenu(links.front(), this);
    at = canvas_->linkItem(links.front())->sceneBoundingRect().center();
  }
  if (menu) {
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(viewport()->mapToGlobal(mapFromScene(at)));
  }
}

void CanvasView::changeEvent(QEvent* e) {
  // Cards and the background are cached pixmaps painted with the old palette.
  if (e->type() == QEvent::PaletteChange || e->type() == QEvent::StyleChange) {
    resetCachedContent();
    if (QGraphicsScene* s = scene()) {
      for (QGraphicsItem* item : s->items()) item->update();
    }
  }
  QGraphicsView::changeEvent(e);
}
