// Stored simulations (format 5) as options, restarts checked against the model and spelled as
// archbench-cli takes them.
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "archbench/simulate.h"
#include "sim/replication.h"

namespace archbench {

SimulateOptions simulation_options(const StoredSimulation& stored) {
  SimulateOptions o;
  o.duration_s = stored.duration_s;
  o.warmup_s = stored.warmup_s.value_or(stored.duration_s / 10);
  o.load = stored.load;
  o.seed = stored.seed;
  o.timeline_step_s = stored.timeline_step_s;
  o.faults = stored.faults;
  o.restarts = stored.restarts;
  return o;
}

const StoredSimulation* stored_simulation(const Version& version, const std::string& name) {
  for (const auto& s : version.simulations)
    if (s.name == name) return &s;
  return nullptr;
}

std::string restart_spelling(const Restart& r) {
  std::ostringstream out;
  out << (r.rolling ? "--rolling-restart " : "--restart ") << r.component << "=" << r.startup_s
      << "s@" << r.start_s << "s";
  return out.str();
}

namespace sim {

void check_restarts(const std::vector<Restart>& restarts, const SimModel& m) {
  for (const auto& r : restarts) {
    const std::string what = (r.rolling ? "rolling restart of \"" : "restart of \"") + r.component + "\": ";
    if (!(r.start_s >= 0) || !std::isfinite(r.start_s))
      throw std::invalid_argument(what + "its start must be 0 s or later");
    if (!(r.startup_s > 0) || !std::isfinite(r.startup_s))
      throw std::invalid_argument(what + "the start-up time must be more than 0 s");
    std::size_t node = 0;
    while (node < m.ids.size() && m.ids[node] != r.component) ++node;
    if (node == m.ids.size()) throw std::invalid_argument("no component with id \"" + r.component + "\"");
    const SimNode& n = m.nodes[node];
    if (n.pool)
      throw std::invalid_argument(what + "consumers behind a queue share one pool of servers; "
                                         "their restart is not simulated");
    bool pooled = false;
    for (int l = n.out_first; l < n.out_first + n.out_count; ++l)
      pooled = pooled || m.links[static_cast<std::size_t>(l)].pool_want > 0;
    if (!pooled)
      throw std::invalid_argument(what + "it has no connection pool (pool_size) to a component "
                                         "with max_connections: nothing to refill");
  }
}

}  // namespace sim
}  // namespace archbench
