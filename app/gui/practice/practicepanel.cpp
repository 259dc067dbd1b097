#include "practice/practicepanel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "practice/practicesession.h"
#include "window/style.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

QString minutes_seconds(double seconds) {
  const auto total = static_cast<long long>(std::floor(std::max(0.0, seconds)));
  return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

// A figure the candidate types: a plain number, or with a k/M/G suffix ("3.5k" = 3500).
std::optional<double> parse_estimate(QString text) {
  text = text.trimmed().remove(',').remove('_').remove(' ');
  double scale = 1;
  if (!text.isEmpty()) {
    const QChar last = text.back().toLower();
    if (last == 'k') scale = 1e3;
    if (last == 'm') scale = 1e6;
    if (last == 'g' || last == 'b') scale = 1e9;
    if (scale != 1) text.chop(1);
  }
  bool ok = false;
  const double v = text.toDouble(&ok) * scale;
  if (!ok || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}
}  // namespace

PracticePanel::PracticePanel(PracticeSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
  setObjectName("practicePanel");
  pages_ = new QStackedWidget(this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(pages_);

  // Page 0: no session.
  auto* idlePage = new QWidget;
  auto* idleColumn = new QVBoxLayout(idlePage);
  idle_ = new QLabel(idlePage);
  idle_->setObjectName("practiceIdle");
  idle_->setWordWrap(true);
  auto* start = new QPushButton(tr("New Session…"), idlePage);
  start->setObjectName("practiceNewSession");
  connect(start, &QPushButton::clicked, this, &PracticePanel::newSessionRequested);
  idleColumn->addWidget(idle_);
  idleColumn->addWidget(start, 0, Qt::AlignLeft);
  idleColumn->addStretch(1);
  pages_->addWidget(idlePage);

  // Page 1: the session.
  auto* body = new QWidget;
  auto* column = new QVBoxLayout(body);
  column->setContentsMargins(8, 6, 8, 6);
  title_ = new QLabel(body);
  title_->setObjectName("practiceTitle");
  title_->setWordWrap(true);
  title_->setTextFormat(Qt::RichText);
  column->addWidget(title_);

  auto* clockRow = new QHBoxLayout;
  clock_ = new QLabel(body);
  clock_->setObjectName("practiceClock");
  QFont clockFont = clock_->font();
  clockFont.setPointSizeF(clockFont.pointSizeF() * 1.3);
  clockFont.setBold(true);
  clock_->setFont(clockFont);
  pause_ = new QPushButton(tr("Pause"), body);
  pause_->setObjectName("practicePause");
  hideClock_ = new QToolButton(body);
  hideClock_->setObjectName("practiceHideClock");
  hideClock_->setText(tr("Hide"));
  hideClock_->setCheckable(true);
  hideClock_->setToolTip(tr("Hide the time (it keeps counting)"));
  clockRow->addWidget(clock_, 1);
  clockRow->addWidget(pause_);
  clockRow->addWidget(hideClock_);
  column->addLayout(clockRow);
  connect(pause_, &QPushButton::clicked, this, [this] { session_->setPaused(!session_->isPaused()); });
  connect(hideClock_, &QToolButton::toggled, this, &PracticePanel::refreshClock);

  stage_ = new QLabel(body);
  stage_->setObjectName("practiceStage");
  stage_->setWordWrap(true);
  stage_->setTextFormat(Qt::RichText);
  stageText_ = new QLabel(body);
  stageText_->setObjectName("practiceStageText");
  stageText_->setWordWrap(true);
  stageText_->setTextFormat(Qt::MarkdownText);
  column->addWidget(stage_);
  column->addWidget(stageText_);

  statementToggle_ = new QToolButton(body);
  statementToggle_->setText(tr("The question"));
  statementToggle_->setCheckable(true);
  statementToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  statementToggle_->setArrowType(Qt::RightArrow);
  statement_ = new QTextBrowser(body);
  statement_->setObjectName("practiceStatement");
  statement_->setMinimumHeight(180);
  statement_->setVisible(false);
  connect(statementToggle_, &QToolButton::toggled, this, [this](bool on) {
    statement_->setVisible(on);
    statementToggle_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
  });
  column->addWidget(statementToggle_);
  column->addWidget(statement_);

  estimatesBox_ = new QGroupBox(tr("Back of the envelope, before you design"), body);
  estimatesBox_->setObjectName("practiceEstimates");
  auto* estColumn = new QVBoxLayout(estimatesBox_);
  estimatesForm_ = new QFormLayout;
  estimatesForm_->setRowWrapPolicy(QFormLayout::WrapAllRows);
  estColumn->addLayout(estimatesForm_);
  auto* estButtons = new QHBoxLayout;
  checkEstimates_ = new QPushButton(tr("Check Estimates"), estimatesBox_);
  checkEstimates_->setObjectName("practiceCheckEstimates");
  skipEstimates_ = new QPushButton(tr("Skip"), estimatesBox_);
  skipEstimates_->setToolTip(tr("Design without estimating; the estimates then earn no points"));
  estButtons->addWidget(checkEstimates_);
  estButtons->addWidget(skipEstimates_);
  estButtons->addStretch(1);
  estColumn->addLayout(estButtons);
  estimatesResult_ = new QLabel(estimatesBox_);
  estimatesResult_->setObjectName("practiceEstimatesResult");
  estimatesResult_->setWordWrap(true);
  estColumn->addWidget(estimatesResult_);
  connect(checkEstimates_, &QPushButton::clicked, this, &PracticePanel::checkEstimates);
  connect(skipEstimates_, &QPushButton::clicked, this, [this] { session_->skipEstimates(); });
  column->addWidget(estimatesBox_);

  checksBox_ = new QGroupBox(tr("Requirements of this stage"), body);
  auto* checksColumn = new QVBoxLayout(checksBox_);
  hideChecks_ = new QCheckBox(tr("Blind attempt: hide the live checks"), checksBox_);
  hideChecks_->setObjectName("practiceHideChecks");
  checks_ = new QLabel(checksBox_);
  checks_->setObjectName("practiceChecks");
  checks_->setWordWrap(true);
  checks_->setTextFormat(Qt::RichText);
  checks_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  checks_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  blind_ = new QLabel(tr("Checks hidden. Submit Stage grades the design."), checksBox_);
  blind_->setWordWrap(true);
  score_ = new QLabel(checksBox_);
  score_->setObjectName("practiceScore");
  score_->setWordWrap(true);
  checksColumn->addWidget(hideChecks_);
  checksColumn->addWidget(checks_, 1);
  checksColumn->addWidget(blind_);
  checksColumn->addWidget(score_);
  connect(hideChecks_, &QCheckBox::toggled, this, &PracticePanel::refreshChecks);
  column->addWidget(checksBox_, 1);

  auto* actions = new QHBoxLayout;
  hint_ = new QPushButton(tr("Hint"), body);
  hint_->setObjectName("practiceHint");
  drills_ = new QPushButton(tr("Drills…"), body);
  drills_->setObjectName("practiceDrills");
  drills_->setToolTip(tr("What happens if…: questions on your design, answered by the engine"));
  submit_ = new QPushButton(tr("Submit Stage"), body);
  submit_->setObjectName("practiceSubmit");
  submit_->setDefault(true);
  actions->addWidget(hint_);
  actions->addWidget(drills_);
  actions->addStretch(1);
  column->addLayout(actions);
  column->addWidget(submit_);
  connect(hint_, &QPushButton::clicked, this, [this] {
    session_->takeHint();
    refreshHints();
  });
  connect(drills_, &QPushButton::clicked, this, &PracticePanel::drillsRequested);
  connect(submit_, &QPushButton::clicked, this, &PracticePanel::submitRequested);

  hints_ = new QLabel(body);
  hints_->setObjectName("practiceHints");
  hints_->setWordWrap(true);
  hints_->setTextFormat(Qt::RichText);
  column->addWidget(hints_);

  finished_ = new QWidget(body);
  auto* finishedRow = new QHBoxLayout(finished_);
  finishedRow->setContentsMargins(0, 0, 0, 0);
  auto* report = new QPushButton(tr("Report Card…"), finished_);
  report->setObjectName("practiceReport");
  auto* compare = new QPushButton(tr("Compare with Reference…"), finished_);
  compare->setObjectName("practiceCompare");
  finishedRow->addWidget(report);
  finishedRow->addWidget(compare);
  finishedRow->addStretch(1);
  connect(report, &QPushButton::clicked, this, &PracticePanel::reportRequested);
  connect(compare, &QPushButton::clicked, this, &PracticePanel::compareRequested);
  column->addWidget(finished_);

  auto* scroll = new QScrollArea;
  scroll->setWidget(body);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // it wraps to the dock's width
  pages_->addWidget(scroll);

  connect(session_, &PracticeSession::sessionChanged, this, &PracticePanel::rebuild);
  connect(session_, &PracticeSession::liveCheckUpdated, this, &PracticePanel::refreshChecks);
  connect(session_, &PracticeSession::ticked, this, &PracticePanel::refreshClock);
  rebuild();
}

QString PracticePanel::clockText(double seconds, double limit) {
  QString text = tr("%1 / %2").arg(minutes_seconds(seconds), minutes_seconds(limit));
  if (seconds > limit) text += tr(" — %1 over").arg(minutes_seconds(seconds - limit));
  return text;
}

QLineEdit* PracticePanel::estimateField(const QString& id) const {
  return estimatesBox_->findChild<QLineEdit*>(QStringLiteral("estimate:%1").arg(id));
}

void PracticePanel::rebuild() {
  const archbench::Scenario* s = session_->scenario();
  if (!s) {
    idle_->setText(session_->problem().isEmpty()
                       ? tr("Practise a system-design interview: pick a scenario, estimate, design "
                            "stage by stage against requirements the model checks, and get a report "
                            "card in which every point comes with its figure.")
                       : session_->problem());
    pages_->setCurrentIndex(0);
    return;
  }
  pages_->setCurrentIndex(1);
  QStringList topics;
  for (const auto& t : s->topics) topics << q(t);
  title_->setText(QStringLiteral("<b>%1</b><br><span>%2 · %3</span>")
                      .arg(q(s->title).toHtmlEscaped(), q(s->difficulty).toHtmlEscaped(),
                           topics.join(", ").toHtmlEscaped()));
  statement_->setMarkdown(q(s->statement));
  const bool finished = session_->isFinished();
  if (finished) {
    stage_->setText(tr("<b>All %1 stages submitted.</b>").arg(session_->stageCount()));
    stageText_->setText(tr("See the report card, then your design beside the reference solution."));
  } else {
    const auto& st = s->stages[static_cast<std::size_t>(session_->stage())];
    const QString version = session_->stageVersionName();
    stage_->setText(tr("<b>Stage %1 of %2 — %3</b>%4")
                        .arg(session_->stage() + 1)
                        .arg(session_->stageCount())
                        .arg(q(st.name).toHtmlEscaped(),
                             version.isEmpty() ? QString() : tr(" · designing %1").arg(version.toHtmlEscaped())));
    stageText_->setText(q(st.description));
  }
  if (builtFor_ != q(s->id)) buildEstimates();
  const bool estimating = session_->needsEstimates();
  estimatesBox_->setVisible(!s->estimates.empty() && session_->stage() == 0 && !finished &&
                            (estimating || !estimatesResult_->text().isEmpty()));
  checksBox_->setVisible(!finished);
  hint_->setVisible(!finished);
  drills_->setVisible(!finished);
  submit_->setVisible(!finished);
  submit_->setText(session_->stage() + 1 == session_->stageCount() ? tr("Submit Final Stage") : tr("Submit Stage"));
  finished_->setVisible(finished);
  pause_->setEnabled(!finished);
  refreshClock();
  refreshChecks();
  refreshHints();
}

void PracticePanel::refreshClock() {
  if (!session_->isActive()) return;
  pause_->setText(session_->isPaused() ? tr("Resume") : tr("Pause"));
  pause_->setToolTip(session_->isPaused() ? tr("The clock is paused") : tr("Pause the clock"));
  const double t = session_->elapsedSeconds(), limit = session_->limitSeconds();
  if (hideClock_->isChecked()) {
    clock_->setText(tr("timer hidden"));
  } else {
    clock_->setText(clockText(t, limit));
  }
  QPalette p = clock_->palette();
  p.setColor(QPalette::WindowText, !hideClock_->isChecked() && t > limit ? style::fault_color()
                                                                           : palette().color(QPalette::WindowText));
  clock_->setPalette(p);
}

void PracticePanel::refreshChecks() {
  if (!session_->isActive()) return;
  const bool blind = hideChecks_->isChecked();
  checks_->setVisible(!blind);
  blind_->setVisible(blind);
  const archbench::StageCard* card = session_->liveCard();
  if (card) {
    // One row per check: ✓/✗, the requirement, the engine's figure; a failed check's reason (it
    // names the component) on the line below, so what to fix is in view.
    const QString good = style::pass_color().name(), bad = style::fault_color().name();
    QString html = QStringLiteral("<table width='100%' cellspacing='0' cellpadding='1'>");
    for (const auto& c : card->checks) {
      html += QStringLiteral("<tr><td style='color:%1'>%2</td><td>%3</td><td align='right'>%4</td></tr>")
                  .arg(c.passed ? good : bad, c.passed ? QStringLiteral("✓") : QStringLiteral("✗"),
                       q(c.requirement).toHtmlEscaped(), q(archbench::check_figure_text(c)).toHtmlEscaped());
      if (!c.passed)
        html += QStringLiteral("<tr><td></td><td colspan='2' style='color:%1'><small>%2</small></td></tr>")
                    .arg(bad, q(c.reason).toHtmlEscaped());
    }
    checks_->setText(html + QStringLiteral("</table>"));
    score_->setText(blind ? QString()
                          : tr("Live score %1/100 · pass mark %2%3")
                                .arg(q(archbench::score_text(card->score)),
                                     q(archbench::score_text(session_->scenario()->pass_mark)),
                                     card->saturated ? tr(" · saturated: %1").arg(q(card->bottleneck)) : QString()));
  } else {
    checks_->setText((session_->liveError().isEmpty() ? tr("Nothing to check yet.") : session_->liveError())
                         .toHtmlEscaped()
                         .replace('\n', QStringLiteral("<br>")));
    score_->setText(blind ? QString() : tr("No live score: the design cannot be evaluated."));
  }
  submit_->setEnabled(card != nullptr);
  submit_->setToolTip(card ? tr("Freeze this stage's design and grade it") : session_->liveError());
}

void PracticePanel::refreshHints() {
  if (!session_->isActive()) return;
  const int taken = session_->hintsTaken(), count = session_->hintCount();
  hint_->setEnabled(taken < count);
  hint_->setText(taken < count ? tr("Hint (−%1)").arg(q(archbench::score_text(session_->nextHintCost())))
                               : tr("No more hints"));
  QStringList items;
  for (const QString& h : session_->shownHints()) items << QStringLiteral("<li>%1</li>").arg(h.toHtmlEscaped());
  hints_->setText(items.isEmpty() ? QString() : tr("<b>Hints</b><ol>%1</ol>").arg(items.join(QString())));
  hints_->setVisible(!items.isEmpty() && !session_->isFinished());
}

void PracticePanel::buildEstimates() {
  const archbench::Scenario* s = session_->scenario();
  builtFor_ = q(s->id);
  while (estimatesForm_->rowCount() > 0) estimatesForm_->removeRow(0);
  estimatesResult_->clear();
  const auto given = session_->estimateChecks();
  for (std::size_t i = 0; i < s->estimates.size(); ++i) {
    const auto& e = s->estimates[i];
    auto* field = new QLineEdit(estimatesBox_);
    field->setObjectName(QStringLiteral("estimate:%1").arg(q(e.id)));
    field->setPlaceholderText(q(e.unit));
    field->setToolTip(tr("A number in %1; 3.5k = 3,500, 2M = 2,000,000").arg(q(e.unit)));
    if (i < given.size() && given[i].figure) field->setText(QString::number(*given[i].figure, 'g', 10));
    auto* label = new QLabel(tr("%1 (%2)").arg(q(e.question), q(e.unit)), estimatesBox_);
    label->setWordWrap(true);
    estimatesForm_->addRow(label, field);
  }
  if (!session_->needsEstimates() && !session_->scenario()->estimates.empty()) {
    QStringList lines;
    for (const auto& c : given) lines << (c.passed ? "✓ " : "✗ ") + q(c.reason);
    estimatesResult_->setText(lines.join('\n'));
  }
}

void PracticePanel::checkEstimates() {
  const archbench::Scenario* s = session_->scenario();
  if (!s) return;
  std::map<std::string, double> given;
  QStringList bad;
  for (const auto& e : s->estimates) {
    QLineEdit* field = estimateField(q(e.id));
    const QString text = field->text();
    if (text.trimmed().isEmpty()) continue;
    if (auto v = parse_estimate(text)) {
      given[e.id] = *v;
    } else {
      bad << tr("\"%1\" is not a figure of 0 or more (for %2) — type e.g. 3500, 3.5k or 3.5e3")
                 .arg(text.trimmed(), q(e.question));
    }
  }
  if (!bad.isEmpty()) {
    estimatesResult_->setText(bad.join('\n'));
    return;
  }
  if (given.empty()) {
    estimatesResult_->setText(tr("Type at least one estimate, or Skip."));
    return;
  }
  const auto checks = session_->submitEstimates(given);
  QStringList lines;
  for (const auto& c : checks) lines << (c.passed ? "✓ " : "✗ ") + q(c.reason);
  estimatesResult_->setText(lines.join('\n'));
  for (auto* field : estimatesBox_->findChildren<QLineEdit*>()) field->setReadOnly(true);
  checkEstimates_->setEnabled(false);
  skipEstimates_->setEnabled(false);
}
