#include "archbench/solver.h"

#include <algorithm>
#include <cmath>

#include "archbench/validate.h"
#include "analytic/class_latency.h"
#include "analytic/compiled.h"
#include "analytic/fan_out.h"
#include "analytic/delivery.h"
#include "archbench/format.h"

namespace archbench {

namespace {

constexpr double kSecondsPerMonth = 730.0 * 3600.0;  // the 730-hour month of cloud price lists

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

const ComponentResult* Report::component(const std::string& id) const {
  for (const auto& c : components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const LinkResult* Report::link(const std::string& from, const std::string& to) const {
  for (const auto& l : links) {
    if (l.from == from && l.to == to) return &l;
  }
  return nullptr;
}

const ClassResult* Report::request_class(const std::string& name) const {
  for (const auto& c : classes) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

QueueingModel::QueueingModel(const Version& version, const Catalog& catalog)
    : impl_(std::make_unique<CompiledVersion>(version, catalog)) {}
QueueingModel::~QueueingModel() = default;
QueueingModel::QueueingModel(QueueingModel&&) noexcept = default;
QueueingModel& QueueingModel::operator=(QueueingModel&&) noexcept = default;

namespace {

// With rate limits the load behind a limit stops growing at the limit, so the first saturation
// is searched on the admitted loads: from the unlimited model's first saturation (a lower
// bound: limits only take load away) up by doubling, then by bisection.
std::pair<std::optional<double>, std::string> limited_max_throughput(const CompiledVersion& model,
                                                                     double from) {
  CompiledVersion cv = model;
  auto saturated_at = [&](double m) {
    cv.admit_at(m);
    return cv.solve_means(m).any_saturated;
  };
  double lo = 0, hi = from;
  for (int doubling = 0; !saturated_at(hi); ++doubling) {
    if (doubling == 60) return {std::nullopt, ""};  // the limits shed whatever is offered
    lo = hi;
    hi *= 2;
  }
  while ((hi - lo) > 1e-9 * hi) {
    const double mid = 0.5 * (lo + hi);
    if (saturated_at(mid)) hi = mid;
    else lo = mid;
  }
  cv.admit_at(hi);
  const MeanState at = cv.solve_means(hi);
  int best = -1;
  double best_u = -1;
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    if (!at.nodes[i].own_saturation) continue;
    for (std::size_t r = 0; r < cv.nodes[i].roles.size(); ++r) {
      const RoleState& rs = at.roles[cv.role_offset[i] + r];
      if (rs.saturated && !rs.unbounded && rs.utilization > best_u) {
        best_u = rs.utilization;
        best = static_cast<int>(i);
      }
    }
  }
  return {lo, best >= 0 ? cv.nodes[best].id : ""};
}

}  // namespace

std::pair<std::optional<double>, std::string> QueueingModel::max_throughput() const {
  const CompiledVersion& cv = *impl_;
  // ρ(m) = m·λ·H(m)/c never falls below m·λ·H(0)/c, so the first saturation lies at or below
  // m_lin = min c / (λ·H(0)); it equals m_lin unless a blocking caller's holding time grows with
  // the waits downstream, and then bisection finds it.
  constexpr double tiny = 1e-9;
  const MeanState base = cv.solve_means(tiny, false);
  double m_lin = std::numeric_limits<double>::infinity();
  int arg = -1;
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    for (std::size_t r = 0; r < cv.nodes[i].roles.size(); ++r) {
      const RoleState& rs = base.roles[cv.role_offset[i] + r];
      const double per_unit = rs.lambda / tiny * rs.holding;  // busy servers at load ×1
      if (per_unit <= 0) continue;
      const double m = static_cast<double>(cv.nodes[i].roles[r].servers) / per_unit;
      if (m < m_lin) {
        m_lin = m;
        arg = static_cast<int>(i);
      }
    }
  }
  if (arg < 0) return {std::nullopt, ""};
  if (cv.has_rate_limits()) return limited_max_throughput(cv, m_lin);
  // Checked 1e-7 below m_lin rather than at it: nested pools compose one closed network per
  // level, and down a chain of 100,000 blocking services their rounding reaches ~1e-9, which
  // would send an exact m_lin to a bisection 20 times slower than the whole evaluation.
  if (!cv.solve_means(m_lin * (1 - 1e-7), false).any_saturated) return {m_lin, cv.nodes[arg].id};
  double lo = 0, hi = m_lin;
  while ((hi - lo) > 1e-9 * hi) {
    const double mid = 0.5 * (lo + hi);
    if (cv.solve_means(mid, false).any_saturated) hi = mid;
    else lo = mid;
  }
  const MeanState at = cv.solve_means(hi, false);
  int best = -1;
  double best_u = -1;
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    if (!at.nodes[i].own_saturation) continue;
    for (std::size_t r = 0; r < cv.nodes[i].roles.size(); ++r) {
      const RoleState& rs = at.roles[cv.role_offset[i] + r];
      if (rs.saturated && !rs.unbounded && rs.utilization > best_u) {
        best_u = rs.utilization;
        best = static_cast<int>(i);
      }
    }
  }
  if (best < 0) best = arg;
  return {lo, cv.nodes[best].id};
}

Report QueueingModel::evaluate(const EvaluateOptions& options) const {
  // Rate limits make the visits below a limit depend on the load: solved on a copy whose
  // admitted shares are those of this load (admission.cpp).
  // Autoscaling picks each count for this load (autoscale.cpp), on the same copy.
  std::optional<CompiledVersion> limited;
  if (impl_->has_rate_limits() || impl_->has_autoscaling()) {
    limited.emplace(*impl_);
    if (limited->has_rate_limits()) limited->admit_at(options.load);
    limited->autoscale_at(options.load);
  }
  const CompiledVersion& cv = limited ? *limited : *impl_;
  const std::size_t K = cv.classes.size();
  const MeanState st = cv.solve_means(options.load);
  Report rep;
  rep.version = cv.version_name;
  rep.load = options.load;

  double requests_per_s_avg = 0;
  for (std::size_t k = 0; k < K; ++k) {
    rep.totals.offered_rate_per_s += options.load * cv.classes[k].peak_rate;
    requests_per_s_avg += options.load * cv.classes[k].average_rate;
  }
  rep.totals.saturated = st.any_saturated;

  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    const CNode& n = cv.nodes[i];
    for (const CLink& l : n.out) {
      LinkResult lr;
      lr.from = n.id;
      lr.to = cv.nodes[static_cast<std::size_t>(l.to)].id;
      const double per_call = cv.arrivals_per_call(n, l);
      for (std::size_t k = 0; k < K; ++k)
        lr.calls_per_s += options.load * cv.classes[k].peak_rate * cv.visits[k][i] *
                          cv.visits_per_visit(n, l, static_cast<int>(k)) * per_call;
      rep.links.push_back(std::move(lr));
    }
  }

  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    const CNode& n = cv.nodes[i];
    const NodeState& ns = st.nodes[i];
    ComponentResult c;
    c.id = n.id;
    c.kind = n.kind;
    c.name = n.name;
    c.behaviour = n.behaviour;
    double w_sum = 0, wait_acc = 0, service_acc = 0, hold_acc = 0;
    double monthly_visits = 0, monthly_gb = 0, monthly_gb_s = 0;
    for (std::size_t k = 0; k < K; ++k) {
      const double lam = options.load * cv.classes[k].peak_rate * cv.visits[k][i];
      const double avg = options.load * cv.classes[k].average_rate * cv.visits[k][i];
      c.arrival_per_s += lam;
      monthly_visits += avg * kSecondsPerMonth;
      monthly_gb += avg * kSecondsPerMonth * cv.classes[k].payload_kb / 1e6;
      // Serverless platforms bill wall-clock duration: a blocking function pays while it waits
      // on its calls too.
      const double down = n.blocking && cv.visits[k][i] > 0 ? st.down[st.pair(static_cast<int>(i), k)].mean : 0.0;
      const double billed_s = n.service_s[k] + (std::isfinite(down) ? down : 0.0);
      monthly_gb_s += avg * kSecondsPerMonth * billed_s * n.memory_gb;
      if (lam <= 0 || n.route[k] < 0) continue;
      w_sum += lam;
      wait_acc += lam * st.class_wait[st.pair(static_cast<int>(i), k)].moments().mean;
      service_acc += lam * n.service_s[k];
      hold_acc += lam * (n.service_s[k] + (n.blocking ? st.down[st.pair(static_cast<int>(i), k)].mean : 0.0));
    }
    double busiest = 0;
    for (std::size_t r = 0; r < n.roles.size(); ++r) {
      const RoleState& rs = st.roles[cv.role_offset[i] + r];
      StationResult s;
      s.role = n.roles[r].role;
      s.count = n.roles[r].count;
      s.servers = n.roles[r].servers;
      s.arrival_per_s = rs.lambda;
      s.holding_ms = rs.unbounded ? 0 : rs.holding * 1000;
      s.offered_utilization = rs.unbounded ? 0 : rs.utilization;
      s.saturated = rs.saturated;
      s.exact = rs.exact;
      s.model = rs.model;
      s.scv = rs.scv;
      if (n.roles[r].shard) s.shard = n.roles[r].shard == 1 ? "hot" : "others";
      if (!rs.saturated) {
        s.utilization = rs.utilization;
        s.wait_ms = rs.wait.moments().mean * 1000;
      }
      busiest = std::max(busiest, rs.utilization);
      c.stations.push_back(s);
    }
    c.saturated = ns.saturated;
    if (!ns.saturated && n.behaviour != Behaviour::Client) {
      c.utilization = busiest;
      const double w = w_sum > 0 ? w_sum : 1;
      c.wait_ms = wait_acc / w * 1000;
      c.response_ms = (wait_acc + service_acc) / w * 1000;
      c.holding_ms = hold_acc / w * 1000;
    }
    if (ns.saturated) {
      if (ns.own_saturation) {
        for (std::size_t r = 0; r < n.roles.size(); ++r) {
          const RoleState& rs = st.roles[cv.role_offset[i] + r];
          if (!rs.saturated || rs.unbounded) continue;
          const double capacity = static_cast<double>(n.roles[r].servers) / rs.holding;
          c.reason = "utilization " + format_percent(rs.utilization) + " ≥ 100%: " +
                     format_rate(rs.lambda) + " offered to each " + n.roles[r].role +
                     ", capacity " + format_rate(capacity);
          break;
        }
      } else {
        const std::string cause = ns.cause >= 0 ? cv.nodes[ns.cause].id : "a callee";
        c.reason = "servers held forever waiting on saturated " + in_quotes(cause);
      }
    }
    c.connections = cv.connections(static_cast<int>(i), options.load, st);
    c.shards = shard_figures(n, c.stations);
    if (n.parallel) c.parallel_links = static_cast<int>(n.out.size());
    if (n.rate_limit_per_s > 0) {
      c.rate_limit_per_s = n.rate_limit_per_s;
      c.refused_per_s = cv.refused_per_s(static_cast<int>(i), options.load);
    }
    auto add_cost = [&](const char* term, double quantity, const char* unit, double unit_price) {
      const double usd = quantity * unit_price;
      if (usd > 0) c.costs.push_back({term, usd, quantity, unit, unit_price});
      c.cost_per_month += usd;
    };
    add_cost("nodes", n.nodes, "node-months", n.cost_node_month);
    c.autoscale = cv.autoscale_figures(static_cast<int>(i));
    c.replay = cv.replay(static_cast<int>(i), options.load, st);
    if (n.mesh) {
      MeshFigures m{n.mesh->latency_ms_per_hop, n.mesh->cpu_overhead, n.nodes, 0.0};
      m.cost_per_month = static_cast<double>(n.nodes) * n.mesh->cost_per_instance_month;
      add_cost("sidecars", static_cast<double>(n.nodes), "sidecar-months",
               n.mesh->cost_per_instance_month);
      c.mesh = m;
    }
    add_cost("requests", monthly_visits / 1e6, "million requests", n.cost_per_million);
    add_cost("transfer", monthly_gb, "GB", n.cost_per_gb);
    // Each replica stores a copy.
    add_cost("storage", n.nodes * n.storage_gb, "GB-months", n.cost_gb_month);
    add_cost("compute", monthly_gb_s, "GB-seconds", n.cost_gb_second);
    rep.totals.cost_per_month += c.cost_per_month;
    rep.components.push_back(std::move(c));
  }
  if (requests_per_s_avg > 0 && st.any_saturated) {
    // Dividing by requests that cannot be carried would understate the cost of each one.
    rep.totals.cost_per_million_note =
        "the offered load saturates a station: not every request is carried, and a cost per "
        "offered request would understate the cost of each one carried";
  } else if (requests_per_s_avg > 0) {
    rep.totals.cost_per_million_requests =
        rep.totals.cost_per_month / (requests_per_s_avg * kSecondsPerMonth / 1e6);
  }

