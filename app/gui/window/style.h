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
// Failure analysis: the red of a fault (badge, cut link, saturated in a scenario), the amber of
// a component under noticeably more load in a scenario, the tag of a single point of failure.
QColor fault_color();
QColor strained_color();
// A check that passes (interview practice: ✓), beside fault_color() for one that fails.
QColor pass_color();
QColor spof_color();
// Availability with as many decimals as it takes to show what is missing: "95.0%", "99.5%",
// "99.95%", "99.999%"; "100%" when nothing is.
QString availability_text(double availability);
// Downtime from minutes: "36 s", "21.9 min", "7.30 h".
QString downtime_text(double minutes);

// The application font at a fixed pixel size (canvas text scales with the zoom, not the DPI).
QFont pixel_font(int pixel_size, QFont::Weight weight);

}  // namespace style
