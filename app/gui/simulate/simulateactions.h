#pragma once
// The app's Simulate menu and toolbar button: Simulate… opens SimulateDialog on the version
// being edited; a finished run opens a SimulationWindow. Examples opens a preset and fills the
// dialog with a run that shows what only time shows (the image pipeline's worker outage).
#include <QString>

class CanvasScene;
class Document;
class QMainWindow;
class QMenu;
class QToolBar;
class SimulateDialog;

namespace simulate_ui {

// Adds the action "simulate" (Ctrl+Shift+M) to `menu` and `bar`, and the Examples submenu.
// `open` opens a project file the way File ▸ Open does (asking to save first); false: not opened.
void install(QMainWindow* window, Document* doc, CanvasScene* scene, QMenu* menu, QToolBar* bar,
             const QString& presetsDir, bool (*open)(QMainWindow*, const QString&));

// Opens the dialog (window-modal, deleted on close); a finished run opens its window.
SimulateDialog* openDialog(QMainWindow* window, Document* doc, CanvasScene* scene);

// The example "worker outage": in the image pipeline's V1, the workers crash for 10 minutes
// (100 s to 700 s) of a 50-minute run; the queue's backlog peaks at arrival rate × outage and
// drains in backlog / (capacity − arrival rate). Fills `dialog` (on the open document).
bool fillWorkerOutage(SimulateDialog* dialog);

}  // namespace simulate_ui
