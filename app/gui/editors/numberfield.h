#pragma once
// Number fields for the generated forms (property editor, workload editor, link form).
#include <QDoubleSpinBox>
#include <QPointer>
#include <QSpinBox>
#include <initializer_list>
#include <optional>

class QLabel;

namespace form {

// What a person typed into a number field, read without guessing: digits with a point ("0.95",
// or the locale's own), an exponent ("1e6"), a multiplier ("2k", "1.5M", "3G"), "%" in a field
// of fractions ("95%"), the field's unit ("40 ms"). Anything else, a value outside [min, max],
// a fraction in a field of whole numbers, or more decimals than the field keeps is refused with
// a sentence that gives the allowed range; nothing is clamped, rounded or dropped.
struct Reading {
  std::optional<double> value;
  QString problem;  // empty when value is set
};
Reading read_number(const QString& typed, const QString& unit, double min, double max,
                    int decimals, bool whole);

// The range as a person reads it: "a whole number from 1 to 10000", "a number from 0 to 1".
QString range_text(double min, double max, bool whole, const QString& unit);

}  // namespace form

// What both fields share: an entry that cannot be read is shown as such (a red frame, and a
// line under the field saying why and what is allowed) and is not applied; the field keeps the
// text so that it can be corrected.
class FieldCheck {
 public:
  explicit FieldCheck(QAbstractSpinBox* box) : box_(box) {}
  ~FieldCheck();
  const QString& problem() const { return problem_; }
  void show(const QString& problem);  // empty: valid again
  void paintFrame() const;
  // A line shared with other fields (under a table whose cells are fields); not owned.
  void useLabel(QLabel* label) { label_ = label, owned_ = false; }

 private:
  QLabel* ensureLabel();
  QAbstractSpinBox* box_;
  QString problem_;
  QPointer<QLabel> label_;
  bool owned_ = true;
};

// A number field: shows no trailing zeros ("20 ms", not "20.000 ms"), commits on Enter or
// focus-out, leaves the mouse wheel to the scroll area unless it has the focus, and refuses what
// it cannot read instead of changing it (form::read_number).
class NumberField : public QDoubleSpinBox {
 public:
  NumberField(double min, double max, int decimals, QWidget* parent = nullptr);
  QString textFromValue(double value) const override;
  double valueFromText(const QString& text) const override;
  QValidator::State validate(QString& text, int& pos) const override;
  void fixup(QString&) const override {}  // never "correct" what was typed
  QString problem() const { return check_.problem(); }  // empty while the entry is valid
  void setProblemLabel(QLabel* label) { check_.useLabel(label); }
  // Drops what is being typed (a refused entry included) and shows the value again: Escape, or
  // the model's value set from outside (undo, another version or project).
  void showValue();
  // Round thousands, millions and billions from 10k up shown as "50k", "2M", "1G" (a rate
  // per day); they read back exactly.
  void setShortMultiples(bool on) { short_ = on; }

 protected:
  bool event(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  form::Reading read(const QString& text) const;
  bool refuse();  // true when the typed text cannot be applied: shown, kept, not committed
  FieldCheck check_{this};
  bool short_ = false;
};

// The same for whole numbers.
class IntegerField : public QSpinBox {
 public:
  IntegerField(int min, int max, QWidget* parent = nullptr);
  QString textFromValue(int value) const override { return QSpinBox::textFromValue(value); }
  int valueFromText(const QString& text) const override;
  QValidator::State validate(QString& text, int& pos) const override;
  void fixup(QString&) const override {}
  QString problem() const { return check_.problem(); }
  void showValue();  // as NumberField's

 protected:
  bool event(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  form::Reading read(const QString& text) const;
  bool refuse();
  FieldCheck check_{this};
};

namespace form {
// Digits after the point for a NumberField that must show `values`: 3 (ms with 3 significant
// digits), more for the small prices a catalog quotes so that they are not shown or stored as 0.
int decimals_for(std::initializer_list<double> values);
}  // namespace form
