// The property editor's rows for a component's parameters, generated from the catalog's
// declarations: a number, whole number, switch or per-class value with its unit, range and
// reset button, and a choice of named values (PropertyEditor::addParamRow, addChoiceRow).
#include "editors/propertyeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalBlocker>
#include <QFormLayout>
#include <QLabel>
#include <QToolButton>
#include <algorithm>
#include <climits>
#include <cmath>

#include "editors/formrows.h"
#include "editors/numberfield.h"

using archbench::Component;
using archbench::ParamDecl;
using archbench::ParamType;
using archbench::ParamValue;
using archbench::RequestClass;
using form::decimals_for;
using form::field_row;
using form::row_label;
using form::set_checked;
using form::set_dim;
using form::set_value;

// ---------------------------------------------------------------------------------------------
// Helpers

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// One arrow step: 1, or the default's order of magnitude for a fraction (0.1 for a hit ratio).
double step_for(const ParamDecl& d) {
  if (d.default_value > 0 && d.default_value < 1)
    return std::pow(10.0, std::floor(std::log10(d.default_value)));
  return 1.0;
}

int to_int(double v) {
  return static_cast<int>(std::clamp(std::round(v), double(INT_MIN), double(INT_MAX)));
}

QString suffix_for(const std::string& unit) {
  return unit.empty() ? QString() : " " + q(unit);
}

QString number_text(double v, const std::string& unit) {
  return QString::number(v, 'g', 10) + suffix_for(unit);
}

// The tooltip of a parameter: its declaration's help, range and default.
QString tooltip_for(const ParamDecl& d) {
  QString tip = q(d.tooltip);
  if (d.type == ParamType::Bool) {
    tip += PropertyEditor::tr("\nDefault: %1.")
               .arg(d.default_value != 0 ? PropertyEditor::tr("on") : PropertyEditor::tr("off"));
  } else {
    tip += PropertyEditor::tr("\nRange %1 – %2. Default: %3.")
               .arg(number_text(d.min, d.unit), number_text(d.max, d.unit),
                    number_text(d.default_value, d.unit));
  }
  return tip;
}

const ParamValue* find_param(const Component& c, const std::string& name) {
  auto it = c.params.find(name);
  return it == c.params.end() ? nullptr : &it->second;
}

// The value a per-class parameter has for classes the file does not name: "*", else the number,
// else the catalog default (the engine's rule).
double common_value(const Component& c, const ParamDecl& d) {
  const ParamValue* v = find_param(c, d.name);
  if (!v) return d.default_value;
  if (v->type == ParamValue::Type::Number) return v->number;
  if (v->type == ParamValue::Type::PerClassMap) {
    if (auto it = v->map.find("*"); it != v->map.end()) return it->second;
  }
  return d.default_value;
}

// The value the engine uses for one class. A cache's writes never hit unless the map names them
// (the engine's cache rule), so a write class shows 0 there.
double class_value(const Component& c, const ParamDecl& d, const RequestClass& r, bool cache) {
  const ParamValue* v = find_param(c, d.name);
  const bool is_map = v && v->type == ParamValue::Type::PerClassMap;
  if (is_map) {
    if (auto it = v->map.find(r.name); it != v->map.end()) return it->second;
  }
  if (cache && d.name == "hit_ratio" && r.op == archbench::Op::Write) return 0.0;
  return common_value(c, d);
}

}  // namespace


void PropertyEditor::addChoiceRow(QFormLayout* form, const archbench::ChoiceDecl& decl) {
  const archbench::ChoiceDecl* d = &decl;  // the catalog outlives every form
  const QString id = id_;
  const QString pname = q(d->name);
  const QString tip = q(d->tooltip);
  QLabel* label = row_label(q(d->label), tip);
  auto* box = new QComboBox;
  box->setObjectName("param_" + pname);
  box->setToolTip(tip);
  // Shown in words ("fall through"), stored as the file spells it ("fall_through").
  auto words = [](const std::string& choice) {
    return q(choice).replace(QLatin1Char('_'), QLatin1Char(' '));
  };
  for (const std::string& c : d->choices) box->addItem(words(c), q(c));
  auto* reset = new QToolButton;
  reset->setObjectName("reset_" + pname);
  reset->setText(QStringLiteral("↺"));
  reset->setAutoRaise(true);
  reset->setToolTip(tr("Reset to the catalog default (%1)").arg(words(d->default_value)));
  QSizePolicy keep = reset->sizePolicy();
  keep.setRetainSizeWhenHidden(true);
  reset->setSizePolicy(keep);
  connect(reset, &QToolButton::clicked, this,
          [this, id, pname] { apply([&] { doc_->resetParam(id, pname); }); });
  connect(box, &QComboBox::activated, this, [this, id, pname, box](int index) {
    const std::string value = box->itemData(index).toString().toStdString();
    apply([&] { doc_->setParam(id, pname, ParamValue::of_text(value)); });
  });
  form->addRow(label, field_row({box, reset}));
  syncers_.push_back([this, id, d, box, label, reset] {
    const Component* now = doc_->component(id);
    if (!now) return;
    const ParamValue* v = find_param(*now, d->name);
    const bool given = v && v->type == ParamValue::Type::Text;
    const int index = box->findData(q(given ? v->text : d->default_value));
    if (index >= 0 && box->currentIndex() != index) {
      const QSignalBlocker quiet(box);
      box->setCurrentIndex(index);
    }
    set_dim(box, !given);
    set_dim(label, !given);
    reset->setVisible(given);
  });
}

