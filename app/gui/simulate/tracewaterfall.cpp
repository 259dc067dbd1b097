#include "simulate/tracewaterfall.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <functional>

#include "archbench/format.h"
#include "window/style.h"

namespace {

constexpr int kRow = 24, kTop = 30, kLegend = 28, kLabel = 250, kIndent = 14, kRight = 70;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QString ms(double v) {
  return q(archbench::format_ms(v)) + QStringLiteral(" ms");
}

double nice_step(double span) {
  const double raw = span / 6;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
}

}  // namespace

WaterfallView::WaterfallView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("waterfall"));
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
}

void WaterfallView::setTrace(const archbench::SimTrace* trace) {
  trace_ = trace;
  depth_.assign(trace ? trace->spans.size() : 0, 0);
  for (std::size_t i = 0; i < depth_.size(); ++i) {
    const int parent = trace->spans[i].parent;
    if (parent >= 0) depth_[i] = depth_[static_cast<std::size_t>(parent)] + 1;
  }
  updateGeometry();
  resize(sizeHint().expandedTo(size()));
  update();
}

bool WaterfallView::timedOut(std::size_t i) const {
  if (!trace_ || i >= trace_->spans.size()) return false;
  const archbench::SimSpan& s = trace_->spans[i];
  if (s.parent < 0) return false;
  for (std::size_t j = i + 1; j < trace_->spans.size(); ++j) {
    const archbench::SimSpan& r = trace_->spans[j];
    if (r.parent == s.parent && r.component == s.component && r.attempt == s.attempt + 1)
      return s.end_ms < 0 || r.sent_ms < s.end_ms;
  }
  return false;
}

QSize WaterfallView::sizeHint() const {
  const int rows = trace_ ? static_cast<int>(trace_->spans.size()) : 0;
  return {kLabel + 520 + kRight, kTop + rows * kRow + kLegend + 8};
}

double WaterfallView::span_end_ms() const {
  double end = trace_->latency_ms;
  for (const auto& s : trace_->spans)
    end = std::max({end, s.end_ms, s.arrived_ms + s.wait_ms + s.service_ms, s.sent_ms});
  return end > 0 ? end : 1;
}

