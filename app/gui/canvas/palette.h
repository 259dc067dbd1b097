#pragma once
// The component palette: every catalog kind with its icon and label, filterable by typing;
// drag a kind onto the canvas (MIME type kKindMime) or double-click it to add it.
#include <QWidget>

#include "archbench/catalog.h"

class QLineEdit;
class QListWidget;

class Palette : public QWidget {
  Q_OBJECT

 public:
  static constexpr const char* kKindMime = "application/x-archbench-kind";
  explicit Palette(const archbench::Catalog& catalog, QWidget* parent = nullptr);
  QLineEdit* filterEdit() const { return filter_; }
  QListWidget* list() const { return list_; }

 signals:
  void kindActivated(const QString& kind);  // double-click or Enter

 private:
  void applyFilter(const QString& text);
  QLineEdit* filter_;
  QListWidget* list_;
};
