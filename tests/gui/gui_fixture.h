#pragma once
// Shared by the GUI test files: the catalog and presets of the source tree, a main window whose
// dialogs answer by script, and look-ups in the metrics tables.
#include <QApplication>
#include <QMessageBox>
#include <QPoint>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QTableWidget>
#include <QtTest>

#include "archbench/catalog.h"
#include "canvas/canvasview.h"
#include "window/mainwindow.h"

namespace gui_fixture {

inline const archbench::Catalog& catalog() {
  static const archbench::Catalog c = archbench::Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

inline QString preset(const char* name) {
  return QStringLiteral(ARCHBENCH_TEST_PRESETS_DIR "/") + name;
}

// A window whose dialogs answer by script instead of blocking.
struct Window {
  MainWindow w{catalog()};
  QStringList errors;
  QStringList questions;
  QMessageBox::StandardButton answer = QMessageBox::Cancel;
  Window() {
    w.showError = [this](const QString& m) { errors << m; };
    w.askToSave = [this](const QString& q) {
      questions << q;
      return answer;
    };
    w.resize(1400, 860);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
  }
};

inline QPoint viewPoint(CanvasView* view, QPointF scenePos) {
  return view->mapFromScene(scenePos);
}

// The row whose cell in `column` shows `text` or names it in its tooltip; -1 if none.
inline int row_of(QTableWidget* t, const QString& text, int column = 0) {
  for (int r = 0; r < t->rowCount(); ++r) {
    if (t->item(r, column) &&
        (t->item(r, column)->text() == text || t->item(r, column)->toolTip().contains(text)))
      return r;
  }
  return -1;
}

inline int column_of(QTableWidget* t, const QString& header) {
  for (int c = 0; c < t->columnCount(); ++c) {
    if (t->horizontalHeaderItem(c) && t->horizontalHeaderItem(c)->text().startsWith(header))
      return c;
  }
  return -1;
}

}  // namespace gui_fixture
