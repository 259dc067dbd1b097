// SVG pictures for reports: the diagram of a version and simple charts, as text.
#include "archbench/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "archbench/format.h"
#include "archbench/layout.h"

namespace archbench {

std::string xml_text(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Okabe–Ito: told apart by people with any common colour vision.
const char* const kColours[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                                "#F0E442", "#000000", "#882255", "#44AA99", "#999999", "#117733"};
const char* colour(std::size_t i) { return kColours[i % (sizeof kColours / sizeof *kColours)]; }

const char* const kFont = "font-family=\"DejaVu Sans, Arial, sans-serif\"";

// Where a line from the centre of a w×h box towards (dx, dy) leaves it.
std::pair<double, double> exit_point(double cx, double cy, double w, double h, double dx, double dy) {
  if (dx == 0 && dy == 0) return {cx, cy};
  const double sx = dx != 0 ? (w / 2) / std::abs(dx) : 1e18;
  const double sy = dy != 0 ? (h / 2) / std::abs(dy) : 1e18;
  const double s = std::min(sx, sy);
  return {cx + dx * s, cy + dy * s};
}

// "Round" tick steps: 1, 2 or 5 times a power of ten, about `count` of them over [lo, hi].
std::vector<double> ticks(double lo, double hi, int count) {
  std::vector<double> out;
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) {
      step = m * mag;
      break;
    }
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push_back(t);
  return out;
}

std::string tick_text(double v) { return format_significant(v, 3); }

}  // namespace

