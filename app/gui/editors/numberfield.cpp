#include "editors/numberfield.h"

#include <QWheelEvent>
#include <algorithm>
#include <cmath>

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
}

QString NumberField::textFromValue(double value) const {
  QString text = locale().toString(value, 'f', decimals());
  if (!isGroupSeparatorShown()) text.remove(locale().groupSeparator());
  const QString point = locale().decimalPoint();
  if (text.contains(point)) {
    while (text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(point)) text.chop(point.size());
  }
  return text;
}

void NumberField::wheelEvent(QWheelEvent* event) {
  // Scrolling the form must not change the values it passes over.
  if (hasFocus())
    QDoubleSpinBox::wheelEvent(event);
  else
    event->ignore();
}

IntegerField::IntegerField(int min, int max, QWidget* parent) : QSpinBox(parent) {
  setRange(min, max);
  setKeyboardTracking(false);
  setFocusPolicy(Qt::StrongFocus);
  setAccelerated(true);
  setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("000000")) + 24);
}

void IntegerField::wheelEvent(QWheelEvent* event) {
  if (hasFocus())
    QSpinBox::wheelEvent(event);
  else
    event->ignore();
}

namespace form {

int decimals_for(std::initializer_list<double> values) {
  int d = 3;
  for (double v : values) {
    const double a = std::fabs(v);
    if (a > 0 && a < 1) d = std::max(d, static_cast<int>(-std::floor(std::log10(a))) + 5);
  }
  return std::min(d, 12);
}

}  // namespace form
