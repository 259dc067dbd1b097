#pragma once
// The comparison table: one column per version, in project order; one row per figure (each
// class's p50/p95/p99, maximum throughput and its rate, bottleneck, cost per month and per
// million requests, components). From the second column on, a cell also shows its change against
// the column before it ("▲ 12%"), green when better and red when worse. Saturated is a state,
// with the reason in the tooltip. The figures are the engine's report, formatted as elsewhere.
#include <QTableWidget>

#include "archbench/compare.h"

class ComparisonTable : public QTableWidget {
  Q_OBJECT

 public:
  // Item data beside the text (which is the figure as format_* prints it).
  static constexpr int ChangeRole = Qt::UserRole + 1;       // "▲ 12%", "▼ 30%", "=", "+1"
  static constexpr int SenseRole = Qt::UserRole + 2;        // +1 better, −1 worse, 0 neither
  static constexpr int ChangeColorRole = Qt::UserRole + 3;  // QColor of the change
  static constexpr int NotesRole = Qt::UserRole + 4;        // true on the notes row

  explicit ComparisonTable(QWidget* parent = nullptr);

  void showComparison(const archbench::Comparison& comparison);
  void clearComparison();

  // The row whose label (vertical header) is `label`; -1 if none.
  int rowOf(const QString& label) const;
  // The height that shows every row without scrolling.
  int fullHeight() const;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fitColumns();
};
