#include "failure/experimentsview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "archbench/figures.h"
#include "failure/experimentsview_internal.h"

using archbench::Cmp;
using archbench::Condition;
using archbench::Experiment;
using archbench::Metric;
using detail::faults_text;
using detail::names;
using detail::q;

namespace detail {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QString faults_text(const std::vector<archbench::Fault>& faults, const archbench::Version& version) {
  QStringList parts;
  for (const auto& f : faults) parts << q(archbench::describe(f, version));
  return parts.isEmpty() ? QObject::tr("no faults") : parts.join(QStringLiteral(" · "));
}

QString names(const std::vector<std::string>& list) {
  QStringList out;
  for (const auto& s : list) out << q(s);
  return out.join(QStringLiteral(", "));
}

}  // namespace detail

namespace {

// What the results depend on: the scenario on show, the other experiments, the notes and the
// layout do not change what an experiment observes.
archbench::Version design_of(archbench::Version v) {
  v.faults.clear();
  v.experiments.clear();
  v.notes.clear();
  for (auto& c : v.components) c.pos.reset();
  return v;
}

// Runs on a worker thread on its own copies; the catalog never changes while the app runs.
std::vector<ExperimentsView::Run> run_all(quint64 uid, archbench::Version version,
                                          std::vector<Experiment> experiments,
                                          const archbench::Catalog* catalog) {
  std::vector<ExperimentsView::Run> out;
  for (auto& e : experiments) {
    ExperimentsView::Run r;
    r.versionUid = uid;
    r.version = version;
    try {
      r.result = archbench::run_experiment(version, *catalog, e);
    } catch (const std::exception& ex) {
      r.error = QString::fromUtf8(ex.what());
    }
    r.experiment = std::move(e);
    out.push_back(std::move(r));
  }
  return out;
}

QPushButton* button(const QString& text, const QString& name, const QString& tip, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setObjectName(name);
  b->setToolTip(tip);
  return b;
}

}  // namespace