  ClassLatency latency(cv, st);
  std::vector<ClassLatency::Job> jobs;
  rep.classes.reserve(K);
  for (std::size_t k = 0; k < K; ++k) {
    const CClass& cc = cv.classes[k];
    ClassResult r;
    r.name = cc.name;
    r.op = cc.op;
    r.sync = cc.sync;
    r.rate_per_s = options.load * cc.peak_rate;
    for (const int i : cv.class_nodes[k]) {  // the nodes it visits
      if (cv.nodes[i].behaviour == Behaviour::Queue) r.async = true;
      if (cv.nodes[i].rate_limit_per_s > 0)
        r.refused_share = std::min(1.0, cv.refused_per_request(static_cast<int>(k)));
    }
    // On the visits without rate limits: a limit sheds peaks, while a day's requests are counted
    // at the average rate; and the lost share is of the requests admitted.
    if (const auto d = class_delivery(*impl_, static_cast<int>(k), options.load)) {
      r.duplicates_per_day = d->duplicates_per_day;
      r.lost_share = d->lost_share;
      r.lost_hang = d->hangs;
    }
    r.stale = cv.stale_reads(static_cast<int>(k), options.load, st);
    r.strong = cc.op == Op::Read && cc.consistency == Consistency::Strong;
    auto cause_of = [&](bool done) {
      // The saturated station this class passes, preferring one saturated by its own load.
      std::string id;
      for (int i : cv.callers_first) {
        if (cv.visits[k][i] <= 0 || !st.nodes[i].saturated) continue;
        const auto& v = st.visit_of(i, k, done);
        if (!v.infinite) continue;
        const int cause = st.nodes[i].cause >= 0 ? st.nodes[i].cause : i;
        id = cv.nodes[cause].id;
        if (st.nodes[i].own_saturation) break;
      }
      return id;
    };
    if (st.visit_of(cc.entry, k, false).infinite) {
      r.saturated = true;
      r.reason = "passes saturated " + in_quotes(cause_of(false)) + ": its latency is unbounded";
    }
    if (r.async) {
      if (st.visit_of(cc.entry, k, true).infinite) {
        r.completion_saturated = true;
        r.completion_reason = "its queued work reaches saturated " + in_quotes(cause_of(true)) +
                              ": the backlog grows without bound";
      }
    }
    rep.classes.push_back(std::move(r));
  }
  for (std::size_t k = 0; k < K; ++k) {
    ClassResult& r = rep.classes[k];
    if (!r.saturated) jobs.push_back({static_cast<int>(k), false, &r.latency});
    if (r.async && !r.completion_saturated) jobs.push_back({static_cast<int>(k), true, &r.completion});
  }
  latency.run(jobs, options.percentiles);

