// The solved fixed point as a ScenarioState (FixedPoint::collect): each component's and
// link's outcome, each class's, and the reason named for what fails or saturates.
#include "failure/fixed_point.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "archbench/format.h"

namespace archbench::detail {

static std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// The component that makes a visit of `id` slow: `id` itself when it is faulted or saturated
// or when no callee takes most of its time; otherwise the culprit below its slowest callee.
std::string FixedPoint::culprit_below(const std::string& id) const {
  std::size_t x = N_;
  for (std::size_t i = 0; i < N_; ++i) {
    if (cv_.nodes[i].id == id) x = i;
  }
  for (int depth = 0; x < N_ && depth < static_cast<int>(N_); ++depth) {
    const CNode& n = cv_.nodes[x];
    if (!s_.fault_text[x].empty() || down(x)) break;
    bool saturated = false;
    for (std::size_t r = 0; r < n.roles.size(); ++r) saturated = saturated || roles_[static_cast<std::size_t>(cv_.role_offset[x]) + r].saturated;
    if (saturated) break;
    double total = 0, best = 0;
    std::size_t next = N_;
    for (std::size_t k = 0; k < K_; ++k) {
      const Out& o = out_[k * N_ + x];
      total += lambda_[k * N_ + x] * (o.answered() * o.ans.mean + o.fail * o.fl.mean);
    }
    for (std::size_t l = 0; l < n.out.size(); ++l) {
      const std::size_t j = static_cast<std::size_t>(n.out[l].to);
      double t = 0;
      for (std::size_t k = 0; k < K_; ++k) {
        const LinkVar& v = lv_[(link_offset_[x] + l) * K_ + k];
        const Out& o = out_[k * N_ + j];
        t += lambda_[k * N_ + x] * v.factor * v.attempts * (o.answered() * o.ans.mean + o.fail * o.fl.mean);
      }
      if (t > best) {
        best = t;
        next = j;
      }
    }
    if (next == N_ || best < 0.5 * total) break;
    x = next;
  }
  return x < N_ ? cv_.nodes[x].id : id;
}

ScenarioState FixedPoint::collect(bool classes_only) const {
  ScenarioState st;
  if (classes_only) {
    // mark_ceilings reads which callees are saturated: only that, for each component (one that
    // nothing reaches has no load and is not saturated).
    st.components.resize(N_);
    for (int ii : order_) {
      const std::size_t i = static_cast<std::size_t>(ii);
      if (down(i)) continue;
      for (std::size_t r = 0; r < cv_.nodes[i].roles.size(); ++r)
        st.components[i].saturated = st.components[i].saturated || roles_[static_cast<std::size_t>(cv_.role_offset[i]) + r].saturated;
    }
  } else {
  // Components.
  std::vector<double> offered(N_, 0.0);
  for (std::size_t i = 0; i < N_; ++i) {
    for (std::size_t k = 0; k < K_; ++k) offered[i] += lambda_[k * N_ + i];
  }
  for (std::size_t i = 0; i < N_; ++i) {
    const CNode& n = cv_.nodes[i];
    ComponentOutcome c;
    c.id = n.id;
    c.fault = s_.fault_text[i];
    c.faulted = !c.fault.empty();
    c.offered_per_s = offered[i];
    double ok = 0, deg = 0, fail = 0;
    for (std::size_t k = 0; k < K_; ++k) {
      const double lam = lambda_[k * N_ + i];
      const Out& o = out_[k * N_ + i];
      ok += lam * o.ok;
      deg += lam * o.deg;
      fail += lam * o.fail;
    }
    if (const double all = ok + deg + fail; all > 0) {
      c.visit_success = ok / all;
      c.visit_degraded = deg / all;
      c.visit_failed = fail / all;
    }
    c.retry_amplification = first_[i] > 0 ? offered[i] / first_[i] : 1.0;
    c.down = s_.crashed[i] || s_.hanging[i];
    c.instances_up = static_cast<int>(n.instances);
    if (n.behaviour == Behaviour::Store) c.instances_up = 1 + n.replicas;
    if (c.down) {
      c.served = 0;
      c.instances_up = 0;
      c.reason = bypassed(i)    ? "down: its callers read from the origin (on_failure: fall_through)"
                 : s_.crashed[i] ? "down: calls to it fail fast"
                                 : "hangs: calls to it wait for their timeout";
      st.components.push_back(std::move(c));
      continue;
    }
    double busiest = 0, served = 1;
    bool saturated = false;
    int worst_role = -1;
    for (std::size_t r = 0; r < n.roles.size(); ++r) {
      const std::size_t ro = static_cast<std::size_t>(cv_.role_offset[i]) + r;
      const RoleFig& rf = roles_[ro];
      if (rf.lambda <= 0) continue;
      if (rf.rho >= busiest) {
        busiest = rf.rho;
        worst_role = static_cast<int>(r);
      }
      served = std::min(served, sigma_[ro]);
      saturated = saturated || rf.saturated;
    }
    c.served = std::clamp(served, 0.0, 1.0);
    c.saturated = saturated;
    c.offered_utilization = std::isfinite(busiest) ? busiest : 0.0;
    if (!saturated && n.behaviour != Behaviour::Client) c.utilization = busiest;
    if (saturated && worst_role >= 0) {
      const RoleFig& rf = roles_[static_cast<std::size_t>(cv_.role_offset[i] + worst_role)];
      // Name the callee that holds the servers, when waiting on calls is most of the holding.
      std::string holder;
      double held = 0, own = 0;
      for (std::size_t k = 0; k < K_; ++k) {
        if (lambda_[k * N_ + i] <= 0) continue;
        own += lambda_[k * N_ + i] * n.service_s[k];
        const double hd = hold_down_[k * N_ + i];
        held += lambda_[k * N_ + i] * (std::isfinite(hd) ? hd : 1e300);
      }
      if (n.blocking && held > own) {
        double longest = -1;
        for (std::size_t l = 0; l < n.out.size(); ++l) {
          const int j = n.out[l].to;
          double t = 0;
          for (std::size_t k = 0; k < K_; ++k) {
            const LinkVar& v = lv_[(link_offset_[i] + l) * K_ + k];
            const Out& o = out_[k * N_ + static_cast<std::size_t>(j)];
            const bool stuck = s_.hanging[static_cast<std::size_t>(j)] || s_.cut[i][l] ||
                               (node_sigma(static_cast<std::size_t>(j), k) < 1 && n.out[l].policy.timeout_ms <= 0);
            t += lambda_[k * N_ + i] * v.factor * (stuck ? 1e300 : v.attempts * (o.answered() * o.ans.mean + o.fail * o.fl.mean));
          }
          if (t > longest) {
            longest = t;
            holder = cv_.nodes[static_cast<std::size_t>(j)].id;
          }
        }
        holder = culprit_below(holder);
      }
      if (rf.unbounded) {
        c.reason = "every server is held forever waiting on " + in_quotes(holder.empty() ? "a callee" : holder) +
                   " (no timeout on the call)";
      } else if (!holder.empty()) {
        c.reason = "utilization " + format_percent(rf.rho) + " ≥ 100%: servers are held waiting on " +
                   in_quotes(holder) + " (" + format_ms(rf.holding * 1000) + " per visit)";
      } else {
        c.reason = "utilization " + format_percent(rf.rho) + " ≥ 100%: offered " + format_rate(rf.lambda) +
                   " per station";
      }
    }
    st.components.push_back(std::move(c));
  }
  // Links with traffic (none out of a component that is down).
  for (std::size_t i = 0; i < N_; ++i) {
    const CNode& n = cv_.nodes[i];
    if (down(i)) continue;
    for (std::size_t l = 0; l < n.out.size(); ++l) {
      LinkOutcome lo;
      lo.attempts_per_call = lo.breaker_admitted = 0;  // accumulate deviations from 1 first
      lo.from = n.id;
      lo.to = cv_.nodes[static_cast<std::size_t>(n.out[l].to)].id;
      double w = 0;
      for (std::size_t k = 0; k < K_; ++k) {
        const LinkVar& v = lv_[(link_offset_[i] + l) * K_ + k];
        const double calls = lambda_[k * N_ + i] * v.factor;
        if (calls <= 0) continue;
        w += calls;
        lo.attempts_per_call += calls * (v.attempts - 1);
        lo.attempt_failure += calls * v.attempt_fail;
        lo.timed_out += calls * v.timed_out;
        lo.breaker_admitted += calls * (v.admitted - 1);
        lo.bulkhead_rejected += calls * v.rejected;
        lo.calls_in_flight += v.in_flight;
        if (!s_.cut[i][l])
          lo.offered_per_s += lambda_[k * N_ + i] * node_sigma(i, k) * (1.0 - s_.refuse[i][k]) *
                              v.factor * v.admitted * (1 - v.rejected) * v.attempts;
      }
      if (w <= 0) continue;
      lo.attempts_per_call = 1 + lo.attempts_per_call / w;
      lo.attempt_failure /= w;
      lo.timed_out /= w;
      lo.breaker_admitted = 1 + lo.breaker_admitted / w;
      lo.bulkhead_rejected /= w;
      // Below the fixed point's tolerance (10⁻⁹ of the caller's visits) a rate is the iteration's
      // residue, not traffic: "→ 0 req/s", not "→ 2.77e-10 req/s".
      double visits = 0;
      for (std::size_t k = 0; k < K_; ++k) visits += lambda_[k * N_ + i];
      if (lo.offered_per_s < 1e-9 * visits) lo.offered_per_s = lo.calls_in_flight = 0;
      const ComponentOutcome& callee = st.components[static_cast<std::size_t>(n.out[l].to)];
      lo.carried_per_s = callee.down ? 0.0 : lo.offered_per_s * callee.served;
      st.links.push_back(lo);
    }
  }
  }
  // Classes: the outcome of a visit of the entry.
  for (std::size_t k = 0; k < K_; ++k) {
    const CClass& cc = cv_.classes[k];
    const std::size_t e = static_cast<std::size_t>(cc.entry);
    ClassOutcome c;
    c.name = cc.name;
    c.rate_per_s = o_.load * cc.peak_rate;
    Out o = s_.crashed[e] || s_.hanging[e] ? failed_in({}) : out_[k * N_ + e];
    const double sig = node_sigma(e, k);
    if (sig < 1) o = either(sig, o, hung());
    c.success = std::clamp(o.ok, 0.0, 1.0);
    c.degraded = std::clamp(o.deg, 0.0, 1.0);
    c.hung = std::clamp(o.hang, 0.0, 1.0);
    c.failed = std::clamp(1.0 - c.success - c.degraded, 0.0, 1.0);
    c.stale_reads = std::clamp(s_.stale[k], 0.0, 1.0);
    if (o.answered() > 1e-12 && std::isfinite(o.ans.mean)) {
      c.answered_mean_ms = std::max(0.0, o.ans.mean * 1000);
      c.answered_p95_ms = std::max(0.0, GammaFit(o.ans).quantile(0.95) * 1000);
    }
    if (o.fail > 1e-12 && std::isfinite(o.fl.mean)) c.failed_mean_ms = std::max(0.0, o.fl.mean * 1000);
    if (c.failed > 1e-4 && !classes_only) {
      // Name what it meets on its way: a component that is down first, then another fault,
      // else a saturated station, else a component that refuses it (a rate limit's 429, a
      // lost primary or shard). A faulted component is named only where this class's visit
      // there fails: an eventual read that a replica answers does not fail at a down primary.
      std::string fault, other_fault, saturated, refused;
      bool refused_by_limit = false;
      for (int ii : cv_.callers_first) {
        const std::size_t i = static_cast<std::size_t>(ii);
        if (cv_.visits[k][i] <= 0) continue;
        const Out& here = out_[k * N_ + i];
        const bool fails_here = s_.crashed[i] || s_.hanging[i] || s_.refuse[i][k] > 1e-9 ||
                                here.answered() < 1 - 1e-4;
        if (fault.empty() && down(i) && fails_here) fault = cv_.nodes[i].id;
        if (other_fault.empty() && fails_here && (s_.own_fault[i] || uses_cut_link(i, k)))
          other_fault = cv_.nodes[i].id;
        if (saturated.empty() && st.components[i].saturated) saturated = cv_.nodes[i].id;
        if (refused.empty() && s_.refuse[i][k] > 1e-9) {
          refused = cv_.nodes[i].id;
          refused_by_limit = cv_.nodes[i].rate_limit_per_s > 0;
        }
      }
      if (fault.empty()) fault = other_fault;
      if (c.hung > 1e-9)
        c.reason = "waits without bound at " + in_quotes(saturated.empty() ? fault : saturated) +
                   ": no timeout on the path";
      else if (!saturated.empty())
        c.reason = "passes saturated " + in_quotes(saturated) +
                   (fault.empty() || fault == saturated ? "" : " (after " + in_quotes(fault) + ")");
      else if (!fault.empty())
        c.reason = "fails at " + in_quotes(fault);
      else if (!refused.empty())
        c.reason = "refused at " + in_quotes(refused) + (refused_by_limit ? " (rate limit: 429)" : "");
      else
        c.reason = "timeouts on its calls";
    }
    st.classes.push_back(std::move(c));
  }
  return st;
}

}  // namespace archbench::detail
