#pragma once
// Helpers shared by the property editor's forms: row layout, the dimmed look of a value the file
// does not set, and showing a model value in a field without emitting an edit.
#include <QColor>
#include <QString>
#include <initializer_list>

class QAbstractButton;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QWidget;

namespace form {

QFormLayout* new_form(QWidget* host);
// A row's field, then optional extra buttons; the first widget takes the spare width.
QWidget* field_row(std::initializer_list<QWidget*> widgets);
QLabel* row_label(const QString& text, const QString& tip);

// Grey between the text and its background: readable, but clearly not the text's own colour.
QColor dim_color();
// A value not set in the file shows the catalog's default: grey italics, still editable.
void set_dim(QWidget* w, bool dim);

// Show the model's value without emitting: the form must not turn it into an edit.
void set_value(QDoubleSpinBox* box, double v);
void set_value(QSpinBox* box, int v);
void set_checked(QAbstractButton* b, bool on);

}  // namespace form
