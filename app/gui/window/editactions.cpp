// The main window's Edit and File ▸ Export actions. Cut, Copy, Paste, Delete and Select All act
// where the keyboard focus is: on the canvas when it (or nothing in this window) has the focus,
// otherwise in the focused table or field, as its own keys would.
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QGraphicsItem>
#include <QImage>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QStatusBar>
#include <QSvgGenerator>

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "window/mainwindow.h"

namespace {

// Renders the scene's `source` rectangle into `target` with every item drawn afresh: a cached
// item would be painted as a bitmap, and an SVG must hold the cards' shapes and text.
void render_uncached(QGraphicsScene* scene, QPainter* painter, const QRectF& target,
                     const QRectF& source) {
  QList<std::pair<QGraphicsItem*, QGraphicsItem::CacheMode>> cached;
  for (QGraphicsItem* item : scene->items()) {
    if (item->cacheMode() == QGraphicsItem::NoCache) continue;
    cached.append({item, item->cacheMode()});
    item->setCacheMode(QGraphicsItem::NoCache);
  }
  scene->render(painter, target, source);
  for (const auto& [item, mode] : cached) item->setCacheMode(mode);
}

}  // namespace

void MainWindow::exportDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export canvas"), QString(),
                                                    tr("PNG image (*.png);;SVG drawing (*.svg)"));
  if (!path.isEmpty() && !exportImage(path)) showError(tr("Could not write %1").arg(path));
}

bool MainWindow::exportImage(const QString& path) {
  const QRectF source = scene_->contentRect().adjusted(-20, -20, 20, 20);
  scene_->clearSelection();
  if (path.endsWith(".svg", Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(QString::fromStdString(doc_->project().name));
    QPainter p;
    if (!p.begin(&svg)) return false;
    render_uncached(scene_, &p, QRectF(QPointF(0, 0), source.size()), source);
    return p.end();
  }
  QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32);
  image.fill(palette().color(QPalette::Base));
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  render_uncached(scene_, &p, QRectF(image.rect()), source);
  p.end();
  return image.save(path);
}

bool MainWindow::saveScreenshot(const QString& path) {
  return grab().save(path);
}

namespace {
// Whether `w` is part of `window`, floating docks included (isAncestorOf stops at a window).
bool inside(const QWidget* w, const QWidget* window) {
  for (; w; w = w->parentWidget()) {
    if (w == window) return true;
  }
  return false;
}
}  // namespace

bool MainWindow::canvasHasFocus() const {
  const QWidget* focus = QApplication::focusWidget();
  if (!focus || !inside(focus, this)) return true;
  return inside(focus, view_);
}

bool MainWindow::forwardToFocus(QKeySequence::StandardKey key) {
  if (canvasHasFocus()) return false;
  // The key as the focused widget would have received it: a table selects its rows, a field its
  // text. Straight to its event(): through QApplication::notify a key press would be matched
  // against the shortcuts again, and come back here.
  const QList<QKeySequence> keys = QKeySequence::keyBindings(key);
  if (keys.isEmpty()) return true;
  const QKeyCombination combo = keys.front()[0];
  QKeyEvent press(QEvent::KeyPress, combo.key(), combo.keyboardModifiers());
  QKeyEvent release(QEvent::KeyRelease, combo.key(), combo.keyboardModifiers());
  QObject* focus = QApplication::focusWidget();  // QObject::event() is public
  focus->event(&press);
  focus->event(&release);
  return true;
}

void MainWindow::cut() {
  if (forwardToFocus(QKeySequence::Cut)) return;
  copy();
  deleteSelection();
}

void MainWindow::copy() {
  if (forwardToFocus(QKeySequence::Copy)) return;
  const QString text = doc_->copy(scene_->selectedComponentIds());
  if (text.isEmpty()) return;
  auto* mime = new QMimeData;
  mime->setData("application/x-archbench-fragment", text.toUtf8());
  mime->setText(text);
  QApplication::clipboard()->setMimeData(mime);
}

void MainWindow::paste() {
  if (forwardToFocus(QKeySequence::Paste)) return;
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (!mime) return;
  const QString text = mime->hasFormat("application/x-archbench-fragment")
                           ? QString::fromUtf8(mime->data("application/x-archbench-fragment"))
                           : mime->text();
  // Two grid steps down and right of the original, further for each copy already there.
  const QStringList ids = doc_->paste(text, QPointF(2 * CanvasScene::kGrid, 2 * CanvasScene::kGrid));
  if (ids.isEmpty()) {
    statusBar()->showMessage(tr("Nothing to paste: the clipboard holds no valid components."),
                             4000);
    return;
  }
  scene_->selectComponents(ids);
}

void MainWindow::deleteSelection() {
  if (forwardToFocus(QKeySequence::Delete)) return;
  doc_->removeItems(scene_->selectedComponentIds(), scene_->selectedLinks());
}

void MainWindow::selectAll() {
  if (forwardToFocus(QKeySequence::SelectAll)) return;
  QStringList ids;
  for (const auto& c : doc_->version().components) ids << QString::fromStdString(c.id);
  scene_->selectComponents(ids);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
  // A line edit takes Ctrl+Z for its own typing. Once what it holds is committed (not modified
  // since) there is nothing of its own to undo, and the user means the document: let the
  // window's Undo and Redo have the keys. Number fields do the same themselves (NumberField).
  if (event->type() == QEvent::ShortcutOverride) {
    auto* edit = qobject_cast<QLineEdit*>(watched);
    if (edit && !edit->isModified() && inside(edit, this)) {
      auto* key = static_cast<QKeyEvent*>(event);
      const bool redo = key->matches(QKeySequence::Redo) ||
                        QKeySequence(key->keyCombination()) ==
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
      if (key->matches(QKeySequence::Undo) || redo) {
        event->ignore();
        return true;
      }
    }
  }
  return QMainWindow::eventFilter(watched, event);
}
