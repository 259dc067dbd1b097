#pragma once
// The canvas view: zoom with the wheel around the cursor, pan with the middle or right button
// (or Space + drag), rubber-band selection, drops from the palette, zoom to fit. A right click
// that does not move opens the context menu of what is under it (its what-if faults).
#include <QGraphicsView>

class CanvasScene;

class CanvasView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit CanvasView(CanvasScene* scene, QWidget* parent = nullptr);

  double zoom() const;
  void setZoom(double factor);  // 1 = 100%, clamped to [0.1, 4]

 public slots:
  void zoomIn();
  void zoomOut();
  void zoomToFit();

 signals:
  void zoomChanged(double factor);

 protected:
  void wheelEvent(QWheelEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;
  void keyReleaseEvent(QKeyEvent* e) override;
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dragMoveEvent(QDragMoveEvent* e) override;
  void dropEvent(QDropEvent* e) override;
  void changeEvent(QEvent* e) override;
  void contextMenuEvent(QContextMenuEvent* e) override;

 private:
  void startPan(QPoint at);
  void setZoomAround(double factor, ViewportAnchor anchor);
  CanvasScene* canvas_;
  bool panning_ = false;
  bool space_ = false;
  QPoint last_pan_;
  // A right press is a click until the mouse moves a few pixels, then a pan.
  bool right_pending_ = false;
  QPoint right_press_;
};
