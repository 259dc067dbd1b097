#include "compare/comparisoncharts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QCursor>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "archbench/catalog.h"
#include "archbench/format.h"
#include "window/style.h"

namespace comparison_charts {

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QString tr(const char* text) {
  return QChart::tr(text);
}

// Versions: Tableau 10, mid-tone colours that read on white and on the dark theme's slate.
const QColor kVersionColors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                 QColor(0x59, 0xa1, 0x4f), QColor(0xe1, 0x57, 0x59),
                                 QColor(0xb0, 0x7a, 0xa1), QColor(0x76, 0xb7, 0xb2),
                                 QColor(0xed, 0xc9, 0x48), QColor(0x9c, 0x75, 0x5f),
                                 QColor(0xff, 0x9d, 0xa7), QColor(0xba, 0xb0, 0xac)};
// Component kinds: a different (softer) set, so that a kind is never mistaken for a version.
const QColor kKindColors[] = {QColor(0x66, 0xc2, 0xa5), QColor(0xfc, 0x8d, 0x62),
                              QColor(0x8d, 0xa0, 0xcb), QColor(0xe7, 0x8a, 0xc3),
                              QColor(0xa6, 0xd8, 0x54), QColor(0xff, 0xd9, 0x2f),
                              QColor(0xe5, 0xc4, 0x94), QColor(0xb3, 0xb3, 0xb3),
                              QColor(0x1b, 0x9e, 0x77), QColor(0xd9, 0x5f, 0x02)};

// The evolution chart's two measures.
const QColor kCostColor(0x4e, 0x79, 0xa7);
const QColor kRateColor(0xe1, 0x6a, 0x10);

const Qt::PenStyle kVersionLines[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};

QColor kind_color(int index) {
  constexpr int n = static_cast<int>(std::size(kKindColors));
  return kKindColors[index % n];
}

QChart* new_chart(const QString& title, bool dark) {
  auto* chart = new QChart;
  chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setBackgroundRoundness(0);
  chart->setMargins(QMargins(6, 6, 6, 6));
  chart->setTitle(title);
  QFont font = chart->titleFont();
  font.setBold(true);
  font.setPointSizeF(font.pointSizeF() * 1.15);
  chart->setTitleFont(font);
  chart->legend()->setAlignment(Qt::AlignBottom);
  QFont legend = chart->legend()->font();
  legend.setPointSizeF(legend.pointSizeF() * 1.1);
  chart->legend()->setFont(legend);
  return chart;
}

QColor text_color(const QChart* chart) {
  return chart->titleBrush().color();
}

// A step of 1, 2 or 5 × 10^k giving about `ticks` intervals over [0, span].
double nice_step(double span, int ticks) {
  if (!(span > 0)) return 1;
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double factor = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return factor * magnitude;
}

// Enough decimals for the step and no more: "0", "50", "100" or "0.25", "0.50".
QString label_format(double step) {
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  return QStringLiteral("%.%1f").arg(decimals);
}

// A value axis from 0 to a round number above `max`, ticks at round steps.
QValueAxis* zero_based_axis(const QString& title, double max, int ticks = 6) {
  auto* axis = new QValueAxis;
  axis->setTitleText(title);
  if (!(max > 0)) max = 1;
  const double step = nice_step(max, ticks);
  axis->setRange(0, std::ceil(max / step - 1e-9) * step);
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  axis->setLabelFormat(label_format(step));
  return axis;
}

// A category label of two centred lines: what it is, and its figure in bold.
QString two_lines(const QString& top, const QString& figure) {
  return QStringLiteral("<div align='center'>%1<br><b>%2</b></div>")
      .arg(top.toHtmlEscaped(), figure.toHtmlEscaped());
}

double value_of(const archbench::Latency& l, Percentile p) {
  switch (p) {
    case Percentile::P50:
      return l.p50;
    case Percentile::P95:
      return l.p95;
    case Percentile::P99:
      return l.p99;
  }
  return l.p95;
}

QString percentile_name(Percentile p) {
  switch (p) {
    case Percentile::P50:
      return QStringLiteral("p50");
    case Percentile::P95:
      return QStringLiteral("p95");
    case Percentile::P99:
      return QStringLiteral("p99");
  }
  return QStringLiteral("p95");
}

// A legend shows one entry per version line; the x axis's title says what the markers are.
void hide_from_legend(QChart* chart, QAbstractSeries* series) {
  for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(false);
}

