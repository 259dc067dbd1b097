#pragma once
// The scale check of a design: how many times one request of a class visits each component.
#include <string>
#include <vector>

#include "archbench/error.h"
#include "archbench/model.h"

namespace archbench {
class Catalog;
namespace detail {

// Most expected visits of one component per request of a class. Calls multiply along a chain
// (10,000 calls per link over 76 components is 1e300 visits), and past this bound arrival
// rates, utilizations and costs overflow; no real design comes near it.
constexpr double kMaxVisitsPerRequest = 1e9;

// Each class whose requests would visit a component more than kMaxVisitsPerRequest times, at
// the link that brings the most of them, naming the chain. Expects an acyclic version whose
// links name real components (validate_version runs it last).
std::vector<Diagnostic> check_visits(const Version& v, const Catalog& catalog,
                                     const std::string& prefix);

}  // namespace detail
}  // namespace archbench
