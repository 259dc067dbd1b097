#include "editors/classform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <algorithm>

#include "editors/formrows.h"
#include "editors/numberfield.h"

using archbench::RequestClass;

namespace {
QString q(const std::string& s) {
  return QString::fromStdString(s);
}
}  // namespace

ClassForm::ClassForm(Document* doc, Apply apply, QWidget* parent)
    : QWidget(parent), doc_(doc), apply_(std::move(apply)) {
  QFormLayout* form = form::new_form(this);
  form->setContentsMargins(0, 4, 0, 0);
  title_ = new QLabel;
  title_->setObjectName("class_title");
  title_->setWordWrap(true);
  form->addRow(title_);

  op_ = new QComboBox;
  op_->setObjectName("class_op");
  op_->addItems({QStringLiteral("read"), QStringLiteral("write")});
  op_->setToolTip(tr("read or write: caches serve reads, databases send writes to the primary."));
  connect(op_, &QComboBox::activated, this, [this](int index) {
    edit(
        [index](RequestClass& r) {
          r.op = index == 1 ? archbench::Op::Write : archbench::Op::Read;
          return true;
        },
        tr("Change operation of %1"));
  });
  form->addRow(form::row_label(tr("Operation"), op_->toolTip()), op_);

  unit_ = new QComboBox;
  unit_->setObjectName("class_unit");
  unit_->addItems({tr("per second"), tr("per day")});
  unit_->setToolTip(tr("Per second: the rate is the design (peak) rate. Per day: a daily "
                       "volume, and the peak factor gives the design rate."));
  connect(unit_, &QComboBox::activated, this, [this](int index) {
    edit(
        [index](RequestClass& r) {
          const bool per_day = index == 1;
          if (per_day == r.per_day.has_value()) return false;
          // Switching the unit keeps the design rate: no figure changes until the rate does.
          if (per_day) {
            r.per_day = r.peak_rate() * 86400.0;
            r.per_second.reset();
            r.peak_factor = 1.0;
          } else {
            r.per_second = r.peak_rate();
            r.per_day.reset();
            r.peak_factor.reset();
          }
          return true;
        },
        tr("Change rate unit of %1"));
  });
  form->addRow(form::row_label(tr("Rate unit"), unit_->toolTip()), unit_);

  peak_ = new NumberField(1, 1000, 2);
  peak_->setObjectName("class_peak");
  peak_->setToolTip(tr("Peak rate = per day / 86400 × peak factor (≥ 1). Only for a rate per "
                       "day. Range 1 – 1000."));
  connect(peak_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    edit(
        [v](RequestClass& r) {
          if (!r.per_day) return false;
          r.peak_factor = v;
          return true;
        },
        tr("Change peak factor of %1"));
  });
  peak_label_ = form::row_label(tr("Peak factor"), peak_->toolTip());
  form->addRow(peak_label_, peak_);

  payload_ = new NumberField(0, 1e9, 3);
  payload_->setObjectName("class_payload");
  payload_->setSuffix(QStringLiteral(" KB"));
  payload_->setToolTip(tr("Payload carried per request; it drives bandwidth costs. Range 0 – "
                          "1e9 KB."));
  connect(payload_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    edit(
        [v](RequestClass& r) {
          r.payload_kb = v;
          return true;
        },
        tr("Change payload of %1"));
  });
  form->addRow(form::row_label(tr("Payload"), payload_->toolTip()), payload_);

  sync_ = new QCheckBox(tr("The caller waits for the response"));
  sync_->setObjectName("class_sync");
  sync_->setToolTip(tr("Checked: the caller waits for the response. Unchecked: only for the "
                       "acknowledgement of a message queue."));
  connect(sync_, &QCheckBox::toggled, this, [this](bool on) {
    edit(
        [on](RequestClass& r) {
          r.sync = on;
          return true;
        },
        tr("Change sync of %1"));
  });
  form->addRow(form::row_label(tr("Sync"), sync_->toolTip()), sync_);

  cross_shard_ = new NumberField(0, 1, 3);
  cross_shard_->setObjectName("class_cross_shard");
  cross_shard_->setSingleStep(0.05);
  cross_shard_->setToolTip(tr("Share of this class's visits to a sharded database or cache that "
                              "query every shard in parallel and wait for the slowest (a feed "
                              "across users, a search); the rest visit one shard. Range 0 – 1; "
                              "0: every request names one key."));
  connect(cross_shard_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    edit(
        [v](RequestClass& r) {
          r.cross_shard = v;
          return true;
        },
        tr("Change cross-shard share of %1"));
  });
  form->addRow(form::row_label(tr("Cross-shard"), cross_shard_->toolTip()), cross_shard_);

  idempotent_ = new QCheckBox(tr("Carries an idempotency key"));
  idempotent_->setObjectName("class_idempotent");
  idempotent_->setToolTip(tr("Checked: every callee recognises a retried or duplicated request "
                             "by its key, so a lost answer's retry causes no second side effect "
                             "(docs/PATTERNS.md)."));
  connect(idempotent_, &QCheckBox::toggled, this, [this](bool on) {
    edit(
        [on](RequestClass& r) {
          if (r.idempotent == on) return false;
          r.idempotent = on;
          return true;
        },
        tr("Change idempotency of %1"));
  });
  form->addRow(form::row_label(tr("Idempotent"), idempotent_->toolTip()), idempotent_);

  // Reads only (docs/REGIONS.md): which copy they may read, and which writes they may miss.
  consistency_ = new QComboBox;
  consistency_->setObjectName("class_consistency");
  consistency_->addItem(tr("not stated (as eventual)"), QString());
  for (auto c : {archbench::Consistency::Strong, archbench::Consistency::ReadYourWrites,
                 archbench::Consistency::Eventual})
    consistency_->addItem(QString::fromLatin1(archbench::to_string(c)),
                          QString::fromLatin1(archbench::to_string(c)));
  consistency_->setToolTip(tr("Reads only. strong: reads the primary, never stale. "
                              "read_your_writes and eventual: may read a lagging replica or a "
                              "read model fed through a queue; the report gives the stale share."));
  connect(consistency_, &QComboBox::activated, this, [this](int index) {
    const std::string value = consistency_->itemData(index).toString().toStdString();
    edit(
        [value](RequestClass& r) {
          const auto c = value.empty() ? std::nullopt : archbench::consistency_from(value);
          if (r.consistency == c) return false;
          r.consistency = c;
          return true;
        },
        tr("Change consistency of %1"));
  });
  consistency_label_ = form::row_label(tr("Consistency"), consistency_->toolTip());
  form->addRow(consistency_label_, consistency_);

  writes_from_ = new QComboBox;
  writes_from_->setObjectName("class_writes_from");
  writes_from_->setToolTip(tr("Reads only: the write class whose writes these reads may miss. "
                              "Every write class: each one reaching the same store."));
  connect(writes_from_, &QComboBox::activated, this, [this](int index) {
    const std::string value = writes_from_->itemData(index).toString().toStdString();
    edit(
        [value](RequestClass& r) {
          if (r.writes_from == value) return false;
          r.writes_from = value;
          return true;
        },
        tr("Change writes read by %1"));
  });
  writes_from_label_ = form::row_label(tr("Writes from"), writes_from_->toolTip());
  form->addRow(writes_from_label_, writes_from_);

  keys_ = new NumberField(1, 1e12, 0);
  keys_->setObjectName("class_keys");
  keys_->setToolTip(tr("Reads only: how many keys those writes spread over, evenly; a key is "
                       "written (writes per second) / keys times a second. Range 1 – 1e12; "
                       "1: every write touches what the class reads."));
  connect(keys_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    edit(
        [v](RequestClass& r) {
          if (r.keys == v) return false;
          r.keys = v;
          return true;
        },
        tr("Change keys of %1"));
  });
  keys_label_ = form::row_label(tr("Keys"), keys_->toolTip());
  form->addRow(keys_label_, keys_);
  showClass(-1);
}

