#include "editors/linkform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <algorithm>
#include <optional>

#include "editors/formrows.h"
#include "editors/numberfield.h"

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

  addPolicyRows(form);
  addNetworkRows(form);
}

// The bounds are the engine's (validate.cpp): timeout 0–1e6 ms, retries 0–10, backoff 0–1e6 ms,
// multiplier 1–10, threshold (0, 1], open 1–1e7 ms, bulkhead 0–1e6.
void LinkForm::addPolicyRows(QFormLayout* form) {
  using archbench::LinkPolicy;
  auto* heading = new QLabel(tr("<b>Resilience</b>"));
  heading->setToolTip(
      tr("How the caller protects itself when the callee fails or slows down. "
         "What-if scenarios (right-click a component) show the effect."));
  form->addRow(heading);
  auto policy = [this](const QString& what, std::function<void(LinkPolicy&)> change) {
    edit(what, [&](Link& after) { change(after.policy); });
  };

  timeout_ = new NumberField(0, 1e6, 3);
  timeout_->setObjectName("link_timeout_ms");
  timeout_->setSuffix(QStringLiteral(" ms"));
  timeout_->setSpecialValueText(tr("none"));
  timeout_->setToolTip(
      tr("Per attempt: a call that takes longer fails (and may be retried).\n"
         "None: the caller waits as long as it takes — a hung callee holds its "
         "threads for good."));
  connect(timeout_, &QDoubleSpinBox::valueChanged, this, [policy](double x) {
    policy(QStringLiteral("timeout"), [x](LinkPolicy& p) { p.timeout_ms = x; });
  });
  form->addRow(row_label(tr("Timeout"), timeout_->toolTip()), timeout_);

  retries_ = new IntegerField(0, 10);
  retries_->setObjectName("link_retries");
  retries_->setSuffix(tr(" retries"));
  retries_->setSpecialValueText(tr("no retries"));
  retries_->setToolTip(
      tr("Attempts after the first when one fails or times out. Each retry adds "
         "load on the callee: retry storms amplify a failure."));
  connect(retries_, &QSpinBox::valueChanged, this, [policy](int n) {
    policy(QStringLiteral("retries"), [n](LinkPolicy& p) { p.retries = n; });
  });
  form->addRow(row_label(tr("Retries"), retries_->toolTip()), retries_);

  backoff_ = new NumberField(0, 1e6, 3);
  backoff_->setObjectName("link_backoff_ms");
  backoff_->setSuffix(QStringLiteral(" ms"));
  backoff_->setToolTip(tr("Wait before the first retry."));
  connect(backoff_, &QDoubleSpinBox::valueChanged, this, [policy](double x) {
    policy(QStringLiteral("backoff"), [x](LinkPolicy& p) { p.backoff_ms = x; });
  });
  multiplier_ = new NumberField(1, 10, 3);
  multiplier_->setObjectName("link_backoff_multiplier");
  multiplier_->setPrefix(QStringLiteral("×"));
  multiplier_->setSingleStep(0.5);
  multiplier_->setToolTip(
      tr("Each further retry waits this many times longer (exponential "
         "backoff); 1: always the same wait."));
  connect(multiplier_, &QDoubleSpinBox::valueChanged, this, [policy](double x) {
    policy(QStringLiteral("backoff multiplier"), [x](LinkPolicy& p) { p.backoff_multiplier = x; });
  });
  jitter_ = new QCheckBox(tr("jitter"));
  jitter_->setObjectName("link_jitter");
  jitter_->setToolTip(
      tr("Full jitter: each wait is uniform between 0 and the backoff, so that "
         "callers do not retry in step."));
  connect(jitter_, &QCheckBox::toggled, this, [policy](bool on) {
    policy(QStringLiteral("jitter"), [on](LinkPolicy& p) {
      p.jitter = on;
      if (!on) p.jitter_equal = false;  // equal jitter is a kind of jitter
    });
  });
  jitter_equal_ = new QCheckBox(tr("equal"));
  jitter_equal_->setObjectName("link_jitter_equal");
  jitter_equal_->setToolTip(
      tr("Equal jitter: each wait is uniform between half the backoff and the backoff — "
         "never shorter than half of it, still spread (format 5)."));
  connect(jitter_equal_, &QCheckBox::toggled, this, [policy](bool on) {
    policy(QStringLiteral("equal jitter"), [on](LinkPolicy& p) { p.jitter_equal = on; });
  });
  form->addRow(row_label(tr("Backoff"), backoff_->toolTip()),
               field_row({backoff_, multiplier_, jitter_, jitter_equal_}));

  breaker_ = new QCheckBox(tr("circuit breaker"));
  breaker_->setObjectName("link_breaker");
  breaker_->setToolTip(
      tr("Stops calling a failing callee: when the failed share of attempts "
         "passes the threshold it opens, fails calls at once for the open time, "
         "then lets a probe through."));
  connect(breaker_, &QCheckBox::toggled, this, [policy](bool on) {
    // Off: its settings go back to the defaults (the file keeps them only with the breaker on).
    policy(QStringLiteral("breaker"), [on](LinkPolicy& p) {
      const LinkPolicy d;
      p.breaker = on;
      if (!on) {
        p.breaker_threshold = d.breaker_threshold;
        p.breaker_open_ms = d.breaker_open_ms;
        p.fallback_degraded = d.fallback_degraded;
      }
    });
  });
  form->addRow(row_label(tr("Breaker"), breaker_->toolTip()), breaker_);

  threshold_ = new NumberField(0.1, 100, 1);
  threshold_->setObjectName("link_breaker_threshold");
  threshold_->setSuffix(QStringLiteral(" %"));
  threshold_->setSingleStep(5);
  threshold_->setToolTip(tr("Failed share of attempts that opens the breaker."));
  connect(threshold_, &QDoubleSpinBox::valueChanged, this, [policy](double x) {
    policy(QStringLiteral("breaker threshold"),
           [x](LinkPolicy& p) { p.breaker_threshold = x / 100; });
  });
  open_ = new NumberField(1, 1e7, 3);
  open_->setObjectName("link_breaker_open_ms");
  open_->setSuffix(QStringLiteral(" ms"));
  open_->setSingleStep(1000);
  open_->setToolTip(tr("How long the breaker stays open before it lets a probe through."));
  connect(open_, &QDoubleSpinBox::valueChanged, this, [policy](double x) {
    policy(QStringLiteral("breaker open time"), [x](LinkPolicy& p) { p.breaker_open_ms = x; });
  });
  auto* breakerRows = new QWidget;
  auto* bf = new QFormLayout(breakerRows);
  bf->setContentsMargins(16, 0, 0, 0);
  bf->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  bf->addRow(row_label(tr("Opens at"), threshold_->toolTip()), threshold_);
  bf->addRow(row_label(tr("Open for"), open_->toolTip()), open_);
  fallback_ = new QComboBox;
  fallback_->setObjectName("link_fallback");
  fallback_->addItems({tr("fail the call"), tr("degraded answer")});
  fallback_->setToolTip(
      tr("What the caller does when the breaker is open or the call fails: "
         "fail, or answer without this callee (a fallback: cached or partial "
         "data), counted as degraded."));
  connect(fallback_, &QComboBox::currentIndexChanged, this, [policy](int i) {
    policy(QStringLiteral("fallback"), [i](LinkPolicy& p) { p.fallback_degraded = i == 1; });
  });
  bf->addRow(row_label(tr("Fallback"), fallback_->toolTip()), fallback_);
  form->addRow(breakerRows);

  bulkhead_ = new IntegerField(0, 1000000);
  bulkhead_->setObjectName("link_bulkhead");
  bulkhead_->setSpecialValueText(tr("unlimited"));
  bulkhead_->setSuffix(tr(" at once"));
  bulkhead_->setToolTip(
      tr("Most concurrent calls on this link; calls beyond it are rejected at "
         "once, so a slow callee cannot take every thread of the caller."));
  connect(bulkhead_, &QSpinBox::valueChanged, this, [policy](int n) {
    policy(QStringLiteral("bulkhead"), [n](LinkPolicy& p) { p.bulkhead = n; });
  });
  form->addRow(row_label(tr("Bulkhead"), bulkhead_->toolTip()), bulkhead_);
}