void PropertyEditor::addParamRow(QFormLayout* form, const ParamDecl& decl, bool cache) {
  const ParamDecl* d = &decl;  // the catalog outlives every form
  const QString id = id_;
  const QString pname = q(d->name);
  const QString tip = tooltip_for(*d);
  QLabel* label = row_label(q(d->label), tip);

  auto* reset = new QToolButton;
  reset->setObjectName("reset_" + pname);
  reset->setText(QStringLiteral("↺"));
  reset->setAutoRaise(true);
  reset->setToolTip(tr("Reset to the catalog default (%1)")
                        .arg(d->type == ParamType::Bool
                                 ? (d->default_value != 0 ? tr("on") : tr("off"))
                                 : number_text(d->default_value, d->unit)));
  QSizePolicy keep = reset->sizePolicy();
  keep.setRetainSizeWhenHidden(true);  // rows stay aligned whether set or not
  reset->setSizePolicy(keep);
  connect(reset, &QToolButton::clicked, this,
          [this, id, pname] { apply([&] { doc_->resetParam(id, pname); }); });

  // Enough decimals for every value the row may show (the default and what the file sets).
  int decimals = decimals_for({d->default_value});
  if (const ParamValue* v = find_param(*doc_->component(id), d->name)) {
    decimals = std::max(decimals, decimals_for({v->number}));
    for (const auto& [cls, x] : v->map) decimals = std::max(decimals, decimals_for({x}));
  }
  auto number_field = [&](const QString& object_name) {
    auto* box = new NumberField(d->min, d->max, decimals);
    box->setObjectName(object_name);
    box->setSuffix(suffix_for(d->unit));
    box->setSingleStep(step_for(*d));
    box->setToolTip(tip);
    // Counts of events run into the billions: "200M events", not "200000000 events".
    box->setShortMultiples(d->unit == "events");
    return box;
  };
  auto set = [this, id, pname](const ParamValue& v) {
    apply([&] { doc_->setParam(id, pname, v); });
  };

  // `show` puts the model's value into the row's editor; the label dims and the reset button
  // hides when the file does not set the parameter.
  std::function<void(const Component&, const ParamValue*)> show;
  switch (d->type) {
    case ParamType::Integer: {
      auto* box = new IntegerField(to_int(d->min), to_int(d->max));
      box->setObjectName("param_" + pname);
      box->setSuffix(suffix_for(d->unit));
      box->setToolTip(tip);
      connect(box, &QSpinBox::valueChanged, this, [set](int v) { set(ParamValue::of(v)); });
      form->addRow(label, field_row({box, reset}));
      show = [d, box](const Component&, const ParamValue* v) {
        const bool given = v && v->type == ParamValue::Type::Number;
        set_value(box, to_int(given ? v->number : d->default_value));
        set_dim(box, !given);
      };
      break;
    }
    case ParamType::Number: {
      auto* box = number_field("param_" + pname);
      connect(box, &QDoubleSpinBox::valueChanged, this,
              [set](double v) { set(ParamValue::of(v)); });
      form->addRow(label, field_row({box, reset}));
      show = [d, box](const Component&, const ParamValue* v) {
        const bool given = v && v->type == ParamValue::Type::Number;
        set_value(box, given ? v->number : d->default_value);
        set_dim(box, !given);
      };
      break;
    }
    case ParamType::Bool: {
      auto* box = new QCheckBox;
      box->setObjectName("param_" + pname);
      box->setToolTip(tip);
      connect(box, &QCheckBox::toggled, this, [set](bool on) { set(ParamValue::of_bool(on)); });
      form->addRow(label, field_row({box, reset}));
      show = [d, box](const Component&, const ParamValue* v) {
        const bool given = v && v->type == ParamValue::Type::Bool;
        set_checked(box, given ? v->flag : d->default_value != 0);
      };
      break;
    }
    case ParamType::PerClass: {
      auto* common = number_field("param_" + pname);
      QSizePolicy hold = common->sizePolicy();
      hold.setRetainSizeWhenHidden(true);  // per class, the toggle keeps its place
      common->setSizePolicy(hold);
      auto* per = new QToolButton;
      per->setObjectName("param_" + pname + "_per_class");
      per->setText(tr("per class…"));
      per->setCheckable(true);
      per->setToolTip(tr("Give each request class its own value."));
      form->addRow(label, field_row({common, per, reset}));

      // The map after setting one class: a map written for the first time names every class
      // with the value it has now, so no figure changes but the edited one.
      auto map_with = [this, id, d, cache](const std::string& cls, double x) {
        std::map<std::string, double> m;
        const Component* now = doc_->component(id);
        if (!now) return m;
        const ParamValue* v = find_param(*now, d->name);
        if (v && v->type == ParamValue::Type::PerClassMap) {
          m = v->map;
        } else {
          for (const auto& r : doc_->version().workload)
            m[r.name] = class_value(*now, *d, r, cache);
        }
        if (!cls.empty()) m[cls] = x;
        return m;
      };
      connect(common, &QDoubleSpinBox::valueChanged, this,
              [set](double x) { set(ParamValue::of(x)); });
      // Per class on: a map with every class's present value. Off: the value shown for the
      // other classes becomes the value of all.
      connect(per, &QToolButton::toggled, this, [set, common, map_with](bool on) {
        set(on ? ParamValue::of_map(map_with(std::string(), 0)) : ParamValue::of(common->value()));
      });

      auto* classes = new QWidget;
      auto* cf = new QFormLayout(classes);
      // Indented under the row, and ending where its field ends (before the reset column).
      cf->setContentsMargins(16, 0, reset->sizeHint().width() + 4, 4);
      cf->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      std::vector<std::pair<QLabel*, NumberField*>> boxes;
      for (const QString& cls : shown_classes_) {
        auto* box = number_field("param_" + pname + ":" + cls);
        box->setToolTip(tr("%1 for class %2").arg(q(d->label), cls));
        connect(box, &QDoubleSpinBox::valueChanged, this,
                [set, map_with, c = cls.toStdString()](double x) {
                  set(ParamValue::of_map(map_with(c, x)));
                });
        auto* class_label = new QLabel(cls);
        cf->addRow(class_label, box);
        boxes.push_back({class_label, box});
      }
      // "*" in the map: the value of every class the map does not name (and of classes added
      // later); without it, the catalog default.
      auto* others = number_field("param_" + pname + ":*");
      others->setToolTip(tr("%1 for every class the map does not name (\"*\"); without it, the "
                            "catalog default.")
                             .arg(q(d->label)));
      connect(others, &QDoubleSpinBox::valueChanged, this,
              [set, map_with](double x) { set(ParamValue::of_map(map_with("*", x))); });
      auto* others_label = new QLabel(tr("other classes"));
      others_label->setToolTip(others->toolTip());
      cf->addRow(others_label, others);
      form->addRow(classes);

      show = [this, d, cache, common, per, classes, boxes, others, others_label](
                 const Component& now, const ParamValue* v) {
        const bool is_map = v && v->type == ParamValue::Type::PerClassMap;
        // One value, or (per class) one row per class plus "other classes".
        set_value(common, common_value(now, *d));
        set_dim(common, !v);
        common->setVisible(!is_map);
        set_checked(per, is_map);
        classes->setVisible(is_map);
        for (const auto& [class_label, box] : boxes) {
          const RequestClass* r = doc_->version().request_class(class_label->text().toStdString());
          if (!r) continue;  // renamed or removed: the form is rebuilt next
          set_value(box, class_value(now, *d, *r, cache));
          const bool named = is_map && v->map.count(r->name);
          set_dim(box, !named);
          set_dim(class_label, !named);
        }
        set_value(others, common_value(now, *d));
        const bool star = is_map && v->map.count("*");
        set_dim(others, !star);
        set_dim(others_label, !star);
      };
      break;
    }
  }
  syncers_.push_back([this, id, d, show, label, reset] {
    const Component* now = doc_->component(id);
    if (!now) return;
    const ParamValue* v = find_param(*now, d->name);
    show(*now, v);
    set_dim(label, !v);
    reset->setVisible(v != nullptr);
  });
}

