// The metrics panel's rows (MetricsPanel::fillClasses, fillComponents): per class its latency
// or "saturated" with the reason, the patterns' columns and its availability, SLO and error
// budget; per component its arrival rate, tinted utilization, what-if state, wait, response
// and cost. Every figure and its text come from the engine's reports.
#include "metrics/metricspanel.h"

#include <QTableWidget>
#include <optional>
#include <unordered_map>

#include "archbench/format.h"
#include "metrics/metricscells.h"
#include "metrics/metricspanel_internal.h"
#include "metrics/patternrows.h"
#include "metrics/unfinishedtext.h"
#include "window/style.h"

using archbench::ClassResult;
using archbench::ComponentResult;
using namespace cells;
using enum detail::ClassColumn;
using enum detail::ComponentColumn;

void MetricsPanel::fillClasses(const archbench::Report* report) {
  classes_->setSortingEnabled(false);  // rows would move while they are filled
  classes_->clearContents();
  classes_->setRowCount(report ? static_cast<int>(report->classes.size()) : 0);
  bool anyAsync = false;
  bool anySlo = false;
  bool anyRefused = false, anyDelivery = false, anyStale = false;
  if (report) {
    const QPalette pal = palette();
    int row = 0;
    for (const ClassResult& c : report->classes) {
      anyAsync = anyAsync || c.async;
      QString tip = q(c.name);
      if (c.async)
        tip +=
            tr("\nasynchronous: crosses a message queue; the latency is the acknowledgement, "
               "the completion is until its queued work is done");
      if (c.saturated) tip += tr("\nsaturated: %1").arg(named(c.reason));
      classes_->setItem(row, ClassName, textCell(q(c.name), tip));
      classes_->setItem(row, ClassOp, textCell(QString::fromUtf8(archbench::to_string(c.op))));
      classes_->setItem(row, ClassRate,
                        numberCell(archbench::format_significant(c.rate_per_s, 3), c.rate_per_s));
      const double archbench::Latency::*fields[] = {
          &archbench::Latency::mean, &archbench::Latency::p50, &archbench::Latency::p95,
          &archbench::Latency::p99};
      int col = ClassMean;
      for (auto field : fields) {
        if (c.latency) {
          const double ms = (*c.latency).*field;
          classes_->setItem(row, col, numberCell(archbench::format_ms(ms), ms));
        } else {
          classes_->setItem(row, col, saturatedCell(named(c.reason), pal));
        }
        ++col;
      }
      if (!c.async) {
        classes_->setItem(row, ClassDone, noFigureCell());
      } else if (c.completion) {
        classes_->setItem(row, ClassDone,
                          numberCell(archbench::format_ms(c.completion->p95), c.completion->p95));
      } else {
        classes_->setItem(row, ClassDone, saturatedCell(named(c.completion_reason), pal));
      }
      anyRefused = anyRefused || c.refused_share.has_value();
      anyDelivery = anyDelivery || c.duplicates_per_day.has_value();
      const pattern_rows::ClassCells cells = pattern_rows::classCells(c);
      classes_->setItem(row, ClassRefused, cells.refused);
      classes_->setItem(row, ClassDuplicates, cells.duplicates);
      classes_->setItem(row, ClassLost, cells.lost);
      classes_->setItem(row, ClassStale, cells.stale);
      classes_->setItem(row, ClassStaleness, cells.staleness);
      anyStale = anyStale || c.stale.has_value() || c.strong;
      anySlo = fillAvailability(row, c.name) || anySlo;
      ++row;
    }
    unfinished::addLeftOutRows(classes_, *doc_, row, ClassName, ClassOp, ClassRate, ClassMean,
                               ClassDone);
  }
  classes_->setColumnHidden(ClassDone, !anyAsync);
  classes_->setColumnHidden(ClassRefused, !anyRefused);
  classes_->setColumnHidden(ClassDuplicates, !anyDelivery);
  classes_->setColumnHidden(ClassLost, !anyDelivery);
  classes_->setColumnHidden(ClassStale, !anyStale);
  classes_->setColumnHidden(ClassStaleness, !anyStale);
  const bool availability = report && doc_->availability();
  classes_->setColumnHidden(ClassAvailability, !availability);
  classes_->setColumnHidden(ClassDowntime, !availability);
  classes_->setColumnHidden(ClassSlo, !anySlo);
  classes_->setColumnHidden(ClassBudget, !anySlo);
  classes_->setSortingEnabled(true);
  classesWidth_ = fitColumns(classes_);
}

