#pragma once
// The fields of one request class that the workload table has no room for: operation, rate
// unit, peak factor, payload, whether the caller waits, its cross-shard share, its idempotency
// key, and for a read its consistency, the writes it may miss and their keys. Shown under the
// table for the selected class; each edit is one undoable workload change.
#include <QWidget>
#include <functional>
#include <vector>

#include "document/document.h"

class QCheckBox;
class QComboBox;
class QLabel;
class NumberField;

// Field object names: "class_op", "class_unit", "class_peak", "class_payload", "class_sync",
// "class_cross_shard", "class_idempotent", "class_consistency", "class_writes_from",
// "class_keys".
class ClassForm : public QWidget {
  Q_OBJECT

 public:
  // Pushes a workload change named `what` (the workload editor's own apply).
  using Apply = std::function<void(const std::vector<archbench::RequestClass>&, const QString&)>;
  ClassForm(Document* doc, Apply apply, QWidget* parent = nullptr);
  int classIndex() const { return index_; }
  void showClass(int index);  // the class at this index of the workload; -1: none
  void sync();                // show the model's values, in place

 private:
  // Applies `change` to a copy of the shown class; false when there is no such class any more.
  void edit(const std::function<bool(archbench::RequestClass&)>& change, const QString& what);

  Document* doc_;
  Apply apply_;
  int index_ = -1;
  QLabel* title_;
  QComboBox* op_;
  QComboBox* unit_;
  QLabel* peak_label_;
  NumberField* peak_;
  NumberField* payload_;
  QCheckBox* sync_;
  NumberField* cross_shard_;
  QCheckBox* idempotent_;
  QLabel* consistency_label_;
  QComboBox* consistency_;
  QLabel* writes_from_label_;
  QComboBox* writes_from_;
  QLabel* keys_label_;
  NumberField* keys_;
};
