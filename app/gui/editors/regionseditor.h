#pragma once
// The version's regions (docs/REGIONS.md): their names, and the one-way latency between each
// pair of them, in the version form under the request classes. Each edit is one undoable step;
// a region a component still stands in cannot be dropped (the refusal says which component).
// It follows the document itself.
#include <QWidget>

#include "document/document.h"

class QLabel;
class QLineEdit;
class QTableWidget;

// Field object names: "regions_names", "regions_latency" (the table), "region_ms:A|B" (a
// pair's field), "regions_problem".
class RegionsEditor : public QWidget {
  Q_OBJECT

 public:
  explicit RegionsEditor(Document* doc, QWidget* parent = nullptr);
  QLineEdit* namesField() const { return names_; }
  QTableWidget* latencyTable() const { return table_; }
  QLabel* problemLabel() const { return problem_; }

 public slots:
  void refresh();  // show the model's values; a name list being typed is kept

 private:
  void commitNames();
  void setLatency(const std::string& a, const std::string& b, double ms);

  Document* doc_;
  QLineEdit* names_;
  QTableWidget* table_;
  QLabel* problem_;
};