std::string version_svg(const Version& v) {
  constexpr double kW = 180, kH = 64, kPad = 24;
  std::map<std::string, std::array<double, 2>> at;
  const bool placed = std::all_of(v.components.begin(), v.components.end(),
                                  [](const Component& c) { return c.pos.has_value(); });
  if (placed) {
    for (const auto& c : v.components) at[c.id] = *c.pos;
  } else if (!v.components.empty()) {
    at = layered_layout(v).positions;
  }
  double min_x = 1e18, min_y = 1e18, max_x = -1e18, max_y = -1e18;
  for (const auto& [id, p] : at) {
    min_x = std::min(min_x, p[0]);
    min_y = std::min(min_y, p[1]);
    max_x = std::max(max_x, p[0] + kW);
    max_y = std::max(max_y, p[1] + kH);
  }
  if (at.empty()) min_x = min_y = max_x = max_y = 0;
  const double width = max_x - min_x + 2 * kPad, height = max_y - min_y + 2 * kPad;
  auto X = [&](double x) { return x - min_x + kPad; };
  auto Y = [&](double y) { return y - min_y + kPad; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" viewBox=\"0 0 " +
                  num(width) + " " + num(height) + "\" width=\"" + num(width) + "\" height=\"" +
                  num(height) + "\" role=\"img\" aria-label=\"" + xml_text("Diagram of " + v.name) + "\">\n";
  s += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
       "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
       "fill=\"#555\"/></marker></defs>\n";
  for (const auto& l : v.links) {
    auto a = at.find(l.from), b = at.find(l.to);
    if (a == at.end() || b == at.end()) continue;
    const double ax = X(a->second[0]) + kW / 2, ay = Y(a->second[1]) + kH / 2;
    const double bx = X(b->second[0]) + kW / 2, by = Y(b->second[1]) + kH / 2;
    const auto [x1, y1] = exit_point(ax, ay, kW, kH, bx - ax, by - ay);
    const auto [x2, y2] = exit_point(bx, by, kW, kH, ax - bx, ay - by);
    s += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
         "\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n";
  }
  for (const auto& c : v.components) {
    auto p = at.find(c.id);
    if (p == at.end()) continue;
    const double x = X(p->second[0]), y = Y(p->second[1]);
    s += "<g><title>" + xml_text(c.display_name() + " (" + c.kind + ")") + "</title>";
    s += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(kW) + "\" height=\"" + num(kH) +
         "\" rx=\"8\" fill=\"#f4f7fb\" stroke=\"#34495e\" stroke-width=\"1.2\"/>";
    std::string name = c.display_name();
    if (name.size() > 26) name = name.substr(0, 25) + "\u2026";
    s += "<text x=\"" + num(x + kW / 2) + "\" y=\"" + num(y + 28) + "\" text-anchor=\"middle\" " + kFont +
         " font-size=\"13\" font-weight=\"bold\" fill=\"#222\">" + xml_text(name) + "</text>";
    s += "<text x=\"" + num(x + kW / 2) + "\" y=\"" + num(y + 47) + "\" text-anchor=\"middle\" " + kFont +
         " font-size=\"11\" fill=\"#555\">" + xml_text(c.kind) + "</text></g>\n";
  }
  return s + "</svg>\n";
}

std::string line_chart_svg(const LineChart& chart) {
  constexpr double W = 640, H = 360, L = 70, R = 160, T = 36, B = 48;
  double x0 = 1e18, x1 = -1e18, y0 = 0, y1 = -1e18;
  for (const auto& sr : chart.series)
    for (const auto& [x, y] : sr.points) {
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      if (chart.log_y && y <= 0) continue;
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y1 = std::max(y1, y);
      if (chart.log_y) y0 = y0 == 0 ? y : std::min(y0, y);
    }
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num(W) + " " +
                  num(H) + "\" width=\"" + num(W) + "\" height=\"" + num(H) + "\" role=\"img\" aria-label=\"" +
                  xml_text(chart.title) + "\">\n";
  s += "<text x=\"" + num(W / 2) + "\" y=\"20\" text-anchor=\"middle\" " + kFont + " font-size=\"14\" font-weight=\"bold\">" +
       xml_text(chart.title) + "</text>\n";
  if (x1 < x0 || y1 <= 0) {
    s += "<text x=\"" + num(W / 2) + "\" y=\"" + num(H / 2) + "\" text-anchor=\"middle\" " + kFont +
         " font-size=\"12\" fill=\"#777\">no figures to draw</text>\n</svg>\n";
    return s;
  }
  if (x1 == x0) x1 = x0 + 1;
  double ly0 = y0, ly1 = y1;
  if (chart.log_y) {
    ly0 = std::floor(std::log10(y0));
    ly1 = std::ceil(std::log10(y1));
    if (ly1 == ly0) ly1 = ly0 + 1;
  }
  auto px = [&](double x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
  auto py = [&](double y) {
    const double f = chart.log_y ? (std::log10(y) - ly0) / (ly1 - ly0) : y / y1;
    return H - B - f * (H - T - B);
  };
  // Axes and ticks.
  s += "<g stroke=\"#999\" stroke-width=\"1\"><line x1=\"" + num(L) + "\" y1=\"" + num(H - B) + "\" x2=\"" +
       num(W - R) + "\" y2=\"" + num(H - B) + "\"/><line x1=\"" + num(L) + "\" y1=\"" + num(T) + "\" x2=\"" + num(L) +
       "\" y2=\"" + num(H - B) + "\"/></g>\n";
  for (double t : ticks(x0, x1, 6))
    s += "<text x=\"" + num(px(t)) + "\" y=\"" + num(H - B + 16) + "\" text-anchor=\"middle\" " + kFont +
         " font-size=\"11\">" + xml_text(tick_text(t)) + "</text>\n";
  std::vector<double> yt;
  if (chart.log_y) {
    for (double e = ly0; e <= ly1; ++e) yt.push_back(std::pow(10.0, e));
  } else {
    yt = ticks(0, y1, 5);
  }
  for (double t : yt)
    s += "<line x1=\"" + num(L) + "\" y1=\"" + num(py(t)) + "\" x2=\"" + num(W - R) + "\" y2=\"" + num(py(t)) +
         "\" stroke=\"#eee\"/><text x=\"" + num(L - 6) + "\" y=\"" + num(py(t) + 4) + "\" text-anchor=\"end\" " +
         kFont + " font-size=\"11\">" + xml_text(tick_text(t)) + "</text>\n";
  s += "<text x=\"" + num((L + W - R) / 2) + "\" y=\"" + num(H - 10) + "\" text-anchor=\"middle\" " + kFont +
       " font-size=\"12\">" + xml_text(chart.x_label) + "</text>\n";
  s += "<text transform=\"translate(16 " + num((T + H - B) / 2) + ") rotate(-90)\" text-anchor=\"middle\" " + kFont +
       " font-size=\"12\">" + xml_text(chart.y_label) + "</text>\n";
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    std::string d;
    bool pen = false;
    for (const auto& [x, y] : chart.series[i].points) {
      if (!std::isfinite(x) || !std::isfinite(y) || (chart.log_y && y <= 0)) {
        pen = false;
        continue;
      }
      d += (pen ? " L" : " M") + num(px(x)) + "," + num(py(y));
      pen = true;
    }
    s += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + colour(i) + "\" stroke-width=\"2\"/>\n";
    const double ly = T + 14 + 18 * static_cast<double>(i);
    s += "<line x1=\"" + num(W - R + 12) + "\" y1=\"" + num(ly - 4) + "\" x2=\"" + num(W - R + 30) + "\" y2=\"" +
         num(ly - 4) + "\" stroke=\"" + colour(i) + "\" stroke-width=\"3\"/><text x=\"" + num(W - R + 36) + "\" y=\"" +
         num(ly) + "\" " + kFont + " font-size=\"11\">" + xml_text(chart.series[i].name) + "</text>\n";
  }
  return s + "</svg>\n";
}

std::string bar_chart_svg(const BarChart& chart) {
  constexpr double H = 340, L = 96, T = 36, B = 64;
  const double R = chart.stacks.size() > 1 ? 150 : 20;
  const double group_w = 72;
  const double W = L + R + group_w * static_cast<double>(std::max<std::size_t>(chart.groups.size(), 1));
  double top = 0;
  for (const auto& g : chart.values) {
    double sum = 0;
    for (double v : g) sum += std::max(0.0, v);
    top = std::max(top, sum);
  }
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num(W) + " " +
                  num(H) + "\" width=\"" + num(W) + "\" height=\"" + num(H) + "\" role=\"img\" aria-label=\"" +
                  xml_text(chart.title) + "\">\n";
  s += "<text x=\"" + num(W / 2) + "\" y=\"20\" text-anchor=\"middle\" " + kFont + " font-size=\"14\" font-weight=\"bold\">" +
       xml_text(chart.title) + "</text>\n";
  if (chart.y_max > 0) top = std::max(top, chart.y_max);
  if (top <= 0) top = 1;
  const std::vector<double> yt = ticks(0, top, 5);
  const double ymax = std::max(top, yt.back());
  auto py = [&](double y) { return H - B - y / ymax * (H - T - B); };
  for (double t : yt)
    s += "<line x1=\"" + num(L) + "\" y1=\"" + num(py(t)) + "\" x2=\"" + num(W - R) + "\" y2=\"" + num(py(t)) +
         "\" stroke=\"#eee\"/><text x=\"" + num(L - 6) + "\" y=\"" + num(py(t) + 4) + "\" text-anchor=\"end\" " + kFont +
         " font-size=\"11\">" + xml_text(chart.format ? chart.format(t) : tick_text(t)) + "</text>\n";
  s += "<text transform=\"translate(14 " + num((T + H - B) / 2) + ") rotate(-90)\" text-anchor=\"middle\" " + kFont +
       " font-size=\"12\">" + xml_text(chart.y_label) + "</text>\n";
  for (std::size_t g = 0; g < chart.groups.size(); ++g) {
    const double x = L + group_w * static_cast<double>(g) + 14;
    double base = 0;
    for (std::size_t k = 0; k < chart.stacks.size() && g < chart.values.size() && k < chart.values[g].size(); ++k) {
      const double v = std::max(0.0, chart.values[g][k]);
      if (v <= 0) continue;
      s += "<rect x=\"" + num(x) + "\" y=\"" + num(py(base + v)) + "\" width=\"" + num(group_w - 28) + "\" height=\"" +
           num(py(base) - py(base + v)) + "\" fill=\"" + colour(k) + "\"><title>" +
           xml_text(chart.groups[g] + ", " + chart.stacks[k] + ": " + (chart.format ? chart.format(v) : tick_text(v))) +
           "</title></rect>\n";
      base += v;
    }
    if (chart.format)
      s += "<text x=\"" + num(x + (group_w - 28) / 2) + "\" y=\"" + num(py(base) - 4) + "\" text-anchor=\"middle\" " +
           kFont + " font-size=\"10\">" + xml_text(chart.format(base)) + "</text>\n";
    std::string label = chart.groups[g];
    if (label.size() > 11) label = label.substr(0, 10) + "\u2026";
    s += "<g><title>" + xml_text(chart.groups[g]) + "</title><text x=\"" + num(x + (group_w - 28) / 2) + "\" y=\"" +
         num(H - B + 16) + "\" text-anchor=\"middle\" " + kFont + " font-size=\"11\">" + xml_text(label) +
         "</text></g>\n";
  }
  if (chart.stacks.size() > 1)
    for (std::size_t k = 0; k < chart.stacks.size(); ++k) {
      const double ly = T + 14 + 18 * static_cast<double>(k);
      s += "<rect x=\"" + num(W - R + 12) + "\" y=\"" + num(ly - 10) + "\" width=\"12\" height=\"12\" fill=\"" + colour(k) +
           "\"/><text x=\"" + num(W - R + 30) + "\" y=\"" + num(ly) + "\" " + kFont + " font-size=\"11\">" +
           xml_text(chart.stacks[k]) + "</text>\n";
    }
  return s + "</svg>\n";
}

}  // namespace archbench