void WaterfallView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  const QColor text = pal.color(QPalette::Text);
  if (!trace_) {
    p.setPen(text);
    p.drawText(rect(), Qt::AlignCenter, tr("No trace recorded (set Traces above 0)"));
    return;
  }
  const double step = nice_step(span_end_ms());
  const double axis_end = std::ceil(span_end_ms() / step) * step;
  const double width = std::max(100, this->width() - kLabel - kRight);
  auto x = [&](double t) { return kLabel + width * std::clamp(t / axis_end, 0.0, 1.0); };
  const int rows = static_cast<int>(trace_->spans.size());
  const QColor grid = style::mix(text, pal.color(QPalette::Base), 0.85);
  const QColor work = pal.color(QPalette::Highlight);
  const QColor wait = style::mix(work, pal.color(QPalette::Base), 0.25);
  const QColor fault = style::fault_color();
  const QColor retry = style::strained_color();

  // Time axis: ticks at round ms along the top, grid lines down the rows.
  p.setFont(font());
  for (double t = 0; t <= axis_end + step / 2; t += step) {
    p.setPen(grid);
    p.drawLine(QPointF(x(t), kTop - 4), QPointF(x(t), kTop + rows * kRow));
    p.setPen(text);
    p.drawText(QRectF(x(t) - 40, 4, 80, kTop - 10), Qt::AlignCenter,
               QString::number(t, 'g', 6));  // a tick, not a figure: 0, 10, 20
  }
  p.drawText(QRectF(4, 4, kLabel - 8, kTop - 10), Qt::AlignLeft | Qt::AlignVCenter,
             tr("visit (ms from arrival)"));

  for (int i = 0; i < rows; ++i) {
    const archbench::SimSpan& s = trace_->spans[static_cast<std::size_t>(i)];
    const double y = kTop + i * kRow;
    const bool failed = s.outcome == "failed";
    const bool timed_out = timedOut(static_cast<std::size_t>(i));
    if (i % 2 == 1)
      p.fillRect(QRectF(0, y, this->width(), kRow), pal.color(QPalette::AlternateBase));
    // The name, indented under its caller, then what happened to the attempt.
    QString label = q(s.place());
    if (s.attempt > 0) label += tr("  ↻ retry %1").arg(s.attempt);
    if (timed_out)
      label += tr("  ⏱ timed out");
    else if (failed)
      label += tr("  ✕ failed");
    p.setPen(failed || timed_out ? fault : s.attempt > 0 ? retry : text);
    p.drawText(
        QRectF(6 + kIndent * depth_[static_cast<std::size_t>(i)], y, kLabel, kRow),
        Qt::AlignLeft | Qt::AlignVCenter,
        p.fontMetrics().elidedText(label, Qt::ElideRight,
                                   kLabel - 10 - kIndent * depth_[static_cast<std::size_t>(i)]));
    const double mid = y + kRow / 2.0;
    const QRectF bar(0, y + 5, 0, kRow - 10);
    if (s.arrived_ms < 0) {  // never arrived (a cut link): a dashed trip off to the right
      p.setPen(QPen(fault, 1.5, Qt::DashLine));
      p.drawLine(QPointF(x(s.sent_ms), mid), QPointF(x(axis_end), mid));
      continue;
    }
    p.setPen(QPen(style::mix(text, pal.color(QPalette::Base), 0.4), 1));
    if (s.arrived_ms > s.sent_ms)
      p.drawLine(QPointF(x(s.sent_ms), mid), QPointF(x(s.arrived_ms), mid));
    const double start_work = s.arrived_ms + s.wait_ms;
    const double end_work = start_work + s.service_ms;
    const double end = s.end_ms < 0 ? axis_end : s.end_ms;
    // Calls: outlined from the end of its own work to the visit's end.
    if (end > end_work) {
      QRectF r(x(end_work), bar.top(), x(end) - x(end_work), bar.height());
      p.setBrush(Qt::NoBrush);
      p.setPen(QPen(failed ? fault : work, 1.2, s.end_ms < 0 ? Qt::DashLine : Qt::SolidLine));
      p.drawRect(r);
    }
    if (s.wait_ms > 0) {
      p.fillRect(QRectF(x(s.arrived_ms), bar.top(), std::max(1.0, x(start_work) - x(s.arrived_ms)),
                        bar.height()),
                 QBrush(wait, Qt::BDiagPattern));
    }
    p.fillRect(
        QRectF(x(start_work), bar.top(), std::max(1.5, x(end_work) - x(start_work)), bar.height()),
        failed ? fault : work);
    p.setPen(text);
    const QString figure = s.end_ms < 0 ? tr("never") : ms(s.end_ms - s.arrived_ms);
    p.drawText(QRectF(x(end) + 4, y, kRight + 200, kRow), Qt::AlignLeft | Qt::AlignVCenter, figure);
  }
  // Legend under the rows.
  const double ly = kTop + rows * kRow + 8;
  double lx = kLabel;
  auto key = [&](const QString& name, const std::function<void(QRectF)>& draw) {
    draw(QRectF(lx, ly + 4, 22, 12));
    p.setPen(text);
    const int w = p.fontMetrics().horizontalAdvance(name);
    p.drawText(QRectF(lx + 28, ly, w + 4, 20), Qt::AlignLeft | Qt::AlignVCenter, name);
    lx += 28 + w + 18;
  };
  key(tr("network"), [&](QRectF r) {
    p.setPen(QPen(style::mix(text, pal.color(QPalette::Base), 0.4), 1));
    p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
  });
  key(tr("waiting for a server"), [&](QRectF r) { p.fillRect(r, QBrush(wait, Qt::BDiagPattern)); });
  key(tr("own work"), [&](QRectF r) { p.fillRect(r, work); });
  key(tr("waiting on its calls"), [&](QRectF r) {
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(work, 1.2));
    p.drawRect(r);
  });
  key(tr("failed"), [&](QRectF r) { p.fillRect(r, fault); });
}

TraceWaterfall::TraceWaterfall(const std::vector<archbench::SimTrace>& traces, QWidget* parent)
    : QWidget(parent), traces_(traces), picker_(new QComboBox), view_(new WaterfallView) {
  picker_->setObjectName(QStringLiteral("tracePicker"));
  for (const auto& t : traces) {
    QString item =
        tr("%1 at %2: %3")
            .arg(q(t.request_class), q(archbench::format_duration(t.arrival_s)), q(t.outcome));
    if (t.latency_ms >= 0) item += tr(" in %1").arg(ms(t.latency_ms));
    item += tr(" (%n visits)", nullptr, static_cast<int>(t.spans.size()));
    picker_->addItem(item);
  }
  auto* scroll = new QScrollArea;
  scroll->setWidget(view_);
  scroll->setWidgetResizable(true);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Trace:")));
  top->addWidget(picker_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(scroll, 1);
  connect(picker_, &QComboBox::currentIndexChanged, this, &TraceWaterfall::showTrace);
  showTrace(traces.empty() ? -1 : 0);
}

void TraceWaterfall::showTrace(int index) {
  view_->setTrace(index >= 0 && index < static_cast<int>(traces_.size())
                      ? &traces_[static_cast<std::size_t>(index)]
                      : nullptr);
}
