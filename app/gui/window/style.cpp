#include "window/style.h"

#include <QFile>
#include <QGuiApplication>
#include <algorithm>
#include <cmath>

#include "archbench/format.h"

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

QColor fault_color() {
  return QColor(0xd6, 0x2f, 0x2f);
}
QColor pass_color() {
  return QColor(0x2e, 0x8b, 0x3e);
}
QColor strained_color() {
  return QColor(0xe0, 0x8a, 0x12);
}
QColor spof_color() {
  return QColor(0x9c, 0x3d, 0xb8);
}

QString availability_text(double availability) {
  // The engine's one rule, as the CLI prints it.
  return QString::fromStdString(archbench::format_availability(availability));
}

QString downtime_text(double minutes) {
  // The engine's one rule for a duration, as the CLI and the report cards print it.
  return QString::fromStdString(archbench::format_duration(minutes * 60));
}

QPalette dark_palette() {
  QPalette p;
  const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 228), disabled(128, 128, 132);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
  p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(255, 90, 90));
  p.setColor(QPalette::Link, QColor(110, 170, 255));
  p.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
  p.setColor(QPalette::Highlight, QColor(60, 120, 210));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Light, QColor(70, 70, 74));
  p.setColor(QPalette::Midlight, QColor(58, 58, 62));
  p.setColor(QPalette::Mid, QColor(38, 38, 40));
  p.setColor(QPalette::Dark, QColor(25, 25, 27));
  p.setColor(QPalette::Shadow, Qt::black);
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  return p;
}

QFont pixel_font(int pixel_size, QFont::Weight weight) {
  QFont f = QGuiApplication::font();
  f.setPixelSize(pixel_size);
  f.setWeight(weight);
  return f;
}

}  // namespace style
