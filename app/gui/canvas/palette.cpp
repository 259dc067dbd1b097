#include "canvas/palette.h"

#include <QDrag>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <functional>

#include "window/style.h"

namespace {

constexpr int kKindRole = Qt::UserRole;
constexpr int kDescriptionRole = Qt::UserRole + 1;
constexpr int kIconSize = 28;

// The order a design is usually drawn in: from the client inwards, stores last.
constexpr std::array<const char*, 13> kOrder = {
    "users",         "cdn",      "load_balancer",     "api_gateway", "app_server",
    "worker_pool",   "function", "cache",             "message_queue", "connection_pooler",
    "database",      "object_storage", "external_api"};

int rank_of(const std::string& kind) {
  const auto it = std::find(kOrder.begin(), kOrder.end(), kind);
  return static_cast<int>(it - kOrder.begin());  // unknown kinds rank after every known one
}

QString behaviour_text(archbench::Behaviour b) {
  using archbench::Behaviour;
  switch (b) {
    case Behaviour::Client:
      return Palette::tr("client: requests of a class enter here");
    case Behaviour::Split:
      return Palette::tr("split: serves, then sends each request to one downstream link");
    case Behaviour::Service:
      return Palette::tr("service: serves, then makes its calls on every downstream link");
    case Behaviour::Cache:
      return Palette::tr("cache: a hit returns at once, a miss calls downstream");
    case Behaviour::Queue:
      return Palette::tr("queue: acknowledges at once, delivers later to one consumer");
    case Behaviour::Store:
      return Palette::tr("store: serves and makes no further calls");
  }
  return {};
}

// The list drags a kind name, not list items: the canvas only needs to know what to create.
class KindList : public QListWidget {
 public:
  explicit KindList(QWidget* parent) : QListWidget(parent) {
    setViewportMargins(0, 6, 0, 0);  // the first row's icons off the frame
  }
  std::function<void(const QString&)> on_activate;

 protected:
  QStringList mimeTypes() const override { return {QString::fromLatin1(Palette::kKindMime)}; }

  QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override {
    if (items.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(Palette::kKindMime),
                  items.first()->data(kKindRole).toString().toUtf8());
    return mime;
  }

  void startDrag(Qt::DropActions) override {
    QListWidgetItem* item = currentItem();
    if (!item || item->isHidden()) return;
    auto* drag = new QDrag(this);
    drag->setMimeData(mimeData({item}));
    drag->setPixmap(item->icon().pixmap(QSize(kIconSize, kIconSize), devicePixelRatioF()));
    drag->setHotSpot(QPoint(kIconSize / 2, kIconSize / 2));
    drag->exec(Qt::CopyAction, Qt::CopyAction);
  }

  void keyPressEvent(QKeyEvent* event) override {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem() &&
        !currentItem()->isHidden()) {
      if (on_activate) on_activate(currentItem()->data(kKindRole).toString());
      return;
    }
    QListWidget::keyPressEvent(event);
  }
};

}  // namespace

Palette::Palette(const archbench::Catalog& catalog, QWidget* parent) : QWidget(parent) {
  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter components…"));
  filter_->setClearButtonEnabled(true);

  auto* list = new KindList(this);
  list_ = list;
  list->on_activate = [this](const QString& kind) { emit kindActivated(kind); };
  list_->setViewMode(QListView::IconMode);
  list_->setIconSize(QSize(kIconSize, kIconSize));
  list_->setGridSize(QSize(80, 64));  // two columns in a 190 px dock; two-line labels; all 13 kinds in 450 px
  list_->setMovement(QListView::Static);
  list_->setResizeMode(QListView::Adjust);
  list_->setWrapping(true);
  list_->setWordWrap(true);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setDragEnabled(true);
  list_->setDragDropMode(QAbstractItemView::DragOnly);
  list_->setDefaultDropAction(Qt::CopyAction);

  std::vector<const archbench::KindDecl*> kinds;
  for (const auto& [name, decl] : catalog.kinds()) kinds.push_back(&decl);
  std::stable_sort(kinds.begin(), kinds.end(), [](const auto* a, const auto* b) {
    const int ra = rank_of(a->kind), rb = rank_of(b->kind);
    return ra != rb ? ra < rb : a->kind < b->kind;  // the map is already alphabetical
  });
  for (const auto* k : kinds) {
    const QString kind = QString::fromStdString(k->kind);
    auto* item = new QListWidgetItem(style::kind_icon(kind), QString::fromStdString(k->label));
    item->setData(kKindRole, kind);
    item->setData(kDescriptionRole, QString::fromStdString(k->description));
    item->setToolTip(QStringLiteral("<b>%1</b><p>%2</p><p><i>%3</i></p>")
                         .arg(QString::fromStdString(k->label).toHtmlEscaped(),
                              QString::fromStdString(k->description).toHtmlEscaped(),
                              behaviour_text(k->behaviour).toHtmlEscaped()));
    item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    list_->addItem(item);
  }

  connect(filter_, &QLineEdit::textChanged, this, &Palette::applyFilter);
  connect(filter_, &QLineEdit::returnPressed, this, [this] {
    for (int i = 0; i < list_->count(); ++i) {
      if (!list_->item(i)->isHidden()) {
        emit kindActivated(list_->item(i)->data(kKindRole).toString());
        return;
      }
    }
  });
  connect(list_, &QListWidget::itemDoubleClicked, this,
          [this](QListWidgetItem* item) { emit kindActivated(item->data(kKindRole).toString()); });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  layout->addWidget(filter_);
  layout->addWidget(list_, 1);
}

void Palette::applyFilter(const QString& text) {
  const QString needle = text.trimmed();
  QListWidgetItem* first_visible = nullptr;
  for (int i = 0; i < list_->count(); ++i) {
    QListWidgetItem* item = list_->item(i);
    const QString kind = item->data(kKindRole).toString();
    // The description names products, so "redis" or "postgres" finds the kind.
    const bool match =
        needle.isEmpty() || item->text().contains(needle, Qt::CaseInsensitive) ||
        kind.contains(needle, Qt::CaseInsensitive) ||
        item->data(kDescriptionRole).toString().contains(needle, Qt::CaseInsensitive);
    item->setHidden(!match);
    if (match && !first_visible) first_visible = item;
  }
  QListWidgetItem* current = list_->currentItem();
  if (!current || current->isHidden()) list_->setCurrentItem(first_visible);
}
