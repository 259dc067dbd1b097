#include "editors/formrows.h"

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

QLabel* row_label(const QString& text, const QString& tip) {
  auto* label = new QLabel(text);
  label->setWordWrap(true);
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

void set_value(QDoubleSpinBox* box, double v) {
  const QSignalBlocker block(box);
  if (box->value() != v) box->setValue(v);
}

void set_value(QSpinBox* box, int v) {
  const QSignalBlocker block(box);
  if (box->value() != v) box->setValue(v);
}

void set_checked(QAbstractButton* b, bool on) {
  const QSignalBlocker block(b);
  b->setChecked(on);
}

}  // namespace form
