#pragma once
// The strip of versions above the canvas: one tab per version (its notes as tooltip). A click
// switches the version being edited, a drag reorders (one undo step per drag), "+" makes a new
// version from the current one; a double-click and the context menu ask for the rest. Edits
// that need a dialog are requested from the window (signals); the others go to the document.
#include <QWidget>
#include <vector>

#include "document/document.h"

class QAction;
class QHBoxLayout;
class QMenu;
class QTabBar;
class QToolButton;

class VersionsBar : public QWidget {
  Q_OBJECT

 public:
  explicit VersionsBar(Document* doc, QWidget* parent = nullptr);
  QTabBar* tabs() const { return tabs_; }
  QToolButton* newButton() const { return add_; }
  void addTrailingAction(QAction* action);  // a button at the right end (e.g. Compare…)
  // The context menu of one tab, as shown on a right click (for tests and keyboard users).
  QMenu* menuFor(int index);

 signals:
  void renameRequested(int index);
  void deleteRequested(int index);
  void notesRequested(int index);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();     // the tabs show the document's versions, in place
  void finishDrag();  // a dragged tab was dropped: one move in the document

  Document* doc_;
  QTabBar* tabs_;
  QToolButton* add_;
  QHBoxLayout* layout_;
  bool syncing_ = false;
  // A tab drag in progress: the tab bar reorders its tabs as the mouse passes them; the
  // document moves the version once, on release. drag_order_[tab] = the version's index.
  std::vector<int> drag_order_;
};
