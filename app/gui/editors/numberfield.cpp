#include "editors/numberfield.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSignalBlocker>
#include <QRegularExpression>
#include <QStatusTipEvent>
#include <QStyleOption>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <tuple>

namespace form {

namespace {

QString number(double v) {
  QString s = QString::number(v, 'g', 12);
  s.replace(QStringLiteral("e+"), QStringLiteral("e"));
  return s;
}

}  // namespace

QString range_text(double min, double max, bool whole, const QString& unit) {
  const QString u = unit.trimmed().isEmpty() ? QString() : QLatin1Char(' ') + unit.trimmed();
  return (whole ? QObject::tr("a whole number from %1 to %2%3")
                : QObject::tr("a number from %1 to %2%3"))
      .arg(number(min), number(max), u);
}

Reading read_number(const QString& typed, const QString& unit, double min, double max,
                    int decimals, bool whole) {
  const QString range = range_text(min, max, whole, unit);
  QString t = typed.trimmed();
  // The field's own unit, shown after the number, and the same typed by hand.
  const QString u = unit.trimmed();
  if (!u.isEmpty() && t.endsWith(u)) t.chop(u.size());
  const QString shown = t.trimmed();  // what the user typed, quoted in a refusal
  t.remove(QLatin1Char(' '));
  t.remove(QChar(0x00a0));  // no-break and thin spaces group digits in some locales
  t.remove(QChar(0x202f));
  t.remove(QLatin1Char('_'));
  if (t.isEmpty()) return {std::nullopt, QObject::tr("Empty: enter %1.").arg(range)};

  // One decimal point, '.' or ','; a ',' between groups of three digits separates thousands.
  static const QRegularExpression grouped(QStringLiteral("^[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?"));
  if (grouped.match(t).hasMatch()) t.remove(QLatin1Char(','));
  static const QRegularExpression shape(QStringLiteral(
      "^([+-]?(?:\\d+(?:[.,]\\d*)?|[.,]\\d+))(?:[eE]([+-]?\\d{1,3}))?([kKMG%]?)$"));
  const auto m = shape.match(t);
  if (!m.hasMatch()) {
    // The shorthands worth saying: a percentage in a field of fractions, multipliers where
    // values run into thousands.
    const QString hint = max <= 1      ? QObject::tr(" (95% works too)")
                         : max >= 1e4 ? QObject::tr(" (1e6 and 2k work too)")
                                      : QString();
    return {std::nullopt,
            QObject::tr("\"%1\" is not a number: enter %2%3.").arg(shown, range, hint)};
  }
  QString mantissa = m.captured(1);
  mantissa.replace(QLatin1Char(','), QLatin1Char('.'));
  bool ok = false;
  double v = mantissa.toDouble(&ok);
  if (!ok) return {std::nullopt, QObject::tr("\"%1\" is not a number.").arg(shown)};
  if (!m.captured(2).isEmpty()) v *= std::pow(10.0, m.captured(2).toInt());
  const QString mult = m.captured(3);
  if (mult == QLatin1String("k") || mult == QLatin1String("K")) v *= 1e3;
  if (mult == QLatin1String("M")) v *= 1e6;
  if (mult == QLatin1String("G")) v *= 1e9;
  if (mult == QLatin1String("%")) {
    // A percentage means a fraction only where the field holds fractions (a hit ratio).
    if (max > 1) return {std::nullopt, QObject::tr("%: only fractions take a percentage; enter %1.").arg(range)};
    v /= 100;
  }
  if (!std::isfinite(v)) return {std::nullopt, QObject::tr("Too large: enter %1.").arg(range)};
  if (whole && std::abs(v - std::round(v)) > 1e-9 * std::max(1.0, std::abs(v)))
    return {std::nullopt, QObject::tr("%1 is not a whole number: enter %2.").arg(number(v), range)};
  if (v < min - 1e-12 * std::max(1.0, std::abs(min)) || v > max + 1e-12 * std::max(1.0, std::abs(max)))
    return {std::nullopt, QObject::tr("%1 is out of range: enter %2.").arg(number(v), range)};
  if (!whole) {
    const double scale = std::pow(10.0, decimals);
    if (std::abs(std::round(v * scale) - v * scale) > 1e-6 * std::max(1.0, std::abs(v * scale)))
      return {std::nullopt,
              QObject::tr("%1 has more than %n decimal(s), the field's precision.", nullptr, decimals)
                  .arg(number(v))};
  }
  return {std::clamp(whole ? std::round(v) : v, min, max), QString()};
}

int decimals_for(std::initializer_list<double> values) {
  int d = 3;
  for (double v : values) {
    const double a = std::fabs(v);
    if (a > 0 && a < 1) d = std::max(d, static_cast<int>(-std::floor(std::log10(a))) + 5);
  }
  return std::min(d, 12);
}

}  // namespace form

