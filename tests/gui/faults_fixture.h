#pragma once
// Shared by the GUI failure-analysis tests (test_faults.cpp, test_fault_figures.cpp).
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <memory>

#include "archbench/figures.h"
#include "archbench/format.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "canvas/linkitem.h"
#include "window/mainwindow.h"
#include "metrics/metricspanel.h"
#include "canvas/nodeitem.h"
#include "editors/propertyeditor.h"
#include "window/style.h"

namespace faults_fixture {

using namespace gui_fixture;
using archbench::Fault;
using archbench::FaultType;

inline QString q(const std::string& s) {
  return QString::fromStdString(s);
}

inline Fault fault(FaultType type, const std::string& component, const std::string& to = {}) {
  Fault f;
  f.type = type;
  f.component = component;
  f.to = to;
  return f;
}

// The blog preset at the version named `name`, at 100% zoom.
inline void open_blog(Window& win, const char* name) {
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  const auto& versions = win.w.document()->project().versions;
  for (int i = 0; i < static_cast<int>(versions.size()); ++i) {
    if (versions[i].name == name) win.w.document()->setVersionIndex(i);
  }
  QCOMPARE(q(win.w.document()->version().name), QString::fromLatin1(name));
  win.w.view()->setZoom(1.0);
  QApplication::processEvents();
}

// The action named `object` of a context menu, or null.
inline QAction* action_of(QMenu* menu, const char* object) {
  return menu ? menu->findChild<QAction*>(object) : nullptr;
}

// The cell of `table` in the row whose first cell is `row` and the column headed `column`.
inline QString cell(QTableWidget* table, const QString& row, const QString& column) {
  const int r = row_of(table, row);
  const int c = column_of(table, column);
  if (r < 0 || c < 0 || !table->item(r, c))
    return QStringLiteral("<no cell %1/%2>").arg(row, column);
  return table->item(r, c)->text();
}

inline QString percent(double fraction) {
  return q(archbench::format_share(fraction));
}


}  // namespace faults_fixture
