#include "failure/scenariofigures.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTableWidget>
#include <algorithm>

#include "archbench/figures.h"
#include "archbench/format.h"
#include "document/names.h"
#include "failure/impacttable.h"
#include "metrics/metricscells.h"
#include "window/style.h"

using archbench::ClassOutcome;
using cells::q;

namespace scenario_figures {

namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("MetricsPanel", text);
}

QString percent(double fraction) {
  return q(archbench::format_share(fraction));  // a loss never rounds to 100%
}

QString row(const QString& label, const QString& value) {
  return QStringLiteral("<tr><td style='padding-right:10px' valign='top'>%1</td><td>%2</td></tr>")
      .arg(label, value);
}

QString red(const QPalette& palette, const QString& html) {
  return QStringLiteral("<span style='color:%1'>%2</span>")
      .arg(cells::saturatedTextColor(palette).name(), html);
}

// A component as a link to its row (and node), by its display name.
QString componentLink(const Document& doc, const std::string& id) {
  const archbench::Component* c = doc.component(q(id));
  const QString name = c ? q(c->display_name()) : q(id);
  return QStringLiteral("<a href='%1'>%2</a>").arg(q(id).toHtmlEscaped(), name.toHtmlEscaped());
}

QString duration(double seconds) {
  return style::downtime_text(seconds / 60);
}

}  // namespace

QString change(const QString& steady, const QString& faulted) {
  return steady == faulted ? faulted : QStringLiteral("%1 → %2").arg(steady, faulted);
}

QString title(const std::vector<archbench::Fault>& faults, const archbench::Version& version) {
  QStringList parts;
  for (const auto& f : faults) parts << q(archbench::describe(f, version));
  return parts.join(QStringLiteral(", "));
}

StatusLine statusLine(const std::vector<archbench::Fault>& faults,
                      const archbench::Version& version, const archbench::WhatIfReport* report,
                      const std::vector<archbench::Diagnostic>& problems) {
  QStringList what;
  for (const auto& f : faults) what << QString::fromStdString(archbench::describe(f, version));
  QString text = tr("Scenario: %1").arg(what.join(QStringLiteral(" · ")));
  QString tip = text;
  if (const archbench::WhatIfReport* r = report) {
    // The p95 in the engine's words, as the table shows it ("≈", timeout ceilings).
    auto p95 = [](const archbench::ClassOutcome& c) {
      const QString figure = q(archbench::answered_latency_text(c, archbench::AnsweredFigure::P95));
      return c.answered_p95_ms && !c.ceiling_timeout_ms ? figure + QStringLiteral(" ms") : figure;
    };
    // The class that loses the most requests; when none loses any, the one slowed the most.
    const archbench::ClassOutcome* worst = nullptr;
    const archbench::ClassOutcome* slowest = nullptr;
    double slowdown = 1;
    for (const auto& c : r->faulted.classes) {
      if (!worst || c.success + c.degraded < worst->success + worst->degraded) worst = &c;
      const archbench::ClassOutcome* before = r->steady.request_class(c.name);
      if (before && before->answered_p95_ms && c.answered_p95_ms && *before->answered_p95_ms > 0 &&
          *c.answered_p95_ms / *before->answered_p95_ms > slowdown) {
        slowdown = *c.answered_p95_ms / *before->answered_p95_ms;
        slowest = &c;
      }
      QString line =
          tr("%1: %2 answered, p95 %3")
              .arg(QString::fromStdString(c.name), impact_band::share_text(c.success + c.degraded),
                   p95(c));
      if (before) line += tr(" (steady: p95 %1)").arg(p95(*before));
      if (!c.reason.empty()) line += QStringLiteral(" — %1").arg(withNames(c.reason, version));
      tip += QLatin1Char('\n') + line;
    }
    if (worst && worst->success + worst->degraded < 1) {
      text += tr(" — %1 %2 answered")
                  .arg(QString::fromStdString(worst->name),
                       impact_band::share_text(worst->success + worst->degraded));
    } else if (slowest) {
      text += tr(" — %1 p95 %2 → %3")
                  .arg(QString::fromStdString(slowest->name),
                       p95(*r->steady.request_class(slowest->name)), p95(*slowest));
    } else {
      text += tr(" — every request answered as before");
    }
  }
  if (!report && !problems.empty()) {
    text += tr(" — cannot be evaluated");
    for (const auto& p : problems)
      tip += QLatin1Char('\n') + QString::fromStdString(p.message);
  }
  tip += tr("\nFailure ▸ Clear Faults goes back to the steady state.");
  return {text, tip};
}

