#pragma once
// Faults written as text: the values of archbench-cli's fault options (--slow db=3x) and the
// app's --fault TYPE:VALUE (slow:db=3x) read the same way. Syntax only: whether the names exist
// is validate_faults's to say, except that a cut written "A-B" is split against a version.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archbench/model.h"

namespace archbench {

struct ParsedFault {
  std::optional<Fault> fault;  // empty when the value does not parse
  std::string expected;        // then: what the value should look like
  std::string cut;             // a cut written "A-B", to split with cut_candidates before use
};

// The value of a fault of `type`:
//   crash, hang  ID                     lose       ID or ID=N (whole, ≥ 1)
//   slow         ID=3, ID=3x, ID=×3, ID=+200ms, ID=+0.2s, ID+20 (ms)
//   flush        ID or ID=R (0–1)       partition  ID or ID=F (strictly between 0 and 1)
//   cut          A->B, A→B or A-B       zone       NAME      spike  3 or 3x
ParsedFault parse_fault_value(FaultType type, const std::string& value);

// The links "A-B" can name in `version`: each split at a hyphen into two components joined by a
// link, either way, as (from, to) in the link's direction. One candidate is an answer; none or
// several are not.
std::vector<std::pair<std::string, std::string>> cut_candidates(const Version& version,
                                                                const std::string& text);

// A whole string as a finite number (no trailing characters), or nothing.
std::optional<double> parse_number_text(const std::string& s);

}  // namespace archbench
