#pragma once
// Number fields for the generated forms (property editor, workload table).
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <initializer_list>

// A number field for a form: shows no trailing zeros ("20 ms", not "20.000 ms"), commits on Enter
// or focus-out, and leaves the mouse wheel to the scroll area unless it has the focus.
class NumberField : public QDoubleSpinBox {
 public:
  NumberField(double min, double max, int decimals, QWidget* parent = nullptr);
  QString textFromValue(double value) const override;

 protected:
  void wheelEvent(QWheelEvent* event) override;
};

// The same for whole numbers.
class IntegerField : public QSpinBox {
 public:
  IntegerField(int min, int max, QWidget* parent = nullptr);

 protected:
  void wheelEvent(QWheelEvent* event) override;
};

namespace form {
// Digits after the point for a NumberField that must show `values`: 3 (ms with 3 significant
// digits), more for the small prices a catalog quotes so that they are not shown or stored as 0.
int decimals_for(std::initializer_list<double> values);
}  // namespace form