void setupTable(QTableWidget* table) {
  cells::setupTable(
      table,
      {tr("Class"), tr("Rate/s"), tr("Success"), tr("Degraded"), tr("Failed"), tr("Mean"),
       tr("p95"), tr("Completion"), tr("Why")},
      {tr("Request class of the workload"),
       tr("Offered rate in the scenario (after a traffic spike), requests per second"),
       tr("Requests answered normally: steady → scenario"),
       tr("Requests answered by a fallback (an open breaker or a failed call with a degraded "
          "answer): steady → scenario"),
       tr("Requests that fail: errors, timeouts and requests that never return: steady → "
          "scenario"),
       tr("Mean latency of the answered requests, ms: steady → scenario"),
       tr("95th percentile latency of the answered requests, ms: steady → scenario. The steady "
          "figure is the steady report's; ≈ marks an estimate (the steady p95 scaled by the "
          "change of a two-moment gamma fit); \"timed out\" is a timeout ceiling"),
       tr("Queued work of an asynchronous class: on time, backed up, or behind a component that "
          "is down or saturated"),
       tr("What makes the class fail in the scenario")},
      {SRate, SSuccess, SDegraded, SFailed, SMean, SP95});
  table->setWordWrap(true);  // a reason or a timeout ceiling wraps rather than being cut
}

void fillTable(QTableWidget* table, const archbench::WhatIfReport* report,
               const archbench::Version& version, const QPalette& palette) {
  table->setSortingEnabled(false);
  table->clearContents();
  table->setRowCount(report ? static_cast<int>(report->faulted.classes.size()) : 0);
  bool anyAsync = false;
  if (report) {
    const QColor base = palette.color(QPalette::Base);
    int r = 0;
    for (const ClassOutcome& f : report->faulted.classes) {
      const ClassOutcome* s = report->steady.request_class(f.name);
      const ClassOutcome steady = s ? *s : ClassOutcome{};
      table->setItem(r, SName, cells::textCell(q(f.name), q(f.name)));
      table->setItem(
          r, SRate,
          cells::numberCell(archbench::format_significant(f.rate_per_s, 3), f.rate_per_s));
      auto share = [&](int column, double before, double after, const QColor& warn) {
        auto* cell = cells::numberCell(change(percent(before), percent(after)), after);
        if (!warn.isValid()) return table->setItem(r, column, cell);
        const QColor bg = cells::tint(warn, base, 0.45);
        cell->setBackground(bg);
        cell->setForeground(cells::readableTextOn(bg));
        table->setItem(r, column, cell);
      };
      const bool worse =
          percent(f.success) != percent(steady.success) && f.success < steady.success;
      auto* success =
          cells::numberCell(change(percent(steady.success), percent(f.success)), f.success);
      if (worse) {
        QFont bold = table->font();
        bold.setBold(true);
        success->setFont(bold);
      }
      table->setItem(r, SSuccess, success);
      share(SDegraded, steady.degraded, f.degraded,
            f.degraded >= 0.0005 ? style::strained_color() : QColor());
      share(SFailed, steady.failed, f.failed, f.failed >= 0.0005 ? style::fault_color() : QColor());
      auto latency = [&](int column, archbench::AnsweredFigure figure) {
        const std::optional<double>& after =
            figure == archbench::AnsweredFigure::Mean ? f.answered_mean_ms : f.answered_p95_ms;
        auto* cell =
            cells::numberCell(change(q(archbench::answered_latency_text(steady, figure)),
                                     q(archbench::answered_latency_text(f, figure))),
                              after ? *after : cells::kInf);
        cell->setToolTip(cell->text());  // a timeout ceiling is long: the whole text on hover
        if (!after && f.hung > 0)
          cell->setToolTip(
              tr("Unbounded: %1 of the requests wait without a timeout").arg(percent(f.hung)));
        table->setItem(r, column, cell);
      };
      latency(SMean, archbench::AnsweredFigure::Mean);
      latency(SP95, archbench::AnsweredFigure::P95);
      anyAsync = anyAsync || f.async;
      QString done = q(archbench::completion_text(f, report->faulted));
      if (!f.completion_blocked_by.empty()) {  // "s3 down" → "S3 images down"
        const QString id = q(f.completion_blocked_by);
        for (const auto& c : version.components)
          if (c.id == f.completion_blocked_by)
            for (const char* state : {" down", " saturated"})
              done.replace(id + QLatin1String(state), q(c.display_name()) + QLatin1String(state));
      }
      table->setItem(r, SDone, cells::textCell(done, done));
      QStringList why;
      if (!f.reason.empty()) why << withNames(f.reason, version);
      if (f.hung >= 0.0005) why << tr("%1 hang (no timeout on the path)").arg(percent(f.hung));
      if (f.stale_reads >= 0.0005) why << tr("%1 stale reads").arg(percent(f.stale_reads));
      const QString text = why.join(QStringLiteral("; "));
      table->setItem(r, SWhy, cells::textCell(text, text));
      ++r;
    }
  }
  table->setColumnHidden(SDone, !anyAsync);
  table->setSortingEnabled(true);
}

QString cascadeText(const archbench::WhatIfReport& report, const Document& doc) {
  QStringList cascade;
  for (const auto& step : archbench::cascade_steps(report)) {
    const archbench::Component* c = doc.component(q(step.id));
    QString text = c ? q(c->display_name()) : q(step.id);
    if (!step.state.empty()) text += QStringLiteral(" (%1)").arg(q(step.state));
    cascade << text;
  }
  return cascade.join(QStringLiteral(" → "));
}

