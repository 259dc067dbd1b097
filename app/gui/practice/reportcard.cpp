#include "practice/reportcard.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "window/style.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

enum Column { Verdict, Requirement, Figure, Points, Reason, Columns };

QString stageLine(const archbench::StageCard& st, double passMark) {
  QString verdict = st.missing   ? QObject::tr("no version")
                    : st.passed  ? QObject::tr("passed")
                                 : QObject::tr("not passed");
  if (st.saturated) verdict += QObject::tr(" (saturated)");
  return QObject::tr("Stage %1 — %2: %3/100, %4 (pass mark %5)")
      .arg(q(st.name), st.missing ? QObject::tr("no version") : q(st.version), q(archbench::score_text(st.score)),
           verdict, q(archbench::score_text(passMark)));
}
}  // namespace

ReportCardDialog::ReportCardDialog(QWidget* parent)
    : QDialog(parent), headline_(new QLabel(this)), notes_(new QLabel(this)), checks_(new QTreeWidget(this)) {
  setObjectName("reportCard");
  setWindowTitle(tr("Report Card"));
  headline_->setObjectName("reportHeadline");
  headline_->setWordWrap(true);
  headline_->setTextFormat(Qt::RichText);
  notes_->setObjectName("reportNotes");
  notes_->setWordWrap(true);
  checks_->setObjectName("reportChecks");
  checks_->setColumnCount(Columns);
  checks_->setHeaderLabels({tr(""), tr("Requirement"), tr("Figure"), tr("Points"), tr("Reason")});
  checks_->setRootIsDecorated(true);
  checks_->setAlternatingRowColors(true);
  checks_->setWordWrap(true);
  checks_->header()->setStretchLastSection(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(headline_);
  layout->addWidget(checks_, 1);
  layout->addWidget(notes_);
  layout->addWidget(buttons);
  resize(1000, 640);
}

QTreeWidgetItem* ReportCardDialog::checkItem(const archbench::Check& c) {
  auto* item = new QTreeWidgetItem;
  const bool hint = c.category == "hint";
  item->setText(Verdict, hint ? QStringLiteral("–") : c.passed ? QStringLiteral("✓") : QStringLiteral("✗"));
  item->setForeground(Verdict, hint ? QColor(Qt::gray) : c.passed ? style::pass_color() : style::fault_color());
  item->setText(Requirement, q(c.requirement));
  item->setText(Figure, q(archbench::check_figure_text(c)));
  item->setTextAlignment(Figure, Qt::AlignRight | Qt::AlignVCenter);
  item->setText(Points, q(archbench::check_points_text(c)));
  item->setTextAlignment(Points, Qt::AlignRight | Qt::AlignVCenter);
  item->setText(Reason, q(c.reason));
  const QString tip = QObject::tr("%1 (%2)\n%3").arg(q(c.requirement), q(c.category), q(c.reason));
  for (int col = 0; col < Columns; ++col) item->setToolTip(col, tip);
  return item;
}

void ReportCardDialog::addChecks(QTreeWidgetItem* parent, const std::vector<archbench::Check>& checks) {
  for (const auto& c : checks) parent->addChild(checkItem(c));
}

void ReportCardDialog::addStage(const archbench::StageCard& st) {
  auto* top = new QTreeWidgetItem(checks_);
  top->setText(Verdict, st.passed ? QStringLiteral("✓") : QStringLiteral("✗"));
  top->setForeground(Verdict, st.passed ? style::pass_color() : style::fault_color());
  top->setFirstColumnSpanned(false);
  top->setText(Requirement, tr("Stage %1 — %2").arg(q(st.name), st.missing ? tr("no version") : q(st.version)));
  top->setText(Points, tr("%1/100").arg(q(archbench::score_text(st.score))));
  top->setTextAlignment(Points, Qt::AlignRight | Qt::AlignVCenter);
  if (!st.bottleneck.empty()) top->setText(Reason, tr("bottleneck at this stage's traffic: %1").arg(q(st.bottleneck)));
  QFont bold = top->font(Requirement);
  bold.setBold(true);
  top->setFont(Requirement, bold);
  addChecks(top, st.checks);
  top->setExpanded(true);
}

void ReportCardDialog::finish() {
  checks_->setColumnWidth(Verdict, 44);
  checks_->setColumnWidth(Requirement, 330);
  checks_->setColumnWidth(Figure, 80);
  checks_->setColumnWidth(Points, 70);
}

void ReportCardDialog::showStage(const QString& scenarioTitle, const archbench::StageCard& card, double passMark,
                                 const QString& next) {
  checks_->clear();
  setWindowTitle(tr("Report Card — %1, stage %2").arg(scenarioTitle, q(card.name)));
  headline_->setText(QStringLiteral("<b>%1</b><br>%2").arg(stageLine(card, passMark).toHtmlEscaped(),
                                                           next.toHtmlEscaped()));
  addStage(card);
  notes_->clear();
  notes_->setVisible(false);
  finish();
}

void ReportCardDialog::showCard(const QString& scenarioTitle, const archbench::ReportCard& card) {
  checks_->clear();
  setWindowTitle(tr("Report Card — %1").arg(scenarioTitle));
  headline_->setText(tr("<b>%1: %2/100, %3</b> (pass mark %4: the overall score and every stage must reach it)")
                         .arg(scenarioTitle.toHtmlEscaped(), q(archbench::score_text(card.score)),
                              card.passed ? tr("PASSED") : tr("NOT PASSED"), q(archbench::score_text(card.pass_mark))));
  for (const auto& st : card.stages) addStage(st);
  auto section = [this](const QString& title, const std::vector<archbench::Check>& checks) {
    if (checks.empty()) return;
    auto* top = new QTreeWidgetItem(checks_);
    top->setText(Requirement, title);
    QFont bold = top->font(Requirement);
    bold.setBold(true);
    top->setFont(Requirement, bold);
    addChecks(top, checks);
    top->setExpanded(true);
  };
  section(tr("Estimates"), card.estimates);
  section(tr("Drills"), card.drills);
  QStringList notes;
  for (const auto& n : card.notes) notes << tr("Note: %1").arg(q(n));
  notes_->setText(notes.join('\n'));
  notes_->setVisible(!notes.isEmpty());
  finish();
}
