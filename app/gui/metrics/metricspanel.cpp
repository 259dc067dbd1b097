#include "metrics/metricspanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "archbench/figures.h"
#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "document/names.h"
#include "metrics/metricscells.h"
#include "metrics/metricspanel_internal.h"
#include "metrics/unfinishedtext.h"
#include "metrics/patternrows.h"
#include "failure/scenariofigures.h"
#include "window/style.h"

using namespace cells;
using enum detail::ClassColumn;
using enum detail::ComponentColumn;

MetricsPanel::MetricsPanel(Document* doc, QWidget* parent)
    : QWidget(parent),
      doc_(doc),
      classes_(new QTableWidget(this)),
      components_(new QTableWidget(this)),
      totals_(new QLabel(this)),
      scenario_(new QTableWidget(this)) {
  setupTable(
      classes_,
      {tr("Class"), tr("Op"), tr("Rate/s"), tr("Mean"), tr("p50"), tr("p95"), tr("p99"),
       tr("Completion p95"), tr("Refused"), tr("Dup/day"), tr("Lost"), tr("Stale"), tr("Staleness"), tr("Availability"), tr("Down/month"), tr("SLO"), tr("Budget used")},
      {tr("Request class of the workload"), tr("Operation: read or write"),
       tr("Arrival rate at peak, requests per second"),
       tr("Mean end-to-end latency the caller waits for (the acknowledgement for an "
          "asynchronous class), in milliseconds"),
       tr("Median latency, ms"), tr("95th percentile latency, ms"),
       tr("99th percentile latency, ms"),
       tr("95th percentile time until the queued work of an asynchronous class is done, "
          "ms"),
       tr("Share of the class's requests refused at once (429) by a rate limit on its path; "
          "its latency is then that of the admitted requests"),
       tr("Duplicate side effects a day: retried or duplicated calls of a non-idempotent write "
          "over links that lose or duplicate messages"),
       tr("Share of the requests that fail because every attempt of a call was lost"),
       tr("Probability that a read served by a lagging replica is stale: 1 − e^(−λw·L), λw the "
          "writes per second to its key, L the replica's lag; \"strong\": it reads the primary"),
       tr("Expected staleness of a stale read: how long the newest value it misses has existed"),
       tr("Steady-state availability: the fraction of requests whose components are all "
          "up (independent failures, k of n instances needed for the load)"),
       tr("Expected downtime per month (730 hours)"),
       tr("The class's availability objective, when it states one"),
       tr("Expected downtime as a share of the error budget, (1 − SLO) × a month; over "
          "100%: the SLO is not met")},
      {ClassRate, ClassMean, ClassP50, ClassP95, ClassP99, ClassDone, ClassRefused,
       ClassDuplicates, ClassLost, ClassStale, ClassStaleness, ClassAvailability,
       ClassDowntime, ClassSlo, ClassBudget});
  scenario_figures::setupTable(scenario_);
  scenario_->setObjectName("scenarioTable");
  setupTable(
      components_,
      {tr("Component"), tr("Kind"), tr("Arrival/s"), tr("Utilization"), tr("What-if"), tr("Wait"),
       tr("Response"), tr("Cost/month")},
      {tr("Display name; the id is in the tooltip"), tr("Component kind"),
       tr("Visits per second, all classes"), tr("Utilization per server of the busiest station"),
       tr("In the scenario: utilization of the busiest station, or down or saturated"),
       tr("Mean queueing wait per visit, ms"),
       tr("Mean response per visit: wait plus own service, calls downstream excluded, ms"),
       tr("Cost per month: nodes plus usage")},
      {CompArrival, CompUtil, CompWhatIf, CompWait, CompResponse, CompCost});

  // The scenario's header: what is broken, and the way back to the steady state.
  scenarioBar_ = new QFrame(this);
  scenarioBar_->setObjectName("scenarioBar");
  scenarioBar_->setFrameShape(QFrame::StyledPanel);
  scenarioBar_->setAutoFillBackground(true);
  scenarioLabel_ = new QLabel(scenarioBar_);
  scenarioLabel_->setObjectName("scenarioLabel");
  scenarioLabel_->setTextFormat(Qt::RichText);
  scenarioLabel_->setWordWrap(true);
  clearButton_ = new QPushButton(tr("Clear"), scenarioBar_);
  clearButton_->setObjectName("clearScenario");
  clearButton_->setToolTip(tr("Remove every fault: back to the steady state (undoable)"));
  connect(clearButton_, &QPushButton::clicked, this,
          [this] { doc_->setFaults({}, tr("Clear faults")); });
  auto* bar = new QHBoxLayout(scenarioBar_);
  bar->setContentsMargins(8, 3, 4, 3);
  bar->addWidget(scenarioLabel_, 1);
  bar->addWidget(clearButton_);

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
  classesStack_ = new QStackedWidget;
  classesStack_->addWidget(classes_);
  classesStack_->addWidget(scenario_);
  classesTitle_ = caption(QString());
  splitter_->addWidget(titled(classesTitle_, classesStack_));
  splitter_->addWidget(
      titled(caption(tr("Components · wait and response in ms per visit")), components_));
  splitter_->setChildrenCollapsible(false);
  // The totals take what the window gains; the tables keep the widths of their columns.
  splitter_->setStretchFactor(0, 1);
  splitter_->setStretchFactor(1, 0);
  splitter_->setStretchFactor(2, 0);
  connect(splitter_, &QSplitter::splitterMoved, this, [this] { userSized_ = true; });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  layout->addWidget(scenarioBar_);
  layout->addWidget(splitter_, 1);

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
  connect(scenario_->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
    fitScenarioTable();
    fitSplitter();
  });
  connect(components_->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
    measureComponents();
    fitSplitter();
  });
  connect(doc_, &Document::evaluated, this, &MetricsPanel::refresh);
  connect(doc_, &Document::versionChanged, this, [this] {
    refresh();
    // Another project or version: its canvas starts with nothing selected, and so do the
    // tables (no row left highlighted, no current cell).
    const QScopedValueRollback<bool> guard(updating_, true);
    for (QTableWidget* t : {classes_, components_, scenario_}) {
      t->clearSelection();
      t->setCurrentItem(nullptr);
    }
  });
  refresh();
}

