#include "window/closekeys.h"

#include <QAction>
#include <QKeySequence>
#include <QMainWindow>
#include <QPushButton>

namespace window_keys {

QPushButton* addClose(QMainWindow* window) {
  auto* close = new QAction(QObject::tr("Close"), window);
  close->setObjectName("closeWindow");
  QList<QKeySequence> keys = QKeySequence::keyBindings(QKeySequence::Close);
  for (const QKeySequence& k : {QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::Key_Escape)})
    if (!keys.contains(k)) keys << k;
  close->setShortcuts(keys);
  close->setShortcutContext(Qt::WindowShortcut);
  QObject::connect(close, &QAction::triggered, window, &QWidget::close);
  window->addAction(close);
  auto* button = new QPushButton(QObject::tr("Close"), window);
  button->setObjectName("closeButton");
  button->setToolTip(QObject::tr("Close this window (Esc, Ctrl+W)"));
  QObject::connect(button, &QPushButton::clicked, window, &QWidget::close);
  return button;
}

}  // namespace window_keys
