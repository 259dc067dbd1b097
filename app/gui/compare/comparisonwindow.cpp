#include "compare/comparisonwindow.h"

#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "compare/chartexport.h"
#include "compare/comparisoncharts.h"
#include "compare/comparisontable.h"
#include "compare/diffview.h"
#include "versions/versionnotes.h"
#include "window/closekeys.h"

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Runs on a worker thread: everything it reads is its own copy, except the catalog, which no
// one changes while the application runs.
ComparisonWindow::Outcome compute(const archbench::Project& project,
                                  const archbench::Catalog* catalog,
                                  const archbench::CompareOptions& options) {
  ComparisonWindow::Outcome out;
  QElapsedTimer clock;
  clock.start();
  try {
    out.comparison = archbench::compare_versions(project, *catalog, options);
  } catch (const std::exception& e) {
    out.error = QString::fromUtf8(e.what());
  }
  out.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
  return out;
}

QChartView* chart_view(const QString& name, QWidget* parent) {
  auto* view = new QChartView(parent);
  view->setObjectName(name);
  view->setRenderHint(QPainter::Antialiasing);
  view->setFrameShape(QFrame::NoFrame);
  return view;
}

// A view owns its chart but not the one it replaces.
void replace_chart(QChartView* view, QChart* chart) {
  QChart* old = view->chart();
  view->setChart(chart);
  delete old;
}

QWidget* with_bar(QLayout* bar, QWidget* body, QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 4, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(body, 1);
  return box;
}

}  // namespace

ComparisonWindow::ComparisonWindow(Document* doc, QWidget* parent)
    : QMainWindow(parent),
      doc_(doc),
      workload_(new QComboBox(this)),
      class_(new QComboBox(this)),
      percentile_(new QComboBox(this)),
      utilizationVersion_(new QComboBox(this)),
      busy_(new QLabel(tr("Updating…"), this)),
      banner_(new QLabel(this)),
      adapted_(new QLabel(this)),
      export_(new QPushButton(tr("Export chart…"), this)),
      tabs_(new QTabWidget(this)),
      table_(new ComparisonTable(this)),
      notes_(new QTextBrowser(this)),
      latency_(chart_view(QStringLiteral("latencyChart"), this)),
      cost_(chart_view(QStringLiteral("costChart"), this)),
      utilization_(chart_view(QStringLiteral("utilizationChart"), this)),
      evolution_(chart_view(QStringLiteral("evolutionChart"), this)),
      diff_(new DiffView(doc, this)),
      refreshTimer_(new QTimer(this)) {
  workload_->setObjectName(QStringLiteral("workloadBox"));
  class_->setObjectName(QStringLiteral("classBox"));
  percentile_->setObjectName(QStringLiteral("percentileBox"));
  utilizationVersion_->setObjectName(QStringLiteral("utilizationVersionBox"));
  busy_->setObjectName(QStringLiteral("busyLabel"));
  banner_->setObjectName(QStringLiteral("banner"));
  adapted_->setObjectName(QStringLiteral("workloadNotes"));
  export_->setObjectName(QStringLiteral("exportButton"));
  tabs_->setObjectName(QStringLiteral("tabs"));
  table_->setObjectName(QStringLiteral("comparisonTable"));
  notes_->setObjectName(QStringLiteral("notesView"));

  workload_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  workload_->setToolTip(
      tr("Evaluate each version under the workload it states, or every version under one "
         "version's workload: what would V1 do at V3's traffic?"));
  class_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  class_->setToolTip(tr("Request class plotted in the latency chart"));
  percentile_->addItems({QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99")});
  percentile_->setCurrentIndex(1);
  percentile_->setToolTip(tr("Latency percentile plotted in the latency chart"));
  utilizationVersion_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  export_->setToolTip(tr("Save the chart on show as a PNG or SVG image"));
  busy_->setToolTip(tr("The figures are being recomputed; those on show are the previous ones"));
  busy_->setVisible(false);

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Workload:"), this));
  top->addWidget(workload_);
  top->addSpacing(24);
  auto* latencyLabel = new QLabel(tr("Latency chart:"), this);
  latencyLabel->setObjectName(QStringLiteral("latencyControlsLabel"));
  top->addWidget(latencyLabel);
  top->addWidget(class_);
  top->addWidget(percentile_);
  top->addStretch(1);
  top->addWidget(busy_);
  top->addWidget(export_);
  top->addWidget(window_keys::addClose(this));

  banner_->setWordWrap(true);
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_->setVisible(false);
  adapted_->setWordWrap(true);
  adapted_->setVisible(false);

  notes_->setOpenLinks(false);
  tableSplit_ = new QSplitter(Qt::Vertical, this);
  tableSplit_->addWidget(table_);
  tableSplit_->addWidget(notes_);
  tableSplit_->setStretchFactor(0, 0);  // the table keeps the height of its rows
  tableSplit_->setStretchFactor(1, 1);
  tableSplit_->setChildrenCollapsible(false);
  connect(tableSplit_, &QSplitter::splitterMoved, this, [this] { userSizedSplit_ = true; });

  auto* utilizationBar = new QHBoxLayout;
  utilizationBar->setContentsMargins(6, 0, 6, 0);
  utilizationBar->addWidget(new QLabel(tr("Version:"), this));
  utilizationBar->addWidget(utilizationVersion_);
  utilizationBar->addStretch(1);

  tabs_->addTab(tableSplit_, tr("Table"));
  tabs_->addTab(latency_, tr("Latency vs load"));
  tabs_->addTab(cost_, tr("Cost"));
  tabs_->addTab(with_bar(utilizationBar, utilization_, this), tr("Utilization"));
  tabs_->addTab(evolution_, tr("Evolution"));
  tabs_->addTab(diff_, tr("Diff"));

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(8, 8, 8, 8);
  layout->addLayout(top);
  layout->addWidget(banner_);
  layout->addWidget(adapted_);
  layout->addWidget(tabs_, 1);
  setCentralWidget(central);
  resize(1200, 800);

  // Edits come in bursts (typing, undo of a macro); one zero-delay timer folds them into one
  // computation once control returns to the event loop.
  refreshTimer_->setSingleShot(true);
  refreshTimer_->setInterval(0);
  connect(refreshTimer_, &QTimer::timeout, this, &ComparisonWindow::refresh);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this,
          &ComparisonWindow::computationFinished);

  connect(doc_, &Document::evaluated, this, &ComparisonWindow::scheduleRefresh);
  connect(doc_, &Document::versionChanged, this, &ComparisonWindow::scheduleRefresh);
  connect(doc_, &Document::workloadChanged, this, &ComparisonWindow::scheduleRefresh);
  connect(doc_, &Document::versionsChanged, this, &ComparisonWindow::scheduleRefresh);
  connect(doc_, &Document::pathChanged, this, &ComparisonWindow::updateTitle);

  connect(workload_, &QComboBox::currentIndexChanged, this, &ComparisonWindow::refresh);
  connect(class_, &QComboBox::currentIndexChanged, this, [this] { invalidateCharts({latency_}); });
  connect(percentile_, &QComboBox::currentIndexChanged, this,
          [this] { invalidateCharts({latency_}); });
  connect(utilizationVersion_, &QComboBox::currentIndexChanged, this,
          [this] { invalidateCharts({utilization_}); });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    updateControls();
    buildVisibleChart();
  });
  connect(export_, &QPushButton::clicked, this, &ComparisonWindow::exportDialog);

  updateTitle();
  updateWorkloadBox();
  updateControls();
}

