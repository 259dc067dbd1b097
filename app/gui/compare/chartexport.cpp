#include "compare/chartexport.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <utility>

namespace chart_export {

namespace {

// Scene items drawn from a cache would be written as bitmaps; an SVG must keep shapes and text.
void render_uncached(QChartView* view, QPainter* painter, const QRectF& target) {
  QList<std::pair<QGraphicsItem*, QGraphicsItem::CacheMode>> cached;
  for (QGraphicsItem* item : view->scene()->items()) {
    if (item->cacheMode() == QGraphicsItem::NoCache) continue;
    cached.append({item, item->cacheMode()});
    item->setCacheMode(QGraphicsItem::NoCache);
  }
  view->render(painter, target, view->viewport()->rect());
  for (const auto& [item, mode] : cached) item->setCacheMode(mode);
}

}  // namespace

bool export_chart(QChartView* view, const QString& path, QString* error) {
  if (!view || !view->chart()) {
    if (error) *error = QObject::tr("There is no chart to export.");
    return false;
  }
  const QSize size = view->viewport()->size();
  if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(view->chart()->title());
    svg.setResolution(view->logicalDpiX());  // fonts in points keep their size on screen
    QPainter painter;
    if (!painter.begin(&svg)) {
      if (error) *error = QObject::tr("Cannot write %1").arg(path);
      return false;
    }
    render_uncached(view, &painter, QRectF(QPointF(0, 0), size));
    if (!painter.end()) {
      if (error) *error = QObject::tr("Cannot write %1").arg(path);
      return false;
    }
    return true;
  }
  QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
  image.fill(view->chart()->backgroundBrush().color());
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
  render_uncached(view, &painter, QRectF(image.rect()));
  painter.end();
  if (!image.save(path)) {
    if (error) *error = QObject::tr("Cannot write %1").arg(path);
    return false;
  }
  return true;
}

}  // namespace chart_export
