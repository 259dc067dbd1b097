#include "comparisonwindow.h"

ComparisonWindow::ComparisonWindow(Document* doc, QWidget* parent) : QMainWindow(parent) {
  (void)doc;
}

void ComparisonWindow::refresh() {}
