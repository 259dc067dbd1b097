// The link form's network rows: loss, duplicates and idempotency (docs/PATTERNS.md). The
// bounds are the engine's (validate.cpp): loss in [0, 1), duplicate in [0, 1]; shown in percent.
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>

#include "editors/formrows.h"
#include "editors/linkform.h"
#include "editors/numberfield.h"

using archbench::Link;
using form::row_label;
using form::set_checked;
using form::set_value;

void LinkForm::addNetworkRows(QFormLayout* form) {
  auto* heading = new QLabel(tr("<b>Network</b>"));
  heading->setToolTip(
      tr("Messages this link loses or repeats, and whether the callee "
         "recognises a repeated call. The metrics show the duplicate side "
         "effects a day of the write classes that take it."));
  form->addRow(heading);

  loss_ = new NumberField(0, 99.99, 3);
  loss_->setObjectName("link_loss");
  loss_->setSuffix(QStringLiteral(" %"));
  loss_->setToolTip(
      tr("Share of messages lost, each way (the call, or its answer). A lost "
         "answer means the work was done but the caller does not know: with a "
         "timeout it retries, and a write is done again."));
  connect(loss_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
    edit(QStringLiteral("loss"), [x](Link& after) { after.loss = x / 100; });
  });
  form->addRow(row_label(tr("Loss"), loss_->toolTip()), loss_);

  duplicate_ = new NumberField(0, 100, 3);
  duplicate_->setObjectName("link_duplicate");
  duplicate_->setSuffix(QStringLiteral(" %"));
  duplicate_->setToolTip(
      tr("Share of calls the network delivers twice: the callee does the "
         "work twice unless it recognises the repeat."));
  connect(duplicate_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
    edit(QStringLiteral("duplicate"), [x](Link& after) { after.duplicate = x / 100; });
  });
  form->addRow(row_label(tr("Duplicates"), duplicate_->toolTip()), duplicate_);

  idempotent_ = new QCheckBox(tr("idempotency key"));
  idempotent_->setObjectName("link_idempotent");
  idempotent_->setToolTip(
      tr("The callee recognises a repeated call (the same idempotency key "
         "on every attempt) and does the work once."));
  connect(idempotent_, &QCheckBox::toggled, this, [this](bool on) {
    edit(QStringLiteral("idempotent"), [on](Link& after) { after.idempotent = on; });
  });
  form->addRow(row_label(tr("Idempotent"), idempotent_->toolTip()), idempotent_);
}

void LinkForm::syncNetwork(const Link& l) {
  set_value(loss_, l.loss * 100);
  set_value(duplicate_, l.duplicate * 100);
  set_checked(idempotent_, l.idempotent);
}