ExperimentsView::ExperimentsView(Document* doc, QWidget* parent)
    : QWidget(parent),
      doc_(doc),
      runAll_(button(tr("Run all"), QStringLiteral("runAllButton"),
                     tr("Run every experiment of this version"), this)),
      runSelected_(button(tr("Run"), QStringLiteral("runSelectedButton"),
                          tr("Run the selected experiment"), this)),
      newFromScenario_(button(tr("New from scenario…"), QStringLiteral("newFromScenarioButton"),
                              tr("An experiment that injects the faults of the current scenario"),
                              this)),
      edit_(button(tr("Edit…"), QStringLiteral("editButton"),
                   tr("The selected experiment's hypothesis and blast radius"), this)),
      apply_(button(tr("Apply faults"), QStringLiteral("applyFaultsButton"),
                    tr("Make the selected experiment's faults the scenario on the canvas"), this)),
      delete_(button(tr("Delete"), QStringLiteral("deleteButton"),
                     tr("Delete the selected experiment (Undo brings it back)"), this)),
      busy_(new QLabel(tr("Running…"), this)),
      list_(new QTreeWidget(this)),
      title_(new QLabel(this)),
      faults_(new QLabel(this)),
      conditions_(new QTableWidget(this)),
      addCondition_(button(tr("+ Condition"), QStringLiteral("addConditionButton"),
                           tr("Another condition that should hold under the faults"), this)),
      removeCondition_(button(tr("− Condition"), QStringLiteral("removeConditionButton"),
                              tr("Remove the selected condition"), this)),
      outcome_(new QLabel(this)),
      details_(new QWidget(this)) {
  list_->setObjectName(QStringLiteral("experimentsList"));
  conditions_->setObjectName(QStringLiteral("conditionsTable"));
  title_->setObjectName(QStringLiteral("experimentTitle"));
  faults_->setObjectName(QStringLiteral("experimentFaults"));
  outcome_->setObjectName(QStringLiteral("experimentOutcome"));
  busy_->setVisible(false);

  list_->setColumnCount(3);
  list_->setHeaderLabels({tr("Experiment"), tr("Faults"), tr("Result")});
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setAlternatingRowColors(true);
  list_->header()->setStretchLastSection(false);
  list_->header()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
  list_->header()->setSectionResizeMode(FaultsColumn, QHeaderView::Stretch);
  list_->header()->setSectionResizeMode(ResultColumn, QHeaderView::ResizeToContents);

  title_->setWordWrap(true);
  title_->setTextFormat(Qt::RichText);
  faults_->setWordWrap(true);
  outcome_->setWordWrap(true);
  outcome_->setTextFormat(Qt::RichText);
  conditions_->setColumnCount(6);
  conditions_->setHorizontalHeaderLabels(
      {tr("Class"), tr("Metric"), tr("Op"), tr("Value"), tr("Observed"), QString()});
  conditions_->verticalHeader()->setVisible(false);
  conditions_->setSelectionBehavior(QAbstractItemView::SelectRows);
  conditions_->setSelectionMode(QAbstractItemView::SingleSelection);
  conditions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  conditions_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  conditions_->horizontalHeader()->setStretchLastSection(false);  // ✓ right after its figure
  conditions_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);

  auto* buttons = new QHBoxLayout;
  for (QWidget* w : {static_cast<QWidget*>(runAll_), static_cast<QWidget*>(runSelected_),
                     static_cast<QWidget*>(newFromScenario_), static_cast<QWidget*>(edit_),
                     static_cast<QWidget*>(apply_), static_cast<QWidget*>(delete_)})
    buttons->addWidget(w);
  buttons->addStretch(1);
  buttons->addWidget(busy_);

  auto* conditionButtons = new QHBoxLayout;
  conditionButtons->addWidget(addCondition_);
  conditionButtons->addWidget(removeCondition_);
  conditionButtons->addStretch(1);

  auto* detail = new QVBoxLayout(details_);
  detail->setContentsMargins(6, 0, 0, 0);
  detail->addWidget(title_);
  detail->addWidget(faults_);
  detail->addWidget(conditions_, 1);
  detail->addLayout(conditionButtons);
  detail->addWidget(outcome_);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(list_);
  split->addWidget(details_);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setChildrenCollapsible(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(buttons);
  layout->addWidget(split, 1);

  connect(runAll_, &QPushButton::clicked, this, &ExperimentsView::runAll);
  connect(runSelected_, &QPushButton::clicked, this, &ExperimentsView::runSelected);
  connect(newFromScenario_, &QPushButton::clicked, this, &ExperimentsView::newFromScenario);
  connect(edit_, &QPushButton::clicked, this, &ExperimentsView::editSelected);
  connect(apply_, &QPushButton::clicked, this, &ExperimentsView::applySelectedFaults);
  connect(delete_, &QPushButton::clicked, this, &ExperimentsView::deleteSelected);
  connect(addCondition_, &QPushButton::clicked, this, &ExperimentsView::addCondition);
  connect(removeCondition_, &QPushButton::clicked, this, &ExperimentsView::removeCondition);
  connect(conditions_, &QTableWidget::itemSelectionChanged, this, &ExperimentsView::updateButtons);
  connect(list_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    selected_ = item ? item->data(NameColumn, Qt::UserRole).toString() : QString();
    showDetails();
  });
  connect(list_, &QTreeWidget::itemDoubleClicked, this, &ExperimentsView::runSelected);
  connect(&watcher_, &QFutureWatcher<std::vector<Run>>::finished, this,
          &ExperimentsView::runFinished);

  // The view rebuilds its rows from the document; an edit made from one of its own widgets must
  // not delete that widget while it is still emitting, hence the deferred rebuild.
  connect(doc_, &Document::experimentsChanged, this, &ExperimentsView::scheduleRebuild);
  connect(doc_, &Document::versionChanged, this, &ExperimentsView::scheduleRebuild);
  connect(doc_, &Document::workloadChanged, this, &ExperimentsView::scheduleRebuild);
  connect(doc_, &Document::faultsChanged, this, &ExperimentsView::updateButtons);
  connect(doc_, &Document::evaluated, this, &ExperimentsView::scheduleRebuild);

  askText = [](const QString&, const QString&, const QString&) -> std::optional<QString> {
    return std::nullopt;
  };
  showError = [](const QString&) {};
  rebuild();
}

