#include "style.h"

#include <QFile>
#include <QGuiApplication>

namespace style {

QColor utilization_color(const std::optional<double>& utilization, bool saturated) {
  if (saturated) return QColor(0x8b, 0x00, 0x1a);
  if (!utilization) return QColor(0x9e, 0x9e, 0x9e);
  const double u = *utilization;
  if (u < 0.6) return QColor(0x2e, 0x9d, 0x4f);
  if (u < 0.85) return QColor(0xe0, 0x9b, 0x12);
  return QColor(0xd6, 0x3a, 0x2f);
}

QString kind_icon_path(const QString& kind) {
  const QString path = QStringLiteral(":/icons/%1.svg").arg(kind);
  return QFile::exists(path) ? path : QStringLiteral(":/icons/app_server.svg");
}

QIcon kind_icon(const QString& kind) { return QIcon(kind_icon_path(kind)); }

QColor mix(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                          static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                          static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

QFont pixel_font(int pixel_size, QFont::Weight weight) {
  QFont f = QGuiApplication::font();
  f.setPixelSize(pixel_size);
  f.setWeight(weight);
  return f;
}

}  // namespace style
