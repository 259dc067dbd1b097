#include "model/format_patterns.h"

#include <array>
#include <string_view>

namespace archbench::detail {

namespace {

// Parameters a catalog kind may declare that format 3 did not know.
constexpr std::array<std::string_view, 3> kFormat4Params = {"rate_limit_per_s", "max_connections",
                                                            "pool_size"};
// Kinds format 3 did not have.
constexpr std::array<std::string_view, 1> kFormat4Kinds = {"connection_pooler"};

// Parameters format 4 did not know.
constexpr std::array<std::string_view, 4> kFormat5Params = {"shards", "hot_shard_share",
                                                            "parallel_calls", "replay_events"};

}  // namespace

bool is_format5_param(const std::string& name) {
  for (std::string_view p : kFormat5Params)
    if (p == name) return true;
  return false;
}

bool uses_format5(const Version& v) {
  for (const auto& r : v.workload)
    if (r.cross_shard != 0) return true;
  for (const auto& c : v.components)
    for (const auto& [name, value] : c.params)
      if (is_format5_param(name)) return true;
  return false;
}

bool is_format4_param(const std::string& name) {
  for (std::string_view p : kFormat4Params)
    if (p == name) return true;
  return false;
}

bool is_format4_kind(const std::string& kind) {
  for (std::string_view k : kFormat4Kinds)
    if (k == kind) return true;
  return false;
}

bool uses_format4(const Version& v) {
  for (const auto& l : v.links)
    if (l.loss != 0 || l.duplicate != 0 || l.idempotent) return true;
  for (const auto& r : v.workload)
    if (r.idempotent) return true;
  for (const auto& c : v.components) {
    if (is_format4_kind(c.kind)) return true;
    for (const auto& [name, value] : c.params)
      if (is_format4_param(name)) return true;
  }
  return false;
}

}  // namespace archbench::detail
