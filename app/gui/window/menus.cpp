// The main window's actions (File, Edit, View, Versions, Failure, Help), its menus and its
// toolbar. The slots they call live in mainwindow.cpp and editactions.cpp.
#include <QAction>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>

#include "canvas/align.h"
#include "canvas/arrange.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "simulate/simulateactions.h"
#include "versions/versionsbar.h"
#include "window/fileio.h"
#include "window/mainwindow.h"

void MainWindow::createActions() {
  auto make = [this](const QString& name, const QString& text, QKeySequence key, auto slot) {
    auto* a = new QAction(text, this);
    a->setObjectName(name);
    if (!key.isEmpty()) a->setShortcut(key);
    connect(a, &QAction::triggered, this, slot);
    return a;
  };
  make("new", tr("&New"), QKeySequence::New, [this] { newFile(); });
  make("open", tr("&Open…"), QKeySequence::Open, [this] { open(); });
  make("save", tr("&Save"), QKeySequence::Save, [this] { save(); });
  make("saveAs", tr("Save &As…"), QKeySequence::SaveAs, [this] { saveAs(); });
  make("export", tr("&Export Image…"), QKeySequence(tr("Ctrl+E")), [this] { exportDialog(); });
  make("quit", tr("&Quit"), QKeySequence::Quit, [this] { close(); });
  make("cut", tr("Cu&t"), QKeySequence::Cut, [this] { cut(); });
  make("copy", tr("&Copy"), QKeySequence::Copy, [this] { copy(); });
  make("paste", tr("&Paste"), QKeySequence::Paste, [this] { paste(); });
  make("delete", tr("&Delete"), QKeySequence::Delete, [this] { deleteSelection(); });
  make("selectAll", tr("Select &All"), QKeySequence::SelectAll, [this] { selectAll(); });
  make("zoomIn", tr("Zoom &In"), QKeySequence::ZoomIn, [this] { view_->zoomIn(); });
  make("zoomOut", tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { view_->zoomOut(); });
  make("zoomFit", tr("Zoom to &Fit"), QKeySequence(tr("Ctrl+0")), [this] { view_->zoomToFit(); });
  make("arrange", tr("A&rrange"), QKeySequence(tr("Ctrl+Shift+L")), [this] {
    if (arrange(scene_)) view_->zoomToFit();
  })->setToolTip(tr("Lay the design out left to right along the request flow (one undo step)"));
  auto* snap = make("snap", tr("&Snap to Grid"), QKeySequence(),
                    [this](bool on) { scene_->setSnapToGrid(on); });
  snap->setCheckable(true);
  snap->setChecked(scene_->snapToGrid());
  make("newVersion", tr("&New Version from This"), QKeySequence(tr("Ctrl+Shift+N")), [this] {
    newVersion(doc_->versionIndex());
  })->setToolTip(tr("A copy of the current version, named V(n+1), made current"));
  make("renameVersion", tr("&Rename Version…"), QKeySequence(),
       [this] { renameVersion(doc_->versionIndex()); });
  make("versionNotes", tr("&Notes…"), QKeySequence(), [this] {
    editVersionNotes(doc_->versionIndex());
  })->setToolTip(tr("The trigger that justified this version and the decision taken"));
  make("moveVersionLeft", tr("Move &Left"), QKeySequence(),
       [this] { moveVersion(doc_->versionIndex(), -1); });
  make("moveVersionRight", tr("Move R&ight"), QKeySequence(),
       [this] { moveVersion(doc_->versionIndex(), +1); });
  make("deleteVersion", tr("&Delete Version…"), QKeySequence(),
       [this] { deleteVersion(doc_->versionIndex()); });
  make("compare", tr("&Compare Versions…"), QKeySequence(tr("Ctrl+Shift+C")), [this] {
    showComparison();
  })->setToolTip(tr("The versions side by side: figures, charts and what changed"));
  make("impact", tr("&Impact Heatmap…"), QKeySequence(tr("Ctrl+Shift+I")), [this] { showImpact(); })
      ->setToolTip(
          tr("What each request class gets when one component crashes, for every component"));
  make("experiments", tr("&Experiments"), QKeySequence(tr("Ctrl+Shift+X")), [this] {
    showExperiments();
  })->setToolTip(tr("Hypotheses about failures, checked against the model"));
  make("clearFaults", tr("&Clear Faults"), QKeySequence(), [this] {
    doc_->setFaults({}, tr("Clear faults"));
  })->setToolTip(tr("Back to the steady state (undoable)"));
  make("about", tr("&About ArchBench"), QKeySequence(), [this] {
    QMessageBox::about(this, tr("About ArchBench"),
                       tr("<b>ArchBench</b><p>Design software architectures and see, live, what "
                          "each request class costs in latency, where the bottleneck is and what "
                          "it costs per month.</p>"));
  });
  auto* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setObjectName("undo");
  undo->setShortcuts(QKeySequence::Undo);
  auto* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setObjectName("redo");
  // The toolbar says "Undo" and "Redo" and keeps its width (the buttons after them stayed put
  // only until the next edit); the menu and the tooltip say what would be undone.
  undo->setIconText(tr("Undo"));
  redo->setIconText(tr("Redo"));
  // Every platform spelling of Redo, and Ctrl+Shift+Z everywhere (the README promises it).
  QList<QKeySequence> redo_keys = QKeySequence::keyBindings(QKeySequence::Redo);
  if (!redo_keys.contains(QKeySequence(tr("Ctrl+Shift+Z"))))
    redo_keys.prepend(QKeySequence(tr("Ctrl+Shift+Z")));
  redo->setShortcuts(redo_keys);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(action("new"));
  file->addAction(action("open"));
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  examples_menu_ = file->addMenu(tr("Open E&xample"));
  connect(recent_menu_, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
  fillExamplesMenu();
  file->addSeparator();
  file->addAction(action("save"));
  file->addAction(action("saveAs"));
  file->addAction(action("export"));
  fileio::install(this, file);  // import and export of diagrams, the report, the costs
  file->addSeparator();
  file->addAction(action("quit"));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(action("undo"));
  edit->addAction(action("redo"));
  edit->addSeparator();
  for (const char* name : {"cut", "copy", "paste", "delete"}) edit->addAction(action(name));
  edit->addSeparator();
  edit->addAction(action("selectAll"));
  edit->addSeparator();
  edit->addAction(action("arrange"));
  edit->addMenu(alignMenu(scene_, this));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (const char* name : {"zoomIn", "zoomOut", "zoomFit"}) view->addAction(action(name));
  view->addSeparator();
  view->addAction(action("snap"));
  view->setObjectName("viewMenu");

  QMenu* versions = menuBar()->addMenu(tr("Ve&rsions"));
  versions->setObjectName("versionsMenu");
  for (const char* name : {"newVersion", "renameVersion", "versionNotes"})
    versions->addAction(action(name));
  versions->addSeparator();
  versions->addAction(action("moveVersionLeft"));
  versions->addAction(action("moveVersionRight"));
  versions->addSeparator();
  versions->addAction(action("deleteVersion"));
  versions->addSeparator();
  versions->addAction(action("compare"));

  QMenu* failure = menuBar()->addMenu(tr("F&ailure"));
  failure->setObjectName("failureMenu");
  failure->addAction(action("impact"));
  failure->addAction(action("experiments"));
  failure->addSeparator();
  failure->addAction(action("clearFaults"));

  QMenu* simulation = menuBar()->addMenu(tr("Si&mulate"));
  simulation->setObjectName("simulateMenu");
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->setObjectName("helpMenu");
  help->addAction(action("about"));

  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName("mainToolBar");
  for (const char* name : {"new", "open", "save"}) bar->addAction(action(name));
  bar->addSeparator();
  bar->addAction(action("undo"));
  bar->addAction(action("redo"));
  bar->addSeparator();
  for (const char* name : {"zoomIn", "zoomOut", "zoomFit"}) bar->addAction(action(name));
  bar->addAction(action("arrange"));
  simulate_ui::install(this, doc_, scene_, simulation, bar, presetsDir(),
                       [](QMainWindow* w, const QString& f) {
                         return static_cast<MainWindow*>(w)->openFile(f);
                       });
  versions_->addTrailingAction(action("compare"));
}
