#include "failure/impactwindow.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <charconv>

#include "failure/impacttable.h"
#include "window/closekeys.h"

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// What the figures depend on: the scenario, the experiments, the notes and the layout do not
// change what a crash does.
archbench::Version design_of(archbench::Version v) {
  v.faults.clear();
  v.experiments.clear();
  v.notes.clear();
  for (auto& c : v.components) c.pos.reset();
  return v;
}

bool same_design(const archbench::Version& a, const archbench::Version& b) {
  return design_of(a) == design_of(b);
}

// Runs on a worker thread on its own copy of the version; the catalog never changes while the
// application runs.
// Progress is posted to the window's thread; the window waits for the computation before it
// goes away, and a queued call to a deleted object is dropped by Qt anyway.
ImpactWindow::Outcome compute(archbench::Version version, const archbench::Catalog* catalog,
                              const std::atomic<bool>* cancel, QPointer<ImpactWindow> window,
                              void (ImpactWindow::*progress)(int, int)) {
  ImpactWindow::Outcome out;
  archbench::ImpactControl control;
  control.cancel = cancel;
  control.progress = [window, progress](int done, int total) {
    QMetaObject::invokeMethod(
        window.data(), [window, progress, done, total] {
          if (window) (window.data()->*progress)(done, total);
        },
        Qt::QueuedConnection);
  };
  try {
    out.matrix = archbench::impact_matrix(version, *catalog, {}, control);
    if (out.matrix && !out.matrix->complete) {
      out.matrix.reset();
      out.cancelled = true;
    }
  } catch (const std::exception& e) {
    out.error = QString::fromUtf8(e.what());
  }
  out.version = std::move(version);
  return out;
}

QString csv_field(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))) return s;
  return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
         QLatin1Char('"');
}

// The shortest text that reads back as the same double.
QString csv_number(double v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return QString::fromLatin1(buf, end - buf);
}

// The legend of the colour bands, and how to read a cell.
QWidget* legend(QWidget* parent) {
  auto* box = new QWidget(parent);
  box->setObjectName(QStringLiteral("legend"));
  auto* row = new QHBoxLayout(box);
  row->setContentsMargins(0, 0, 0, 0);
  row->setSpacing(4);
  row->addWidget(new QLabel(QObject::tr("Answered:"), box));
  const auto& bands = impact_band::bands();
  for (std::size_t i = 0; i < bands.size(); ++i) {
    auto* swatch = new QLabel(bands[i].label, box);
    swatch->setAlignment(Qt::AlignCenter);
    swatch->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; padding: 2px 10px; "
                       "border-radius: 3px; }")
            .arg(bands[i].color.name(), impact_band::text_color(static_cast<int>(i)).name()));
    row->addWidget(swatch);
  }
  row->addSpacing(16);
  auto* read = new QLabel(
      QObject::tr("Cell: success % (+ degraded answers) · p95 with that component crashed"), box);
  read->setObjectName(QStringLiteral("cellLegend"));
  read->setToolTip(QObject::tr("p95 of the answered requests, ms; — when none is answered or "
                               "their wait has no bound (no timeout on the path)"));
  row->addWidget(read);
  row->addStretch(1);
  return box;
}

}  // namespace

