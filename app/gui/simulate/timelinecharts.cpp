#include "simulate/timelinecharts.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "window/style.h"

namespace {

constexpr std::size_t kShareSteps = 5;
const double kNothing = std::numeric_limits<double>::quiet_NaN();

// A series' values averaged over groups of steps, so that no series has more than
// TimelineCharts::kMaxPoints points; x is each group's middle.
struct Points {
  std::vector<double> x, y;
};

Points thinned(const std::vector<double>& start_s, double step, const std::vector<double>& values) {
  Points p;
  const std::size_t n = std::min(start_s.size(), values.size());
  const std::size_t group =
      std::max<std::size_t>(1, (n + TimelineCharts::kMaxPoints - 1) / TimelineCharts::kMaxPoints);
  for (std::size_t i = 0; i < n; i += group) {
    const std::size_t end = std::min(n, i + group);
    double sum = 0, count = 0;
    for (std::size_t j = i; j < end; ++j) {
      if (std::isnan(values[j])) continue;  // a step with nothing to show
      sum += values[j];
      ++count;
    }
    p.x.push_back(start_s[i] + static_cast<double>(end - i) * step / 2);
    p.y.push_back(count > 0 ? sum / count : kNothing);
  }
  return p;
}

// Distinct colours by index (Tableau 10), the same for a class or component in every chart.
QColor colour(std::size_t i) {
  static const QColor kColours[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1",
                                    "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"};
  return kColours[i % std::size(kColours)];
}

// A line through the points, broken where more than kGap points in a row have nothing to show
// (each part a series of its own, only the first in the legend); shorter gaps are bridged.
QLineSeries* add_line(QChart* chart, const QString& name, const QColor& pen_colour, const Points& p,
                      Qt::PenStyle style = Qt::SolidLine) {
  constexpr std::size_t kGap = 10;
  QLineSeries* first = nullptr;
  QLineSeries* line = nullptr;
  std::size_t missing = 0;
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    if (std::isnan(p.y[i])) {
      if (++missing > kGap) line = nullptr;
      continue;
    }
    missing = 0;
    if (!line) {
      line = new QLineSeries;
      line->setName(name);
      line->setPen(QPen(pen_colour, 1.5, style));
      chart->addSeries(line);
      if (first)
        for (QLegendMarker* m : chart->legend()->markers(line)) m->setVisible(false);
      else
        first = line;
    }
    line->append(p.x[i], p.y[i]);
  }
  return first;
}

double nice_step(double span, int ticks) {
  if (!(span > 0)) return 1;
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
}

// An axis from 0 to a round number at or above `max`.
QValueAxis* zero_based(const QString& title, double max) {
  auto* axis = new QValueAxis;
  axis->setTitleText(title);
  if (!(max > 0)) max = 1;
  const double step = nice_step(max, 5);
  axis->setRange(0, std::ceil(max / step - 1e-9) * step);
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  axis->setLabelFormat(step >= 1 ? QStringLiteral("%.0f") : QStringLiteral("%.2g"));
  return axis;
}

void hide_from_legend(QChart* chart, QAbstractSeries* s) {
  for (QLegendMarker* m : chart->legend()->markers(s)) m->setVisible(false);
}

double max_of(const std::vector<double>& v) {
  double top = 0;
  for (double x : v)
    if (x > top) top = x;  // NaN compares false: skipped
  return top;
}

}  // namespace

