#include "compare/comparisontable.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <algorithm>
#include <cmath>
#include <functional>

#include "archbench/compare_figures.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "versions/versionnotes.h"

using archbench::VersionResult;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Which way a figure improves; Neither still shows the change, in a neutral colour; None shows
// no change at all.
enum class Better { Lower, Higher, Neither, None };

// One version's figure in one row.
struct Figure {
  std::optional<double> value;  // the engine's number behind the text
  QString text;
  QString tip;
  bool saturated = false;
};

struct RowSpec {
  QString label;
  QString tip;
  Better better;
  bool count = false;  // the change is a difference ("+1"), not a percentage
  std::function<Figure(const VersionResult&)> figure;
};

bool dark(const QPalette& palette) {
  return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor better_color(const QPalette& p) {
  return dark(p) ? QColor(0x6f, 0xdc, 0x8c) : QColor(0x1b, 0x7a, 0x35);
}
QColor worse_color(const QPalette& p) {
  return dark(p) ? QColor(0xff, 0x8a, 0x80) : QColor(0xc0, 0x39, 0x2b);
}
QColor saturated_color(const QPalette& p) {
  return dark(p) ? QColor(0xff, 0x5c, 0x5c) : QColor(0x8b, 0x00, 0x1a);
}
QColor neutral_color(const QPalette& p) {
  return p.color(QPalette::PlaceholderText);
}

// Draws the figure on the left and its change on the right, in the change's colour.
class ChangeDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    if (index.data(ComparisonTable::NotesRole).toBool()) {
      paintNotes(painter, option, index);
      return;
    }
    const QString change = index.data(ComparisonTable::ChangeRole).toString();
    if (change.isEmpty()) {
      QStyledItemDelegate::paint(painter, option, index);
      return;
    }
    QStyleOptionViewItem o = option;
    initStyleOption(&o, index);
    const QString value = o.text;
    o.text.clear();
    const QWidget* widget = o.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &o, painter, widget);
    const QRect area =
        style->subElementRect(QStyle::SE_ItemViewItemText, &o, widget).adjusted(kPad, 0, -kPad, 0);
    const bool selected = o.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        o.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    painter->save();
    painter->setFont(o.font);
    painter->setPen(o.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const int change_width = o.fontMetrics.horizontalAdvance(change);
    const QRect value_area = area.adjusted(0, 0, -change_width - kGap, 0);
    painter->drawText(value_area, Qt::AlignLeft | Qt::AlignVCenter,
                      o.fontMetrics.elidedText(value, Qt::ElideRight, value_area.width()));
    QFont bold = o.font;
    bold.setBold(true);
    painter->setFont(bold);
    const QColor color = index.data(ComparisonTable::ChangeColorRole).value<QColor>();
    painter->setPen(selected ? o.palette.color(group, QPalette::HighlightedText) : color);
    painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, change);
    painter->restore();
  }

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    // The notes row shows as much of the first line as the figures' width leaves.
    if (index.data(ComparisonTable::NotesRole).toBool())
      return {option.fontMetrics.averageCharWidth() * 12, size.height()};
    const QString change = index.data(ComparisonTable::ChangeRole).toString();
    if (!change.isEmpty()) {
      QFont bold = option.font;
      bold.setBold(true);
      size.rwidth() += QFontMetrics(bold).horizontalAdvance(change) + kGap + 2 * kPad;
    }
    return size;
  }

 private:
  // As many whole lines of the note as the row holds, the last one elided: a line cut in half
  // by the cell's edge reads as a glitch.
  void paintNotes(QPainter* painter, const QStyleOptionViewItem& option,
                  const QModelIndex& index) const {
    QStyleOptionViewItem o = option;
    initStyleOption(&o, index);
    const QString text = o.text;
    o.text.clear();
    const QWidget* widget = o.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &o, painter, widget);
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &o, widget)
                           .adjusted(kPad, kPad, -kPad, -kPad);
    const QFontMetrics fm(o.font);
    const int lines = std::max(1, area.height() / fm.lineSpacing());
    QTextLayout layout(text, o.font);
    layout.beginLayout();
    QStringList shown;
    for (int i = 0; i < lines; ++i) {
      QTextLine line = layout.createLine();
      if (!line.isValid()) break;
      line.setLineWidth(area.width());
      if (i == lines - 1) {
        shown << fm.elidedText(text.mid(line.textStart()), Qt::ElideRight, area.width());
        break;
      }
      shown << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    const bool selected = o.state & QStyle::State_Selected;
    painter->save();
    painter->setFont(o.font);
    painter->setPen(o.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    for (int i = 0; i < shown.size(); ++i) {
      painter->drawText(
          QRect(area.left(), area.top() + i * fm.lineSpacing(), area.width(), fm.lineSpacing()),
          Qt::AlignLeft | Qt::AlignVCenter, shown[i]);
    }
    painter->restore();
  }

  static constexpr int kPad = 3;
  static constexpr int kGap = 14;
};