// Labelled vertical lines across the plot (a top axis of categories whose boundaries are the
// values): they mark values without being series of their own.
void add_marks(QChart* chart, const QValueAxis* along,
               const std::vector<std::pair<double, QString>>& marks, Qt::Alignment side) {
  auto* axis = new QCategoryAxis;
  axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  for (const auto& [value, label] : marks) axis->append(label, value);
  axis->setRange(along->min(), along->max());
  axis->setLineVisible(false);
  axis->setTitleVisible(false);
  chart->addAxis(axis, side);
  QPen grid(style::mix(text_color(chart), chart->backgroundBrush().color(), 0.45), 1, Qt::DashLine);
  axis->setGridLinePen(grid);
  axis->setLabelsColor(text_color(chart));
}

// The load each version is evaluated at (its stated workload, or the shared one): where a curve
// ends before its line, that version cannot carry that traffic. Versions at the same load share
// a line.
void add_stated_loads(QChart* chart, const archbench::Comparison& c, const QValueAxis* x_axis) {
  std::vector<std::pair<double, QStringList>> loads;
  for (const auto& v : c.versions) {
    const double rate = v.report.totals.offered_rate_per_s;
    if (!(rate > 0)) continue;
    auto same = std::find_if(loads.begin(), loads.end(), [&](const auto& l) {
      return std::fabs(l.first - rate) <= 1e-6 * rate;
    });
    if (same == loads.end()) {
      loads.push_back({rate, {q(v.name)}});
    } else {
      same->second << q(v.name);
    }
  }
  if (loads.empty()) return;
  std::sort(loads.begin(), loads.end());
  std::vector<std::pair<double, QString>> marks;
  for (const auto& [rate, names] : loads) {
    const QString who = c.workload_of
                            ? QObject::tr("%1's workload").arg(q(*c.workload_of))
                            : QObject::tr("%1 workload").arg(names.join(QStringLiteral(", ")));
    marks.push_back({rate, QStringLiteral("%1: %2").arg(who, q(archbench::format_rate(rate)))});
  }
  add_marks(chart, x_axis, marks, Qt::AlignTop);
}

}  // namespace

QColor version_color(int index) {
  constexpr int n = static_cast<int>(std::size(kVersionColors));
  return kVersionColors[((index % n) + n) % n];
}

QString workload_phrase(const archbench::Comparison& c) {
  return c.workload_of ? tr("all at %1's workload").arg(q(*c.workload_of))
                       : tr("each version's own workload");
}