// ---------------------------------------------------------------------------------------------
// FieldCheck

namespace {

// `text` with line breaks so that no line is wider than `width` (a word longer than that keeps
// its own line).
QString wrapped(const QString& text, const QFontMetrics& fm, int width) {
  QStringList lines;
  QString line;
  for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
    if (!line.isEmpty() && fm.horizontalAdvance(longer) > width) {
      lines << line;
      line = word;
    } else {
      line = longer;
    }
  }
  if (!line.isEmpty()) lines << line;
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

FieldCheck::~FieldCheck() {
  if (owned_) delete label_;  // it lives in the form, not in the field
}

// The line goes under the field in the form that holds it (under the field's row when the field
// shares a row with buttons); a field outside a form (a table cell) says it in a tooltip.
QLabel* FieldCheck::ensureLabel() {
  if (label_ || !owned_) return label_;
  QWidget* w = box_;
  while (QWidget* parent = w->parentWidget()) {
    QLayout* layout = parent->layout();
    if (auto* f = qobject_cast<QFormLayout*>(layout)) {
      int row = -1;
      QFormLayout::ItemRole role;
      f->getWidgetPosition(w, &row, &role);
      if (row < 0) return nullptr;
      label_ = new QLabel;
      f->insertRow(row + 1, QString(), label_);
      break;
    }
    auto* box = qobject_cast<QBoxLayout*>(layout);
    if (box && (box->direction() == QBoxLayout::TopToBottom)) {
      const int index = box->indexOf(w);
      if (index < 0) return nullptr;
      label_ = new QLabel;
      box->insertWidget(index + 1, label_);
      break;
    }
    if (!box) return nullptr;
    w = parent;  // a row of widgets: the line goes under the row
  }
  if (!label_) return nullptr;
  label_->setObjectName(box_->objectName() + QStringLiteral("_problem"));
  label_->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
  QFont small = label_->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  label_->setFont(small);
  return label_;
}

void FieldCheck::show(const QString& problem) {
  if (problem == problem_) return;
  problem_ = problem;
  box_->update();
  // The text in red too: a cell editor has no frame of its own, and its text covers the box.
  if (auto* edit = box_->findChild<QLineEdit*>()) {
    if (problem.isEmpty()) {
      edit->setPalette(QPalette());
    } else {
      QPalette red = edit->palette();
      red.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
      edit->setPalette(red);
    }
  }
  if (QLabel* label = ensureLabel()) {
    // A shared line is only cleared by the field whose problem it shows.
    if (!owned_ && problem.isEmpty() && label->property("field").value<QObject*>() != box_) return;
    label->setProperty("field", QVariant::fromValue<QObject*>(box_));
    // Broken into lines here, at the field's width, rather than word-wrapped by the label: a
    // form nested in a form (per-class values) does not pass a wrapped label's height up.
    // A shared line (under a table) is as wide as the table and wraps itself.
    label->setText(owned_ ? wrapped(problem, label->fontMetrics(), std::max(box_->width(), 120))
                          : problem);
    label->setVisible(!problem.isEmpty());
  } else if (!problem.isEmpty() && box_->isVisible()) {
    QToolTip::showText(box_->mapToGlobal(QPoint(0, box_->height())), problem, box_);
  }
  // The status bar says it too, and forgets it once the entry is valid.
  QStatusTipEvent tip(problem);
  QCoreApplication::sendEvent(box_, &tip);
}

void FieldCheck::paintFrame() const {
  if (problem_.isEmpty()) return;
  QPainter p(box_);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 2));
  p.setBrush(Qt::NoBrush);
  p.drawRoundedRect(QRectF(box_->rect()).adjusted(1, 1, -1, -1), 3, 3);
}

// ---------------------------------------------------------------------------------------------
// The two fields share their behaviour through these helpers.