ExperimentsView::~ExperimentsView() {
  // The worker holds a pointer to the catalog; let it finish before anything goes away.
  watcher_.waitForFinished();
}

QString ExperimentsView::selectedName() const {
  return selected_;
}

void ExperimentsView::selectExperiment(const QString& name) {
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    if (item->data(NameColumn, Qt::UserRole).toString() == name) list_->setCurrentItem(item);
  }
}

const Experiment* ExperimentsView::selected() const {
  const std::string name = selected_.toStdString();
  for (const auto& e : doc_->version().experiments)
    if (e.name == name) return &e;
  return nullptr;
}

const ExperimentsView::Run* ExperimentsView::lastRun(const QString& name) const {
  const auto it = runs_.find({doc_->versionUid(doc_->versionIndex()), name.toStdString()});
  return it == runs_.end() ? nullptr : &it->second;
}

bool ExperimentsView::isCurrent(const Run& run) const {
  const std::string& name = run.experiment.name;
  const auto& list = doc_->version().experiments;
  const auto it =
      std::find_if(list.begin(), list.end(), [&](const Experiment& e) { return e.name == name; });
  return it != list.end() && *it == run.experiment &&
         design_of(run.version) == design_of(doc_->version());
}

void ExperimentsView::runAll() {
  run(doc_->version().experiments);
}

void ExperimentsView::runSelected() {
  if (const Experiment* e = selected()) run({*e});
}

void ExperimentsView::run(std::vector<Experiment> experiments) {
  if (running_ || experiments.empty()) return;
  running_ = true;
  busy_->setVisible(true);
  updateButtons();
  // Copies go to the worker: the document may change while it runs.
  watcher_.setFuture(QtConcurrent::run(run_all, doc_->versionUid(doc_->versionIndex()),
                                       doc_->version(), std::move(experiments), &doc_->catalog()));
}

void ExperimentsView::runFinished() {
  running_ = false;
  busy_->setVisible(false);
  // Kept even if the document moved on meanwhile: the list marks such a result outdated.
  for (Run& r : watcher_.result()) {
    const std::pair<quint64, std::string> key{r.versionUid, r.experiment.name};
    runs_[key] = std::move(r);
  }
  rebuild();
  emit ran();
}

void ExperimentsView::newFromScenario() {
  const auto& faults = doc_->version().faults;
  if (faults.empty()) {
    showError(
        tr("The current scenario has no faults. Apply some first (Failure ▸ Impact "
           "heatmap, double-click a row), then make an experiment of them."));
    return;
  }
  const std::optional<QString> name =
      askText(tr("New Experiment"), tr("Name of the experiment:"), faults_text(faults, doc_->version()));
  if (!name || name->trimmed().isEmpty()) return;
  const std::string n = name->trimmed().toStdString();
  auto after = doc_->version().experiments;
  if (std::any_of(after.begin(), after.end(), [&](const Experiment& e) { return e.name == n; })) {
    showError(tr("This version already has an experiment named %1.").arg(name->trimmed()));
    return;
  }
  const std::optional<QString> hypothesis =
      askText(tr("New Experiment"), tr("Hypothesis: what should still hold under these faults?"),
              QString());
  if (!hypothesis) return;
  Experiment e;
  e.name = n;
  e.hypothesis = hypothesis->trimmed().toStdString();
  e.faults = faults;
  // A first condition to edit: the first class the caller waits for keeps 99% success.
  const auto& workload = doc_->version().workload;
  const auto sync = std::find_if(workload.begin(), workload.end(),
                                 [](const archbench::RequestClass& c) { return c.sync; });
  if (!workload.empty())
    e.conditions.push_back({(sync != workload.end() ? *sync : workload.front()).name,
                            Metric::Success, Cmp::AtLeast, 99});
  after.push_back(e);
  selected_ = q(n);
  doc_->setExperiments(after, tr("New experiment %1").arg(q(n)));
}

