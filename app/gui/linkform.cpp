#include "linkform.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <algorithm>
#include <optional>

#include "formrows.h"
#include "numberfield.h"

using archbench::Component;
using archbench::KindDecl;
using archbench::Link;
using form::decimals_for;
using form::field_row;
using form::row_label;
using form::set_checked;
using form::set_dim;
using form::set_value;

LinkForm::LinkForm(Document* doc, const LinkKey& key, const QStringList& classes, Apply apply,
                   QFormLayout* form)
    : QObject(form->parentWidget()), doc_(doc), key_(key), apply_(std::move(apply)) {
  const Link* l = doc_->link(key_);
  Q_ASSERT(l);

  route_ = new QLabel;
  route_->setWordWrap(true);
  form->addRow(tr("From → to"), route_);

  latency_ = new NumberField(0, 10000, decimals_for({l->latency_ms}));
  latency_->setObjectName("link_latency_ms");
  latency_->setSuffix(QStringLiteral(" ms"));
  latency_->setToolTip(
      tr("One-way network latency; every call pays it twice (there and back).\n"
         "Internet clients: tens of ms; within a data centre: under 1 ms."));
  connect(latency_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
    edit(QStringLiteral("latency"), [x](Link& after) { after.latency_ms = x; });
  });
  form->addRow(row_label(tr("Latency"), latency_->toolTip()), latency_);

  weight_ = new NumberField(0.001, 1e6, decimals_for({l->weight}));
  weight_->setObjectName("link_weight");
  weight_->setToolTip(
      tr("Share of a split's or a queue's deliveries (× calls): equal weights "
         "share evenly. Other callers ignore it."));
  connect(weight_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
    edit(QStringLiteral("weight"), [x](Link& after) { after.weight = x; });
  });
  form->addRow(row_label(tr("Weight"), weight_->toolTip()), weight_);

  const QString calls_tip =
      tr("Expected calls per visit of the caller: 1 = once, 0.3 = on 30% "
         "of visits, 0 = this class never takes the link.");
  same_ = new QCheckBox(tr("same for every class"));
  same_->setObjectName("link_calls_same");
  same_->setToolTip(tr("One number of calls for every request class, or one per class."));
  common_ = new NumberField(0, 1000, 3);
  common_->setObjectName("link_calls");
  common_->setToolTip(calls_tip);
  connect(common_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
    edit(QStringLiteral("calls"), [x](Link& after) { after.calls = archbench::PerClass{x, {}}; });
  });
  connect(same_, &QCheckBox::toggled, this, &LinkForm::setSameCalls);
  form->addRow(row_label(tr("Calls"), calls_tip), field_row({common_, same_}));

  classes_ = new QWidget;
  auto* cf = new QFormLayout(classes_);
  cf->setContentsMargins(16, 0, 0, 4);
  cf->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  for (const QString& cls : classes) {
    auto* box = new NumberField(0, 1000, 3);
    box->setObjectName("link_calls:" + cls);
    box->setToolTip(
        tr("Calls per visit for class %1; 0: the class never takes this link.").arg(cls));
    const std::string c_name = cls.toStdString();
    connect(box, &QDoubleSpinBox::valueChanged, this,
            [this, c_name](double x) { setClassCalls(c_name, x); });
    cf->addRow(cls, box);
    boxes_.push_back({c_name, box});
  }
  auto* hint = new QLabel(tr("0: the class never takes this link."));
  hint->setWordWrap(true);
  set_dim(hint, true);
  cf->addRow(hint);
  form->addRow(classes_);
}

void LinkForm::edit(const QString& what, const std::function<void(Link&)>& change) {
  const Link* now = doc_->link(key_);
  if (!now) return;
  Link after = *now;
  change(after);
  apply_([&] { doc_->setLink(key_, after, what); });
}

void LinkForm::setSameCalls(bool same) {
  const auto& workload = doc_->version().workload;
  edit(QStringLiteral("calls"), [&](Link& after) {
    const archbench::PerClass before = after.calls;
    if (same) {
      // The largest count, so that no class that took the link loses it.
      double most = 0;
      for (const auto& r : workload) most = std::max(most, before.for_class(r.name, 0.0));
      after.calls = archbench::PerClass{most, {}};
    } else {
      // Every class named with the calls it makes now: nothing changes until a value is edited.
      after.calls = archbench::PerClass{std::nullopt, {}};
      for (const auto& r : workload) after.calls.by_class[r.name] = before.for_class(r.name, 0.0);
    }
  });
}

void LinkForm::setClassCalls(const std::string& cls, double calls) {
  const auto& workload = doc_->version().workload;
  edit(tr("calls of %1").arg(QString::fromStdString(cls)), [&](Link& after) {
    if (!after.calls.is_map()) {
      // The first class set on its own: every class keeps the calls it makes now.
      const archbench::PerClass before = after.calls;
      for (const auto& r : workload) after.calls.by_class[r.name] = before.for_class(r.name, 0.0);
      after.calls.all.reset();
    }
    after.calls.by_class[cls] = calls;
  });
}

void LinkForm::sync() {
  const Link* now = doc_->link(key_);
  if (!now) return;
  auto name_of = [this](const QString& id) {
    const Component* c = doc_->component(id);
    return c ? QString::fromStdString(c->display_name()) : id;
  };
  route_->setText(tr("%1 → %2").arg(name_of(key_.from), name_of(key_.to)));
  route_->setToolTip(tr("%1 calls %2").arg(key_.from, key_.to));
  set_value(latency_, now->latency_ms);
  set_value(weight_, now->weight);
  const KindDecl* caller = doc_->kindOf(key_.from);
  const bool weighted = caller && (caller->behaviour == archbench::Behaviour::Split ||
                                   caller->behaviour == archbench::Behaviour::Queue);
  weight_->setEnabled(weighted);
  const bool is_map = now->calls.is_map();
  set_checked(same_, !is_map);
  common_->setVisible(!is_map);
  if (!is_map) set_value(common_, *now->calls.all);
  classes_->setVisible(is_map);
  for (const auto& [cls, box] : boxes_) set_value(box, now->calls.for_class(cls, 0.0));
}
