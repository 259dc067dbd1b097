// The property editor's rows for autoscaling and the sidecar (docs/PATTERNS.md): a switch each,
// then the fields the engine declares (archbench/scaling.h: label, unit, range, tooltip). Each
// edit is one undo step through the document; typing into one field merges.
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>

#include "archbench/scaling.h"
#include "document/document.h"
#include "editors/formrows.h"
#include "editors/numberfield.h"
#include "editors/propertyeditor.h"

using archbench::Component;
using archbench::ParamDecl;
using archbench::ParamType;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString field_tip(const ParamDecl& d) {
  return q(d.tooltip) + QStringLiteral("\n") +
         form::range_text(d.min, d.max, d.type == ParamType::Integer, q(d.unit));
}

}  // namespace

void PropertyEditor::addScalingRows(QFormLayout* form) {
  const QString id = id_;
  // One section: `get` reads the component's value (nullopt: off), `put` sets it.
  auto section = [&](const QString& key, const QString& title, const QString& tip,
                     const std::vector<ParamDecl>& fields, auto get, auto put) {
    using T = typename decltype(get(std::declval<const Component&>()))::value_type;
    auto* on = new QCheckBox;
    on->setObjectName(key + "_on");
    on->setToolTip(tip);
    form->addRow(form::row_label(title, tip), on);
    connect(on, &QCheckBox::toggled, this, [this, id, get, put, key](bool checked) {
      const Component* c = doc_->component(id);
      if (!c) return;
      apply([&] { put(id, checked ? std::optional<T>(get(*c).value_or(T{})) : std::nullopt, key); });
    });
    std::vector<std::pair<const ParamDecl*, QAbstractSpinBox*>> boxes;
    for (const ParamDecl& d : fields) {
      const ParamDecl* decl = &d;  // the engine's static declarations outlive every form
      const QString name = key + QStringLiteral("_") + q(d.name);
      auto change = [this, id, get, put, decl, name](double v) {
        const Component* c = doc_->component(id);
        if (!c || !get(*c)) return;
        T value = *get(*c);
        archbench::set_field_value(value, decl->name, v);
        apply([&] { put(id, value, name); });
      };
      QAbstractSpinBox* box = nullptr;
      if (d.type == ParamType::Integer) {
        auto* f = new IntegerField(static_cast<int>(d.min), static_cast<int>(d.max));
        connect(f, &QSpinBox::valueChanged, this, [change](int v) { change(v); });
        box = f;
      } else {
        auto* f = new NumberField(d.min, d.max, form::decimals_for({d.default_value}));
        f->setSuffix(d.unit.empty() ? QString() : QStringLiteral(" ") + q(d.unit));
        connect(f, &QDoubleSpinBox::valueChanged, this, change);
        box = f;
      }
      box->setObjectName(name);
      box->setToolTip(field_tip(d));
      form->addRow(form::row_label(QStringLiteral("    ") + q(d.label), box->toolTip()), box);
      boxes.emplace_back(decl, box);
    }
    syncers_.push_back([this, id, get, on, boxes, key] {
      const Component* c = doc_->component(id);
      if (!c) return;
      const auto value = get(*c);
      form::set_checked(on, value.has_value());
      // An autoscaled component's count is the autoscaler's: its "Instances" is not used.
      if (key == QLatin1String("autoscale") && on->parentWidget())
        if (auto* instances = on->parentWidget()->findChild<QWidget*>("param_instances"))
          instances->setEnabled(!value.has_value());
      const T shown = value.value_or(T{});
      for (const auto& [decl, box] : boxes) {
        const double v = archbench::field_value(shown, decl->name);
        if (auto* i = qobject_cast<QSpinBox*>(box)) form::set_value(i, static_cast<int>(v));
        if (auto* n = qobject_cast<QDoubleSpinBox*>(box)) form::set_value(n, v);
        box->setEnabled(value.has_value());
      }
    });
  };
  section(
      QStringLiteral("autoscale"), tr("Autoscale"),
      tr("The instance count follows the load: the fewest instances at or below the target "
         "utilization, between min and max (\"Instances\" is then not used)."),
      archbench::autoscale_fields(), [](const Component& c) { return c.autoscale; },
      [this](const QString& cid, const std::optional<archbench::Autoscale>& a, const QString& f) {
        doc_->setComponentAutoscale(cid, a, f);
      });
  section(
      QStringLiteral("mesh"), tr("Mesh sidecar"),
      tr("A service-mesh sidecar beside each instance: latency on each link it is an end of, "
         "CPU on each visit, a price per instance. A version-wide mesh is set in the file."),
      archbench::mesh_fields(), [](const Component& c) { return c.mesh; },
      [this](const QString& cid, const std::optional<archbench::Mesh>& m, const QString& f) {
        doc_->setComponentMesh(cid, m, f);
      });
}
