// Warnings about a design that is valid but will misbehave (docs/PATTERNS.md): the figures say
// how much, these say where to look before evaluating.
#include <map>
#include <unordered_map>

#include "archbench/catalog.h"
#include "archbench/pattern_figures.h"
#include "archbench/validate.h"
#include "model/json_util.h"
#include "model/params.h"

namespace archbench {

using detail::pointer_join;

std::vector<Diagnostic> design_warnings(const Version& v, const Catalog& catalog,
                                        const std::string& prefix) {
  std::vector<Diagnostic> out;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < v.components.size(); ++i) index.emplace(v.components[i].id, i);
  auto number = [&](const Component& c, const char* name) -> long long {
    const KindDecl* k = catalog.find(c.kind);
    return k && k->param(name) ? static_cast<long long>(detail::param_number(c, *k, name, "", 0))
                               : 0;
  };
  // Connection pools against a connection limit: n instances × pool_size each, opened at once
  // when the callers (re)start.
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    const Component& target = v.components[i];
    const long long limit = number(target, "max_connections");
    if (limit <= 0) continue;
    long long pooled = 0, largest = 0;
    std::string largest_text;
    for (const Link& l : v.links) {
      if (l.to != target.id) continue;
      auto it = index.find(l.from);
      if (it == index.end()) continue;
      const Component& caller = v.components[it->second];
      const long long pool = number(caller, "pool_size");
      if (pool <= 0) continue;
      const long long instances = std::max(1LL, number(caller, "instances"));
      pooled += instances * pool;
      if (instances * pool > largest) {
        largest = instances * pool;
        largest_text =
            caller.id + ": " + format_count(instances) + " instances × " + format_count(pool);
      }
    }
    if (pooled <= limit) continue;
    std::string at = pointer_join(pointer_join(prefix, "components"), i);
    at = target.params.count("max_connections")
             ? pointer_join(pointer_join(at, "params"), "max_connections")
             : pointer_join(at, "kind");
    out.push_back({at, "the callers' connection pools need " + format_count(pooled) +
                           " connections (" + largest_text + ") against max_connections " +
                           format_count(limit) + " of \"" + target.id +
                           "\": " + format_count(pooled - limit) +
                           " are refused when the pools open (a restart opens them all at "
                           "once); lower pool_size, or put a connection pooler in between"});
  }
  return out;
}

}  // namespace archbench
