#pragma once
// The what-if faults a user puts on a component or a link from the canvas's context menu, and
// the badge a faulted component shows. Each action changes the document's faults in one undo
// step; choosing the fault a component already has restores it.
#include <QString>
#include <string>
#include <vector>

#include "document/document.h"

class QMenu;

namespace fault_menu {

// Action object names: "fault_crash", "fault_hang", "fault_slow3", "fault_slow10",
// "fault_slow_plus200", "fault_lose1", "fault_flush", "fault_partition", "fault_restore",
// "fault_cut", "fault_restore_link", "fault_clear".

// The component's faults; Lose only when it has a spare instance (or replica), Flush for caches,
// Partition for databases with replicas; then Restore (when faulted) and Clear all faults.
void addComponentActions(QMenu* menu, Document* doc, const QString& id);
// Cut link, or Restore link when it is cut; then Clear all faults.
void addLinkActions(QMenu* menu, Document* doc, const LinkKey& key);
// Clear all faults, when there are any.
void addClearAction(QMenu* menu, Document* doc);

// The component's own faults (not a cut of one of its links) as a badge: "CRASHED", "HUNG",
// "×3 slower", "+200 ms", "−1 instance" ("−1 replica" for a database), "flushed",
// "partitioned"; empty when it has none.
QString badge(const std::vector<archbench::Fault>& faults, const std::string& id, bool replicas);
// True when one of the faults cuts the link.
bool isCut(const std::vector<archbench::Fault>& faults, const LinkKey& key);

}  // namespace fault_menu
