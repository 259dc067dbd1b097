#include "canvas/align.h"

#include <QAction>
#include <QMenu>
#include <algorithm>
#include <numeric>
#include <vector>

#include "canvas/canvasscene.h"
#include "canvas/nodeitem.h"

namespace {

bool distributes(Alignment how) {
  return how == Alignment::Horizontally || how == Alignment::Vertically;
}

QString commandText(Alignment how) {
  switch (how) {
    case Alignment::Left: return QObject::tr("Align left");
    case Alignment::Centre: return QObject::tr("Align centres");
    case Alignment::Right: return QObject::tr("Align right");
    case Alignment::Top: return QObject::tr("Align top");
    case Alignment::Middle: return QObject::tr("Align middles");
    case Alignment::Bottom: return QObject::tr("Align bottom");
    case Alignment::Horizontally: return QObject::tr("Distribute horizontally");
    case Alignment::Vertically: return QObject::tr("Distribute vertically");
  }
  return {};
}

}  // namespace

QList<QPointF> aligned(const QList<QPointF>& positions, Alignment how) {
  QList<QPointF> out = positions;
  if (positions.size() < 2) return out;
  double minX = positions[0].x(), maxX = minX, minY = positions[0].y(), maxY = minY;
  for (const QPointF& p : positions) {
    minX = std::min(minX, p.x());
    maxX = std::max(maxX, p.x());
    minY = std::min(minY, p.y());
    maxY = std::max(maxY, p.y());
  }
  const bool horizontal = how == Alignment::Horizontally;
  switch (how) {
    case Alignment::Left: for (QPointF& p : out) p.setX(minX); break;
    case Alignment::Centre: for (QPointF& p : out) p.setX((minX + maxX) / 2); break;
    case Alignment::Right: for (QPointF& p : out) p.setX(maxX); break;
    case Alignment::Top: for (QPointF& p : out) p.setY(minY); break;
    case Alignment::Middle: for (QPointF& p : out) p.setY((minY + maxY) / 2); break;
    case Alignment::Bottom: for (QPointF& p : out) p.setY(maxY); break;
    case Alignment::Horizontally:
    case Alignment::Vertically: {
      // Equal cards: equal steps between their corners give equal gaps between them.
      std::vector<int> order(static_cast<std::size_t>(positions.size()));
      std::iota(order.begin(), order.end(), 0);
      auto along = [&](int i) { return horizontal ? positions[i].x() : positions[i].y(); };
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return along(a) < along(b); });
      const double first = along(order.front()), last = along(order.back());
      const double step = (last - first) / static_cast<double>(order.size() - 1);
      for (std::size_t k = 0; k < order.size(); ++k) {
        const double v = first + step * static_cast<double>(k);
        if (horizontal) out[order[k]].setX(v);
        else out[order[k]].setY(v);
      }
      break;
    }
  }
  return out;
}

bool alignSelection(CanvasScene* scene, Alignment how) {
  const QStringList ids = scene->selectedComponentIds();
  if (ids.size() < (distributes(how) ? 3 : 2)) return false;
  QList<QPointF> from;
  for (const QString& id : ids) from << scene->node(id)->pos();
  return scene->document()->placeComponents(ids, from, aligned(from, how), commandText(how));
}

QMenu* alignMenu(CanvasScene* scene, QWidget* parent) {
  auto* menu = new QMenu(QObject::tr("A&lign"), parent);
  menu->setObjectName("alignMenu");
  struct Entry {
    const char* name;
    QString text;
    Alignment how;
  };
  const Entry entries[] = {
      {"alignLeft", QObject::tr("Align &Left"), Alignment::Left},
      {"alignCentre", QObject::tr("Align &Centres"), Alignment::Centre},
      {"alignRight", QObject::tr("Align &Right"), Alignment::Right},
      {"alignTop", QObject::tr("Align &Top"), Alignment::Top},
      {"alignMiddle", QObject::tr("Align &Middles"), Alignment::Middle},
      {"alignBottom", QObject::tr("Align &Bottom"), Alignment::Bottom},
      {"distributeHorizontally", QObject::tr("Distribute &Horizontally"), Alignment::Horizontally},
      {"distributeVertically", QObject::tr("Distribute &Vertically"), Alignment::Vertically}};
  for (const Entry& e : entries) {
    if (e.how == Alignment::Top || e.how == Alignment::Horizontally) menu->addSeparator();
    QAction* a = menu->addAction(e.text);
    a->setObjectName(QString::fromLatin1(e.name));
    a->setToolTip(distributes(e.how) ? QObject::tr("Equal gaps between three or more selected "
                                                   "components (one undo step)")
                                     : QObject::tr("Two or more selected components (one undo "
                                                   "step)"));
    const Alignment how = e.how;
    QObject::connect(a, &QAction::triggered, scene, [scene, how] { alignSelection(scene, how); });
  }
  // Enabled for what is selected when the menu opens.
  QObject::connect(menu, &QMenu::aboutToShow, menu, [menu, scene] {
    const auto n = scene->selectedComponentIds().size();
    for (QAction* a : menu->actions()) {
      if (a->isSeparator()) continue;
      a->setEnabled(n >= (a->objectName().startsWith("distribute") ? 3 : 2));
    }
  });
  return menu;
}
