#pragma once
// Faults applied to a compiled version: what a scenario's faults do to the version (instances
// and shards lost, caches flushed, services slowed, a spike) and to the fixed point's setup
// (components down, requests refused, links cut, stale reads). Private to the engine;
// faults.cpp solves the scenario and reports it.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"
#include "analytic/compiled.h"
#include "failure/fixed_point.h"

namespace archbench::detail {

// A version as a scenario's faults leave it, and what they do to each component.
struct Applied {
  Version version;                           // with instances lost, caches flushed
  std::map<std::string, std::string> text;   // component → what the faults do to it
  std::set<std::string> crashed, hanging, primary_down;
  std::set<std::pair<std::string, std::string>> cut;
  std::map<std::string, std::pair<double, double>> slow;  // ×, +s
  double spike = 1;
  std::vector<const Fault*> partitions;
  std::map<std::string, int> shards_down;  // sharded component → whole shards lost (hot first)
  std::set<std::string> own;  // components with a fault of their own (not only a cut link)
};

// What `faults` do to `v`, one after another.
Applied apply(const Version& v, const Catalog& catalog, const std::vector<Fault>& faults);
// The fixed point's setup for `cv`, the version `a` left, compiled.
Setup make_setup(const CompiledVersion& cv, const Applied& a, const Catalog& catalog,
                 const Version& v);
// Adds to `s` the share each rate limit refuses at `load` (faults_apply.cpp).
void refuse_above_rate_limits(Setup& s, const CompiledVersion& cv, double load);
// `a`'s version compiled, its slowed services and its spike applied.
CompiledVersion compile_faulted(const Applied& a, const Catalog& catalog);

}  // namespace archbench::detail
