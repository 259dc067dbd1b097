#pragma once
// The property editor, generated from the catalog's parameter declarations (label, unit, range,
// tooltip): a component's name, zones and parameters, a link's calls per class, latency, weight
// and resilience policy, or (nothing selected) the version's workload and notes. Every change
// goes to the document as an undoable edit; a number that cannot be applied is refused with
// the allowed range (NumberField). The parameter rows are built in paramrows.cpp.
#include <QStringList>
#include <QWidget>
#include <functional>
#include <vector>

#include "document/document.h"

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QVBoxLayout;
class WorkloadEditor;

// Field object names, for tests and accessibility: "component_name", "component_zones",
// "param_NAME", "param_NAME:CLASS", "param_NAME_per_class", "reset_NAME"; a link's fields are
// LinkForm's ("link_latency_ms", "link_weight", "link_calls", "link_calls:CLASS",
// "link_calls_same", and its resilience policy's); the version's notes are "version_notes".
class PropertyEditor : public QWidget {
  Q_OBJECT

 public:
  explicit PropertyEditor(Document* doc, QWidget* parent = nullptr);
  ~PropertyEditor() override;
  WorkloadEditor* workloadEditor() const { return workload_; }
  QPlainTextEdit* notesEditor() const { return notes_; }  // null unless the version is shown

 public slots:
  void showComponent(const QString& id);
  void showLink(const LinkKey& key);
  void showVersion();  // the workload of the current version

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;  // the notes commit on focus-out

 private:
  void rebuild();
  void buildNotes(QVBoxLayout* layout);
  void buildComponent(QFormLayout* form);
  void addParamRow(QFormLayout* form, const archbench::ParamDecl& decl, bool cache);
  // A parameter with named values (a cache's on_failure): a combo box of the catalog's choices.
  void addChoiceRow(QFormLayout* form, const archbench::ChoiceDecl& decl);
  // Autoscaling and the sidecar (scalingrows.cpp): a switch and the engine's declared fields.
  void addScalingRows(QFormLayout* form);
  // A database's replica regions, when the version declares regions.
  void addReplicaRegionsRow(QFormLayout* form, const QString& id);
  void buildLink(QFormLayout* form);
  void sync();           // show the model's values in the current widgets, in place
  void commitPending();  // let a half-typed field commit before the form changes
  void apply(const std::function<void()>& change);  // our own edit: no rebuild under the cursor
  QStringList classNames() const;

  Document* doc_;
  enum class Mode { Version, Component, Link } mode_ = Mode::Version;
  QString id_;
  LinkKey link_;
  QLabel* title_icon_;
  QLabel* title_;
  QScrollArea* scroll_;
  QWidget* form_host_ = nullptr;
  WorkloadEditor* workload_ = nullptr;
  QStringList shown_classes_;                   // the request classes the form was built for
  std::vector<std::function<void()>> syncers_;  // one per row: reads the model into the row
  bool editing_ = false;  // our own edit is being applied: don't rebuild under the cursor
  QPlainTextEdit* notes_ = nullptr;  // in the current form, or null
  std::function<void()> commit_notes_;  // typed notes go to the version they were typed for
};
