#pragma once
// Pictures as SVG text for reports (Qt-free): a version's diagram, line and bar charts. Text is
// escaped; sizes are in CSS pixels; fonts are left to the reader (a sans-serif family).
#include <string>
#include <utility>
#include <vector>

#include "archbench/model.h"

namespace archbench {

// The version's components as boxes (name, kind) at their places on the canvas, or where the
// layered layout puts them when some have none, and each link as an arrow.
std::string version_svg(const Version& version);

struct ChartSeries {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (x, y); a gap where y is not finite
};

struct LineChart {
  std::string title, x_label, y_label;
  std::vector<ChartSeries> series;
  bool log_y = false;
};
std::string line_chart_svg(const LineChart& chart);

struct BarChart {
  std::string title, y_label;
  std::vector<std::string> groups;  // along x (versions, components)
  std::vector<std::string> stacks;  // the parts of a bar (cost items); one for plain bars
  std::vector<std::vector<double>> values;  // [group][stack]
  std::string (*format)(double) = nullptr;  // the value at a bar's top; none when null
  double y_max = 0;                          // the axis's top; 0: from the values
};
std::string bar_chart_svg(const BarChart& chart);

// "&amp;", "&lt;", "&gt;", "&quot;" for text inside SVG or HTML.
std::string xml_text(const std::string& s);

}  // namespace archbench