ImpactWindow::ImpactWindow(Document* doc, QWidget* parent)
    : QMainWindow(parent),
      doc_(doc),
      caption_(new QLabel(this)),
      banner_(new QLabel(this)),
      busy_(new QLabel(tr("Updating…"), this)),
      export_(new QPushButton(tr("Export…"), this)),
      progress_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      sheet_(new QWidget(this)),
      table_(new ImpactTable(sheet_)),
      hint_(new QLabel(this)),
      refreshTimer_(new QTimer(this)) {
  caption_->setObjectName(QStringLiteral("caption"));
  banner_->setObjectName(QStringLiteral("banner"));
  busy_->setObjectName(QStringLiteral("busyLabel"));
  export_->setObjectName(QStringLiteral("exportButton"));
  progress_->setObjectName(QStringLiteral("progress"));
  cancel_->setObjectName(QStringLiteral("cancelButton"));
  table_->setObjectName(QStringLiteral("impactTable"));
  hint_->setObjectName(QStringLiteral("hint"));

  caption_->setWordWrap(true);
  caption_->setTextFormat(Qt::RichText);
  banner_->setWordWrap(true);
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_->setStyleSheet(QStringLiteral(
      "QLabel { padding: 8px; border-radius: 4px; color: #5c0010; background: #fde2e2; }"));
  banner_->setVisible(false);
  busy_->setToolTip(tr("The figures are being recomputed; those on show are the previous ones"));
  busy_->setVisible(false);
  progress_->setFormat(tr("%v of %m crashes"));
  progress_->setMaximumWidth(220);
  progress_->setVisible(false);
  cancel_->setToolTip(tr("Stop computing; the figures on show stay until the next edit"));
  cancel_->setVisible(false);
  export_->setToolTip(tr("Save the heatmap as CSV (the engine's numbers) or as a PNG image"));
  hint_->setText(tr("Double-click a row to apply that crash as the scenario; Undo takes it back."));

  auto* sheetLayout = new QVBoxLayout(sheet_);
  sheetLayout->setContentsMargins(8, 8, 8, 8);
  sheetLayout->setSpacing(6);
  sheetLayout->addWidget(caption_);
  sheetLayout->addWidget(table_, 1);
  sheetLayout->addWidget(legend(sheet_));
  sheet_->setAutoFillBackground(true);

  auto* top = new QHBoxLayout;
  top->setContentsMargins(8, 0, 8, 0);
  top->addWidget(hint_, 1);
  top->addWidget(busy_);
  top->addWidget(progress_);
  top->addWidget(cancel_);
  top->addWidget(export_);
  top->addWidget(window_keys::addClose(this));

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 8, 0, 0);
  layout->setSpacing(4);
  layout->addLayout(top);
  layout->addWidget(banner_);
  layout->addWidget(sheet_, 1);
  setCentralWidget(central);
  setWindowTitle(tr("Impact of a crash"));
  resize(1000, 560);

  // A burst of edits (typing, undo of a macro) folds into one computation.
  refreshTimer_->setSingleShot(true);
  refreshTimer_->setInterval(0);
  connect(refreshTimer_, &QTimer::timeout, this, &ImpactWindow::refresh);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ImpactWindow::computationFinished);
  connect(doc_, &Document::evaluated, this, &ImpactWindow::scheduleRefresh);
  connect(doc_, &Document::versionChanged, this, &ImpactWindow::scheduleRefresh);
  connect(doc_, &Document::faultsChanged, this, &ImpactWindow::showApplied);
  connect(table_, &ImpactTable::crashRequested, this, &ImpactWindow::applyCrash);
  connect(export_, &QPushButton::clicked, this, &ImpactWindow::exportDialog);
  connect(cancel_, &QPushButton::clicked, this, &ImpactWindow::cancel);
  export_->setEnabled(false);
}

ImpactWindow::~ImpactWindow() {
  // The worker holds a pointer to the catalog; stop it and let it finish before anything goes.
  cancelRequested_ = true;
  watcher_.waitForFinished();
}

bool ImpactWindow::isUpdating() const {
  return computing_ || refreshTimer_->isActive();
}

void ImpactWindow::scheduleRefresh() {
  stale_ = true;
  // A hidden window does no work for every edit; it catches up when it is shown.
  if (isVisible()) refreshTimer_->start();
}

void ImpactWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (stale_ && !computing_) refreshTimer_->start();
}

