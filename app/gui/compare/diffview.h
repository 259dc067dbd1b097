#pragma once
// What changed between two versions, as the engine's diff_versions reports it: components added,
// removed and changed (which parameter, from → to), links added, removed and changed, workload
// classes added, removed and changed; above it, the notes of the later version (its trigger and
// decision), which say why the change was made.
#include <QWidget>

#include "document/document.h"

class QComboBox;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

class DiffView : public QWidget {
  Q_OBJECT

 public:
  explicit DiffView(Document* doc, QWidget* parent = nullptr);

  QComboBox* fromBox() const { return from_; }
  QComboBox* toBox() const { return to_; }
  QTreeWidget* tree() const { return tree_; }

 public slots:
  // Re-reads the document's versions (keeping the chosen pair by name) and recomputes.
  void refresh();

 private:
  void showDiff();
  QTreeWidgetItem* group(const QString& title, int count);
  QString fieldLabel(const std::string& kind, const std::string& field) const;

  Document* doc_;
  QComboBox* from_;
  QComboBox* to_;
  QTextBrowser* notes_;
  QTreeWidget* tree_;
};
