#pragma once
// Steady-state availability: per component (k of n instances up, k from the load) and per
// request class (composed over what the class must pass and what it only sometimes passes),
// and the single points of failure of each class.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"

namespace archbench {

// P(at least k of n independent instances are up), each up with probability a (binomial).
double k_of_n(int k, int n, double a);

// Immediate dominators of a directed graph with `vertices` vertices from `root`, by Boost.Graph's
// Lengauer–Tarjan: idom[v] is v's immediate dominator, -1 for the root and for vertices the root
// does not reach.
std::vector<int> immediate_dominators(int vertices, const std::vector<std::pair<int, int>>& edges, int root);

struct ComponentAvailability {
  std::string id;
  double per_instance = 1;  // catalog/file "availability"
  int instances = 1;        // n (replicas for a database's reads)
  int needed = 1;           // k: the fewest instances that carry the load without saturating
  double availability = 1;  // P(at least k of n up); 0 when saturated
  bool saturated = false;   // even every instance up cannot carry the load
};

struct ClassAvailability {
  std::string name;
  double availability = 1;              // fraction of requests whose components are all up
  // The class passes a station saturated at this load: no number of instances up carries it, so
  // its availability and downtime are not figures (they read 0 and a whole month) but a state.
  bool saturated = false;
  std::string saturated_reason;         // "passes saturated \"app\""
  double downtime_minutes_per_month = 0;  // (1 − availability) × 43,800 min (a 730-hour month)
  double downtime_hours_per_year = 0;     // (1 − availability) × 8,760 h
  std::optional<double> slo_percent;      // the class's objective, when it states one
  std::optional<double> error_budget_minutes_per_month;  // (1 − SLO) × 43,800 min
  std::optional<double> budget_used;      // expected downtime / budget; > 1: the SLO is not met
  std::vector<std::string> must_pass;     // components every request of the class visits
  std::vector<std::string> single_points_of_failure;  // must-pass with no spare instance
};

struct AvailabilityReport {
  std::vector<ComponentAvailability> components;
  std::vector<ClassAvailability> classes;
};

// The version must validate. Assumes independent failures, and counts a component once per
// branch of a request (a request calling the database three times needs it up once).
AvailabilityReport analyse_availability(const Version& version, const Catalog& catalog);

}  // namespace archbench
