#include "model/validate_shards.h"

#include <cmath>

#include "model/json_util.h"
#include "model/params.h"

namespace archbench::detail {

std::vector<Diagnostic> check_sharding(const Version& v, const Catalog& catalog,
                                       const std::string& prefix) {
  std::vector<Diagnostic> out;
  for (std::size_t i = 0; i < v.workload.size(); ++i) {
    const double x = v.workload[i].cross_shard;
    if (!(x >= 0 && x <= 1))
      out.push_back({pointer_join(pointer_join(pointer_join(prefix, "workload"), i), "cross_shard"),
                     "the cross-shard share is " + number_text(x) +
                         "; it must lie between 0 and 1 (the share of the class's visits to a "
                         "sharded component that go to every shard)"});
  }
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    const Component& c = v.components[i];
    const KindDecl* k = catalog.find(c.kind);
    auto it = c.params.find("hot_shard_share");
    if (!k || !k->param("shards") || it == c.params.end() || !k->param("hot_shard_share")) continue;
    const double shards = param_number(c, *k, "shards", "", 1);
    const double h = param_number(c, *k, "hot_shard_share", "", 0);
    if (shards < 1 || std::floor(shards) != shards || !(h >= 0 && h <= 1)) continue;  // range()
    // 0 means "even"; any other share below 1/shards would leave the others hotter than the hottest.
    if (h > 0 && h < 1 / shards - 1e-12) {
      const std::string at = pointer_join(
          pointer_join(pointer_join(pointer_join(prefix, "components"), i), "params"),
          "hot_shard_share");
      out.push_back({at, "the hot shard's share " + number_text(h) + " of \"" + c.id +
                             "\" is below 1/shards = " + number_text(1 / shards) +
                             " (its " + number_text(shards) +
                             " shards); give a share between 1/shards and 1, or 0 for even"});
    }
  }
  return out;
}

}  // namespace archbench::detail