void ExperimentsView::editSelected() {
  const Experiment* e = selected();
  if (!e) return;
  Experiment after = *e;
  const std::optional<QString> hypothesis =
      askText(tr("Experiment %1").arg(q(e->name)),
              tr("Hypothesis: what should still hold under these faults?"), q(e->hypothesis));
  if (!hypothesis) return;
  const std::optional<QString> radius =
      askText(tr("Experiment %1").arg(q(e->name)),
              tr("Blast radius: the classes the faults may affect, separated by commas (empty: not "
                 "stated)."),
              names(e->blast_radius));
  if (!radius) return;
  after.hypothesis = hypothesis->trimmed().toStdString();
  after.blast_radius.clear();
  for (const QString& part : radius->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString cls = part.trimmed();
    if (cls.isEmpty()) continue;
    if (!doc_->version().request_class(cls.toStdString())) {
      showError(tr("%1 has no request class %2.").arg(q(doc_->version().name), cls));
      return;
    }
    after.blast_radius.push_back(cls.toStdString());
  }
  replaceSelected(after, tr("Edit experiment %1").arg(q(e->name)));
}

void ExperimentsView::deleteSelected() {
  const Experiment* e = selected();
  if (!e) return;
  const QString name = q(e->name);
  auto after = doc_->version().experiments;
  after.erase(std::remove_if(after.begin(), after.end(),
                             [&](const Experiment& x) { return x.name == e->name; }),
              after.end());
  doc_->setExperiments(after, tr("Delete experiment %1").arg(name));
}

void ExperimentsView::applySelectedFaults() {
  const Experiment* e = selected();
  if (!e || e->faults == doc_->version().faults) return;
  doc_->setFaults(e->faults, tr("Apply the faults of %1").arg(q(e->name)));
}

void ExperimentsView::addCondition() {
  const Experiment* e = selected();
  if (!e || doc_->version().workload.empty()) return;
  Experiment after = *e;
  after.conditions.push_back(
      {doc_->version().workload.front().name, Metric::Success, Cmp::AtLeast, 99});
  replaceSelected(after, tr("Add a condition to %1").arg(q(e->name)));
}

void ExperimentsView::removeCondition() {
  const Experiment* e = selected();
  const int row = conditions_->currentRow();
  if (!e || row < 0 || row >= static_cast<int>(e->conditions.size())) return;
  Experiment after = *e;
  after.conditions.erase(after.conditions.begin() + row);
  replaceSelected(after, tr("Remove a condition of %1").arg(q(e->name)));
}

void ExperimentsView::setCondition(int row, const Condition& c) {
  const Experiment* e = selected();
  if (!e || row < 0 || row >= static_cast<int>(e->conditions.size())) return;
  if (e->conditions[static_cast<std::size_t>(row)] == c) return;
  Experiment after = *e;
  after.conditions[static_cast<std::size_t>(row)] = c;
  replaceSelected(after, tr("Edit a condition of %1").arg(q(e->name)));
}

void ExperimentsView::replaceSelected(const Experiment& after, const QString& what) {
  auto list = doc_->version().experiments;
  for (auto& e : list)
    if (e.name == selected_.toStdString()) e = after;
  doc_->setExperiments(list, what);
}

void ExperimentsView::scheduleRebuild() {
  if (rebuildPending_) return;
  rebuildPending_ = true;
  QMetaObject::invokeMethod(
      this,
      [this] {
        rebuildPending_ = false;
        rebuild();
      },
      Qt::QueuedConnection);
}
