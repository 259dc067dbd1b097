#pragma once
// Versions side by side: the comparison table (one column per version, change against the
// previous one), charts (latency against load, cost by kind, utilization, evolution) and the
// diff between two versions. Every figure comes from archbench::compare_versions.
#include <QMainWindow>

#include "document.h"

class ComparisonWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit ComparisonWindow(Document* doc, QWidget* parent = nullptr);

 public slots:
  void refresh();  // recompute from the document (connected to its changes)
};