ComparisonWindow::~ComparisonWindow() {
  // The worker holds a pointer to the catalog; let it finish before anything goes away.
  watcher_.waitForFinished();
}

bool ComparisonWindow::isUpdating() const {
  return computing_ || refreshTimer_->isActive();
}

void ComparisonWindow::scheduleRefresh() {
  stale_ = true;
  // A hidden window does no work for every edit; it catches up when it is shown.
  if (isVisible()) refreshTimer_->start();
}

void ComparisonWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (stale_ && !computing_) refreshTimer_->start();
}

void ComparisonWindow::changeEvent(QEvent* event) {
  QMainWindow::changeEvent(event);
  // Chart themes and the table's better/worse colours follow the palette. Queued: the window
  // hears of a new palette before its children have it.
  if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) &&
      !restylePending_) {
    restylePending_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
          restylePending_ = false;
          if (comparison_ || !error_.isEmpty()) showResult();
        },
        Qt::QueuedConnection);
  }
}

void ComparisonWindow::updateTitle() {
  setWindowTitle(tr("Compare versions — %1").arg(q(doc_->project().name)));
}

// "Each version's own workload", then "All at V1's workload" … for every version, keeping the
// choice by version name while versions come and go.
void ComparisonWindow::updateWorkloadBox() {
  const QString chosen = workload_->currentData().toString();
  QStringList names;
  for (const auto& v : doc_->project().versions) names << q(v.name);
  QStringList shown;
  for (int i = 1; i < workload_->count(); ++i) shown << workload_->itemData(i).toString();
  if (shown == names && workload_->count() > 0) return;
  const QSignalBlocker block(workload_);
  workload_->clear();
  workload_->addItem(tr("Each version's own workload"), QString());
  for (const QString& name : names) workload_->addItem(tr("All at %1's workload").arg(name), name);
  const int index = chosen.isEmpty() ? 0 : workload_->findData(chosen);
  workload_->setCurrentIndex(std::max(0, index));
}

