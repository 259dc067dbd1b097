#pragma once
// A chart as a file: what its view shows, as SVG (shapes and text stay vector) when the path ends
// in .svg, otherwise as a PNG at twice the view's size.
#include <QString>

class QChartView;

namespace chart_export {

// On failure `error` says why.
bool export_chart(QChartView* view, const QString& path, QString* error);

}  // namespace chart_export
