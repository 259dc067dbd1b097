#pragma once
// The app's Simulate menu and toolbar button: Simulate… opens SimulateDialog on the version
// being edited; a finished run opens a SimulationWindow. Examples opens a preset and fills the
// dialog with a run it stores, one that shows what only time shows.
#include <QString>

class CanvasScene;
class Document;
class QMainWindow;
class QMenu;
class QToolBar;
class SimulateDialog;
namespace archbench {
struct Version;
}

namespace simulate_ui {

// Adds the action "simulate" (Ctrl+Shift+M) to `menu` and `bar`, and the Examples submenu.
// `open` opens a project file the way File ▸ Open does (asking to save first); false: not opened.
void install(QMainWindow* window, Document* doc, CanvasScene* scene, QMenu* menu, QToolBar* bar,
             const QString& presetsDir, bool (*open)(QMainWindow*, const QString&));

// Opens the dialog (window-modal, deleted on close); a finished run opens its window.
SimulateDialog* openDialog(QMainWindow* window, Document* doc, CanvasScene* scene);

// Fills `dialog` with the simulation `name` that `version` stores (format 5); false when it
// stores none of that name or a fault has nothing to strike. Examples lists every one the
// presets store (the image pipeline's worker outage, the retries and the restart stampede).
bool loadStored(SimulateDialog* dialog, const archbench::Version& version, const QString& name);

}  // namespace simulate_ui
