#pragma once
// A request class's duplicate side effects and lost share from its links' loss and duplicates
// (docs/PATTERNS.md); one call's figures are archbench/delivery.h.
#include <optional>

#include "analytic/compiled.h"
#include "archbench/delivery.h"

namespace archbench {

struct ClassDelivery {
  double duplicates_per_day = 0;
  double lost_share = 0;
  bool hangs = false;
};

// Null when no link the class takes loses or duplicates anything.
std::optional<ClassDelivery> class_delivery(const CompiledVersion& cv, int k, double load);

}  // namespace archbench
