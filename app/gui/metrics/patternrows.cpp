#include "metrics/patternrows.h"

#include <QCoreApplication>

#include "archbench/pattern_figures.h"
#include "document/document.h"

namespace pattern_rows {

namespace {
QString q(const std::string& s) {
  return QString::fromStdString(s);
}
}  // namespace

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

}  // namespace pattern_rows