// The class's availability, downtime, SLO and budget; true when it states an SLO.
bool MetricsPanel::fillAvailability(int row, const std::string& name) {
  const archbench::AvailabilityReport* report = doc_->availability();
  const archbench::ClassAvailability* a = nullptr;
  if (report) {
    for (const auto& c : report->classes) {
      if (c.name == name) a = &c;
    }
  }
  if (!a) {
    for (int col : {ClassAvailability, ClassDowntime, ClassSlo, ClassBudget})
      classes_->setItem(row, col, noFigureCell());
    return false;
  }
  if (a->saturated) {
    // Saturation is a state of the load, not downtime: not 0% and a month down.
    classes_->setItem(row, ClassAvailability, saturatedCell(named(a->saturated_reason), palette()));
    classes_->setItem(row, ClassDowntime, saturatedCell(named(a->saturated_reason), palette()));
    classes_->setItem(row, ClassSlo,
                      a->slo_percent ? numberCell(QString::number(*a->slo_percent, 'g', 6) +
                                                      QLatin1Char('%'),
                                                  *a->slo_percent)
                                     : noFigureCell());
    classes_->setItem(row, ClassBudget, a->slo_percent ? saturatedCell(named(a->saturated_reason), palette())
                                                       : noFigureCell());
    return a->slo_percent.has_value();
  }
  auto* avail = numberCell(style::availability_text(a->availability), a->availability);
  QStringList spofs;
  for (const auto& id : a->single_points_of_failure) spofs << q(id);
  avail->setToolTip(spofs.isEmpty() ? tr("No single point of failure")
                                    : tr("Single points of failure: %1").arg(spofs.join(", ")));
  classes_->setItem(row, ClassAvailability, avail);
  auto* downtime = numberCell(style::downtime_text(a->downtime_minutes_per_month),
                              a->downtime_minutes_per_month);
  downtime->setToolTip(tr("Expected downtime: %1 a month, %2 a year")
                           .arg(style::downtime_text(a->downtime_minutes_per_month),
                                style::downtime_text(a->downtime_hours_per_year * 60)));
  classes_->setItem(row, ClassDowntime, downtime);
  if (!a->slo_percent) {
    classes_->setItem(row, ClassSlo, noFigureCell());
    classes_->setItem(row, ClassBudget, noFigureCell());
    return false;
  }
  classes_->setItem(
      row, ClassSlo,
      numberCell(QString::number(*a->slo_percent, 'g', 6) + QLatin1Char('%'), *a->slo_percent));
  if (!a->budget_used) {
    classes_->setItem(row, ClassBudget, noFigureCell());
    return true;
  }
  auto* budget = numberCell(archbench::format_percent(*a->budget_used), *a->budget_used);
  if (a->error_budget_minutes_per_month)
    budget->setToolTip(tr("Error budget %1 per month")
                           .arg(style::downtime_text(*a->error_budget_minutes_per_month)));
  if (*a->budget_used > 1) {
    const QColor bg = tint(style::fault_color(), palette().color(QPalette::Base), 0.55);
    budget->setBackground(bg);
    budget->setForeground(readableTextOn(bg));
    budget->setToolTip(tr("The SLO is not met. ") + budget->toolTip());
  }
  classes_->setItem(row, ClassBudget, budget);
  return true;
}

