// Validation of faults and experiments (owned by the format work; see faults.h).
#include "archbench/faults.h"

namespace archbench {

std::vector<Diagnostic> validate_faults(const Version&, const std::vector<Fault>&, const std::string&) {
  return {};
}

}  // namespace archbench
