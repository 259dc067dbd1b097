#pragma once
// The version's request classes: add, remove, edit name, entry, op, rate per second or per day
// with a peak factor, payload and sync. Each edit is one undoable document change.
#include <QWidget>

#include "document.h"

class QTableWidget;

class WorkloadEditor : public QWidget {
  Q_OBJECT

 public:
  explicit WorkloadEditor(Document* doc, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }

 public slots:
  void refresh();

 private:
  Document* doc_;
  QTableWidget* table_;
  bool updating_ = false;
};
