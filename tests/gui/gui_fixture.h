#pragma once
// Shared by the GUI test files: the catalog and presets of the source tree, a main window whose
// dialogs answer by script, and look-ups in the metrics tables.
#include <QAbstractSpinBox>
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
#include "document/document.h"
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

// Where the model puts a component (not where its item happens to be drawn).
inline QPointF model_pos(const Document* doc, const QString& id) {
  const archbench::Component* c = doc->component(id);
  if (!c || !c->pos) return {qQNaN(), qQNaN()};
  return {(*c->pos)[0], (*c->pos)[1]};
}

// Press on a scene point, move by `delta` view pixels in two steps, release.
inline void drag(CanvasView* view, QPointF from, QPoint delta) {
  const QPoint a = viewPoint(view, from);
  const QPoint b = a + delta;
  QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, a);
  QTest::mouseMove(view->viewport(), a + delta / 2);
  QTest::mouseMove(view->viewport(), b);
  QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, b);
}

// The blog preset at V1 (users -> app -> db, users -> s3), at 100% zoom (one view pixel is one
// scene unit), in the active window so that keys reach it.
inline void open_blog_v1(Window& win) {
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  win.w.document()->setVersionIndex(0);
  QCOMPARE(QString::fromStdString(win.w.document()->version().name), QStringLiteral("V1"));
  win.w.view()->setZoom(1.0);
  win.w.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&win.w));
  QApplication::processEvents();
}

// Replaces the field's text with `text` the way a user does, then presses Enter.
inline void type_into(QAbstractSpinBox* box, const QString& text) {
  box->setFocus(Qt::OtherFocusReason);
  box->selectAll();
  QTest::keyClick(box, Qt::Key_Delete);
  QTest::keyClicks(box, text);
  QTest::keyClick(box, Qt::Key_Return);
  QApplication::processEvents();
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
