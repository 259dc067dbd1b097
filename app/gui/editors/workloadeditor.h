#pragma once
// The version's request classes: a table narrow enough for the properties dock (name, rate,
// entry) with Add and Remove, and under it a form for the selected class's other fields
// (ClassForm: operation, rate unit, peak factor, payload, sync). Each edit is one undoable
// document change; the table never scrolls sideways.
#include <QWidget>
#include <string>
#include <vector>

#include "document/document.h"

class ClassForm;
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

class WorkloadEditor : public QWidget {
  Q_OBJECT

 public:
  enum Column { Name, Rate, Entry, ColumnCount };
  explicit WorkloadEditor(Document* doc, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  QPushButton* addButton() const { return add_; }
  QPushButton* removeButton() const { return remove_; }
  ClassForm* classForm() const { return form_; }

 public slots:
  void refresh();
  void addClass();
  void removeClass();  // the current row's class; the last class cannot be removed

 private:
  void createRow(int row);
  // The entry column as wide as its longest client name, up to what the rate column and the
  // longest class name leave; a combo's list is wide enough for every name, and its tooltip
  // names the current one.
  void fitEntryColumn();
  void resizeEvent(QResizeEvent* event) override;
  void itemEdited(QTableWidgetItem* item);
  void rename(int row, const QString& text);
  void refuse(int row, int column, const QString& why);
  // Pushes one workload change (merging with the previous edit of the same `what`).
  void apply(const std::vector<archbench::RequestClass>& after, const QString& what);
  // Renames (to = new name) or drops (to empty) the class's keys in every per-class map of the
  // version, each as its own command: call inside an undo macro.
  void rekeyMaps(const std::string& from, const std::string& to);

  Document* doc_;
  QTableWidget* table_;
  QPushButton* add_;
  QPushButton* remove_;
  QLabel* problem_;  // under the table: why a rate typed into a cell was refused
  ClassForm* form_;
  bool updating_ = false;
};
