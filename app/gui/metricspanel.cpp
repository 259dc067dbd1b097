#include "metricspanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "archbench/format.h"
#include "style.h"

using archbench::ClassResult;
using archbench::ComponentResult;

namespace {

constexpr int kIdRole = Qt::UserRole;        // component id, on a row's first cell
constexpr int kSortRole = Qt::UserRole + 1;  // the engine's figure behind a number cell
constexpr double kInf = std::numeric_limits<double>::infinity();

enum ClassColumn {
  ClassName,
  ClassOp,
  ClassRate,
  ClassMean,
  ClassP50,
  ClassP95,
  ClassP99,
  ClassDone
};
enum ComponentColumn {
  CompName,
  CompKind,
  CompArrival,
  CompUtil,
  CompWait,
  CompResponse,
  CompCost
};

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Sorts by the figure a cell shows, not by its text ("9.5" < "10"); a saturated cell sorts as
// +infinity and a cell with no figure ("—") below every number.
class NumberItem : public QTableWidgetItem {
 public:
  NumberItem(const QString& text, double key) : QTableWidgetItem(text) {
    setData(kSortRole, key);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  bool operator<(const QTableWidgetItem& other) const override {
    const QVariant a = data(kSortRole);
    const QVariant b = other.data(kSortRole);
    if (a.isValid() && b.isValid()) return a.toDouble() < b.toDouble();
    return QTableWidgetItem::operator<(other);
  }
};

QTableWidgetItem* textCell(const QString& text, const QString& tip = {}) {
  auto* item = new QTableWidgetItem(text);
  item->setToolTip(tip);
  return item;
}

QTableWidgetItem* numberCell(const std::string& text, double key) {
  return new NumberItem(q(text), key);
}

QTableWidgetItem* noFigureCell() {
  return numberCell("—", -kInf);
}

// Dark red on a light table, a lighter red on a dark one: readable either way.
QColor saturatedTextColor(const QPalette& palette) {
  return palette.color(QPalette::Base).lightnessF() > 0.5 ? QColor(0x8b, 0x00, 0x1a)
                                                          : QColor(0xff, 0x7b, 0x7b);
}

QTableWidgetItem* saturatedCell(const std::string& reason, const QPalette& palette) {
  auto* item = numberCell("saturated", kInf);
  item->setForeground(saturatedTextColor(palette));
  item->setToolTip(q(reason));
  return item;
}

// WCAG relative luminance, to pick black or white text on a coloured cell.
double luminance(const QColor& c) {
  auto channel = [](double v) {
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor readableTextOn(const QColor& background) {
  const double l = luminance(background);
  const double onBlack = (l + 0.05) / 0.05;
  const double onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? QColor(Qt::black) : QColor(Qt::white);
}

void setupTable(QTableWidget* table, const QStringList& headers, const QStringList& tips,
                const QList<int>& numeric) {
  table->setColumnCount(static_cast<int>(headers.size()));
  for (int col = 0; col < headers.size(); ++col) {
    auto* header = new QTableWidgetItem(headers[col]);
    header->setToolTip(tips.value(col));
    if (numeric.contains(col)) header->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setHorizontalHeaderItem(col, header);
  }
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setAlternatingRowColors(true);
  table->setWordWrap(false);
  table->setShowGrid(false);
  table->setIconSize(QSize(16, 16));
  table->verticalHeader()->hide();
  table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
  table->horizontalHeader()->setStretchLastSection(true);
  table->horizontalHeader()->setHighlightSections(false);
  table->horizontalHeader()->setSortIndicatorClearable(true);
  table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // the report's order
  table->setSortingEnabled(true);
}

// Resizes the columns to their contents and returns their total width. A header that shows sort
// indicators reserves room for the arrow in every column; only the sorted column needs it, and
// the dock is narrow. A long name is elided (the tooltip has it whole).
int fitColumns(QTableWidget* table) {
  QHeaderView* header = table->horizontalHeader();
  header->setStretchLastSection(false);  // measure the last column's contents, not its stretch
  header->setSortIndicatorShown(false);
  table->resizeColumnsToContents();
  const int widest = table->fontMetrics().averageCharWidth() * 22;
  for (int col = 0; col < table->columnCount(); ++col) {
    if (table->columnWidth(col) > widest) table->setColumnWidth(col, widest);
  }
  header->setSortIndicatorShown(true);
  const int sorted = header->sortIndicatorSection();
  if (sorted >= 0 && sorted < header->count())
    table->setColumnWidth(sorted,
                          std::max(table->columnWidth(sorted), header->sectionSizeHint(sorted)));
  int width = 0;
  for (int col = 0; col < table->columnCount(); ++col) {
    if (!table->isColumnHidden(col)) width += table->columnWidth(col);
  }
  header->setStretchLastSection(true);
  return width;
}

QLabel* caption(const QString& text) {
  auto* label = new QLabel(text);
  QFont f = label->font();
  f.setBold(true);
  label->setFont(f);
  return label;
}

// A caption over a table (or the totals), with no margins of its own.
QWidget* titled(QLabel* title, QWidget* body) {
  auto* box = new QWidget;
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(title);
  layout->addWidget(body, 1);
  return box;
}

}  // namespace

MetricsPanel::MetricsPanel(Document* doc, QWidget* parent)
    : QWidget(parent),
      doc_(doc),
      classes_(new QTableWidget(this)),
      components_(new QTableWidget(this)),
      totals_(new QLabel(this)) {
  setupTable(classes_,
             {tr("Class"), tr("Op"), tr("Rate/s"), tr("Mean"), tr("p50"), tr("p95"), tr("p99"),
              tr("Completion p95")},
             {tr("Request class of the workload"), tr("Operation: read or write"),
              tr("Arrival rate at peak, requests per second"),
              tr("Mean end-to-end latency the caller waits for (the acknowledgement for an "
                 "asynchronous class), in milliseconds"),
              tr("Median latency, ms"), tr("95th percentile latency, ms"),
              tr("99th percentile latency, ms"),
              tr("95th percentile time until the queued work of an asynchronous class is done, "
                 "ms")},
             {ClassRate, ClassMean, ClassP50, ClassP95, ClassP99, ClassDone});
  setupTable(
      components_,
      {tr("Component"), tr("Kind"), tr("Arrival/s"), tr("Utilization"), tr("Wait"), tr("Response"),
       tr("Cost/month")},
      {tr("Display name; the id is in the tooltip"), tr("Component kind"),
       tr("Visits per second, all classes"), tr("Utilization per server of the busiest station"),
       tr("Mean queueing wait per visit, ms"),
       tr("Mean response per visit: wait plus own service, calls downstream excluded, ms"),
       tr("Cost per month: nodes plus usage")},
      {CompArrival, CompUtil, CompWait, CompResponse, CompCost});

  totals_->setTextFormat(Qt::RichText);
  totals_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  totals_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::TextSelectableByMouse);
  totals_->setContentsMargins(4, 2, 4, 2);
  totalsScroll_ = new QScrollArea;
  totalsScroll_->setWidget(totals_);
  totalsScroll_->setWidgetResizable(true);
  totalsScroll_->setFrameShape(QFrame::NoFrame);
  totalsScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  totalsTitle_ = caption(tr("Totals"));
  splitter_ = new QSplitter(Qt::Horizontal, this);
  splitter_->addWidget(titled(totalsTitle_, totalsScroll_));
  // The units sit in the captions so that short headers keep the columns narrow.
  splitter_->addWidget(titled(caption(tr("Request classes · latency in ms")), classes_));
  splitter_->addWidget(
      titled(caption(tr("Components · wait and response in ms per visit")), components_));
  splitter_->setChildrenCollapsible(false);
  // The totals take what the window gains; the tables keep the widths of their columns.
  splitter_->setStretchFactor(0, 1);
  splitter_->setStretchFactor(1, 0);
  splitter_->setStretchFactor(2, 0);
  connect(splitter_, &QSplitter::splitterMoved, this, [this] { userSized_ = true; });
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter_);

