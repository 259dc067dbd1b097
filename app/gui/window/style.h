#pragma once
// Shared look: utilization colours, icons per kind, number formatting for widgets.
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPalette>
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
// Failure analysis: the red of a fault (badge, cut link, saturated in a scenario), the amber of
// a component under noticeably more load in a scenario, the tag of a single point of failure.
QColor fault_color();
QColor strained_color();
// A check that passes (interview practice: ✓), beside fault_color() for one that fails.
QColor pass_color();
QColor spof_color();
// Availability by the engine's one rule (archbench::format_availability): "99.88%", "100%".
QString availability_text(double availability);
// Downtime from minutes by the engine's rule (archbench::format_duration): "30 s", "7.3 h".
QString downtime_text(double minutes);

// A dark palette (Fusion's colours on a dark ground), for `archbench --palette dark`: the look of
// a dark system theme where the platform offers none (screenshots, testing).
QPalette dark_palette();

// The application font at a fixed pixel size (canvas text scales with the zoom, not the DPI).
QFont pixel_font(int pixel_size, QFont::Weight weight);

}  // namespace style