void ImpactWindow::refresh() {
  refreshTimer_->stop();
  if (computing_) {
    stale_ = true;  // the running result will be discarded and this one started
    cancelRequested_ = true;
    return;
  }
  stale_ = false;
  // Only the scenario, the layout or the notes changed: the figures on show still hold.
  if (shownVersion_ && same_design(*shownVersion_, doc_->version())) {
    shownVersion_ = doc_->version();
    showApplied();
    emit refreshed();
    return;
  }
  computing_ = true;
  ++computations_;
  cancelRequested_ = false;
  busy_->setText(tr("Updating…"));
  busy_->setVisible(true);
  progress_->setRange(0, 0);  // busy until the engine says how many crashes it will solve
  progress_->setVisible(true);
  cancel_->setVisible(true);
  emit computationStarted();
  watcher_.setFuture(QtConcurrent::run(compute, doc_->version(), &doc_->catalog(),
                                       &cancelRequested_, QPointer<ImpactWindow>(this),
                                       &ImpactWindow::showProgress));
}

void ImpactWindow::showProgress(int done, int total) {
  if (!computing_) return;
  progress_->setRange(0, total);
  progress_->setValue(done);
  emit progressed(done, total);
}

void ImpactWindow::cancel() {
  if (!computing_) return;
  stale_ = false;  // the user asked to stop: no automatic restart until the next edit
  cancelRequested_ = true;
}

void ImpactWindow::computationFinished() {
  computing_ = false;
  progress_->setVisible(false);
  cancel_->setVisible(false);
  Outcome outcome = watcher_.result();
  if (outcome.cancelled && stale_) {
    // Stopped because the document moved on: compute what it is now.
    if (isVisible()) {
      refresh();
    } else {
      busy_->setVisible(false);
    }
    return;
  }
  if (outcome.cancelled) {
    // Stopped by Cancel: the previous figures (if any) stay, marked as not current.
    busy_->setText(shownVersion_ ? tr("Cancelled: the figures on show are older than the design")
                                 : tr("Cancelled"));
    busy_->setVisible(true);
    stale_ = true;  // showing the window again, or the next edit, computes afresh
    emit refreshed();
    return;
  }
  if (!same_design(outcome.version, doc_->version())) {
    // The document moved on while this ran: its figures describe a design no one sees.
    stale_ = true;
    if (isVisible()) {
      refresh();
    } else {
      busy_->setVisible(false);
    }
    return;
  }
  busy_->setVisible(false);
  matrix_ = std::move(outcome.matrix);
  error_ = outcome.error;
  shownVersion_ = doc_->version();
  showResult();
  if (stale_ && isVisible()) refresh();
  emit refreshed();
}

