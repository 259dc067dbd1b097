#include "metrics/patternrows.h"

#include <limits>

#include <QCoreApplication>

#include "archbench/consistency_figures.h"
#include "archbench/pattern_figures.h"
#include "document/document.h"
#include "document/names.h"
#include "metrics/metricscells.h"

namespace pattern_rows {

namespace {
QString q(const std::string& s) {
  return QString::fromStdString(s);
}
}  // namespace

ClassCells classCells(const archbench::ClassResult& c) {
  using cells::noFigureCell;
  using cells::numberCell;
  ClassCells out{};
  out.refused = c.refused_share ? numberCell(q(archbench::refused_share_text(c)), *c.refused_share)
                                : noFigureCell();
  out.duplicates = c.duplicates_per_day
                       ? numberCell(q(archbench::duplicates_text(c)), *c.duplicates_per_day)
                       : noFigureCell();
  out.lost = c.lost_share ? numberCell(q(archbench::lost_text(c)), *c.lost_share) : noFigureCell();
  if (c.stale) {
    out.stale = numberCell(q(archbench::stale_share_text(c)), c.stale->stale_share);
    out.stale->setToolTip(q(archbench::stale_reads_text(c)));
    // A projection whose backlog grows: no share or age, the cells say so (sorted last).
    if (c.stale->projection_unbounded) {
      out.stale = numberCell(q(archbench::stale_share_text(c)), 1);
      out.staleness = numberCell(q(archbench::staleness_text(c)), std::numeric_limits<double>::max());
    } else {
      out.staleness = c.stale->stale_share > 0
                          ? numberCell(q(archbench::staleness_text(c)), c.stale->staleness_ms)
                          : noFigureCell();
    }
  } else {
    out.stale = c.strong ? numberCell(q(archbench::stale_share_text(c)), 0) : noFigureCell();
    out.staleness = noFigureCell();
  }
  return out;
}

QString rateLimitRows(const archbench::Report& report, const Document& doc) {
  QString html;
  for (const auto& c : report.components) {
    if (!c.rate_limit_per_s) continue;
    html += QStringLiteral(
                "<tr><td style='padding-right:10px' valign='top'>%1</td>"
                "<td><a href='%2'>%3</a>: %4</td></tr>")
                .arg(QCoreApplication::translate("MetricsPanel", "Rate limit"),
                     q(c.id).toHtmlEscaped(), doc.nameOf(q(c.id)).toHtmlEscaped(),
                     q(archbench::rate_limit_text(c)).toHtmlEscaped());
  }
  return html;
}

QString connectionRows(const archbench::Report& report, const Document& doc,
                       const QColor& warning) {
  QString html;
  for (const auto& c : report.components) {
    if (!c.connections) continue;
    QString text = q(archbench::connections_text(c)).toHtmlEscaped();
    if (archbench::connections_refused(c))
      text = QStringLiteral("<span style='color:%1'>%2</span>").arg(warning.name(), text);
    html += QStringLiteral(
                "<tr><td style='padding-right:10px' valign='top'>%1</td>"
                "<td><a href='%2'>%3</a>: %4</td></tr>")
                .arg(QCoreApplication::translate("MetricsPanel", "Connections"),
                     q(c.id).toHtmlEscaped(), doc.nameOf(q(c.id)).toHtmlEscaped(), text);
  }
  return html;
}

QString shardingRows(const archbench::Report& report, const Document& doc) {
  QString html;
  auto row = [&](const archbench::ComponentResult& c, const QString& label, const std::string& text) {
    html += QStringLiteral(
                "<tr><td style='padding-right:10px' valign='top'>%1</td>"
                "<td><a href='%2'>%3</a>: %4</td></tr>")
                .arg(label, q(c.id).toHtmlEscaped(), doc.nameOf(q(c.id)).toHtmlEscaped(),
                     q(text).toHtmlEscaped());
  };
  for (const auto& c : report.components) {
    if (c.shards) row(c, QCoreApplication::translate("MetricsPanel", "Shards"), archbench::shards_text(c));
    if (c.parallel_links > 0)
      row(c, QCoreApplication::translate("MetricsPanel", "Fan-out"), archbench::fan_out_text(c));
  }
  return html;
}

QString scalingRows(const archbench::Report& report, const Document& doc, const QColor& warning) {
  QString html;
  auto row = [&](const char* label, const archbench::ComponentResult& c, QString text) {
    html += QStringLiteral(
                "<tr><td style='padding-right:10px' valign='top'>%1</td>"
                "<td><a href='%2'>%3</a>: %4</td></tr>")
                .arg(QCoreApplication::translate("MetricsPanel", label), q(c.id).toHtmlEscaped(),
                     doc.nameOf(q(c.id)).toHtmlEscaped(), text);
  };
  for (const auto& c : report.components) {
    if (c.autoscale) {
      QString text = q(archbench::autoscale_text(*c.autoscale, c.utilization)).toHtmlEscaped();
      if (c.autoscale->at_max())
        text = QStringLiteral("<span style='color:%1'>%2</span>").arg(warning.name(), text);
      row(QT_TRANSLATE_NOOP("MetricsPanel", "Autoscale"), c, text);
    }
    if (c.mesh)
      row(QT_TRANSLATE_NOOP("MetricsPanel", "Mesh"), c,
          q(archbench::mesh_text(*c.mesh)).toHtmlEscaped());
  }
  return html;
}

QString replayRows(const archbench::Report& report, const Document& doc, const QColor& warning) {
  QString html;
  for (const auto& c : report.components) {
    if (!c.replay) continue;
    QString text = withNames(archbench::replay_text(*c.replay), doc.version()).toHtmlEscaped();
    if (!c.replay->seconds)
      text = QStringLiteral("<span style='color:%1'>%2</span>").arg(warning.name(), text);
    html += QStringLiteral(
                "<tr><td style='padding-right:10px' valign='top'>%1</td>"
                "<td><a href='%2'>%3</a>: %4</td></tr>")
                .arg(QCoreApplication::translate("MetricsPanel", "Replay"), q(c.id).toHtmlEscaped(),
                     doc.nameOf(q(c.id)).toHtmlEscaped(), text);
  }
  return html;
}

}  // namespace pattern_rows