QChart* latency_chart(const archbench::Comparison& c, const LatencyPick& pick, bool dark) {
  const QString cls = q(pick.request_class);
  const QString pname = percentile_name(pick.percentile);
  const QString what = pick.completion
                           ? tr("%1 of %2 (until its queued work is done)").arg(pname, cls)
                           : tr("%1 latency of %2").arg(pname, cls);
  QChart* chart = new_chart(tr("%1 against offered load — %2").arg(what, workload_phrase(c)), dark);

  double max_x = 0;
  double min_y = std::numeric_limits<double>::infinity();
  double max_y = 0;
  std::vector<QAbstractSeries*> all;
  int index = 0;
  for (const archbench::VersionResult& v : c.versions) {
    const int i = index++;
    const QColor color = version_color(i);
    auto* line = new QLineSeries;
    line->setName(q(v.name));
    int k = -1;
    if (v.sweep) {
      const auto& names = v.sweep->classes;
      const auto it = std::find(names.begin(), names.end(), pick.request_class);
      if (it != names.end()) k = static_cast<int>(it - names.begin());
    }
    if (k < 0) line->setName(tr("%1 (no class %2)").arg(q(v.name), cls));
    if (k >= 0) {
      for (const archbench::SweepPoint& p : v.sweep->points) {
        const auto& lat = pick.completion ? p.completion.at(k) : p.latency.at(k);
        if (!lat) continue;
        const double y = value_of(*lat, pick.percentile);
        if (!(y > 0) || !std::isfinite(y)) continue;  // a log axis has no room for 0
        line->append(p.rate_per_s, y);
      }
    }
    chart->addSeries(line);
    // Versions can share a stretch of curve (the same stations carry the class): a dash lets the
    // line underneath show through.
    QPen pen(color, 3);
    pen.setStyle(kVersionLines[static_cast<std::size_t>(i) % std::size(kVersionLines)]);
    line->setPen(pen);
    all.push_back(line);
    if (line->count() == 0) continue;
    const QPointF last = line->at(line->count() - 1);
    max_x = std::max(max_x, last.x());
    for (const QPointF& p : line->points()) {
      min_y = std::min(min_y, p.y());
      max_y = std::max(max_y, p.y());
    }
    // The saturation point: the rate at the maximum throughput, at the height the curve
    // reached just below it.
    const auto& totals = v.report.totals;
    if (!totals.max_throughput_rate_per_s) continue;
    const double x = *totals.max_throughput_rate_per_s;
    max_x = std::max(max_x, x);
    auto* mark = new QScatterSeries;
    mark->setName(tr("%1 saturation").arg(q(v.name)));
    mark->append(x, last.y());
    mark->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    mark->setMarkerSize(13);
    chart->addSeries(mark);
    mark->setColor(color);
    mark->setBorderColor(text_color(chart));
    // The label stays short (neighbouring versions' markers can be close); the rest is in the
    // tooltip.
    mark->setPointLabelsFormat(q(archbench::format_rate(x)));  // no @-tags: shown as written
    mark->setPointLabelsVisible(true);
    mark->setPointLabelsColor(text_color(chart));
    mark->setPointLabelsClipping(false);
    QString tip = tr("%1 saturates at %2").arg(q(v.name), q(archbench::format_rate(x)));
    if (totals.max_throughput_multiplier)
      tip += tr(" (×%1 its workload)")
                 .arg(q(archbench::format_multiplier(*totals.max_throughput_multiplier)));
    if (const archbench::ComponentResult* b = v.report.component(totals.bottleneck))
      tip += tr("\nbottleneck: %1").arg(q(b->name.empty() ? b->id : b->name));
    if (!totals.bottleneck_reason.empty()) tip += QLatin1Char('\n') + q(totals.bottleneck_reason);
    QObject::connect(mark, &QScatterSeries::hovered, mark, [tip](const QPointF&, bool on) {
      if (on)
        QToolTip::showText(QCursor::pos(), tip);
      else
        QToolTip::hideText();
    });
    hide_from_legend(chart, mark);
    all.push_back(mark);
  }

  // Every version's stated load is on the axis, even one beyond all saturation points.
  for (const auto& v : c.versions) max_x = std::max(max_x, v.report.totals.offered_rate_per_s);
  // Room on the right for the last saturation label, which is centred on its marker. The axis
  // title says what the markers are, which keeps them out of the legend.
  auto* x_axis =
      zero_based_axis(tr("Offered load (req/s) — ◆ where each version saturates"), max_x * 1.08, 8);
  chart->addAxis(x_axis, Qt::AlignBottom);
  add_stated_loads(chart, c, x_axis);
  const QString y_title =
      pick.completion ? tr("%1 completion time (ms)").arg(pname) : tr("%1 latency (ms)").arg(pname);
  QAbstractAxis* y_axis = nullptr;
  if (!(max_y > 0)) {
    y_axis = zero_based_axis(y_title, 1);
  } else if (max_y / min_y < 10) {
    // Less than a decade: a log axis would show a single labelled tick.
    y_axis = zero_based_axis(y_title, max_y * 1.08);
  } else {
    auto* log = new QLogValueAxis;
    log->setTitleText(y_title);
    log->setBase(10);
    // Decades that hold every point, with room above for the saturation labels.
    const double lo = std::pow(10.0, std::floor(std::log10(min_y)));
    double hi = std::pow(10.0, std::ceil(std::log10(max_y * 1.6)));
    if (hi <= lo) hi = lo * 10;
    log->setRange(lo, hi);
    log->setLabelFormat(QStringLiteral("%g"));
    log->setMinorTickCount(8);
    y_axis = log;
  }
  chart->addAxis(y_axis, Qt::AlignLeft);
  for (QAbstractSeries* s : all) {
    s->attachAxis(x_axis);
    s->attachAxis(y_axis);
  }
  return chart;
}

