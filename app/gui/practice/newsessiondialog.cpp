#include "practice/newsessiondialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <cmath>
#include <exception>

#include "archbench/format.h"
#include "archbench/practice.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

NewSessionDialog::NewSessionDialog(const archbench::Catalog& catalog, const QString& dir, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(this)), statement_(new QTextBrowser(this)) {
  setObjectName("newSessionDialog");
  setWindowTitle(tr("New Practice Session"));
  try {
    scenarios_ = archbench::load_scenarios(dir.toStdString(), catalog);
    if (scenarios_.empty()) problem_ = tr("There is no scenario in %1.").arg(dir);
  } catch (const std::exception& e) {
    problem_ = tr("The scenarios in %1 cannot be read:\n%2").arg(dir, QString::fromUtf8(e.what()));
  }
  auto* intro = new QLabel(
      tr("A system-design question in stages of growing traffic. Each stage's requirements are checked "
         "live by the model; Submit Stage grades it, and the next stage starts from a copy of your design."),
      this);
  intro->setWordWrap(true);
  table_->setObjectName("scenarioTable");
  table_->setColumnCount(5);
  table_->setHorizontalHeaderLabels({tr("Scenario"), tr("Difficulty"), tr("Topics"), tr("Stages"), tr("Time")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->setRowCount(static_cast<int>(scenarios_.size()));
  for (int r = 0; r < table_->rowCount(); ++r) {
    const auto& s = scenarios_[static_cast<std::size_t>(r)];
    QStringList topics;
    for (const auto& t : s.topics) topics << q(t);
    QStringList stages;
    for (const auto& st : s.stages) stages << q(st.name);
    auto* title = new QTableWidgetItem(q(s.title));
    title->setData(Qt::UserRole, q(s.id));
    title->setToolTip(q(s.id));
    table_->setItem(r, 0, title);
    table_->setItem(r, 1, new QTableWidgetItem(q(s.difficulty)));
    table_->setItem(r, 2, new QTableWidgetItem(topics.join(", ")));
    auto* stageItem = new QTableWidgetItem(QString::number(s.stages.size()));
    stageItem->setToolTip(stages.join(" → "));
    stageItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(r, 3, stageItem);
    auto* time = new QTableWidgetItem(tr("%1 min").arg(q(archbench::format_significant(s.time_limit_min, 3))));
    time->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(r, 4, time);
  }
  table_->resizeColumnsToContents();
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  statement_->setObjectName("scenarioStatement");
  statement_->setOpenExternalLinks(false);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(table_);
  split->addWidget(statement_);
  split->setSizes({260, 300});
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  start_ = buttons->addButton(tr("Start"), QDialogButtonBox::AcceptRole);
  start_->setObjectName("startSession");
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(table_, &QTableWidget::itemSelectionChanged, this, &NewSessionDialog::showSelected);
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this] {
    if (selected()) accept();
  });
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(split, 1);
  layout->addWidget(buttons);
  if (!problem_.isEmpty()) statement_->setPlainText(problem_);
  if (table_->rowCount() > 0) table_->selectRow(0);
  showSelected();
  resize(860, 640);
}

const archbench::Scenario* NewSessionDialog::selected() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return nullptr;
  return &scenarios_.at(static_cast<std::size_t>(rows.front().row()));
}

void NewSessionDialog::selectScenario(const QString& id) {
  for (int r = 0; r < table_->rowCount(); ++r)
    if (table_->item(r, 0)->data(Qt::UserRole).toString() == id) table_->selectRow(r);
}

void NewSessionDialog::showSelected() {
  const archbench::Scenario* s = selected();
  start_->setEnabled(s != nullptr);
  if (!s) return;
  QString md = QStringLiteral("# %1\n\n%2\n\n").arg(q(s->title), q(s->statement));
  md += tr("**Stages:** ");
  QStringList stages;
  for (const auto& st : s->stages) stages << q(st.name);
  md += stages.join(" → ");
  if (s->start) {
    QStringList parts;
    for (const auto& c : s->start->components) parts << q(c.display_name());
    md += tr("\n\n**Starts from a given design:** %1.").arg(parts.join(", "));
  }
  md += tr(" · **time limit** %1 min · **pass mark** %2/100")
            .arg(q(archbench::format_significant(s->time_limit_min, 3)), q(archbench::score_text(s->pass_mark)));
  statement_->setMarkdown(md);
}