QString summaryRows(const archbench::WhatIfReport& report, const Document& doc,
                    const QPalette& palette) {
  const archbench::ScenarioState& f = report.faulted;
  QString html;
  const QString sweeps = f.iterations == 1 ? tr("1 sweep") : tr("%1 sweeps").arg(f.iterations);
  html += row(tr("Fixed point"),
              f.converged ? tr("converged in %1").arg(sweeps)
                          : red(palette, tr("<b>not converged</b> after %1 (residual %2): the "
                                            "figures are approximate")
                                             .arg(sweeps, QString::number(f.residual, 'g', 2))));
  QStringList down;
  for (const auto& c : f.components) {
    if (c.down) down << componentLink(doc, c.id);
  }
  if (!down.isEmpty()) html += row(tr("Down"), down.join(QStringLiteral(", ")));
  // The engine's cascade (figures.h), as the CLI prints it but by name; each name links to its
  // row and node.
  QStringList cascade;
  for (const auto& step : archbench::cascade_steps(report)) {
    QString text = componentLink(doc, step.id);
    if (!step.state.empty()) text += QStringLiteral(" (%1)").arg(q(step.state));
    cascade << text;
  }
  html += row(tr("Cascade"), cascade.isEmpty() ? q(archbench::kNoCascade)
                                               : red(palette, cascade.join(QStringLiteral(" → "))));
  double amplification = 1;
  std::string amplified;
  for (const auto& c : f.components) {
    if (c.retry_amplification > amplification) {
      amplification = c.retry_amplification;
      amplified = c.id;
    }
  }
  if (amplification > 1.005)
    html += row(tr("Retries"), tr("×%1 load on %2")
                                   .arg(q(archbench::format_multiplier(amplification)),
                                        componentLink(doc, amplified)));
  for (const auto& b : report.backlogs) {
    const QString drains =
        b.drain_s ? tr("drains in %1").arg(duration(*b.drain_s)) : red(palette, tr("never drains"));
    html += row(tr("Backlog"),
                tr("%1: %2 messages after %3; %4; oldest %5")
                    .arg(componentLink(doc, b.queue),
                         q(archbench::format_significant(b.backlog_messages, 3)),
                         duration(b.duration_s), drains, duration(b.oldest_message_age_s)));
  }
  for (const auto& p : report.partitions) {
    QStringList lines;
    lines << tr("%1 (%2): %3 of the requests cut off for %4")
                 .arg(componentLink(doc, p.store),
                      p.synchronous ? tr("synchronous replication, CP") : tr("asynchronous, AP"),
                      percent(p.fraction), duration(p.duration_s));
    for (const auto& c : p.classes) {
      if (c.op == archbench::Op::Write)
        lines << tr("%1: CP refuses %2; AP accepts %3 writes to reconcile")
                     .arg(q(c.name).toHtmlEscaped(), percent(c.cp_failed),
                          q(archbench::format_significant(c.ap_divergent_writes, 3)));
      else if (c.strong)
        lines << tr("%1: strong reads fail %2 in either mode (the primary is out of reach)")
                     .arg(q(c.name).toHtmlEscaped(), percent(c.cp_failed));
      else
        lines << tr("%1: CP refuses %2; AP answers %3 stale")
                     .arg(q(c.name).toHtmlEscaped(), percent(c.cp_failed), percent(c.ap_stale));
    }
    if (!p.synchronous && p.divergence_window_s > 0)
      lines << tr("the sides disagree for %1").arg(duration(p.divergence_window_s));
    html += row(tr("Partition"), lines.join(QStringLiteral("<br>")));
  }
  return html;
}

QString problemRows(const Document& doc, const QPalette& palette) {
  QStringList lines;
  for (const auto& p : doc.faultProblems()) {
    const QString message = q(p.message).toHtmlEscaped();
    lines << (p.place.empty()
                  ? message
                  : QStringLiteral("<tt>%1</tt>: %2").arg(q(p.place).toHtmlEscaped(), message));
  }
  if (lines.isEmpty()) return {};
  return row(tr("Scenario"),
             red(palette,
                 tr("<b>cannot be evaluated:</b><br>%1").arg(lines.join(QStringLiteral("<br>")))));
}

QString spofRow(const archbench::AvailabilityReport& availability, const Document& doc) {
  // In the order of the version's components, each with the classes it fails.
  QStringList parts;
  for (const auto& c : doc.version().components) {
    QStringList classes;
    for (const auto& cls : availability.classes) {
      const auto& s = cls.single_points_of_failure;
      if (std::find(s.begin(), s.end(), c.id) != s.end()) classes << q(cls.name).toHtmlEscaped();
    }
    if (classes.isEmpty()) continue;
    QString why = classes.join(QStringLiteral(", "));
    // Several instances and still a single point: the load needs every one of them.
    for (const auto& a : availability.components) {
      if (a.id == c.id && a.instances > 1 && a.needed >= a.instances)
        why += tr("; all %1 instances needed for the load").arg(a.instances);
    }
    parts << QStringLiteral("%1 <small>(%2)</small>").arg(componentLink(doc, c.id), why);
  }
  return row(tr("Single points of failure"),
             parts.isEmpty() ? tr("none") : parts.join(QStringLiteral("<br>")));
}

}  // namespace scenario_figures
