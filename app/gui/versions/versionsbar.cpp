#include "versions/versionsbar.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QMenu>
#include <QMouseEvent>
#include <QTabBar>
#include <QToolButton>
#include <algorithm>

namespace {
QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// A tab's text treats "&" as a mnemonic; a version name shows as typed.
QString tab_label(const std::string& name) {
  return q(name).replace('&', QStringLiteral("&&"));
}

// Rich text, so a long note wraps in the tooltip instead of running off the screen.
QString notes_tooltip(const archbench::Version& v) {
  if (v.notes.empty())
    return VersionsBar::tr("%1: no notes yet (right-click → Edit Notes…)").arg(q(v.name));
  return QStringLiteral("<p><b>%1</b></p><p style=\"white-space:pre-wrap\">%2</p>")
      .arg(q(v.name).toHtmlEscaped(), q(v.notes).toHtmlEscaped());
}
}  // namespace

VersionsBar::VersionsBar(Document* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  tabs_ = new QTabBar(this);
  tabs_->setObjectName("versionTabs");
  tabs_->setMovable(true);
  tabs_->setExpanding(false);
  tabs_->setDocumentMode(true);
  tabs_->setDrawBase(false);
  tabs_->setUsesScrollButtons(true);
  tabs_->setElideMode(Qt::ElideNone);
  tabs_->setContextMenuPolicy(Qt::CustomContextMenu);
  tabs_->installEventFilter(this);

  add_ = new QToolButton(this);
  add_->setObjectName("newVersionButton");
  add_->setText(QStringLiteral("+"));
  add_->setAutoRaise(true);
  add_->setToolTip(tr("New version from this one: a copy of the current version, made current"));

  layout_ = new QHBoxLayout(this);
  layout_->setContentsMargins(4, 2, 4, 0);
  layout_->setSpacing(2);
  layout_->addWidget(tabs_);
  layout_->addWidget(add_);
  layout_->addStretch(1);

  connect(tabs_, &QTabBar::currentChanged, this, [this](int index) {
    if (!syncing_ && drag_order_.empty() && index >= 0) doc_->setVersionIndex(index);
  });
  // While a tab is dragged, the tab bar slides its neighbours past it one by one.
  connect(tabs_, &QTabBar::tabMoved, this, [this](int from, int to) {
    if (syncing_) return;
    if (drag_order_.empty()) {
      drag_order_.resize(tabs_->count());
      for (int i = 0; i < tabs_->count(); ++i) drag_order_[i] = i;
    }
    const int moved = drag_order_[from];
    drag_order_.erase(drag_order_.begin() + from);
    drag_order_.insert(drag_order_.begin() + to, moved);
  });
  connect(tabs_, &QTabBar::tabBarDoubleClicked, this, [this](int index) {
    if (index >= 0) emit renameRequested(index);
  });
  connect(tabs_, &QTabBar::customContextMenuRequested, this, [this](const QPoint& pos) {
    const int index = tabs_->tabAt(pos);
    if (index < 0) return;
    QMenu* menu = menuFor(index);
    menu->exec(tabs_->mapToGlobal(pos));
    menu->deleteLater();
  });
  connect(add_, &QToolButton::clicked, this,
          [this] { doc_->duplicateVersion(doc_->versionIndex()); });
  connect(doc_, &Document::versionsChanged, this, &VersionsBar::refresh);
  connect(doc_, &Document::versionChanged, this, &VersionsBar::refresh);
  refresh();
}

void VersionsBar::addTrailingAction(QAction* action) {
  auto* button = new QToolButton(this);
  button->setDefaultAction(action);
  button->setAutoRaise(true);
  button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  layout_->addWidget(button);
}

QMenu* VersionsBar::menuFor(int index) {
  auto* menu = new QMenu(this);
  menu->setObjectName("versionMenu");
  const int n = doc_->versionCount();
  const QString name = tab_label(doc_->project().versions.at(index).name);
  menu->addAction(tr("New Version from %1").arg(name), this,
                  [this, index] { doc_->duplicateVersion(index); })
      ->setObjectName("newVersion");
  menu->addAction(tr("Rename…"), this, [this, index] { emit renameRequested(index); })
      ->setObjectName("renameVersion");
  menu->addAction(tr("Edit Notes…"), this, [this, index] { emit notesRequested(index); })
      ->setObjectName("versionNotes");
  menu->addSeparator();
  QAction* left = menu->addAction(tr("Move Left"), this,
                                  [this, index] { doc_->moveVersion(index, index - 1); });
  left->setObjectName("moveVersionLeft");
  left->setEnabled(index > 0);
  QAction* right = menu->addAction(tr("Move Right"), this,
                                   [this, index] { doc_->moveVersion(index, index + 1); });
  right->setObjectName("moveVersionRight");
  right->setEnabled(index < n - 1);
  menu->addSeparator();
  // Enabled even for the only version: the window then says why it cannot go.
  menu->addAction(tr("Delete…"), this, [this, index] { emit deleteRequested(index); })
      ->setObjectName("deleteVersion");
  return menu;
}

bool VersionsBar::eventFilter(QObject* watched, QEvent* event) {
  if (watched == tabs_ && event->type() == QEvent::MouseButtonRelease &&
      static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton)
    finishDrag();
  return QWidget::eventFilter(watched, event);
}

void VersionsBar::finishDrag() {
  if (drag_order_.empty()) return;
  std::vector<int> order;
  order.swap(drag_order_);
  // One tab was dragged: the tabs between its old and its new place shifted by one. Dragged
  // left, the first changed place holds it; dragged right, the last one does.
  int first = 0, last = static_cast<int>(order.size()) - 1;
  while (first <= last && order[first] == first) ++first;
  while (last >= first && order[last] == last) --last;
  bool moved = false;
  if (first < last) {
    moved = order[first] == last ? doc_->moveVersion(last, first)   // dragged left
                                 : doc_->moveVersion(first, last);  // dragged right
  }
  // Dragged back to where it started (or refused): the tabs show the document's order again.
  // Otherwise they already show the new order, and the document followed in one undo step.
  if (!moved) refresh();
}

void VersionsBar::refresh() {
  // Anything else changing the list in the middle of a drag wins over the drag.
  drag_order_.clear();
  syncing_ = true;
  const auto& versions = doc_->project().versions;
  const int n = static_cast<int>(versions.size());
  while (tabs_->count() > n) tabs_->removeTab(tabs_->count() - 1);
  while (tabs_->count() < n) tabs_->addTab(QString());
  for (int i = 0; i < n; ++i) {
    const QString label = tab_label(versions[i].name);
    if (tabs_->tabText(i) != label) tabs_->setTabText(i, label);
    tabs_->setTabToolTip(i, notes_tooltip(versions[i]));
  }
  tabs_->setCurrentIndex(doc_->versionIndex());
  syncing_ = false;
}