void ComparisonWindow::refresh() {
  refreshTimer_->stop();
  updateTitle();
  updateWorkloadBox();
  diff_->refresh();
  if (computing_) {
    stale_ = true;  // start again with the latest document when this one is done
    return;
  }
  stale_ = false;
  archbench::CompareOptions options;
  options.sweep_points = kSweepPoints;
  const QString shared = workload_->currentData().toString();
  if (!shared.isEmpty()) options.workload_of = shared.toStdString();
  computing_ = true;
  busy_->setVisible(true);
  emit computationStarted();
  // The project is copied into the task; the document may change while it runs.
  watcher_.setFuture(QtConcurrent::run(compute, doc_->project(), &doc_->catalog(), options));
}

void ComparisonWindow::computationFinished() {
  computing_ = false;
  Outcome outcome = watcher_.result();
  lastMs_ = outcome.milliseconds;
  comparison_ = std::move(outcome.comparison);
  error_ = outcome.error;
  showResult();
  // The document changed while this ran: once more (a hidden window waits until it is shown).
  if (stale_ && isVisible()) {
    refresh();
  } else {
    busy_->setVisible(false);
  }
  emit refreshed();
}

bool ComparisonWindow::darkCharts() const {
  return palette().color(QPalette::Window).lightnessF() < 0.5;
}

