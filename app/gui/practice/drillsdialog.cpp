#include "practice/drillsdialog.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "practice/practicesession.h"
#include "window/style.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

DrillsDialog::DrillsDialog(PracticeSession* session, QWidget* parent) : QDialog(parent), session_(session) {
  setObjectName("drillsDialog");
  setWindowTitle(tr("Failure Drills"));
  auto* outer = new QVBoxLayout(this);
  auto* intro = new QLabel(
      tr("What an interviewer asks about your design. Answer each once; the engine then shows its "
         "answer and the figures. Answers count in the grade, against the design you submit."),
      this);
  intro->setWordWrap(true);
  outer->addWidget(intro);
  QString error;
  drills_ = session_->drills(&error);
  auto* body = new QWidget;
  auto* column = new QVBoxLayout(body);
  if (drills_.empty()) {
    auto* none = new QLabel(error.isEmpty() ? tr("This design raises no drill yet: add components that carry "
                                                 "traffic.")
                                            : error,
                            body);
    none->setObjectName("drillsProblem");
    none->setWordWrap(true);
    column->addWidget(none);
  }
  for (int i = 0; i < static_cast<int>(drills_.size()); ++i) {
    const auto& d = drills_[static_cast<std::size_t>(i)];
    auto* box = new QGroupBox(q(d.question), body);
    box->setObjectName(QStringLiteral("drill:%1").arg(q(d.id)));
    auto* rows = new QVBoxLayout(box);
    auto* group = new QButtonGroup(box);
    group->setExclusive(!d.multiple);
    if (d.multiple) rows->addWidget(new QLabel(tr("Tick every one that applies, or \"none\"."), box));
    for (const auto& c : d.choices) {
      QAbstractButton* b = d.multiple ? static_cast<QAbstractButton*>(new QCheckBox(q(c), box))
                                      : static_cast<QAbstractButton*>(new QRadioButton(q(c), box));
      group->addButton(b);
      rows->addWidget(b);
    }
    auto* answerButton = new QPushButton(tr("Answer"), box);
    answerButton->setObjectName("answer");
    auto* result = new QLabel(box);
    result->setObjectName("result");
    result->setWordWrap(true);
    result->setTextFormat(Qt::PlainText);
    rows->addWidget(answerButton, 0, Qt::AlignLeft);
    rows->addWidget(result);
    connect(answerButton, &QPushButton::clicked, this, [this, i, group] {
      QStringList picked;
      for (QAbstractButton* b : group->buttons())
        if (b->isChecked()) picked << b->text();
      if (picked.isEmpty()) {
        resultLabel(i)->setText(tr("Pick an answer first."));
        return;
      }
      answer(i, picked.join(", "));
    });
    boxes_.push_back(box);
    column->addWidget(box);
    if (auto given = session_->answerOf(q(d.id))) {
      for (QAbstractButton* b : group->buttons())
        b->setChecked(given->split(',').contains(b->text()) || given->split(", ").contains(b->text()));
      reveal(i, archbench::drill_answer_correct(d, given->toStdString()));
    }
  }
  column->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(body);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  outer->addWidget(scroll, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  outer->addWidget(buttons);
  resize(640, 560);
}

QLabel* DrillsDialog::resultLabel(int index) const {
  if (index < 0 || index >= static_cast<int>(boxes_.size())) return nullptr;
  return boxes_[static_cast<std::size_t>(index)]->findChild<QLabel*>("result");
}

bool DrillsDialog::answer(int index, const QString& given) {
  if (index < 0 || index >= static_cast<int>(drills_.size())) return false;
  const auto& d = drills_[static_cast<std::size_t>(index)];
  const bool correct = session_->answerDrill(d, given);
  reveal(index, correct);
  emit answered(q(d.id), correct);
  return correct;
}

void DrillsDialog::reveal(int index, bool correct) {
  const auto& d = drills_[static_cast<std::size_t>(index)];
  QWidget* box = boxes_[static_cast<std::size_t>(index)];
  for (QAbstractButton* b : box->findChildren<QAbstractButton*>()) b->setEnabled(false);
  QLabel* result = resultLabel(index);
  const QString given = session_->answerOf(q(d.id)).value_or(QString());
  result->setText(correct ? tr("✓ Correct (you answered \"%1\"). %2").arg(given, q(d.explanation))
                          : tr("✗ You answered \"%1\"; the engine says \"%2\". %3")
                                .arg(given, q(d.answer), q(d.explanation)));
  QPalette p = result->palette();
  p.setColor(QPalette::WindowText, correct ? style::pass_color() : style::fault_color());
  result->setPalette(p);
}