QChart* cost_chart(const archbench::Comparison& c, const archbench::Catalog& catalog, bool dark) {
  QChart* chart = new_chart(tr("Monthly cost by component kind"), dark);
  // Kinds in the order they first appear, left out where no version pays for them.
  std::vector<std::string> kinds;
  for (const auto& v : c.versions) {
    for (const auto& comp : v.report.components) {
      const auto it = v.cost_by_kind.find(comp.kind);
      if (it == v.cost_by_kind.end() || !(it->second > 0)) continue;
      if (std::find(kinds.begin(), kinds.end(), comp.kind) == kinds.end())
        kinds.push_back(comp.kind);
    }
  }
  QStringList categories;
  double max_total = 0;
  for (const auto& v : c.versions) {
    categories << two_lines(q(v.name), q(archbench::format_usd(v.report.totals.cost_per_month)));
    max_total = std::max(max_total, v.report.totals.cost_per_month);
  }
  auto* series = new QStackedBarSeries;
  int index = 0;
  for (const std::string& kind : kinds) {
    const archbench::KindDecl* decl = catalog.find(kind);
    const QString label = decl ? q(decl->label) : q(kind);
    auto* set = new QBarSet(label);
    QStringList tips;
    for (const auto& v : c.versions) {
      const auto it = v.cost_by_kind.find(kind);
      const double usd = it == v.cost_by_kind.end() ? 0.0 : it->second;
      *set << usd;
      tips << tr("%1 · %2: %3 of %4 per month")
                  .arg(q(v.name), label, q(archbench::format_usd(usd)),
                       q(archbench::format_usd(v.report.totals.cost_per_month)));
    }
    set->setColor(kind_color(index++));
    set->setBorderColor(set->color().darker(130));
    set->setLabelColor(Qt::black);  // the kind colours are light in both themes
    QObject::connect(set, &QBarSet::hovered, set, [tips](bool on, int i) {
      if (on && i >= 0 && i < tips.size())
        QToolTip::showText(QCursor::pos(), tips[i]);
      else
        QToolTip::hideText();
    });
    series->append(set);
  }
  series->setBarWidth(0.55);
  series->setLabelsVisible(true);
  series->setLabelsFormat(QStringLiteral("$@value"));
  series->setLabelsPrecision(6);
  chart->addSeries(series);

  auto* x_axis = new QBarCategoryAxis;
  x_axis->append(categories);
  chart->addAxis(x_axis, Qt::AlignBottom);
  auto* y_axis = zero_based_axis(tr("$ per month"), max_total * 1.05);
  chart->addAxis(y_axis, Qt::AlignLeft);
  series->attachAxis(x_axis);
  series->attachAxis(y_axis);
  chart->legend()->setAlignment(Qt::AlignRight);
  return chart;
}

QChart* utilization_chart(const archbench::Comparison& c, int index, bool dark) {
  const archbench::VersionResult& v = c.versions.at(static_cast<std::size_t>(index));
  const auto& totals = v.report.totals;
  QChart* chart = new_chart(
      tr("Utilization of each component — %1, %2").arg(q(v.name), workload_phrase(c)), dark);
  // The busiest station of each component, per server; a saturated one shows its offered
  // utilization (at least 100%), since it has no steady state. Each figure is printed beside
  // its component's name, where a thin bar cannot clip it.
  QStringList categories;
  auto* normal = new QBarSet(tr("Utilization"));
  QString bottleneck_name;
  bool bottleneck_saturated = false;
  auto* highlight = new QBarSet(QString());
  auto* saturated = new QBarSet(tr("Saturated"));
  double max_percent = 100;
  bool any_saturated = false;
  for (const auto& comp : v.report.components) {
    if (comp.behaviour == archbench::Behaviour::Client) continue;
    double u = comp.utilization.value_or(0);
    if (comp.saturated) {
      u = 1;
      for (const auto& s : comp.stations) u = std::max(u, s.offered_utilization);
    }
    const double percent = u * 100;
    const bool is_bottleneck = comp.id == totals.bottleneck;
    const QString name = q(comp.name.empty() ? comp.id : comp.name);
    if (is_bottleneck) {
      bottleneck_name = name;
      bottleneck_saturated = comp.saturated;
    }
    const QString figure = comp.saturated
                               ? tr("saturated (%1 offered)").arg(q(archbench::format_percent(u)))
                               : q(archbench::format_percent(u));
    categories << two_lines(name, figure);
    *normal << (!is_bottleneck && !comp.saturated ? percent : 0);
    *highlight << (is_bottleneck ? percent : 0);
    *saturated << (!is_bottleneck && comp.saturated ? percent : 0);
    any_saturated = any_saturated || (comp.saturated && !is_bottleneck);
    max_percent = std::max(max_percent, percent);
  }
  highlight->setLabel(bottleneck_saturated ? tr("Bottleneck: %1 (saturated)").arg(bottleneck_name)
                                           : tr("Bottleneck: %1").arg(bottleneck_name));
  // A horizontal bar chart draws its first category at the bottom; the report's order reads
  // from the top.
  std::reverse(categories.begin(), categories.end());
  for (QBarSet* set : {normal, highlight, saturated}) {
    QList<qreal> values;
    for (int i = set->count() - 1; i >= 0; --i) values << set->at(i);
    set->remove(0, set->count());
    set->append(values);
  }
  normal->setColor(QColor(0x4e, 0x79, 0xa7));
  const QColor saturated_color(0xb0, 0x1c, 0x2e);
  highlight->setColor(bottleneck_saturated ? saturated_color : QColor(0xf2, 0x8e, 0x2b));
  saturated->setColor(saturated_color);
  auto* series = new QHorizontalStackedBarSeries;
  series->append(normal);
  if (!bottleneck_name.isEmpty())
    series->append(highlight);
  else
    delete highlight;
  if (any_saturated)
    series->append(saturated);
  else
    delete saturated;
  for (QBarSet* set : series->barSets()) set->setBorderColor(set->color());
  series->setBarWidth(0.6);
  chart->addSeries(series);

  auto* y_axis = new QBarCategoryAxis;
  y_axis->append(categories);
  chart->addAxis(y_axis, Qt::AlignLeft);
  auto* x_axis = zero_based_axis(tr("Utilization (%)"), max_percent, 10);
  chart->addAxis(x_axis, Qt::AlignBottom);
  series->attachAxis(y_axis);
  series->attachAxis(x_axis);
  // Past 100% a station is offered more work than it can do: mark the line.
  if (x_axis->max() > 100) add_marks(chart, x_axis, {{100.0, tr("capacity: 100%")}}, Qt::AlignTop);
  return chart;
}