Figure number(double value, const std::string& text) {
  return {value, q(text), {}, false};
}

Figure none(const QString& tip) {
  return {std::nullopt, QStringLiteral("—"), tip, false};
}

Figure compared(const archbench::ComparedFigure& f) {
  return {f.value, q(f.text), q(f.reason), f.saturated};
}

std::vector<RowSpec> row_specs(const archbench::Comparison& c) {
  using archbench::Latency;
  std::vector<RowSpec> rows;
  rows.push_back({QObject::tr("Offered load (req/s)"),
                  QObject::tr("Total rate of every class at peak, under the workload evaluated"),
                  Better::Neither, false, [](const VersionResult& v) {
                    const double r = v.report.totals.offered_rate_per_s;
                    return number(r, archbench::format_significant(r, 3));
                  }});

  // Classes in the order they first appear across the versions.
  std::vector<std::string> classes;
  std::vector<bool> async;
  for (const auto& v : c.versions) {
    for (const auto& cls : v.report.classes) {
      const auto it = std::find(classes.begin(), classes.end(), cls.name);
      if (it == classes.end()) {
        classes.push_back(cls.name);
        async.push_back(cls.async);
      } else if (cls.async) {
        async[static_cast<std::size_t>(it - classes.begin())] = true;
      }
    }
  }
  struct Pct {
    const char* name;
    double Latency::*field;
  };
  const Pct pcts[] = {{"p50", &Latency::p50}, {"p95", &Latency::p95}, {"p99", &Latency::p99}};
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const std::string cls = classes[i];
    for (const Pct& p : pcts) {
      const QString tip =
          async[i]
              ? QObject::tr(
                    "%1 latency of %2 in ms: the acknowledgement (the class crosses "
                    "a message queue)")
                    .arg(QLatin1String(p.name), q(cls))
              : QObject::tr("%1 end-to-end latency of %2 in ms").arg(QLatin1String(p.name), q(cls));
      rows.push_back({QStringLiteral("%1 %2 (ms)").arg(q(cls), QLatin1String(p.name)), tip,
                      Better::Lower, false, [cls, field = p.field](const VersionResult& v) {
                        const archbench::ClassResult* r = v.report.request_class(cls);
                        if (!r)
                          return none(QObject::tr("%1 has no class %2").arg(q(v.name), q(cls)));
                        if (!r->latency)
                          return Figure{std::nullopt, QObject::tr("saturated"), q(r->reason), true};
                        const double ms = (*r->latency).*field;
                        return number(ms, archbench::format_ms(ms));
                      }});
    }
    if (!async[i]) continue;
    rows.push_back(
        {QStringLiteral("%1 completion p95 (ms)").arg(q(cls)),
         QObject::tr("95th percentile time until the queued work of %1 is done, ms").arg(q(cls)),
         Better::Lower, false, [cls](const VersionResult& v) {
           const archbench::ClassResult* r = v.report.request_class(cls);
           if (!r) return none(QObject::tr("%1 has no class %2").arg(q(v.name), q(cls)));
           if (!r->async) return none(QObject::tr("%1 does not queue %2").arg(q(v.name), q(cls)));
           if (!r->completion)
             return Figure{std::nullopt, QObject::tr("saturated"), q(r->completion_reason), true};
           return number(r->completion->p95, archbench::format_ms(r->completion->p95));
         }});
  }

  // Under one shared workload the multiplier compares capacities; under each version's own it
  // is the headroom over that load (V3's ×3.78 of a 10× larger load is less headroom, not less
  // capacity, than V2's ×12.6). Higher is better either way.
  QString label = q(archbench::max_throughput_label(c));
  label[0] = label[0].toUpper();
  rows.push_back(
      {label,
       c.workload_of
           ? QObject::tr("Multiplier on the shared workload at which the first station saturates")
           : QObject::tr("Headroom: the multiplier on each version's own load at which its first "
                         "station saturates"),
       Better::Higher, false,
       [](const VersionResult& v) { return compared(archbench::max_throughput_figure(v)); }});
  rows.push_back({QObject::tr("Max throughput (req/s)"),
                  QObject::tr("Total offered rate at the maximum throughput"), Better::Higher,
                  false, [](const VersionResult& v) {
                    const auto& r = v.report.totals.max_throughput_rate_per_s;
                    if (!r) return none(QObject::tr("no traffic"));
                    return number(*r, archbench::format_rate(*r));
                  }});
  rows.push_back({QObject::tr("Bottleneck"),
                  QObject::tr("The station that saturates first as the load grows"), Better::None,
                  false, [](const VersionResult& v) {
                    const auto& t = v.report.totals;
                    if (t.bottleneck.empty()) return none(QObject::tr("no traffic"));
                    const archbench::ComponentResult* b = v.report.component(t.bottleneck);
                    const QString name = b && !b->name.empty() ? q(b->name) : q(t.bottleneck);
                    QString tip = QObject::tr("id: %1").arg(q(t.bottleneck));
                    if (!t.bottleneck_reason.empty())
                      tip += QLatin1Char('\n') + q(t.bottleneck_reason);
                    return Figure{std::nullopt, name, tip, false};
                  }});
  rows.push_back({QObject::tr("Cost per month"), QObject::tr("Nodes plus usage, $ per month"),
                  Better::Lower, false, [](const VersionResult& v) {
                    const double usd = v.report.totals.cost_per_month;
                    return number(usd, archbench::format_usd(usd));
                  }});
  rows.push_back({QObject::tr("Cost per million requests"),
                  QObject::tr("Cost per month over the requests of a month at this workload"),
                  Better::Lower, false, [](const VersionResult& v) {
                    const auto& t = v.report.totals;
                    if (!t.cost_per_million_requests) {
                      if (t.cost_per_million_note.empty()) return none(QObject::tr("no traffic"));
                      // Saturated: the engine says why there is no figure.
                      return Figure{std::nullopt, q(archbench::cost_per_million_text(t)),
                                    q(t.cost_per_million_note), true};
                    }
                    return number(*t.cost_per_million_requests,
                                  archbench::cost_per_million_text(t));
                  }});
  rows.push_back({QObject::tr("Components"), QObject::tr("Number of components in the version"),
                  Better::Neither, true, [](const VersionResult& v) {
                    const auto n = static_cast<double>(v.components);
                    return number(n, std::to_string(v.components));
                  }});
  // Availability and SLOs (compare_figures.h): the downtime and the budget used carry the change.
  for (const std::string& cls : archbench::compared_classes(c)) {
    rows.push_back({QStringLiteral("%1 availability").arg(q(cls)),
                    QObject::tr("Share of %1's requests whose components are all up").arg(q(cls)),
                    Better::None, false, [cls](const VersionResult& v) {
                      return compared(archbench::availability_figure(v, cls));
                    }});
    rows.push_back({QStringLiteral("%1 downtime per month").arg(q(cls)),
                    QObject::tr("Expected time a month in which %1 fails").arg(q(cls)),
                    Better::Lower, false, [cls](const VersionResult& v) {
                      return compared(archbench::downtime_figure(v, cls));
                    }});
  }
  for (const std::string& cls : archbench::compared_stale_classes(c)) {
    rows.push_back({QStringLiteral("%1 stale reads").arg(q(cls)),
                    QObject::tr("Share of %1's reads that miss a recent write (a lagging replica "
                                "or read model)").arg(q(cls)),
                    Better::Lower, false, [cls](const VersionResult& v) {
                      return compared(archbench::stale_figure(v, cls));
                    }});
  }
  for (const std::string& id : archbench::compared_replay_queues(c)) {
    rows.push_back({QStringLiteral("%1 replay time").arg(q(id)),
                    QObject::tr("Time a rebuild of the projections %1 feeds takes at the spare "
                                "capacity left by live events").arg(q(id)),
                    Better::Lower, false, [id](const VersionResult& v) {
                      return compared(archbench::replay_figure(v, id));
                    }});
  }
  for (const std::string& cls : archbench::compared_slo_classes(c)) {
    rows.push_back({QStringLiteral("%1 SLO").arg(q(cls)),
                    QObject::tr("The availability %1 promises").arg(q(cls)), Better::None, false,
                    [cls](const VersionResult& v) {
                      return compared(archbench::slo_figure(v, cls));
                    }});
    rows.push_back({QStringLiteral("%1 error budget used").arg(q(cls)),
                    QObject::tr("Expected downtime over the downtime the SLO allows; above 100% "
                                "the SLO is missed"),
                    Better::Lower, false, [cls](const VersionResult& v) {
                      return compared(archbench::budget_used_figure(v, cls));
                    }});
  }
  return rows;
}