  connect(components_, &QTableWidget::itemSelectionChanged, this, [this] {
    if (updating_) return;
    const QString id = selectedComponentId();
    if (!id.isEmpty()) emit componentActivated(id);
  });
  // The bottleneck in the totals is a link to its row (and node).
  connect(totals_, &QLabel::linkActivated, this, [this](const QString& id) {
    selectComponent(id);
    emit componentActivated(id);
  });
  // The sorted column needs room for its arrow.
  connect(classes_->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
    classesWidth_ = fitColumns(classes_);
    fitSplitter();
  });
  connect(components_->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
    componentsWidth_ = fitColumns(components_);
    fitSplitter();
  });
  connect(doc_, &Document::evaluated, this, &MetricsPanel::refresh);
  connect(doc_, &Document::versionChanged, this, &MetricsPanel::refresh);
  refresh();
}

QString MetricsPanel::selectedComponentId() const {
  const QList<QTableWidgetItem*> items = components_->selectedItems();
  if (items.isEmpty()) return {};
  const QTableWidgetItem* first = components_->item(items.front()->row(), CompName);
  return first ? first->data(kIdRole).toString() : QString();
}

void MetricsPanel::refresh() {
  const QScopedValueRollback<bool> guard(updating_, true);
  const QString selected = selectedComponentId();
  const archbench::Report* report = doc_->report();
  totalsTitle_->setText(tr("Totals — %1").arg(q(doc_->version().name)));
  if (report) {
    showTotals(*report);
  } else {
    showProblems();
  }
  fillClasses(report);
  fillComponents(report);
  selectComponent(selected);
  if (report) fitSplitter();  // an invalid version keeps the widths of the last valid one
}

void MetricsPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  // The first layout, and every one until the user drags a handle; queued, because the splitter
  // lays its parts out after this event.
  QTimer::singleShot(0, this, &MetricsPanel::fitSplitter);
}

void MetricsPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  // The saturated red, the state colours and the utilization tints depend on the theme.
  if (event->type() == QEvent::PaletteChange && splitter_) refresh();  // not while constructing
}

// Until the user drags a handle, each table gets the width of its columns and the totals take
// what is left, so that no stretched last column opens a gap inside a table. When the window is
// too narrow for that, the components table gives up width first (it scrolls).
void MetricsPanel::fitSplitter() {
  if (userSized_ || splitter_->width() <= 0) return;
  const QList<int> sizes = splitter_->sizes();
  const int total = sizes.value(0) + sizes.value(1) + sizes.value(2);
  if (total <= 0) return;  // not laid out yet
  auto need = [](const QTableWidget* table, int columns) {
    return columns + 2 * table->frameWidth() + table->verticalScrollBar()->sizeHint().width();
  };
  const int classes = need(classes_, classesWidth_);
  const int components = need(components_, componentsWidth_);
  const int totalsMin = splitter_->widget(0)->minimumSizeHint().width();
  const int totals = std::max(totalsMin, total - classes - components);
  const int rest = total - totals - classes;
  if (rest <= 0) return;
  splitter_->setSizes({totals, classes, std::min(components, rest)});
}

void MetricsPanel::selectComponent(const QString& id) {
  const QScopedValueRollback<bool> guard(updating_, true);
  for (int row = 0; row < components_->rowCount(); ++row) {
    const QTableWidgetItem* item = components_->item(row, CompName);
    if (item && !id.isEmpty() && item->data(kIdRole).toString() == id) {
      components_->selectRow(row);
      components_->scrollToItem(item);
      return;
    }
  }
  components_->clearSelection();
}

void MetricsPanel::showTotals(const archbench::Report& report) {
  const archbench::Totals& t = report.totals;
  auto row = [](const QString& label, const QString& value) {
    return QStringLiteral("<tr><td style='padding-right:10px'>%1</td><td>%2</td></tr>")
        .arg(label, value);
  };
  const QString perMillion = t.cost_per_million_requests
                                 ? q(archbench::format_usd(*t.cost_per_million_requests))
                                 : tr("— (no traffic)");
  QString throughput = tr("— (no traffic)");
  if (t.max_throughput_multiplier && t.max_throughput_rate_per_s) {
    throughput = QStringLiteral("×%1 (%2)")
                     .arg(q(archbench::format_multiplier(*t.max_throughput_multiplier)),
                          q(archbench::format_rate(*t.max_throughput_rate_per_s)));
  }
  QString bottleneck = QStringLiteral("—");
  if (!t.bottleneck.empty()) {
    const QString id = q(t.bottleneck).toHtmlEscaped();
    bottleneck = QStringLiteral("<a href='%1'>%1</a>").arg(id);
  }
  const QString state =
      t.saturated
          ? QStringLiteral("<span style='color:%1'><b>%2</b></span>")
                .arg(saturatedTextColor(palette()).name(), tr("saturated at this load"))
          : QStringLiteral("<span style='color:%1'><b>%2</b></span>")
                .arg(palette().color(QPalette::Base).lightnessF() > 0.5 ? "#1b7a35" : "#6fdc8c",
                     tr("stable"));
  QString html = QStringLiteral("<table cellspacing='0' cellpadding='1'>");
  html += row(tr("Cost per month"),
              QStringLiteral("<b>%1</b>").arg(q(archbench::format_usd(t.cost_per_month))));
  html += row(tr("Per million requests"), perMillion);
  html += row(tr("Max throughput"), throughput);
  html += row(tr("Bottleneck"), bottleneck);
  html += row(tr("State"), state);
  html += row(tr("Offered load (peak)"), q(archbench::format_rate(t.offered_rate_per_s)));
  html += QStringLiteral("</table>");
  totals_->setWordWrap(false);
  totals_->setText(html);
  // Wide enough for every figure, with room for a scroll bar when the dock is very short.
  totalsScroll_->setMinimumWidth(totals_->sizeHint().width() +
                                 totalsScroll_->verticalScrollBar()->sizeHint().width());
  totals_->setToolTip(t.bottleneck.empty() || t.bottleneck_reason.empty()
                          ? QString()
                          : tr("Bottleneck %1: %2").arg(q(t.bottleneck), q(t.bottleneck_reason)));
}