QString MetricsPanel::named(const std::string& engineText) const {
  return withNames(engineText, doc_->version());
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
  const bool scenario = !doc_->version().faults.empty();
  showScenarioBar();
  totalsTitle_->setText(
      (scenario ? tr("What-if — %1") : tr("Totals — %1")).arg(q(doc_->version().name)));
  if (report) {
    showTotals(*report);
  } else {
    showProblems();
  }
  fillClasses(report);
  scenario_figures::fillTable(scenario_, report ? doc_->faultReport() : nullptr, doc_->version(),
                              palette());
  fitScenarioTable();
  // A scenario that cannot be evaluated leaves the steady classes on show (the totals say why).
  const bool whatIf = scenario && report && doc_->faultReport();
  classesStack_->setCurrentWidget(whatIf ? scenario_ : classes_);
  classesTitle_->setText(whatIf ? tr("What-if per class · steady → scenario · latency in ms")
                                : tr("Request classes · latency in ms"));
  fillComponents(report);
  selectComponent(selected);
  if (report) fitSplitter();  // an invalid version keeps the widths of the last valid one
}

bool MetricsPanel::showsScenario() const {
  return !scenarioBar_->isHidden();
}

void MetricsPanel::showScenarioBar() {
  const auto& faults = doc_->version().faults;
  scenarioBar_->setVisible(!faults.empty());
  if (faults.empty()) return;
  scenarioLabel_->setText(
      tr("<b>Scenario:</b> %1").arg(scenario_figures::title(faults, doc_->version()).toHtmlEscaped()));
  QPalette pal = scenarioBar_->palette();
  const QColor bg = tint(style::fault_color(), palette().color(QPalette::Base), 0.2);
  pal.setColor(QPalette::Window, bg);
  pal.setColor(QPalette::WindowText, readableTextOn(bg));
  scenarioBar_->setPalette(pal);
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
  const bool whatIf = classesStack_->currentWidget() == scenario_;
  const int classes = need(whatIf ? scenario_ : classes_, whatIf ? scenarioWidth_ : classesWidth_);
  int components = need(components_, componentsWidth_);
  const int totalsMin = splitter_->widget(0)->minimumSizeHint().width();
  // Short of room, the components table drops its Kind column first (each row's icon shows the
  // kind, its tooltip names it), so that its figures up to the cost stay in view.
  const bool dropKind = total - totalsMin - classes < components;
  components_->setColumnHidden(CompKind, dropKind);
  if (dropKind) components -= kindWidth_;
  const int totals = std::max(totalsMin, total - classes - components);
  const int rest = total - totals - classes;
  if (rest <= 0) return;
  splitter_->setSizes({totals, classes, std::min(components, rest)});
}

// The what-if table's widest cells are sentences (a reason, "timed out (3 s + 60 ms)"): its
// columns keep the common width and such a cell wraps onto more lines instead of being cut.
void MetricsPanel::fitScenarioTable() {
  scenarioWidth_ = fitColumns(scenario_);
  scenario_->resizeRowsToContents();
}