struct Change {
  QString text;
  int sense = 0;
  QString tip;
};

std::optional<Change> change_between(const RowSpec& row, const Figure& before, const Figure& after,
                                     const QString& name, const QString& previous) {
  if (row.better == Better::None) return std::nullopt;
  if (before.saturated && !after.saturated && after.value) {
    return Change{QObject::tr("was saturated"), row.better == Better::Neither ? 0 : 1,
                  QObject::tr("%1 vs %2: saturated in %2, a figure in %1").arg(name, previous)};
  }
  if (!before.value || !after.value) return std::nullopt;
  const double diff = *after.value - *before.value;
  Change out;
  if (row.count) {
    const auto n = static_cast<long long>(std::llround(diff));
    out.text = n == 0  ? QStringLiteral("=")
               : n > 0 ? QStringLiteral("+%1").arg(n)
                       : QStringLiteral("−%1").arg(-n);
  } else {
    // The engine decides and words the change, as the CLI prints it (figures.h): "=" below
    // 0.05%, better or worse (coloured) from 1%.
    const archbench::Direction direction = row.better == Better::Lower    ? archbench::Direction::Lower
                                           : row.better == Better::Higher ? archbench::Direction::Higher
                                                                          : archbench::Direction::Neither;
    const archbench::FigureChange change =
        archbench::figure_change(before.value, after.value, direction);
    if (!change.relative) return std::nullopt;
    out.text = q(change.text);
    out.sense = change.sense;
  }
  const QString verdict = out.sense > 0   ? QObject::tr(" — better")
                          : out.sense < 0 ? QObject::tr(" — worse")
                                          : QString();
  out.tip = QObject::tr("%1 vs %2: %3 (%4 → %5)%6")
                .arg(name, previous, out.text, before.text, after.text, verdict);
  return out;
}

}  // namespace