TimelineCharts::TimelineCharts(const archbench::SimReport& report, QWidget* parent)
    : QWidget(parent), report_(report) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  if (!report.timeline) return;
  const archbench::SimTimeline& t = *report.timeline;
  const double step = t.step_s;

  // Answered per second (solid, left axis) and success share (dashed, right axis) per class.
  QChart* through = addChart(QStringLiteral("throughputChart"),
                             tr("Answered per second (solid) and success share over %1 steps "
                                "(dashed), per class")
                                 .arg(kShareSteps));
  double top = 0;
  for (std::size_t k = 0; k < t.classes.size(); ++k) {
    std::vector<double> rate, share;
    // The share over the last kShareSteps steps: a class of a few requests a second would
    // otherwise jump between 0 and 100% from one step to the next.
    double ok = 0, ended = 0;
    for (std::size_t i = 0; i < t.start_s.size(); ++i) {
      auto counts = [&](std::size_t j, double sign) {
        const double answered = static_cast<double>(t.answered[k][j]);
        ok += sign * (answered - static_cast<double>(t.degraded[k][j]));
        ended += sign * (answered + static_cast<double>(t.failed[k][j]));
      };
      counts(i, 1);
      if (i >= kShareSteps) counts(i - kShareSteps, -1);
      rate.push_back(static_cast<double>(t.answered[k][i]) / step);
      // Answered without a fallback, of those that ended; nothing to show when none ended.
      share.push_back(ended > 0.5 ? 100 * ok / ended : kNothing);
    }
    const Points r = thinned(t.start_s, step, rate), s = thinned(t.start_s, step, share);
    const QString name = QString::fromStdString(t.classes[k]);
    add_line(through, name, colour(k), r);
    if (QLineSeries* dashed = add_line(through, name + tr(" success"), colour(k), s, Qt::DashLine))
      hide_from_legend(through, dashed);  // the title says dashed is the share
    top = std::max(top, max_of(r.y));
  }
  finish(through, tr("req/s"), top, false);
  auto* percentAxis = new QValueAxis;
  percentAxis->setRange(0, 100);
  percentAxis->setLabelFormat(QStringLiteral("%.0f%%"));
  percentAxis->setTitleText(tr("success"));
  through->addAxis(percentAxis, Qt::AlignRight);
  for (QAbstractSeries* s : through->series()) {
    auto* l = qobject_cast<QLineSeries*>(s);
    if (!l || !l->name().endsWith(tr(" success"))) continue;
    l->detachAxis(through->axes(Qt::Vertical).first());
    l->attachAxis(percentAxis);
  }

  QChart* p95 =
      addChart(QStringLiteral("p95Chart"), tr("p95 latency per class (answered requests)"));
  top = 0;
  for (std::size_t k = 0; k < t.classes.size(); ++k) {
    // A step in which nothing was answered has no p95 (not 0 ms).
    std::vector<double> ms = t.p95_ms[k];
    for (std::size_t i = 0; i < ms.size(); ++i)
      if (t.answered[k][i] == 0) ms[i] = kNothing;
    const Points p = thinned(t.start_s, step, ms);
    add_line(p95, QString::fromStdString(t.classes[k]), colour(k), p);
    top = std::max(top, max_of(p.y));
  }
  finish(p95, tr("ms"), top, false);

  // Components with stations only (a client has no queue); the queue chart only those that
  // ever had a visit waiting, so that a backlog stands out.
  QChart* queue = addChart(QStringLiteral("queueChart"),
                           tr("Visits waiting per component (a queue's backlog)"));
  QChart* util = addChart(QStringLiteral("utilizationChart"), tr("Utilization per component"));
  double queueTop = 0;
  for (std::size_t c = 0; c < t.components.size(); ++c) {
    const archbench::SimComponentResult* r = report.component(t.components[c]);
    if (!r || !r->has_stations) continue;
    const QString name = QString::fromStdString(t.components[c]);
    const Points qp = thinned(t.start_s, step, t.queue_length[c]);
    if (max_of(qp.y) >= 0.01) {
      add_line(queue, name, colour(c), qp);
      queueTop = std::max(queueTop, max_of(qp.y));
    }
    std::vector<double> percent;
    for (double u : t.utilization[c]) percent.push_back(100 * u);
    add_line(util, name, colour(c), thinned(t.start_s, step, percent));
  }
  finish(queue, tr("visits waiting"), queueTop, false);
  finish(util, tr("utilization %"), 100, true);

  for (std::size_t i = 0; i < views_.size(); ++i)
    grid->addWidget(views_[i], static_cast<int>(i / 2), static_cast<int>(i % 2));
}

QChart* TimelineCharts::addChart(const QString& name, const QString& title) {
  auto* chart = new QChart;
  // The charts follow the palette (a dark one gets the dark theme), as the comparison's do.
  const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
  chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setBackgroundRoundness(0);
  chart->setMargins(QMargins(4, 4, 4, 4));
  chart->setTitle(title);
  QFont font = chart->titleFont();
  font.setBold(true);
  chart->setTitleFont(font);
  chart->legend()->setAlignment(Qt::AlignBottom);
  auto* view = new QChartView(chart, this);
  view->setObjectName(name);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(360, 260);
  views_.push_back(view);
  return chart;
}

// Axes, the fault windows as bands behind the lines, and the replay's cursor.
void TimelineCharts::finish(QChart* chart, const QString& yTitle, double yMax, bool percent) {
  const archbench::SimTimeline& t = *report_.timeline;
  const double end = t.start_s.empty() ? 1 : t.start_s.back() + t.step_s;
  auto* x = new QValueAxis;
  x->setTitleText(tr("simulated time (s)"));
  x->setRange(0, end);
  x->setLabelFormat(QStringLiteral("%.0f"));
  x->setTickType(QValueAxis::TicksDynamic);
  x->setTickAnchor(0);
  x->setTickInterval(nice_step(end, 6));
  QValueAxis* y = percent ? zero_based(yTitle, 100) : zero_based(yTitle, yMax * 1.05);
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  const QList<QAbstractSeries*> lines = chart->series();
  // Fault windows, and restarts from their start until the restarted pools are full again.
  std::vector<std::pair<double, double>> windows;
  for (const archbench::TimedFault& f : report_.faults) windows.emplace_back(f.start_s, f.end_s);
  for (const archbench::Restart& r : report_.restarts) {
    double until = r.start_s + r.startup_s;
    for (const auto& l : report_.links)
      if (l.from == r.component && l.pools_refilled_s) until = std::max(until, *l.pools_refilled_s);
    windows.emplace_back(r.start_s, until);
  }
  for (const auto& [from, to] : windows) {
    auto* upper = new QLineSeries(chart);
    upper->append(from, y->max());
    upper->append(std::min(to, end), y->max());
    auto* band = new QAreaSeries(upper);
    band->setName(tr("fault"));
    QColor fill = style::fault_color();
    fill.setAlpha(40);
    band->setBrush(fill);
    band->setPen(Qt::NoPen);
    chart->addSeries(band);
    band->attachAxis(x);
    band->attachAxis(y);
    hide_from_legend(chart, band);
  }
  for (QAbstractSeries* s : lines) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
  auto* cursor = new QLineSeries;
  cursor->setName(tr("replay"));
  cursor->append(0, 0);
  cursor->append(0, y->max());
  QPen pen(style::mix(chart->titleBrush().color(), chart->backgroundBrush().color(), 0.2), 1.5,
           Qt::DotLine);
  cursor->setPen(pen);
  chart->addSeries(cursor);
  cursor->attachAxis(x);
  cursor->attachAxis(y);
  hide_from_legend(chart, cursor);
  cursors_.push_back(cursor);
}

void TimelineCharts::setCursor(double time_s) {
  for (QLineSeries* c : cursors_) {
    const double top = c->at(1).y();
    c->replace(QList<QPointF>{{time_s, 0}, {time_s, top}});
  }
}
