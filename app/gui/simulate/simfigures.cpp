#include "simulate/simfigures.h"

#include <QHeaderView>
#include <cmath>

#include "archbench/figures.h"
#include "archbench/format.h"

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

SimFigures::SimFigures(const SimulationOutcome& outcome, QWidget* parent)
    : QTableWidget(0, kColumns, parent) {
  setObjectName(QStringLiteral("simFigures"));
  setHorizontalHeaderLabels({tr("Class / component"), tr("Figure"), tr("Analytic"),
                             tr("Simulated (95% interval)"), tr("Difference"),
                             tr("Analytic within interval")});
  verticalHeader()->setVisible(false);
  setEditTriggers(NoEditTriggers);
  setAlternatingRowColors(true);
  if (!outcome.report) return;
  const archbench::SimReport& r = *outcome.report;
  const archbench::Report* a = outcome.analytic ? &*outcome.analytic : nullptr;

  using archbench::Latency;
  using archbench::SimEstimate;
  using archbench::SimLatency;
  struct Pick {
    const char* name;
    const SimEstimate SimLatency::*sim;
    const double Latency::*analytic;  // null: simulated only
  };
  const Pick picks[] = {{"mean", &SimLatency::mean, &Latency::mean},
                        {"p50", &SimLatency::p50, &Latency::p50},
                        {"p95", &SimLatency::p95, &Latency::p95},
                        {"p99", &SimLatency::p99, &Latency::p99},
                        {"p99.9", &SimLatency::p999, nullptr}};
  for (const auto& c : r.classes) {
    const archbench::ClassResult* ac = a ? a->request_class(c.name) : nullptr;
    for (const Pick& p : picks) {
      std::optional<double> analytic;
      QString analyticText = QStringLiteral("—");
      if (ac && p.analytic) {
        if (ac->latency) analytic = (*ac->latency).*p.analytic;
        analyticText = q(archbench::format_ms(analytic));  // "saturated" without a latency
      }
      QString simText = QStringLiteral("—"), difference, within;
      if (c.latency) {
        const SimEstimate& e = (*c.latency).*p.sim;
        simText = q(archbench::format_ms_interval(e.value, e.half_width));
        if (analytic) {
          difference =
              q(archbench::figure_change(analytic, e.value, archbench::Direction::Neither).text);
          within = std::fabs(e.value - *analytic) <= e.half_width ? tr("yes") : tr("no");
        }
      }
      addRow(q(c.name), tr("%1 ms").arg(QLatin1String(p.name)), analyticText, simText, difference,
             within);
    }
    if (c.measured > c.unfinished)
      addRow(q(c.name), tr("success"),
             ac && !ac->saturated ? q(archbench::format_share(1)) : QStringLiteral("—"),
             q(archbench::format_share(c.success)), QString(), QString());
  }
  for (const auto& c : r.components) {
    if (!c.has_stations) continue;
    const archbench::ComponentResult* ac = a ? a->component(c.id) : nullptr;
    QString analyticText = QStringLiteral("—"), difference;
    if (ac) {
      analyticText = ac->utilization ? q(archbench::format_percent(*ac->utilization))
                                     : QStringLiteral("saturated");
      if (ac->utilization)
        difference = q(
            archbench::figure_change(ac->utilization, c.utilization, archbench::Direction::Neither)
                .text);
    }
    addRow(q(c.id), tr("utilization"), analyticText, q(archbench::format_percent(c.utilization)),
           difference, QString());
  }
  resizeColumnsToContents();
  verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
  for (int c = kAnalytic; c < kColumns; ++c) setColumnWidth(c, columnWidth(c) + 24);
}

void SimFigures::addRow(const QString& what, const QString& figure, const QString& analytic,
                        const QString& simulated, const QString& difference,
                        const QString& within) {
  const int row = rowCount();
  insertRow(row);
  const QString cells[] = {what, figure, analytic, simulated, difference, within};
  for (int c = 0; c < kColumns; ++c) {
    auto* item = new QTableWidgetItem(cells[c]);
    if (c >= kAnalytic)
      item->setTextAlignment((c == kWithin ? Qt::AlignHCenter : Qt::AlignRight) | Qt::AlignVCenter);
    setItem(row, c, item);
  }
}

int SimFigures::rowOf(const QString& what, const QString& figure) const {
  for (int r = 0; r < rowCount(); ++r)
    if (item(r, kWhat)->text() == what &&
        (item(r, kFigure)->text() == figure || item(r, kFigure)->text() == figure + " ms"))
      return r;
  return -1;
}

QString SimFigures::cell(int row, Column column) const {
  const QTableWidgetItem* i = item(row, column);
  return i ? i->text() : QString();
}