void MetricsPanel::showProblems() {
  QString html =
      QStringLiteral("<div style='color:%1'><b>%2</b>")
          .arg(saturatedTextColor(palette()).name(),
               tr("%1 cannot be evaluated:").arg(q(doc_->version().name).toHtmlEscaped()));
  for (const auto& p : doc_->problems()) {
    const QString message = q(p.message).toHtmlEscaped();
    html += p.place.empty()
                ? QStringLiteral("<br>%1").arg(message)
                : QStringLiteral("<br><tt>%1</tt>: %2").arg(q(p.place).toHtmlEscaped(), message);
  }
  html += QStringLiteral("</div>");
  totals_->setWordWrap(true);
  totals_->setText(html);
  totalsScroll_->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
  totals_->setToolTip({});
}

void MetricsPanel::fillClasses(const archbench::Report* report) {
  classes_->setSortingEnabled(false);  // rows would move while they are filled
  classes_->clearContents();
  classes_->setRowCount(report ? static_cast<int>(report->classes.size()) : 0);
  bool anyAsync = false;
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
      if (c.saturated) tip += tr("\nsaturated: %1").arg(q(c.reason));
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
          classes_->setItem(row, col, saturatedCell(c.reason, pal));
        }
        ++col;
      }
      if (!c.async) {
        classes_->setItem(row, ClassDone, noFigureCell());
      } else if (c.completion) {
        classes_->setItem(row, ClassDone,
                          numberCell(archbench::format_ms(c.completion->p95), c.completion->p95));
      } else {
        classes_->setItem(row, ClassDone, saturatedCell(c.completion_reason, pal));
      }
      ++row;
    }
  }
  classes_->setColumnHidden(ClassDone, !anyAsync);
  classes_->setSortingEnabled(true);
  classesWidth_ = fitColumns(classes_);
}

void MetricsPanel::fillComponents(const archbench::Report* report) {
  components_->setSortingEnabled(false);
  components_->clearContents();
  components_->setRowCount(report ? static_cast<int>(report->components.size()) : 0);
  if (report) {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    int row = 0;
    for (const ComponentResult& c : report->components) {
      const bool client = c.behaviour == archbench::Behaviour::Client;
      const bool bottleneck = c.id == report->totals.bottleneck;
      const QString name = q(c.name.empty() ? c.id : c.name);
      QString tip = tr("%1\nid: %2").arg(name, q(c.id));
      if (c.saturated) tip += tr("\nsaturated: %1").arg(q(c.reason));
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
      const archbench::KindDecl* kind = doc_->catalog().find(c.kind);
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
        util = saturatedCell(c.reason, pal);
      }
      if (!client) {
        // A tint of the utilization colour over the table's base keeps the text readable in
        // light and dark themes.
        const QColor solid = style::utilization_color(c.utilization, c.saturated);
        const double a = c.saturated ? 0.85 : 0.55;
        const QColor tint =
            QColor::fromRgbF(static_cast<float>(a * solid.redF() + (1 - a) * base.redF()),
                             static_cast<float>(a * solid.greenF() + (1 - a) * base.greenF()),
                             static_cast<float>(a * solid.blueF() + (1 - a) * base.blueF()));
        util->setBackground(tint);
        util->setForeground(readableTextOn(tint));
      }
      components_->setItem(row, CompUtil, util);

      auto msCell = [&](const std::optional<double>& ms) -> QTableWidgetItem* {
        if (client) return noFigureCell();
        if (ms) return numberCell(archbench::format_ms(*ms), *ms);
        if (c.saturated) return saturatedCell(c.reason, pal);
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
      ++row;
    }
  }
  components_->setSortingEnabled(true);
  componentsWidth_ = fitColumns(components_);
}