void MetricsPanel::measureComponents() {
  components_->setColumnHidden(CompKind, false);
  componentsWidth_ = fitColumns(components_);
  kindWidth_ = components_->columnWidth(CompKind);
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
    return QStringLiteral("<tr><td style='padding-right:10px' valign='top'>%1</td><td>%2</td></tr>")
        .arg(label, value);
  };
  // The engine's text: a figure, or why there is none (saturated: not every request is carried).
  QString perMillion = q(archbench::cost_per_million_text(t));
  if (!t.cost_per_million_note.empty())
    perMillion = QStringLiteral("<span style='color:%1' title='%2'>%3</span>")
                     .arg(saturatedTextColor(palette()).name(),
                          q(t.cost_per_million_note).toHtmlEscaped(), perMillion.toHtmlEscaped());
  QString throughput = t.bottleneck_reason.empty()
                           ? tr("— (no traffic)")
                           : QStringLiteral("— (%1)").arg(q(t.bottleneck_reason).toHtmlEscaped());
  if (t.max_throughput_multiplier && t.max_throughput_rate_per_s) {
    throughput = QStringLiteral("×%1 (%2)")
                     .arg(q(archbench::format_multiplier(*t.max_throughput_multiplier)),
                          q(archbench::format_rate(*t.max_throughput_rate_per_s)));
  }
  QString bottleneck = QStringLiteral("—");
  if (!t.bottleneck.empty()) {
    // The link holds the id (it selects the row); the text is the component's name.
    bottleneck = QStringLiteral("<a href='%1'>%2</a>")
                     .arg(q(t.bottleneck).toHtmlEscaped(),
                          doc_->nameOf(q(t.bottleneck)).toHtmlEscaped());
  }
  const QString state =
      t.saturated
          ? QStringLiteral("<span style='color:%1'><b>%2</b></span>")
                .arg(saturatedTextColor(palette()).name(), tr("saturated at this load"))
          : QStringLiteral("<span style='color:%1'><b>%2</b></span>")
                .arg(palette().color(QPalette::Base).lightnessF() > 0.5 ? "#1b7a35" : "#6fdc8c",
                     tr("stable"));
  QString html = QStringLiteral("<table cellspacing='0' cellpadding='1'>");
  const bool scenario = !doc_->version().faults.empty();
  if (scenario) {
    // The scenario first; the steady figures below it still hold for cost and capacity.
    if (const archbench::WhatIfReport* w = doc_->faultReport())
      html += scenario_figures::summaryRows(*w, *doc_, palette());
    else
      html += scenario_figures::problemRows(*doc_, palette());
    html += QStringLiteral("<tr><td colspan='2'><hr></td></tr>");
  }
  html += row(tr("Cost per month"),
              QStringLiteral("<b>%1</b>").arg(q(archbench::format_usd(t.cost_per_month))));
  html += row(tr("Per million requests"), perMillion);
  html += row(tr("Max throughput"), throughput);
  html += row(tr("Bottleneck"), bottleneck);
  html += row(tr("State"), state);
  html += row(tr("Offered load (peak)"), q(archbench::format_rate(t.offered_rate_per_s)));
  html += pattern_rows::rateLimitRows(report, *doc_);
  html += pattern_rows::connectionRows(report, *doc_, saturatedTextColor(palette()));
  html += pattern_rows::shardingRows(report, *doc_);
  html += pattern_rows::scalingRows(report, *doc_, saturatedTextColor(palette()));
  html += pattern_rows::replayRows(report, *doc_, saturatedTextColor(palette()));
  if (!scenario) {
    if (const archbench::AvailabilityReport* a = doc_->availability())
      html += scenario_figures::spofRow(*a, *doc_);
  }
  html += QStringLiteral("</table>");
  // An unfinished version: what is computed above, what is missing and why below.
  const QString missing = unfinished::problemsHtml(*doc_, palette());
  totals_->setWordWrap(false);
  totals_->setText(html);
  // Wide enough for every figure, with room for a scroll bar when the dock is very short; a
  // long sentence (a replay's, a limit's) wraps at about 64 characters rather than widening
  // the window past the screen.
  const int natural = totals_->sizeHint().width();
  const int widest = fontMetrics().averageCharWidth() * 64;
  totalsScroll_->setMinimumWidth(std::min(natural, widest) +
                                 totalsScroll_->verticalScrollBar()->sizeHint().width());
  if (!missing.isEmpty() || natural > widest) {
    totals_->setWordWrap(true);
    totals_->setText(html + missing);
  }
  totals_->setToolTip(t.bottleneck.empty() || t.bottleneck_reason.empty()
                          ? QString()
                          : tr("Bottleneck %1: %2")
                                .arg(doc_->nameOf(q(t.bottleneck)), q(t.bottleneck_reason)));
}

void MetricsPanel::showProblems() {
  totals_->setWordWrap(true);
  totals_->setText(unfinished::problemsHtml(*doc_, palette()));
  totalsScroll_->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
  totals_->setToolTip({});
}
