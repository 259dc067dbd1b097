#pragma once
// Shared look: utilization colours, icons per kind, number formatting for widgets.
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QString>
#include <optional>

namespace style {

// Green below 60%, amber below 85%, red below 100%, dark red when saturated (no figure).
QColor utilization_color(const std::optional<double>& utilization, bool saturated);
// The kind's SVG icon from the resources (":/icons/KIND.svg"), or a generic one.
QIcon kind_icon(const QString& kind);
QString kind_icon_path(const QString& kind);

// a·(1 − t) + b·t per channel: tints derived from the palette, so light and dark themes both work.
QColor mix(const QColor& a, const QColor& b, double t);
// The application font at a fixed pixel size (canvas text scales with the zoom, not the DPI).
QFont pixel_font(int pixel_size, QFont::Weight weight);

}  // namespace style