void MetricsPanel::fillComponents(const archbench::Report* report) {
  components_->setSortingEnabled(false);
  components_->clearContents();
  components_->setRowCount(report ? static_cast<int>(report->components.size()) : 0);
  const archbench::WhatIfReport* whatIf = report ? doc_->faultReport() : nullptr;
  if (report) {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    // The scenario's state of each component, looked up once.
    std::unordered_map<std::string, const archbench::ComponentOutcome*> faulted;
    if (whatIf) {
      for (const auto& o : whatIf->faulted.components) faulted.emplace(o.id, &o);
    }
    auto whatIfCell = [&](const std::string& id, bool client) -> QTableWidgetItem* {
      const auto it = faulted.find(id);
      if (client || it == faulted.end()) return noFigureCell();
      const archbench::ComponentOutcome& o = *it->second;
      QTableWidgetItem* cell = nullptr;
      QColor solid;
      if (o.down) {
        cell = numberCell(tr("down"), cells::kInf);
        solid = style::utilization_color(std::nullopt, false);
      } else if (o.saturated || !o.utilization) {
        cell = numberCell(tr("saturated"), cells::kInf);
        solid = style::utilization_color(std::nullopt, true);
      } else {
        cell = numberCell(archbench::format_percent(*o.utilization), *o.utilization);
        solid = style::utilization_color(o.utilization, false);
      }
      QStringList tip;
      if (!o.fault.empty()) tip << q(o.fault);
      if (!o.reason.empty()) tip << q(o.reason);
      if (o.retry_amplification > 1.005)
        tip << tr("retries: ×%1 load").arg(q(archbench::format_multiplier(o.retry_amplification)));
      cell->setToolTip(tip.join('\n'));
      const QColor bg = tint(solid, base, o.saturated ? 0.85 : 0.55);
      cell->setBackground(bg);
      cell->setForeground(readableTextOn(bg));
      return cell;
    };
    int row = 0;
    for (const ComponentResult& c : report->components) {
      const bool client = c.behaviour == archbench::Behaviour::Client;
      const bool bottleneck = c.id == report->totals.bottleneck;
      const QString name = q(c.name.empty() ? c.id : c.name);
      const archbench::KindDecl* kind = doc_->catalog().find(c.kind);
      QString tip = tr("%1 (%2)\nid: %3").arg(name, kind ? q(kind->label) : q(c.kind), q(c.id));
      if (c.saturated) tip += tr("\nsaturated: %1").arg(named(c.reason));
      if (bottleneck && !report->totals.bottleneck_reason.empty())
        tip += tr("\nbottleneck: %1").arg(q(report->totals.bottleneck_reason));
      auto* nameCell = textCell(name, tip);
      nameCell->setData(kIdRole, q(c.id));
      nameCell->setIcon(style::kind_icon(q(c.kind)));
      if (bottleneck) {
        QFont f = components_->font();
        f.setBold(true);
        nameCell->setFont(f);
      }
      components_->setItem(row, CompName, nameCell);
      components_->setItem(row, CompKind, textCell(kind ? q(kind->label) : q(c.kind), q(c.kind)));
      components_->setItem(
          row, CompArrival,
          numberCell(archbench::format_significant(c.arrival_per_s, 3), c.arrival_per_s));

      QTableWidgetItem* util = nullptr;
      if (client) {
        util = noFigureCell();
      } else if (c.utilization) {
        util = numberCell(archbench::format_percent(*c.utilization), *c.utilization);
      } else {
        util = saturatedCell(named(c.reason), pal);
      }
      if (!client) {
        // A tint of the utilization colour over the table's base keeps the text readable in
        // light and dark themes.
        const QColor bg = tint(style::utilization_color(c.utilization, c.saturated), base,
                               c.saturated ? 0.85 : 0.55);
        util->setBackground(bg);
        util->setForeground(readableTextOn(bg));
      }
      components_->setItem(row, CompUtil, util);
      components_->setItem(row, CompWhatIf, whatIfCell(c.id, client));

      auto msCell = [&](const std::optional<double>& ms) -> QTableWidgetItem* {
        if (client) return noFigureCell();
        if (ms) return numberCell(archbench::format_ms(*ms), *ms);
        if (c.saturated) return saturatedCell(named(c.reason), pal);
        return noFigureCell();
      };
      components_->setItem(row, CompWait, msCell(c.wait_ms));
      components_->setItem(row, CompResponse, msCell(c.response_ms));
      auto* cost = numberCell(archbench::format_usd(c.cost_per_month), c.cost_per_month);
      QStringList terms;
      for (const auto& item : c.costs)
        terms << QStringLiteral("%1: %2").arg(q(item.term),
                                              q(archbench::format_usd(item.usd_per_month)));
      cost->setToolTip(terms.join('\n'));
      components_->setItem(row, CompCost, cost);
      unfinished::markComponentRow(components_, *doc_, row, c.id, CompName, CompArrival, CompUtil);
      ++row;
    }
  }
  components_->setColumnHidden(CompWhatIf, !whatIf);
  components_->setSortingEnabled(true);
  measureComponents();
}
