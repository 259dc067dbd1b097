#include "metrics/unfinishedtext.h"

#include <QObject>
#include <QTableWidget>

#include "archbench/format.h"
#include "document/document.h"
#include "metrics/metricscells.h"

namespace unfinished {

using cells::q;

QString readable(const Document& doc, const std::string& message) {
  QString text = q(message);
  for (const auto& c : doc.version().components) {
    if (c.name.empty() || c.name == c.id) continue;
    text.replace(QLatin1Char('"') + q(c.id) + QLatin1Char('"'),
                 QLatin1Char('"') + q(c.name) + QLatin1Char('"'));
  }
  return text;
}

QStringList problemsAt(const Document& doc, const std::string& id) {
  QStringList lines;
  if (const archbench::PartialEvaluation* e = doc.evaluation())
    for (const archbench::DesignProblem* p : e->problems_at(id)) lines << readable(doc, p->message);
  return lines;
}

QString noteAt(const Document& doc, const std::string& id) {
  const archbench::PartialEvaluation* e = doc.evaluation();
  const archbench::ComponentNote* n = e ? e->note(id) : nullptr;
  return n ? readable(doc, n->text) : QString();
}

QString problemsHtml(const Document& doc, const QPalette& palette) {
  const archbench::PartialEvaluation* e = doc.evaluation();
  if (!e && !doc.problems().empty()) {
    // The evaluation itself failed: the engine's messages, with their places.
    QString html = QStringLiteral("<div style='color:%1'><b>%2</b>")
                       .arg(cells::saturatedTextColor(palette).name(),
                            QObject::tr("%1 cannot be evaluated:")
                                .arg(q(doc.version().name).toHtmlEscaped()));
    for (const auto& p : doc.problems()) {
      const QString message = q(p.message).toHtmlEscaped();
      html += p.place.empty() ? QStringLiteral("<br>%1").arg(message)
                              : QStringLiteral("<br><tt>%1</tt>: %2")
                                    .arg(q(p.place).toHtmlEscaped(), message);
    }
    return html + QStringLiteral("</div>");
  }
  if (!e || e->complete()) return {};
  QString html = QStringLiteral("<p style='color:%1'><b>%2</b> %3")
                     .arg(cells::saturatedTextColor(palette).name(),
                          QObject::tr("Unfinished:").toHtmlEscaped(),
                          readable(doc, archbench::partial_summary(
                                            *e, doc.version().workload.size()))
                              .toHtmlEscaped());
  for (const auto& p : e->problems) {
    // At what it concerns, as the user named it: a component, else a link, else a class.
    QString at;
    if (!p.link_from.empty())
      at = doc.nameOf(LinkKey{q(p.link_from), q(p.link_to)});
    else if (!p.component.empty())
      at = doc.nameOf(q(p.component));
    else if (!p.request_class.empty())
      at = QObject::tr("class %1").arg(q(p.request_class));
    const QString message = readable(doc, p.message).toHtmlEscaped();
    html += at.isEmpty() ? QStringLiteral("<br>• %1").arg(message)
                         : QStringLiteral("<br>• <b>%1</b>: %2").arg(at.toHtmlEscaped(), message);
  }
  return html + QStringLiteral("</p>");
}

namespace {

QTableWidgetItem* notComputedCell(const QString& tip, const QPalette& palette) {
  QTableWidgetItem* cell = cells::textCell(QObject::tr("not computed"), tip);
  cell->setForeground(palette.color(QPalette::Disabled, QPalette::Text));
  return cell;
}

}  // namespace

void addLeftOutRows(QTableWidget* table, const Document& doc, int row, int nameColumn,
                    int opColumn, int rateColumn, int first, int last) {
  const archbench::PartialEvaluation* e = doc.evaluation();
  if (!e || e->left_out.empty()) return;
  table->setRowCount(row + static_cast<int>(e->left_out.size()));
  for (const std::string& name : e->left_out) {
    const archbench::RequestClass* r = nullptr;
    for (const auto& c : doc.version().workload)
      if (c.name == name) r = &c;
    QStringList why;
    for (const auto& p : e->problems)
      if (p.request_class == name) why << readable(doc, p.message);
    if (why.isEmpty())
      why << QObject::tr("its route passes a component or link with a problem (see the totals)");
    const QString tip = QObject::tr("%1: not computed\n%2").arg(q(name), why.join('\n'));
    table->setItem(row, nameColumn, cells::textCell(q(name), tip));
    if (r) {
      table->setItem(row, opColumn, cells::textCell(QString::fromUtf8(archbench::to_string(r->op))));
      table->setItem(row, rateColumn,
                     cells::numberCell(archbench::format_significant(r->peak_rate(), 3),
                                       r->peak_rate()));
    }
    for (int col = first; col <= last; ++col)
      table->setItem(row, col, notComputedCell(tip, table->palette()));
    ++row;
  }
}

void markComponentRow(QTableWidget* table, const Document& doc, int row, const std::string& id,
                      int nameColumn, int arrivalColumn, int utilColumn) {
  const archbench::PartialEvaluation* e = doc.evaluation();
  if (!e) return;
  const QStringList problems = problemsAt(doc, id);
  const archbench::ComponentNote* note = e->note(id);
  if (problems.isEmpty() && !note) return;
  QStringList tip;
  for (const QString& p : problems) tip << QObject::tr("problem: %1").arg(p);
  if (note) tip << readable(doc, note->text);
  if (QTableWidgetItem* name = table->item(row, nameColumn)) {
    name->setToolTip(name->toolTip() + QLatin1Char('\n') + tip.join('\n'));
    if (!problems.isEmpty()) name->setForeground(cells::saturatedTextColor(table->palette()));
  }
  if (!note) return;
  using Kind = archbench::ComponentNote::Kind;
  if (note->kind == Kind::NotComputed) {
    table->setItem(row, arrivalColumn, notComputedCell(tip.join('\n'), table->palette()));
    table->setItem(row, utilColumn, notComputedCell(tip.join('\n'), table->palette()));
  } else if (note->kind == Kind::NoTraffic) {
    QTableWidgetItem* util = cells::numberCell(QObject::tr("no traffic"), 0);
    util->setToolTip(tip.join('\n'));
    util->setForeground(table->palette().color(QPalette::Disabled, QPalette::Text));
    table->setItem(row, utilColumn, util);
  }
}

}  // namespace unfinished