void ComparisonWindow::showResult() {
  if (!comparison_) {
    banner_->setText(
        tr("<b>The versions cannot be compared.</b><br>%1")
            .arg(error_.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    const bool darkWindow = darkCharts();
    banner_->setStyleSheet(
        QStringLiteral("QLabel { padding: 8px; border-radius: 4px; color: %1; "
                       "background: %2; }")
            .arg(darkWindow ? "#ffd6d6" : "#5c0010", darkWindow ? "#5c1a1a" : "#fde2e2"));
    banner_->setVisible(true);
    tabs_->setVisible(false);
    adapted_->setVisible(false);
    table_->clearComparison();
    notes_->clear();
    for (QChartView* view : {latency_, cost_, utilization_, evolution_})
      replace_chart(view, new QChart);
    staleCharts_.clear();
    updateControls();
    return;
  }
  banner_->setVisible(false);
  tabs_->setVisible(true);
  table_->showComparison(*comparison_);
  fitTableSplit();
  updateNotes();
  updateClassBox();
  updateUtilizationBox();
  updateControls();
  invalidateCharts({latency_, cost_, utilization_, evolution_});
}

// Until the user drags the handle, the table gets the height of its rows (up to three quarters)
// and the notes below take the rest.
void ComparisonWindow::fitTableSplit() {
  if (userSizedSplit_) return;
  const QList<int> sizes = tableSplit_->sizes();
  const int total = sizes.value(0) + sizes.value(1);
  if (total <= 0) return;  // not laid out yet
  const int table = std::min(table_->fullHeight(), total * 3 / 4);
  tableSplit_->setSizes({table, total - table});
}

// Under another version's workload, how it was fitted to each version (a class entering at a
// different client, a class new to the design).
void ComparisonWindow::updateNotes() {
  const archbench::Comparison& c = *comparison_;
  QString adapted;
  for (const auto& v : c.versions) {
    for (const auto& n : v.workload_notes)
      adapted += QStringLiteral("<br>%1: %2").arg(q(v.name), q(n).toHtmlEscaped());
  }
  adapted_->setText(c.workload_of && !adapted.isEmpty()
                        ? tr("<b>At %1's workload:</b>%2").arg(q(*c.workload_of), adapted)
                        : QString());
  adapted_->setVisible(!adapted_->text().isEmpty());

  QString html;
  for (const auto& v : c.versions) {
    html += QStringLiteral("<p><b>%1</b> — %2</p>")
                .arg(q(v.name).toHtmlEscaped(),
                     v.notes.empty() ? tr("<i>no notes</i>") : version_notes::html(v.notes));
  }
  notes_->setHtml(html);
}

// Every class of the versions compared, and for a class that crosses a message queue also its
// completion time; the choice is kept by name. At first: the first class the caller waits for.
void ComparisonWindow::updateClassBox() {
  const QStringList chosen = class_->currentData().toStringList();
  QList<QStringList> entries;
  QStringList labels;
  QStringList firstSync;
  for (const auto& v : comparison_->versions) {
    for (const auto& cls : v.report.classes) {
      const QStringList plain{q(cls.name), QString()};
      if (!entries.contains(plain)) {
        entries << plain;
        labels << q(cls.name);
      }
      if (firstSync.isEmpty() && !cls.async) firstSync = plain;
      const QStringList done{q(cls.name), QStringLiteral("completion")};
      if (cls.async && !entries.contains(done)) {
        entries << done;
        labels << tr("%1 (completion)").arg(q(cls.name));
      }
    }
  }
  const QSignalBlocker block(class_);
  class_->clear();
  for (int i = 0; i < entries.size(); ++i) class_->addItem(labels[i], entries[i]);
  int index = class_->findData(chosen);
  if (index < 0) index = class_->findData(firstSync);
  class_->setCurrentIndex(std::max(0, index));
}

// The versions compared; the choice is kept by name, and at first it is the version being
// edited.
void ComparisonWindow::updateUtilizationBox() {
  QString chosen = utilizationVersion_->currentText();
  if (chosen.isEmpty()) chosen = q(doc_->version().name);
  const QSignalBlocker block(utilizationVersion_);
  utilizationVersion_->clear();
  for (const auto& v : comparison_->versions) utilizationVersion_->addItem(q(v.name));
  const int index = utilizationVersion_->findText(chosen);
  utilizationVersion_->setCurrentIndex(index >= 0 ? index : utilizationVersion_->count() - 1);
}

// Charts are built when they are on show: a result rebuilds the table and one chart on the GUI
// thread, not all four.
void ComparisonWindow::invalidateCharts(std::initializer_list<QChartView*> views) {
  for (QChartView* view : views) staleCharts_.insert(view);
  buildVisibleChart();
}

void ComparisonWindow::buildVisibleChart() {
  QChartView* view = currentChartView();
  if (!comparison_ || !view || !staleCharts_.remove(view)) return;
  const bool dark = darkCharts();
  QChart* chart = nullptr;
  if (view == latency_) {
    const QStringList choice = class_->currentData().toStringList();
    comparison_charts::LatencyPick pick;
    pick.request_class = choice.value(0).toStdString();
    pick.completion = !choice.value(1).isEmpty();
    pick.percentile = static_cast<comparison_charts::Percentile>(percentile_->currentIndex());
    chart = comparison_charts::latency_chart(*comparison_, pick, dark);
  } else if (view == cost_) {
    chart = comparison_charts::cost_chart(*comparison_, doc_->catalog(), dark);
  } else if (view == utilization_) {
    if (utilizationVersion_->currentIndex() < 0) return;
    chart = comparison_charts::utilization_chart(*comparison_, utilizationVersion_->currentIndex(),
                                                 dark);
  } else {
    chart = comparison_charts::evolution_chart(*comparison_, dark);
  }
  replace_chart(view, chart);
}

// The latency controls act on the latency chart only, and there is a chart to export only on
// the chart tabs.
void ComparisonWindow::updateControls() {
  const bool latency = tabs_->currentWidget() == latency_;
  class_->setEnabled(latency && comparison_);
  percentile_->setEnabled(latency && comparison_);
  export_->setEnabled(currentChartView() != nullptr && comparison_);
}

QChartView* ComparisonWindow::currentChartView() const {
  QWidget* page = tabs_->currentWidget();
  for (QChartView* view : {latency_, cost_, utilization_, evolution_}) {
    if (page == view || (page && page->isAncestorOf(view))) return view;
  }
  return nullptr;
}

bool ComparisonWindow::exportChart(const QString& path, QString* error) {
  return chart_export::export_chart(currentChartView(), path, error);
}

void ComparisonWindow::exportDialog() {
  QChartView* view = currentChartView();
  if (!view) return;
  const QString base = QFileInfo(doc_->path()).completeBaseName();
  const QString suggested = QStringLiteral("%1 - %2.png")
                                .arg(base.isEmpty() ? q(doc_->project().name) : base,
                                     tabs_->tabText(tabs_->currentIndex()));
  QString filter;
  QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), suggested,
                                              tr("PNG image (*.png);;SVG image (*.svg)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty())
    path +=
        filter.contains(QStringLiteral("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
  QString error;
  if (!exportChart(path, &error)) QMessageBox::warning(this, tr("Export chart"), error);
}
