#pragma once
// Shared look: utilization colours, icons per kind, number formatting for widgets.
#include <QColor>
#include <QIcon>
#include <QString>
#include <optional>

namespace style {

// Green below 60%, amber below 85%, red below 100%, dark red when saturated (no figure).
QColor utilization_color(const std::optional<double>& utilization, bool saturated);
// The kind's SVG icon from the resources (":/icons/KIND.svg"), or a generic one.
QIcon kind_icon(const QString& kind);
QString kind_icon_path(const QString& kind);

}  // namespace style
