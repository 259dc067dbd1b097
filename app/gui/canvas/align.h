#pragma once
// Align and distribute the selected cards (Edit ▸ Align): each one undo step. Cards are all of
// one size, so aligning their left edges aligns their centres and right edges too.
#include <QList>
#include <QPointF>

class CanvasScene;
class QMenu;
class QWidget;

enum class Alignment { Left, Centre, Right, Top, Middle, Bottom, Horizontally, Vertically };

// New top-left positions for cards at `positions` (in the same order): aligned on the
// selection's left, centre or right (top, middle, bottom), or spread so that the gaps between
// neighbours are equal, the outermost two staying where they are.
QList<QPointF> aligned(const QList<QPointF>& positions, Alignment how);

// Aligns the scene's selected components: one undo step named after the command. False when
// there is nothing to do (fewer than two cards, three to distribute) or the version is frozen.
bool alignSelection(CanvasScene* scene, Alignment how);

// The Edit ▸ Align submenu; its entries are enabled for the selection each time it opens.
QMenu* alignMenu(CanvasScene* scene, QWidget* parent);