QChart* evolution_chart(const archbench::Comparison& c, bool dark) {
  QChart* chart = new_chart(
      tr("Evolution: cost per month and maximum throughput — %1").arg(workload_phrase(c)), dark);
  QStringList categories;
  auto* cost = new QLineSeries;
  cost->setName(tr("Cost per month ($)"));
  auto* capacity = new QLineSeries;
  capacity->setName(tr("Maximum throughput (req/s)"));
  double max_cost = 0;
  double max_rate = 0;
  for (std::size_t i = 0; i < c.versions.size(); ++i) {
    const auto& t = c.versions[i].report.totals;
    const double x = static_cast<double>(i);
    cost->append(x, t.cost_per_month);
    max_cost = std::max(max_cost, t.cost_per_month);
    QString rate = QStringLiteral("—");
    if (t.max_throughput_rate_per_s) {
      capacity->append(x, *t.max_throughput_rate_per_s);
      max_rate = std::max(max_rate, *t.max_throughput_rate_per_s);
      rate = q(archbench::format_rate(*t.max_throughput_rate_per_s));
    }
    // The figures under each version, where no line or marker can cover them.
    categories << QStringLiteral(
                      "<div align='center'>%1<br><b><font color='%2'>%3</font></b>"
                      "<br><b><font color='%4'>%5</font></b></div>")
                      .arg(q(c.versions[i].name).toHtmlEscaped(), kCostColor.name(),
                           q(archbench::format_usd(t.cost_per_month)), kRateColor.name(), rate);
  }
  chart->addSeries(cost);
  chart->addSeries(capacity);
  cost->setPen(QPen(kCostColor, 3));
  capacity->setPen(QPen(kRateColor, 3, Qt::DashLine));
  for (QLineSeries* s : {cost, capacity}) {
    s->setPointsVisible(true);
    s->setMarkerSize(10);
  }

  auto* x_axis = new QBarCategoryAxis;
  x_axis->append(categories);
  chart->addAxis(x_axis, Qt::AlignBottom);
  auto* cost_axis = zero_based_axis(tr("$ per month"), max_cost * 1.05);
  auto* rate_axis = zero_based_axis(tr("Maximum throughput (req/s)"), max_rate * 1.05);
  chart->addAxis(cost_axis, Qt::AlignLeft);
  chart->addAxis(rate_axis, Qt::AlignRight);
  // Each value axis in its line's colour says which line it measures; one grid is enough.
  for (auto [axis, color] : {std::pair{cost_axis, kCostColor}, std::pair{rate_axis, kRateColor}}) {
    axis->setLinePenColor(color);
    axis->setLabelsColor(color);
    axis->setTitleBrush(color);
  }
  rate_axis->setGridLineVisible(false);
  cost->attachAxis(x_axis);
  cost->attachAxis(cost_axis);
  capacity->attachAxis(x_axis);
  capacity->attachAxis(rate_axis);
  return chart;
}

}  // namespace comparison_charts
