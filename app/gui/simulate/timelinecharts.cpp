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

#include "window/style.h"

namespace {

// A series' values averaged over groups of steps, so that no series has more than
// TimelineCharts::kMaxPoints points; x is each group's middle.
struct Points {
  std::vector<double> x, y;
};

Points thinned(const std::vector<double>& start_s, double step,
               const std::vector<double>& values) {
  Points p;
  const std::size_t n = std::min(start_s.size(), values.size());
  const std::size_t group =
      std::max<std::size_t>(1, (n + TimelineCharts::kMaxPoints - 1) / TimelineCharts::kMaxPoints);
  for (std::size_t i = 0; i < n; i += group) {
    const std::size_t end = std::min(n, i + group);
    double sum = 0;
    for (std::size_t j = i; j < end; ++j) sum += values[j];
    p.x.push_back(start_s[i] + static_cast<double>(end - i) * step / 2);
    p.y.push_back(sum / static_cast<double>(end - i));
  }
  return p;
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
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
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
                             tr("Answered requests per second and success share, per class"));
  double top = 0;
  std::vector<QLineSeries*> shares;
  for (std::size_t k = 0; k < t.classes.size(); ++k) {
    std::vector<double> rate, share;
    for (std::size_t i = 0; i < t.start_s.size(); ++i) {
      const double answered = static_cast<double>(t.answered[k][i]);
      const double ended = answered + static_cast<double>(t.failed[k][i]);
      rate.push_back(answered / step);
      // Answered without a fallback, of those that ended in the step; 100% when none ended.
      share.push_back(ended > 0 ? 100 * (answered - static_cast<double>(t.degraded[k][i])) / ended
                                : 100);
    }
    const Points r = thinned(t.start_s, step, rate), s = thinned(t.start_s, step, share);
    auto* line = new QLineSeries;
    line->setName(QString::fromStdString(t.classes[k]) + tr(" req/s"));
    for (std::size_t i = 0; i < r.x.size(); ++i) line->append(r.x[i], r.y[i]);
    through->addSeries(line);
    auto* dashed = new QLineSeries;
    dashed->setName(QString::fromStdString(t.classes[k]) + tr(" success %"));
    for (std::size_t i = 0; i < s.x.size(); ++i) dashed->append(s.x[i], s.y[i]);
    through->addSeries(dashed);
    QPen pen = dashed->pen();
    pen.setColor(line->pen().color());
    pen.setStyle(Qt::DashLine);
    dashed->setPen(pen);
    shares.push_back(dashed);
    top = std::max(top, max_of(r.y));
  }
  finish(through, tr("req/s"), top, false);
  auto* percentAxis = new QValueAxis;
  percentAxis->setRange(0, 100);
  percentAxis->setLabelFormat(QStringLiteral("%.0f%%"));
  percentAxis->setTitleText(tr("success"));
  through->addAxis(percentAxis, Qt::AlignRight);
  for (QLineSeries* s : shares) {
    s->detachAxis(through->axes(Qt::Vertical).first());
    s->attachAxis(percentAxis);
  }

  QChart* p95 = addChart(QStringLiteral("p95Chart"), tr("p95 latency per class (answered requests)"));
  top = 0;
  for (std::size_t k = 0; k < t.classes.size(); ++k) {
    const Points p = thinned(t.start_s, step, t.p95_ms[k]);
    auto* line = new QLineSeries;
    line->setName(QString::fromStdString(t.classes[k]));
    for (std::size_t i = 0; i < p.x.size(); ++i) line->append(p.x[i], p.y[i]);
    p95->addSeries(line);
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
      auto* line = new QLineSeries;
      line->setName(name);
      for (std::size_t i = 0; i < qp.x.size(); ++i) line->append(qp.x[i], qp.y[i]);
      queue->addSeries(line);
      queueTop = std::max(queueTop, max_of(qp.y));
    }
    std::vector<double> percent;
    for (double u : t.utilization[c]) percent.push_back(100 * u);
    const Points up = thinned(t.start_s, step, percent);
    auto* line = new QLineSeries;
    line->setName(name);
    for (std::size_t i = 0; i < up.x.size(); ++i) line->append(up.x[i], up.y[i]);
    util->addSeries(line);
  }
  finish(queue, tr("visits waiting"), queueTop, false);
  finish(util, tr("utilization %"), 100, true);

  for (std::size_t i = 0; i < views_.size(); ++i)
    grid->addWidget(views_[i], static_cast<int>(i / 2), static_cast<int>(i % 2));
}

QChart* TimelineCharts::addChart(const QString& name, const QString& title) {
  auto* chart = new QChart;
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
  for (const archbench::TimedFault& f : report_.faults) {
    auto* upper = new QLineSeries(chart);
    upper->append(f.start_s, y->max());
    upper->append(std::min(f.end_s, end), y->max());
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
  QPen pen(style::mix(Qt::black, Qt::white, 0.35), 1.5, Qt::DotLine);
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
