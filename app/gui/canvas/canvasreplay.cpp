// CanvasLooks for a moment of a simulation (CanvasReplay): the cards take the simulated
// utilization, visits waiting and instances down at that time; the links their calls per
// second. Figures are formatted by the engine's functions, as the steady looks are.
#include <QCoreApplication>
#include <QStringList>

#include "archbench/format.h"
#include "canvas/canvaslooks.h"

namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("CanvasLooks", text);
}

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

void CanvasLooks::replayLook(const archbench::Component& c, NodeItem::Look& look,
                             QStringList& tip) const {
  look.fault.clear();
  look.down = false;
  look.impact = NodeItem::Look::Impact::None;
  const QString at = q(archbench::format_duration(replay_->time_s));
  const auto it = replay_->nodes.find(c.id);
  if (look.client || it == replay_->nodes.end()) {
    tip << tr("<b>Simulation at %1</b>").arg(at);
    return;
  }
  const CanvasReplay::Node& n = it->second;
  look.saturated = false;
  look.utilization = n.utilization;
  QStringList parts{q(archbench::format_percent(n.utilization))};
  // On the card only a queue worth a look (half a visit waiting on average); the tooltip has it
  // always.
  if (n.queue >= 0.5) parts << tr("%1 waiting").arg(q(archbench::format_significant(n.queue, 2)));
  // Every instance down leaves nothing busy; some down leaves the others working.
  if (n.down > 0 && n.utilization == 0) {
    look.down = true;
    look.utilization.reset();
    look.fault = tr("DOWN");
    // The DOWN tag says it; the figure keeps the visits waiting for it, if any.
    parts = parts.size() > 1 ? parts.mid(1) : QStringList{tr("down")};
  } else if (n.down > 0) {
    look.fault = tr("−%1 down").arg(n.down);
  }
  look.figure = parts.join(QStringLiteral(" · "));
  QStringList what{tr("utilization %1").arg(q(archbench::format_percent(n.utilization))),
                   tr("%1 visits waiting").arg(q(archbench::format_significant(n.queue, 3)))};
  if (n.down > 0) what << tr("%1 instances down").arg(n.down);
  tip << tr("<b>Simulation at %1:</b> %2").arg(at, what.join(QStringLiteral(", ")));
}

void CanvasLooks::replayLink(const LinkKey& key, LinkLook& look) const {
  const auto it = replay_->link_rate.find({key.from.toStdString(), key.to.toStdString()});
  if (it == replay_->link_rate.end()) return;
  look.label = q(archbench::format_rate(it->second));
  look.note = tr("Simulation at %1: %2 attempts")
                  .arg(q(archbench::format_duration(replay_->time_s)), look.label);
}
