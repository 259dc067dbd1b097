#include "editors/formrows.h"

#include "editors/numberfield.h"

#include <cstdlib>

#include <QAbstractButton>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace form {

QFormLayout* new_form(QWidget* host) {
  auto* form = new QFormLayout(host);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  form->setRowWrapPolicy(QFormLayout::DontWrapRows);
  return form;
}

QWidget* field_row(std::initializer_list<QWidget*> widgets) {
  auto* row = new QWidget;
  auto* h = new QHBoxLayout(row);
  h->setContentsMargins(0, 0, 0, 0);
  h->setSpacing(4);
  bool first = true;
  for (QWidget* w : widgets) {
    h->addWidget(w, first ? 1 : 0);
    first = false;
  }
  return row;
}

// A label longer than a short line is broken at the space nearest its middle, onto two lines of
// its own: a word-wrapped label in a form row is laid out for the width it asks for and drawn at
// the narrower width the form gives it, and then wraps onto a third line the row cuts off.
static QString two_lines(const QString& text) {
  constexpr int kOneLine = 18;  // characters
  if (text.size() <= kOneLine || text.contains(QLatin1Char('\n'))) return text;
  const int middle = static_cast<int>(text.size() / 2);
  int best = -1;
  for (int i = 0; i < text.size(); ++i) {
    if (text[i] == QLatin1Char(' ') && (best < 0 || std::abs(i - middle) < std::abs(best - middle)))
      best = i;
  }
  return best < 0 ? text : text.left(best) + QLatin1Char('\n') + text.mid(best + 1);
}

QLabel* row_label(const QString& text, const QString& tip) {
  auto* label = new QLabel(two_lines(text));
  label->setToolTip(tip);
  return label;
}

QColor dim_color() {
  const QPalette p = QApplication::palette();
  const QColor a = p.color(QPalette::WindowText), b = p.color(QPalette::Window);
  return QColor((a.red() * 11 + b.red() * 9) / 20, (a.green() * 11 + b.green() * 9) / 20,
                (a.blue() * 11 + b.blue() * 9) / 20);
}

// Grey italics rather than a disabled field: a disabled field would be grey too, but not italic
// and not framed the same.
void set_dim(QWidget* w, bool dim) {
  QFont f = w->font();
  if (f.italic() != dim) {
    f.setItalic(dim);
    w->setFont(f);
  }
  if (!dim) {
    w->setPalette(QPalette());  // back to the inherited palette
    return;
  }
  QPalette p;
  p.setColor(QPalette::Text, dim_color());
  p.setColor(QPalette::WindowText, dim_color());
  w->setPalette(p);
}

// The model's value, over anything typed into the field (a refused entry included).
void set_value(QDoubleSpinBox* box, double v) {
  const QSignalBlocker block(box);
  if (box->value() != v) box->setValue(v);
  if (auto* field = dynamic_cast<NumberField*>(box)) field->showValue();
}

void set_value(QSpinBox* box, int v) {
  const QSignalBlocker block(box);
  if (box->value() != v) box->setValue(v);
  if (auto* field = dynamic_cast<IntegerField*>(box)) field->showValue();
}

void set_checked(QAbstractButton* b, bool on) {
  const QSignalBlocker block(b);
  b->setChecked(on);
}

}  // namespace form
