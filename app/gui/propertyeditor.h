#pragma once
// The property editor, generated from the catalog's parameter declarations (label, unit, range,
// tooltip): a component's name and parameters, a link's calls per class, latency and weight, or
// (nothing selected) the version's workload. Every change goes to the document as an undoable
// edit; out-of-range input cannot be entered.
#include <QWidget>

#include "document.h"

class QFormLayout;
class QLabel;
class QScrollArea;
class WorkloadEditor;

class PropertyEditor : public QWidget {
  Q_OBJECT

 public:
  explicit PropertyEditor(Document* doc, QWidget* parent = nullptr);

 public slots:
  void showComponent(const QString& id);
  void showLink(const LinkKey& key);
  void showVersion();  // the workload of the current version

 private:
  void rebuild();
  Document* doc_;
  enum class Mode { Version, Component, Link } mode_ = Mode::Version;
  QString id_;
  LinkKey link_;
  QLabel* title_;
  QScrollArea* scroll_;
  QWidget* form_host_ = nullptr;
  WorkloadEditor* workload_ = nullptr;
  bool editing_ = false;  // our own edit is being applied: don't rebuild under the cursor
};