ComparisonTable::ComparisonTable(QWidget* parent) : QTableWidget(parent) {
  setItemDelegate(new ChangeDelegate(this));
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setAlternatingRowColors(true);
  setWordWrap(true);
  setShowGrid(false);
  setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  horizontalHeader()->setHighlightSections(false);
  horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  verticalHeader()->setHighlightSections(false);
  verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
}

void ComparisonTable::clearComparison() {
  clear();
  setRowCount(0);
  setColumnCount(0);
}

int ComparisonTable::rowOf(const QString& label) const {
  for (int r = 0; r < rowCount(); ++r) {
    const QTableWidgetItem* h = verticalHeaderItem(r);
    if (h && h->text() == label) return r;
  }
  return -1;
}

int ComparisonTable::fullHeight() const {
  int h = horizontalHeader()->height() + 2 * frameWidth();
  for (int r = 0; r < rowCount(); ++r) h += rowHeight(r);
  if (horizontalScrollBar()->isVisible()) h += horizontalScrollBar()->height();
  return h;
}

void ComparisonTable::showComparison(const archbench::Comparison& c) {
  const std::vector<RowSpec> rows = row_specs(c);
  const QPalette pal = palette();
  clear();
  setColumnCount(static_cast<int>(c.versions.size()));
  setRowCount(static_cast<int>(rows.size()) + 1);

  for (int col = 0; col < columnCount(); ++col) {
    const VersionResult& v = c.versions[static_cast<std::size_t>(col)];
    auto* header = new QTableWidgetItem(q(v.name));
    QString tip = version_notes::tooltip(v.notes);
    if (!v.workload_notes.empty()) {
      QString adapted;
      for (const auto& n : v.workload_notes)
        adapted += QStringLiteral("<br>• ") + q(n).toHtmlEscaped();
      tip += QObject::tr("<p><b>At %1's workload:</b>%2</p>").arg(q(*c.workload_of), adapted);
    }
    header->setToolTip(tip);
    setHorizontalHeaderItem(col, header);

    auto* notes = new QTableWidgetItem(version_notes::first_line(v.notes));
    notes->setToolTip(version_notes::tooltip(v.notes));
    notes->setData(NotesRole, true);
    notes->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
    QFont italic = font();
    italic.setItalic(true);
    notes->setFont(italic);
    setItem(0, col, notes);
  }
  auto* notes_header = new QTableWidgetItem(tr("Notes"));
  notes_header->setToolTip(
      tr("The first line of each version's notes: why it exists (trigger) "
         "and what it changed (decision). The whole text is in the tooltip "
         "and below the table."));
  setVerticalHeaderItem(0, notes_header);
  setRowHeight(0, fontMetrics().lineSpacing() * 3 + 10);

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const RowSpec& spec = rows[r];
    const int row = static_cast<int>(r) + 1;
    auto* header = new QTableWidgetItem(spec.label);
    header->setToolTip(spec.tip);
    setVerticalHeaderItem(row, header);
    std::optional<Figure> previous;
    QString previous_name;
    for (int col = 0; col < columnCount(); ++col) {
      const VersionResult& v = c.versions[static_cast<std::size_t>(col)];
      const Figure f = spec.figure(v);
      auto* item = new QTableWidgetItem(f.text);
      QString tip = f.tip;
      if (f.saturated) {
        item->setForeground(saturated_color(pal));
        QFont bold = font();
        bold.setBold(true);
        item->setFont(bold);
        tip = tr("saturated: %1").arg(f.tip);
      }
      if (previous) {
        if (auto ch = change_between(spec, *previous, f, q(v.name), previous_name)) {
          item->setData(ChangeRole, ch->text);
          item->setData(SenseRole, ch->sense);
          item->setData(ChangeColorRole, ch->sense > 0   ? better_color(pal)
                                         : ch->sense < 0 ? worse_color(pal)
                                                         : neutral_color(pal));
          tip = tip.isEmpty() ? ch->tip : tip + QLatin1Char('\n') + ch->tip;
        }
      }
      item->setToolTip(tip);
      setItem(row, col, item);
      previous = f;
      previous_name = q(v.name);
    }
  }
  fitColumns();
}

void ComparisonTable::resizeEvent(QResizeEvent* event) {
  QTableWidget::resizeEvent(event);
  fitColumns();
}

// Each column as wide as its figures; what the viewport has left is shared out, so that the
// notes row shows more of its text and no empty band opens on the right.
void ComparisonTable::fitColumns() {
  const int n = columnCount();
  if (n == 0) return;
  resizeColumnsToContents();
  int used = 0;
  for (int col = 0; col < n; ++col) used += columnWidth(col);
  const int spare = viewport()->width() - used;
  if (spare <= 0) return;
  for (int col = 0; col < n; ++col) setColumnWidth(col, columnWidth(col) + spare / n);
}
