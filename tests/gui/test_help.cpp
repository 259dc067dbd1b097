// GUI tests for help on screen (help/help.h): the Help menu's entries, the legend overlay on the
// canvas (its colours are the canvas's own), the shortcuts read from the window's actions, the
// bundled docs rendered, the tour outlining each panel in turn, and What's This on each panel.
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

#include "canvas/canvasview.h"
#include "gui_fixture.h"
#include "help/help.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

class TestHelp : public QObject {
  Q_OBJECT

 private slots:
  void helpMenuOffersTourLegendShortcutsDocsAndWhatsThis();
  void legendShowsOnTheCanvasCornerAndNamesEveryMark();
  void shortcutsListEveryActionWithAKey();
  void docsOpenRendered();
  void tourOutlinesEachPanelInTurn();
  void tourBoxFallsBackToThePanelCornerWithoutRoom();
  void everyPanelSaysWhatItIs();
};

void TestHelp::helpMenuOffersTourLegendShortcutsDocsAndWhatsThis() {
  Window win;
  QMenu* help = win.w.menuBar()->findChild<QMenu*>("helpMenu");
  QVERIFY(help);
  QStringList names;
  for (QAction* a : help->actions()) names << a->objectName();
  for (const char* name : {"tour", "legend", "shortcuts", "whatsThis", "about"})
    QVERIFY2(names.contains(name), name);
  // The docs menu lists every bundled doc.
  QMenu* docs = help->findChild<QMenu*>("docsMenu");
  QVERIFY(docs);
  const QStringList files = QDir(help::docsDir()).entryList({"*.md"}, QDir::Files, QDir::Name);
  QVERIFY(files.contains("MODEL.md"));
  QCOMPARE(docs->actions().size(), files.size());
}

void TestHelp::legendShowsOnTheCanvasCornerAndNamesEveryMark() {
  Window win;
  auto* legend = win.w.view()->viewport()->findChild<LegendOverlay*>("legend");
  QVERIFY(legend);
  QVERIFY(!legend->isVisible());
  QAction* toggle = win.w.findChild<QAction*>("legend", Qt::FindDirectChildrenOnly);
  QVERIFY(toggle);
  toggle->trigger();
  QVERIFY(legend->isVisible());
  // Inside the canvas, in its top-right corner.
  const QRect area = win.w.view()->viewport()->rect();
  QVERIFY(area.contains(legend->geometry()));
  QVERIFY(legend->geometry().right() > area.width() - 40);
  QVERIFY(legend->geometry().top() < 40);
  const QString all = legend->entries().join('\n');
  for (const char* mark : {"under 60% busy", "saturated", "SPOF", "availability", "region", "CRASHED", "UNFINISHED", "what-if: down",
                           "link cut"})
    QVERIFY2(all.contains(mark), mark);
  toggle->trigger();
  QVERIFY(!legend->isVisible());
}

void TestHelp::shortcutsListEveryActionWithAKey() {
  Window win;
  QDialog* d = help::shortcutsDialog(&win.w);
  auto* table = d->findChild<QTableWidget*>("shortcutsTable");
  QVERIFY(table);
  QStringList keys;
  for (int r = 0; r < table->rowCount(); ++r) keys << table->item(r, 0)->text();
  int withKeys = 0;
  for (QAction* a : win.w.findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (a->shortcut().isEmpty()) continue;
    ++withKeys;
    QVERIFY2(keys.contains(a->shortcut().toString(QKeySequence::NativeText)), qPrintable(a->text()));
  }
  QVERIFY(withKeys >= 10);  // undo, redo, save, open, arrange, legend …
  QVERIFY(keys.contains("Wheel"));
  delete d;
}

void TestHelp::docsOpenRendered() {
  Window win;
  QMenu* docs = win.w.menuBar()->findChild<QMenu*>("docsMenu");
  QVERIFY(docs);
  QAction* model = nullptr;
  for (QAction* a : docs->actions())
    if (a->text() == "MODEL") model = a;
  QVERIFY(model);
  model->trigger();
  DocDialog* d = win.w.findChild<DocDialog*>("docDialog");
  QVERIFY(d);
  // Rendered from Markdown: the heading's text without its "#".
  QFile f(help::docsDir() + "/MODEL.md");
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QString first = QString::fromUtf8(f.readLine()).trimmed();
  QVERIFY(first.startsWith("# "));
  QCOMPARE(d->windowTitle(), first.mid(2));
  QVERIFY(d->browser()->toPlainText().startsWith(first.mid(2)));
  QVERIFY(!d->browser()->toPlainText().contains("# " + first.mid(2)));
  d->close();
}

void TestHelp::tourOutlinesEachPanelInTurn() {
  Window win;
  TourDialog tour(&win.w);
  const auto steps = help::tourSteps();
  QCOMPARE(tour.stepCount(), static_cast<int>(steps.size()));
  QVERIFY(tour.stepCount() >= 5);
  QSet<QWidget*> seen;
  for (int i = 0; i < tour.stepCount(); ++i) {
    tour.go(i);
    QCOMPARE(tour.step(), i);
    QWidget* target = tour.highlighted();
    QVERIFY2(target && target->isVisible(), qPrintable(steps[i].target));
    seen.insert(target);
    // The box stands beside the panel it is about, not over it, and inside the window.
    const QRect panel(target->mapToGlobal(QPoint(0, 0)), target->size());
    const QRect box = tour.frameGeometry();
    QVERIFY2(!box.intersects(panel), qPrintable(steps[i].target));
    QVERIFY2(win.w.frameGeometry().contains(box), qPrintable(steps[i].target));
  }
  QCOMPARE(seen.size(), tour.stepCount());  // a different panel at each step
  tour.go(99);  // past the end: the last step
  QCOMPARE(tour.step(), tour.stepCount() - 1);
}

void TestHelp::tourBoxFallsBackToThePanelCornerWithoutRoom() {
  // A panel filling the window leaves no room beside it: the box goes in its bottom-right corner.
  const QRect window(0, 0, 800, 600);
  QCOMPARE(help::besideTarget(window, window, QSize(300, 100)), QPoint(800 - 1 - 12 - 300, 600 - 1 - 12 - 100));
  // Room below a top panel: centred under it.
  QCOMPARE(help::besideTarget(QRect(0, 0, 800, 300), window, QSize(300, 100)), QPoint(250, 299 + 12));
}

void TestHelp::everyPanelSaysWhatItIs() {
  Window win;
  for (const char* dock : {"paletteDock", "propertiesDock", "metricsDock", "experimentsDock"}) {
    auto* d = win.w.findChild<QDockWidget*>(dock);
    QVERIFY2(d && !d->whatsThis().isEmpty(), dock);
  }
  QVERIFY(!win.w.view()->whatsThis().isEmpty());
}

QTEST_MAIN(TestHelp)
#include "test_help.moc"
