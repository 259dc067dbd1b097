#pragma once
// Where each request class can go: the route checks of a version, each tied to the class and the
// component it concerns (validation prints them; the partial evaluation places them on the design).
#include <cstddef>
#include <string>
#include <vector>

#include "archbench/model.h"

namespace archbench {
class Catalog;
namespace detail {

struct RouteProblem {
  enum class Kind {
    SplitNoLink,   // a split or queue the class reaches has no link that carries it
    CacheNoOrigin, // the class's misses at a cache have nowhere to go
    AsyncNoQueue,  // an asynchronous class never reaches a queue to acknowledge it
    Unrouted,      // the class goes no further than its client (not a validation error)
  };
  Kind kind = Kind::SplitNoLink;
  std::size_t request_class = 0;  // index in the workload
  std::size_t component = 0;      // index in the components (the entry for AsyncNoQueue)
  std::string place;              // JSON pointer below the prefix
  std::string message;
};

// Every route problem of every class whose entry is a component. Links that name no component
// are skipped and cycles are walked once, so it runs on any version.
std::vector<RouteProblem> check_routes(const Version& v, const Catalog& catalog,
                                       const std::string& prefix);

}  // namespace detail
}  // namespace archbench
