#pragma once
// The property form of one link: its route, latency, weight, calls per visit of the caller (one
// number for every request class, or one per class), and how the caller protects itself on it
// (timeout, retries with backoff, circuit breaker, bulkhead). Each change is one undoable edit.
#include <QObject>
#include <QStringList>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "document/document.h"

class IntegerField;
class NumberField;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QWidget;

// Field object names: "link_latency_ms", "link_weight", "link_calls", "link_calls:CLASS",
// "link_calls_same"; the policy's "link_timeout_ms", "link_retries", "link_backoff_ms",
// "link_backoff_multiplier", "link_jitter", "link_breaker", "link_breaker_threshold" (percent),
// "link_breaker_open_ms", "link_fallback" (0 fail, 1 degraded), "link_bulkhead".
class LinkForm : public QObject {
  Q_OBJECT

 public:
  // Runs one of the form's own edits; the property editor does not rebuild the form under the
  // cursor while it runs.
  using Apply = std::function<void(const std::function<void()>&)>;

  // Adds the rows for the link `key` (which must exist) to `form`, with one calls row per name
  // in `classes`. The form's widget owns the LinkForm.
  LinkForm(Document* doc, const LinkKey& key, const QStringList& classes, Apply apply,
           QFormLayout* form);

  void sync();  // show the model's values in the rows, in place

 private:
  // One edit of the link as it is now; `what` names the field (edits of one field merge).
  void edit(const QString& what, const std::function<void(archbench::Link&)>& change);
  void setSameCalls(bool same);
  void setClassCalls(const std::string& cls, double calls);
  void addPolicyRows(QFormLayout* form);
  void syncPolicy(const archbench::LinkPolicy& p);
  // linknetwork.cpp: loss, duplicates and idempotency (format 4, docs/PATTERNS.md).
  void addNetworkRows(QFormLayout* form);
  void syncNetwork(const archbench::Link& l);

  Document* doc_;
  const LinkKey key_;  // a late commit (focus-out) must reach this link, whatever is shown
  Apply apply_;
  QLabel* route_;
  NumberField* latency_;
  NumberField* weight_;
  QCheckBox* same_;
  NumberField* common_;
  QWidget* classes_;
  std::vector<std::pair<std::string, NumberField*>> boxes_;  // class name, its calls field
  // The resilience policy.
  NumberField* timeout_ = nullptr;
  IntegerField* retries_ = nullptr;
  NumberField* backoff_ = nullptr;
  NumberField* multiplier_ = nullptr;
  QCheckBox* jitter_ = nullptr;
  QCheckBox* jitter_equal_ = nullptr;  // "link_jitter_equal" (format 5)
  QCheckBox* breaker_ = nullptr;
  NumberField* threshold_ = nullptr;
  NumberField* open_ = nullptr;
  QComboBox* fallback_ = nullptr;
  IntegerField* bulkhead_ = nullptr;
  // The network's faults.
  NumberField* loss_ = nullptr;
  NumberField* duplicate_ = nullptr;
  QCheckBox* idempotent_ = nullptr;
};