void ImpactWindow::showResult() {
  const archbench::Version& v = *shownVersion_;
  const QString project = q(doc_->project().name);
  setWindowTitle(tr("Impact of a crash — %1 %2").arg(project, q(v.name)));
  if (!matrix_) {
    banner_->setText(
        tr("<b>The impact of a crash cannot be computed.</b><br>%1")
            .arg(error_.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    banner_->setVisible(true);
    sheet_->setVisible(false);
    table_->clearMatrix();
    export_->setEnabled(false);
    return;
  }
  banner_->setVisible(false);
  sheet_->setVisible(true);
  caption_->setText(tr("<b>%1 — %2</b>: each row crashes one component, the most critical "
                       "first; each column is a request class.")
                        .arg(project.toHtmlEscaped(), q(v.name).toHtmlEscaped()));
  table_->showMatrix(*matrix_, v);
  showApplied();
  export_->setEnabled(true);
  if (!fitted_) fitToContents();
}

// Tall enough for every row (up to a screenful) and wide enough for every column: a heatmap
// with an empty band below its rows, or one that scrolls while the screen has room, reads badly.
void ImpactWindow::fitToContents() {
  fitted_ = true;
  centralWidget()->layout()->activate();
  sheet_->layout()->activate();
  const QSize chrome = size() - table_->size();
  const QSize full = table_->fullSize();
  const int maxHeight = std::max(700, screen() ? screen()->availableSize().height() * 4 / 5 : 900);
  const int maxWidth = std::max(1280, screen() ? screen()->availableSize().width() * 4 / 5 : 1400);
  resize(std::clamp(full.width() + chrome.width(), 900, maxWidth),
         std::min(full.height() + chrome.height(), maxHeight));
}

// The row of the document's scenario, when the scenario is exactly one crash.
void ImpactWindow::showApplied() {
  const auto& faults = doc_->version().faults;
  const bool one_crash = faults.size() == 1 && faults.front().type == archbench::FaultType::Crash;
  table_->setAppliedComponent(one_crash ? q(faults.front().component) : QString());
}

void ImpactWindow::applyCrash(const QString& component) {
  // The row names a component of the version on show; the document may have changed since.
  const archbench::Component* c = doc_->component(component);
  if (!c) return;
  archbench::Fault crash;
  crash.type = archbench::FaultType::Crash;
  crash.component = c->id;
  if (doc_->version().faults == std::vector<archbench::Fault>{crash}) return;
  doc_->setFaults({crash}, tr("Crash %1").arg(q(c->display_name())));
  statusBar()->showMessage(
      tr("Scenario: %1. Undo in the main window takes it back.").arg(q(archbench::describe(crash, doc_->version()))),
      6000);
}

QImage ImpactWindow::render() const {
  return sheet_->grab().toImage();
}

bool ImpactWindow::exportTo(const QString& path, QString* error) {
  if (!matrix_) {
    if (error) *error = tr("There is no heatmap to export.");
    return false;
  }
  if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)) return writeCsv(path, error);
  if (!render().save(path)) {
    if (error) *error = tr("Cannot write %1").arg(path);
    return false;
  }
  return true;
}

// One line per component (the steady state first): its criticality, then each class's success,
// answered (fractions) and p95 in ms (empty when there is none), in the engine's order.
bool ImpactWindow::writeCsv(const QString& path, QString* error) const {
  const archbench::ImpactMatrix& m = *matrix_;
  QStringList header{QStringLiteral("component"), QStringLiteral("not_answered")};
  for (const auto& cls : m.classes) {
    const QString c = q(cls);
    header << c + QStringLiteral(" success") << c + QStringLiteral(" answered")
           << c + QStringLiteral(" p95_ms");
  }
  QStringList lines;
  QStringList fields;
  for (const QString& h : header) fields << csv_field(h);
  lines << fields.join(QLatin1Char(','));
  auto cells = [](QStringList& out, const std::vector<archbench::ImpactCell>& row) {
    for (const auto& cell : row) {
      out << csv_number(cell.success) << csv_number(cell.answered)
          << (cell.p95_ms ? csv_number(*cell.p95_ms) : QString());
    }
  };
  QStringList steady{QStringLiteral("(steady state)"), QString()};
  cells(steady, m.steady);
  lines << steady.join(QLatin1Char(','));
  for (const auto& row : m.rows) {
    QStringList out{csv_field(q(row.component)), csv_number(row.criticality)};
    cells(out, row.cells);
    lines << out.join(QLatin1Char(','));
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text) ||
      file.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8()) < 0 ||
      !file.commit()) {
    if (error) *error = tr("Cannot write %1").arg(path);
    return false;
  }
  return true;
}

void ImpactWindow::exportDialog() {
  const QString base = QFileInfo(doc_->path()).completeBaseName();
  const QString suggested = QStringLiteral("%1 - %2 impact.csv")
                                .arg(base.isEmpty() ? q(doc_->project().name) : base,
                                     shownVersion_ ? q(shownVersion_->name) : QString());
  QString filter;
  QString path = QFileDialog::getSaveFileName(this, tr("Export heatmap"), suggested,
                                              tr("CSV table (*.csv);;PNG image (*.png)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty())
    path +=
        filter.contains(QStringLiteral("png")) ? QStringLiteral(".png") : QStringLiteral(".csv");
  QString error;
  if (!exportTo(path, &error)) QMessageBox::warning(this, tr("Export heatmap"), error);
}