namespace {

// The field's words for its minimum ("none", "unlimited"), typed with or without the unit.
template <class Box>
bool is_special(const Box* box, QString text) {
  const QString special = box->specialValueText();
  if (special.isEmpty()) return false;
  text = text.trimmed();
  if (text.compare(special, Qt::CaseInsensitive) == 0) return true;
  // The spin box's validator appends the suffix to whatever is typed.
  const QString suffix = box->suffix().trimmed();
  if (!suffix.isEmpty() && text.endsWith(suffix)) text.chop(suffix.size());
  return text.trimmed().compare(special, Qt::CaseInsensitive) == 0;
}

// What the field shows for its value when nothing is being typed.
template <class Box>
QString shown_text(const Box* box) {
  if (box->value() == box->minimum() && !box->specialValueText().isEmpty())
    return box->specialValueText();
  return box->prefix() + box->textFromValue(box->value()) + box->suffix();
}

// Typing that does not read as a value yet is allowed: it is judged on Enter or focus-out.
QValidator::State state_of(const form::Reading& r) {
  return r.value ? QValidator::Acceptable : QValidator::Intermediate;
}

// Enter or focus-out with text that cannot be applied: say so and keep it.
bool refuse_typed(FieldCheck& check, const form::Reading& r) {
  check.show(r.problem);  // empty when it reads as a value
  return !r.value;
}

// Ctrl+Z / Ctrl+Shift+Z undo the typing while there is typing to undo; in a field that shows
// the model's value they go to the window's Undo and Redo (the document's).
bool pass_undo_to_window(QEvent* event, bool clean) {
  if (event->type() != QEvent::ShortcutOverride || !clean) return false;
  auto* key = static_cast<QKeyEvent*>(event);
  const QKeySequence typed(key->keyCombination());
  const bool redo = key->matches(QKeySequence::Redo) ||
                    typed == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
  if (!key->matches(QKeySequence::Undo) && !redo) return false;
  event->ignore();
  return true;
}

bool is_enter(const QKeyEvent* e) {
  return e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter;
}

// The spin box sets its text with the line edit's signals blocked: a refused entry is cleared
// here, not by the textChanged handler.
template <class Box>
void show_value(Box* box, FieldCheck& check) {
  check.show(QString());
  auto* edit = box->template findChild<QLineEdit*>();
  const QString shown = shown_text(box);
  if (edit && edit->text() != shown) {
    const QSignalBlocker block(edit);
    edit->setText(shown);
  }
}

// Escape with something typed: back to the value, and the key goes no further.
template <class Box>
bool escape_typing(Box* box, FieldCheck& check, QKeyEvent* e) {
  if (e->key() != Qt::Key_Escape) return false;
  if (check.problem().isEmpty() && box->text() == shown_text(box)) return false;
  show_value(box, check);
  e->accept();
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// NumberField

NumberField::NumberField(double min, double max, int decimals, QWidget* parent)
    : QDoubleSpinBox(parent) {
  setDecimals(decimals);  // before the range: the range is rounded to the decimals
  setRange(min, max);
  setKeyboardTracking(false);  // a value is committed on Enter, focus-out or an arrow step
  setFocusPolicy(Qt::StrongFocus);
  setAccelerated(true);
  // The size hint fits the largest value the range allows (3600000 ms); a narrow dock matters
  // more, and the form gives fields any room it has.
  setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("000000")) + 24);
  // A refused entry is cleared as soon as it reads as a value (or the model's value returns).
  connect(lineEdit(), &QLineEdit::textChanged, this, [this](const QString& text) {
    if (!check_.problem().isEmpty() && read(text).value) check_.show(QString());
  });
}

form::Reading NumberField::read(const QString& text) const {
  if (is_special(this, text)) return {minimum(), QString()};
  QString t = text;
  if (!prefix().isEmpty() && t.startsWith(prefix())) t.remove(0, prefix().size());
  return form::read_number(t, suffix(), minimum(), maximum(), decimals(), false);
}