void ClassForm::edit(const std::function<bool(RequestClass&)>& change, const QString& what) {
  auto after = doc_->version().workload;
  if (index_ < 0 || index_ >= static_cast<int>(after.size())) return;
  RequestClass& r = after[static_cast<std::size_t>(index_)];
  if (!change(r)) return sync();
  apply_(after, what.arg(q(r.name)));
}

void ClassForm::showClass(int index) {
  index_ = index;
  sync();
}

void ClassForm::sync() {
  const auto& w = doc_->version().workload;
  const bool shown = index_ >= 0 && index_ < static_cast<int>(w.size());
  for (QWidget* field : std::initializer_list<QWidget*>{op_, unit_, peak_, payload_, sync_, cross_shard_,
                                                      idempotent_, consistency_, writes_from_, keys_})
    field->setEnabled(shown);
  if (!shown) {
    title_->setText(tr("<b>Selected class</b>: none"));
    return;
  }
  const RequestClass& r = w[static_cast<std::size_t>(index_)];
  title_->setText(tr("<b>%1</b>: more of this class").arg(q(r.name).toHtmlEscaped()));
  {
    const QSignalBlocker b(op_);
    op_->setCurrentIndex(r.op == archbench::Op::Write ? 1 : 0);
  }
  const bool per_day = r.per_day.has_value();
  {
    const QSignalBlocker b(unit_);
    unit_->setCurrentIndex(per_day ? 1 : 0);
  }
  form::set_value(peak_, r.peak_factor.value_or(1.0));
  peak_->setEnabled(per_day);
  peak_label_->setEnabled(per_day);
  form::set_value(payload_, r.payload_kb);
  form::set_checked(sync_, r.sync);
  form::set_value(cross_shard_, r.cross_shard);
  form::set_checked(idempotent_, r.idempotent);
  // The read-only fields: off (with their labels) for a write class, which has no consistency.
  const bool read = r.op == archbench::Op::Read;
  {
    const QSignalBlocker b(consistency_);
    const QString value = r.consistency ? QString::fromLatin1(archbench::to_string(*r.consistency)) : QString();
    consistency_->setCurrentIndex(std::max(0, consistency_->findData(value)));
  }
  {
    const QSignalBlocker b(writes_from_);
    writes_from_->clear();
    writes_from_->addItem(tr("every write class"), QString());
    for (const auto& other : w)
      if (other.op == archbench::Op::Write) writes_from_->addItem(q(other.name), q(other.name));
    // A name the workload no longer has stays visible, so the file's value is never hidden.
    if (!r.writes_from.empty() && writes_from_->findData(q(r.writes_from)) < 0)
      writes_from_->addItem(tr("%1 (no such write class)").arg(q(r.writes_from)), q(r.writes_from));
    writes_from_->setCurrentIndex(std::max(0, writes_from_->findData(q(r.writes_from))));
  }
  form::set_value(keys_, r.keys);
  for (QWidget* field : std::initializer_list<QWidget*>{consistency_, writes_from_, keys_,
                                                      consistency_label_, writes_from_label_, keys_label_})
    field->setEnabled(read);
}