  if (options.max_throughput) {
    auto [m, id] = max_throughput();
    rep.totals.max_throughput_multiplier = m;
    rep.totals.bottleneck = id;
    if (m) {
      double stated_rate = 0;  // the workload as written, at load ×1
      for (const auto& cc : cv.classes) stated_rate += cc.peak_rate;
      rep.totals.max_throughput_rate_per_s = *m * stated_rate;
      int b = -1;
      for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
        if (cv.nodes[i].id == id) b = static_cast<int>(i);
      }
      rep.totals.bottleneck_reason =
          in_quotes(id) + " saturates first, at ×" + format_multiplier(*m) + " the stated load";
      bool limit_binds = false;  // at ×m the bottleneck's own rate limit refuses some load
      if (b >= 0 && cv.nodes[b].rate_limit_per_s > 0) {
        CompiledVersion probe = *impl_;
        probe.admit_at(*m);
        limit_binds = probe.nodes[static_cast<std::size_t>(b)].admit < 1;
      }
      if (limit_binds) {
        // The limit's own servers: what they admit never grows, so a maximum far above the
        // stated load is capacity to refuse, not to serve.
        rep.totals.bottleneck_reason += ": behind its rate limit nothing saturates; it admits " +
                                        format_rate(cv.nodes[b].rate_limit_per_s) +
                                        " and refuses the rest (429) until its own servers are full";
      } else if (b >= 0 && cv.nodes[b].blocking && !cv.nodes[b].out.empty()) {
        // A blocking tier saturates when its threads are held too long; say whether a congested
        // callee is what holds them, so the user fixes the right component.
        std::optional<CompiledVersion> at_m;  // the admitted shares of that load
        if (impl_->has_rate_limits()) {
          at_m.emplace(*impl_);
          at_m->admit_at(*m * (1 - 1e-6));
        }
        const MeanState near = (at_m ? *at_m : *impl_).solve_means(*m * (1 - 1e-6), false);  // utilizations only
        std::vector<bool> below(cv.nodes.size(), false);
        below[b] = true;
        int worst = -1;
        double worst_u = 0;
        for (int i : cv.callers_first) {
          if (!below[i]) continue;
          for (const auto& l : cv.nodes[i].out) below[l.to] = true;
          if (i == b) continue;
          for (std::size_t r = 0; r < cv.nodes[i].roles.size(); ++r) {
            const double u = near.roles[cv.role_offset[i] + r].utilization;
            if (u > worst_u) {
              worst_u = u;
              worst = i;
            }
          }
        }
        rep.totals.bottleneck_reason +=
            worst >= 0 && worst_u >= 0.9
                ? ": its servers are held waiting on " + in_quotes(cv.nodes[worst].id) +
                      ", which is at " + format_percent(worst_u) + " utilization there"
                : ": its servers are held for their own work and their downstream calls";
      }
    } else if (impl_->has_rate_limits() && rep.totals.offered_rate_per_s > 0) {
      rep.totals.bottleneck_reason =
          "no station saturates at any load: the rate limits refuse what would saturate one";
    }
  }
  return rep;
}

Report evaluate(const Version& version, const Catalog& catalog, const EvaluateOptions& options) {
  auto problems = validate_version(version, catalog);
  if (!problems.empty()) throw InputError("version " + in_quotes(version.name), std::move(problems));
  return QueueingModel(version, catalog).evaluate(options);
}

}  // namespace archbench