QString NumberField::textFromValue(double value) const {
  if (short_ && std::abs(value) >= 1e4) {
    // Millions and billions with up to three decimals ("2.5M"), thousands whole ("50k").
    for (const auto& [scale, letter, digits] :
         {std::tuple{1e9, 'G', 3}, {1e6, 'M', 3}, {1e3, 'k', 0}}) {
      const double n = value / scale;
      const double unit = std::pow(10.0, -digits);
      if (std::abs(n) < 1 || std::abs(std::round(n / unit) * unit - n) > 1e-9 * std::abs(n))
        continue;
      QString text = QString::number(n, 'f', digits);
      if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0'))) text.chop(1);
        if (text.endsWith(QLatin1Char('.'))) text.chop(1);
      }
      return text + QLatin1Char(letter);
    }
  }
  QString text = locale().toString(value, 'f', decimals());
  if (!isGroupSeparatorShown()) text.remove(locale().groupSeparator());
  const QString point = locale().decimalPoint();
  if (text.contains(point)) {
    while (text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(point)) text.chop(point.size());
  }
  return text;
}

double NumberField::valueFromText(const QString& text) const {
  return read(text).value.value_or(value());
}

QValidator::State NumberField::validate(QString& text, int&) const {
  return state_of(read(text));
}

bool NumberField::refuse() {
  return refuse_typed(check_, read(text()));
}

bool NumberField::event(QEvent* event) {
  const bool clean = check_.problem().isEmpty() && text() == shown_text(this);
  if (pass_undo_to_window(event, clean)) return true;
  return QDoubleSpinBox::event(event);
}

void NumberField::showValue() {
  show_value(this, check_);
}

void NumberField::keyPressEvent(QKeyEvent* event) {
  if (escape_typing(this, check_, event)) return;
  if (is_enter(event) && refuse()) {
    event->accept();
    return;
  }
  QDoubleSpinBox::keyPressEvent(event);
}

void NumberField::focusOutEvent(QFocusEvent* event) {
  // The base class would put the last value back over a refused entry: keep what was typed.
  if (refuse()) {
    static_cast<QObject*>(lineEdit())->event(event);
    QWidget::focusOutEvent(event);
    return;
  }
  QDoubleSpinBox::focusOutEvent(event);
}

void NumberField::paintEvent(QPaintEvent* event) {
  QDoubleSpinBox::paintEvent(event);
  check_.paintFrame();
}

void NumberField::wheelEvent(QWheelEvent* event) {
  // Scrolling the form must not change the values it passes over.
  if (hasFocus())
    QDoubleSpinBox::wheelEvent(event);
  else
    event->ignore();
}

// ---------------------------------------------------------------------------------------------
// IntegerField

IntegerField::IntegerField(int min, int max, QWidget* parent) : QSpinBox(parent) {
  setRange(min, max);
  setKeyboardTracking(false);
  setFocusPolicy(Qt::StrongFocus);
  setAccelerated(true);
  setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("000000")) + 24);
  connect(lineEdit(), &QLineEdit::textChanged, this, [this](const QString& text) {
    if (!check_.problem().isEmpty() && read(text).value) check_.show(QString());
  });
}

form::Reading IntegerField::read(const QString& text) const {
  if (is_special(this, text)) return {minimum(), QString()};
  QString t = text;
  if (!prefix().isEmpty() && t.startsWith(prefix())) t.remove(0, prefix().size());
  return form::read_number(t, suffix(), minimum(), maximum(), 0, true);
}

int IntegerField::valueFromText(const QString& text) const {
  const auto v = read(text).value;
  return v ? static_cast<int>(*v) : value();
}

QValidator::State IntegerField::validate(QString& text, int&) const {
  return state_of(read(text));
}

bool IntegerField::refuse() {
  return refuse_typed(check_, read(text()));
}

bool IntegerField::event(QEvent* event) {
  const bool clean = check_.problem().isEmpty() && text() == shown_text(this);
  if (pass_undo_to_window(event, clean)) return true;
  return QSpinBox::event(event);
}

void IntegerField::showValue() {
  show_value(this, check_);
}

void IntegerField::keyPressEvent(QKeyEvent* event) {
  if (escape_typing(this, check_, event)) return;
  if (is_enter(event) && refuse()) {
    event->accept();
    return;
  }
  QSpinBox::keyPressEvent(event);
}

void IntegerField::focusOutEvent(QFocusEvent* event) {
  if (refuse()) {
    static_cast<QObject*>(lineEdit())->event(event);
    QWidget::focusOutEvent(event);
    return;
  }
  QSpinBox::focusOutEvent(event);
}

void IntegerField::paintEvent(QPaintEvent* event) {
  QSpinBox::paintEvent(event);
  check_.paintFrame();
}

void IntegerField::wheelEvent(QWheelEvent* event) {
  if (hasFocus())
    QSpinBox::wheelEvent(event);
  else
    event->ignore();
}