void LinkForm::syncPolicy(const archbench::LinkPolicy& p) {
  set_value(timeout_, p.timeout_ms);
  set_value(retries_, p.retries);
  set_value(backoff_, p.backoff_ms);
  set_value(multiplier_, p.backoff_multiplier);
  set_checked(jitter_, p.jitter);
  // Backoff means nothing without retries; the breaker's settings nothing without it.
  backoff_->setEnabled(p.retries > 0);
  multiplier_->setEnabled(p.retries > 0);
  jitter_->setEnabled(p.retries > 0);
  set_checked(jitter_equal_, p.jitter && p.jitter_equal);
  jitter_equal_->setEnabled(p.retries > 0 && p.jitter);
  set_checked(breaker_, p.breaker);
  set_value(threshold_, p.breaker_threshold * 100);
  set_value(open_, p.breaker_open_ms);
  {
    const QSignalBlocker quiet(fallback_);
    fallback_->setCurrentIndex(p.fallback_degraded ? 1 : 0);
  }
  threshold_->parentWidget()->setEnabled(p.breaker);
  set_value(bulkhead_, p.bulkhead);
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
  route_->setToolTip(tr("%1 calls %2 (in the file: %3 → %4)")
                         .arg(name_of(key_.from), name_of(key_.to), key_.from, key_.to));
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
  syncPolicy(now->policy);
  syncNetwork(*now);
}
