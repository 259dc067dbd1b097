#include "failure/fixed_point.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "archbench/queueing.h"

namespace archbench::detail {

void FixedPoint::flows() {
  previous_lambda_.swap(lambda_);
  lambda_.assign(K_ * N_, 0.0);
  std::fill(first_.begin(), first_.end(), 0.0);
  for (std::size_t k = 0; k < K_; ++k) {
    const double entry = o_.load * cv_.classes[k].peak_rate;
    lam(k, static_cast<std::size_t>(cv_.classes[k].entry)) += entry;
    first_[static_cast<std::size_t>(cv_.classes[k].entry)] += entry;
  }
  for (int ii : order_) {
    const std::size_t i = static_cast<std::size_t>(ii);
    if (down(i)) continue;
    const CNode& n = cv_.nodes[i];
    for (std::size_t k = 0; k < K_; ++k) {
      const double here = lam(k, i);
      if (here <= 0) continue;
      const double served = node_sigma(i, k) * (1.0 - s_.refuse[i][k]);
      for (std::size_t l = 0; l < n.out.size(); ++l) {
        const LinkVar& v = lv(i, l, k);
        const double calls = here * served * v.factor * v.admitted * (1 - v.rejected);
        if (calls <= 0 || s_.cut[i][l]) continue;  // a cut link delivers nothing
        const std::size_t to = static_cast<std::size_t>(n.out[l].to);
        lam(k, to) += calls * v.attempts;
        first_[to] += calls;
      }
    }
  }
  for (int ii : order_) {
    const std::size_t i = static_cast<std::size_t>(ii);
    bool moved = previous_lambda_.size() != lambda_.size();
    for (std::size_t k = 0; k < K_ && !moved; ++k) {
      const double x = lambda_[k * N_ + i], y = previous_lambda_[k * N_ + i];
      moved = std::fabs(x - y) > 1e-13 * std::max(std::fabs(x), std::fabs(y));
    }
    lambda_moved_[i] = moved;
  }
}

Out FixedPoint::call(std::size_t i, std::size_t l, std::size_t k, double caller_rate, double& change) {
  const CNode& n = cv_.nodes[i];
  const CLink& link = n.out[l];
  const LinkPolicy& p = link.policy;
  const std::size_t j = static_cast<std::size_t>(link.to);
  LinkVar& v = lv(i, l, k);
  const double T = p.timeout_ms / 1000.0;
  const Moments trip = constant(2 * link.latency(k));

  // One attempt.
  Out a;
  double timed_out = 0;
  if (s_.cut[i][l] || s_.hanging[j]) {
    a = hung();
  } else if (down(j)) {
    a = failed_in(trip);
  } else {
    const double sig = node_sigma(j, k);
    const Out& cv = out(k, j);
    if (sig < 1.0) {
      // Overloaded callee: it serves a share σ = 1/ρ of what it is offered. In the fluid limit
      // of a many-server queue whose callers give up at T, the served ones have waited about T.
      if (T > 0) {
        const double served = sig;  // refusals are already in the callee's outcome
        a.ok = served * cv.ok;
        a.deg = served * cv.deg;
        a.fail = 1 - served * cv.answered();
        a.hang = 0;
        a.ans = constant(T);
        a.fl = constant(T);
        timed_out = a.fail;
      } else {
        // Without a timeout the unserved share waits without bound; the served share is
        // answered (its wait, unbounded in the long run, is not counted).
        a = either(sig, then(answered_in(trip), cv), hung());
      }
    } else {
      a = then(answered_in(trip), cv);
    }
  }
  if (T > 0) {
    // Answers slower than T, and hangs, become failures at T.
    const GammaFit g(a.ans);
    const GammaFit::Cut cut = a.answered() > 0 ? g.cut(T, a.ans) : GammaFit::Cut{};
    const double q = std::clamp(cut.tail, 0.0, 1.0);
    const double late = a.answered() * q + a.hang;
    timed_out += late;
    Mix mf;
    mf.add(a.fail, {std::min(a.fl.mean, T), a.fl.mean > T ? 0.0 : a.fl.var, false});
    mf.add(late, constant(T));
    if (q >= 1) a.ans = constant(T);
    else if (q > 0) a.ans = cut.below;
    a.fail += late;
    a.ok *= 1 - q;
    a.deg *= 1 - q;
    a.hang = 0;
    a.fl = mf.result();
  }
  // Retries of failed attempts, with backoff between them.
  const double f = a.fail;
  Out c;
  c.ok = c.deg = c.fail = c.hang = 0;
  {
    Mix ma, mf;
    Moments before{};  // time spent before attempt r
    double reach = 1, attempts = 0;
    double backoff = p.backoff_ms / 1000.0;
    for (int r = 0; r <= p.retries; ++r) {
      attempts += reach;
      c.ok += reach * a.ok;
      c.deg += reach * a.deg;
      c.hang += reach * a.hang;
      ma.add(reach * a.answered(), seq(before, a.ans));
      before = seq(before, a.fl);
      if (r == p.retries) {
        c.fail = reach * f;
        mf.add(reach * f, before);
      } else if (backoff > 0) {
        // Full jitter: uniform on [0, b]; equal jitter: on [b/2, b] (mean 3b/4, variance b²/48).
        const Moments wait = !p.jitter       ? constant(backoff)
                             : p.jitter_equal ? Moments{backoff * 0.75, backoff * backoff / 48, false}
                                              : Moments{backoff / 2, backoff * backoff / 12, false};
        before = seq(before, wait);
        backoff *= p.backoff_multiplier;
      }
      reach *= f;
    }
    c.ans = ma.result();
    c.fl = mf.result();
    change = std::max(change, std::fabs(attempts - v.attempts) / std::max(1.0, attempts));
    v.attempts += damping_ * (attempts - v.attempts);
  }
  v.attempt_fail = f;
  v.timed_out = timed_out;

  // Circuit breaker: admit calls so that the attempts' failure rate sits at the threshold, or
  // only the probes (one per open period) when it fails more than that at any load. The update
  // a ← a·(1 − f)/(1 − θ) lands on the fixed point in one step when failures come from the
  // callee's overload (1 − f ∝ capacity / a), and falls geometrically to the probes when they
  // do not depend on the load (a crash: at once).
  const double call_rate = caller_rate * v.factor;
  if (p.breaker) {
    const double theta = p.breaker_threshold;
    const double probes = call_rate > 0 ? std::min(1.0, 1.0 / (call_rate * p.breaker_open_ms / 1000.0)) : 1.0;
    double target = theta >= 1 ? 1.0 : v.admitted * (1 - f) / (1 - theta);
    target = std::clamp(target, std::min(1.0, probes), 1.0);
    change = std::max(change, std::fabs(target - v.admitted));
    v.admitted += damping_ * (target - v.admitted);
  }
  // Bulkhead: calls beyond the limit are rejected (Erlang B on the calls in flight).
  const double call_time = c.answered() * c.ans.mean + c.fail * c.fl.mean;
  const double offered = call_rate * v.admitted * (c.hang > kHangEpsilon ? 1e300 : call_time);
  v.in_flight = call_rate * v.admitted * (1 - v.rejected) * call_time;
  if (p.bulkhead > 0) {
    const double b = c.hang > kHangEpsilon ? 1.0 : erlang_b(p.bulkhead, offered);
    change = std::max(change, std::fabs(b - v.rejected));
    v.rejected += damping_ * (b - v.rejected);
  }
  const double adm = v.admitted * (1 - v.rejected);
  // Fallback: rejected calls, and failed ones when it gives a degraded answer.
  Out r;
  r.ok = adm * c.ok;
  r.deg = adm * c.deg;
  r.hang = adm * c.hang;
  r.fail = adm * c.fail + (1 - adm);
  Mix mf, ma;
  ma.add(adm * c.answered(), c.ans);
  mf.add(adm * c.fail, c.fl);
  mf.add(1 - adm, {});
  if (p.breaker && p.fallback_degraded) {
    r.deg += r.fail;
    ma.add(r.fail, mf.result());
    r.fail = 0;
    mf = Mix{};
  }
  r.ans = ma.result();
  r.fl = mf.result();
  return r;
}

double FixedPoint::sweep() {
  double change = 0;
  if (roles_.size() != cv_.role_count) roles_.assign(cv_.role_count, {});
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    const std::size_t i = static_cast<std::size_t>(*it);
    const CNode& n = cv_.nodes[i];
    if (down(i)) continue;
    // Skip a component whose inputs did not move: its own values settled, its arrivals and its
    // callees' outcomes unchanged (a crash far away leaves most of a platform as it was).
    if (swept_ && settled_[i] && !lambda_moved_[i]) {
      bool callee_moved = false;
      for (const auto& l : n.out) callee_moved = callee_moved || moved_[static_cast<std::size_t>(l.to)];
      if (!callee_moved) {
        moved_[i] = 0;
        continue;
      }
    }
    double node_change = 0, out_change = 0;
    for (std::size_t r = 0; r < n.roles.size(); ++r) roles_[static_cast<std::size_t>(cv_.role_offset[i]) + r] = {};
    // Downstream outcome of a served visit, per class.
    std::vector<Out> downstream(K_);
    for (std::size_t k = 0; k < K_; ++k) {
      const double here = lam(k, i);
      if (here <= 0 && cv_.visits[k][i] <= 0) continue;
      const double forwarded = here * node_sigma(i, k) * (1.0 - s_.refuse[i][k]);
      Out d;
      switch (n.behaviour) {
        case Behaviour::Client:
        case Behaviour::Service:
        case Behaviour::Cache: {
          double reach = 1;
          const double miss = this->miss(i, k);
          for (std::size_t l = 0; l < n.out.size(); ++l) {
            const double calls = n.out[l].calls[k];
            if (calls <= 0 || miss <= 0) continue;
            LinkVar& v = lv(i, l, k);
            // call() scales the caller's rate by the link's factor (miss × reach × calls made).
            Out c = call(i, l, k, forwarded, node_change);
            const double made = miss * reach * calls_made(calls, c.answered());
            node_change = std::max(node_change, std::fabs(made - v.factor) / std::max(1.0, made));
            v.factor += damping_ * (made - v.factor);
            d = then(d, repeated(c, calls));
            // Visits that go on past these calls: all ⌊n⌋ answered, and the extra one (made with
            // probability frac(n)) answered too, as repeated() composes them.
            const double whole = std::floor(calls), frac = calls - whole;
            reach *= std::pow(c.answered(), whole) * (1 - frac + frac * c.answered());
          }
          if (n.behaviour == Behaviour::Cache) d = either(miss, d, Out{});
          break;
        }
        case Behaviour::Split: {
          d.ok = 0;
          Out acc;
          double total = 0;
          bool first = true;
          for (std::size_t l = 0; l < n.out.size(); ++l) {
            const double pr = split(i, l, k);
            if (pr <= 0) continue;
            Out c = call(i, l, k, forwarded, node_change);
            acc = first ? c : either(total / (total + pr), acc, c);
            total += pr;
            first = false;
          }
          d = first ? Out{} : acc;
          break;
        }
        case Behaviour::Queue:
          // Acknowledged at once; deliveries do not node_change the producer's outcome.
          for (std::size_t l = 0; l < n.out.size(); ++l) {
            Out c = call(i, l, k, forwarded, node_change);
            (void)c;
          }
          break;
        case Behaviour::Store: break;
      }
      downstream[k] = d;
      const bool stuck = d.hang > kHangEpsilon;
      const double hold = stuck ? std::numeric_limits<double>::infinity()
                                : d.answered() * d.ans.mean + d.fail * d.fl.mean;
      hold_down_[k * N_ + i] = n.blocking ? hold : 0.0;
    }
    // Stations (none for a cache that is out of the way).
    for (std::size_t r = 0; r < n.roles.size() && !bypassed(i); ++r) {
      const CStationRole& role = n.roles[r];
      RoleFig& rf = roles_[static_cast<std::size_t>(cv_.role_offset[i]) + r];
      double m1 = 0, m2 = 0;
      parts_.clear();
      for (std::size_t k = 0; k < K_; ++k) {
        const double l = lam(k, i) * role.share[k];
        if (l <= 0) continue;
        Moments h = n.shape[k].moments();
        if (n.blocking) {
          const double hd = hold_down_[k * N_ + i];
          if (!std::isfinite(hd)) {
            rf.unbounded = true;
          } else {
            const Out& d = downstream[k];
            Mix mix;
            mix.add(d.answered(), d.ans);
            mix.add(d.fail, d.fl);
            h = seq(h, mix.result());
          }
        }
        rf.lambda += l;
        m1 += l * h.mean;
        m2 += l * h.second();
        parts_.push_back({l, h});
      }
      double sig = 1.0;
      if (rf.lambda > 0) {
        if (rf.unbounded) {
          rf.saturated = true;
          rf.rho = std::numeric_limits<double>::infinity();
          sig = 0.0;
        } else {
          rf.holding = m1 / rf.lambda;
          const double second = m2 / rf.lambda;
          const double scv = rf.holding > 0 ? std::max(0.0, second / (rf.holding * rf.holding) - 1.0) : 1.0;
          const StationSolution sol =
              solve_station(role.servers, rf.lambda, rf.holding, 1.0, scv,
                            station_light_ratio(role.servers, rf.lambda, rf.holding, scv, parts_));
          rf.rho = sol.utilization;
          rf.saturated = sol.saturated;
          if (sol.saturated) sig = rf.rho > 0 ? std::min(1.0, 1.0 / rf.rho) : 0.0;
          else rf.wait = WaitShape{sol.p_wait, sol.wait_cond_mean}.moments();
        }
      }
      double& s = sigma_[static_cast<std::size_t>(cv_.role_offset[i]) + r];
      node_change = std::max(node_change, std::fabs(sig - s));
      out_change = std::max(out_change, std::fabs(sig - s));
      s += damping_ * (sig - s);
      if (sig >= 1.0 && s > 1.0 - 1e-12) s = 1.0;
    }
    if (bypassed(i)) {
      for (std::size_t r = 0; r < n.roles.size(); ++r) sigma_[static_cast<std::size_t>(cv_.role_offset[i]) + r] = 1.0;
    }
    // Outcome of a served visit: the wait, the own work, then downstream; refusals fail fast.
    for (std::size_t k = 0; k < K_; ++k) {
      if (lam(k, i) <= 0 && cv_.visits[k][i] <= 0) continue;
      Moments own = bypassed(i) ? Moments{} : n.shape[k].moments();
      if (n.route[k] >= 0 && !bypassed(i)) {
        const RoleFig& rf = roles_[static_cast<std::size_t>(cv_.role_offset[i] + n.route[k])];
        if (!rf.saturated) own = seq(rf.wait, own);
      }
      Out visit = then(answered_in(own), downstream[k]);
      const double refuse = s_.refuse[i][k];
      if (refuse > 0) visit = either(refuse, failed_in({}), visit);
      const Out& was = out(k, i);
      for (const auto& [x, y] : {std::pair{visit.ok, was.ok}, {visit.deg, was.deg}, {visit.fail, was.fail},
                                 {visit.hang, was.hang}, {visit.ans.mean, was.ans.mean}, {visit.ans.var, was.ans.var},
                                 {visit.fl.mean, was.fl.mean}, {visit.fl.var, was.fl.var}})
        out_change = std::max(out_change, std::fabs(x - y) / std::max(1e-300, std::max(std::fabs(x), std::fabs(y))));
      out(k, i) = visit;
    }
    change = std::max(change, node_change);
    // Settled: its own damped values (link variables, σ) stood still, so computing it again
    // from the same arrivals and callee outcomes gives the same outcome; that its outcome moved
    // in this sweep is its callers' business (moved_).
    settled_[i] = node_change < 1e-13;
    moved_[i] = out_change >= 1e-13;
  }
  // A component that is down answers every call the same way: its callers have seen it in this
  // sweep (they come after it) and need not be computed again for its sake.
  for (int ii : order_) {
    if (down(static_cast<std::size_t>(ii))) moved_[static_cast<std::size_t>(ii)] = 0;
  }
  swept_ = true;
  return change;
}

void FixedPoint::start_row(const FixedPoint& steady) {
  warm_from(steady);
  lambda_ = steady.lambda_;
  out_ = steady.out_;
  hold_down_ = steady.hold_down_;
  roles_ = steady.roles_;
  swept_ = true;
  std::fill(settled_.begin(), settled_.end(), 1);
  std::fill(moved_.begin(), moved_.end(), 0);
  std::fill(lambda_moved_.begin(), lambda_moved_.end(), 0);
  // What differs from the steady setup: a component down (its callers' calls now fail), a
  // cache out of the way, a split whose shares route around a down target.
  for (std::size_t i = 0; i < N_; ++i) {
    if (s_.crashed[i] != steady.s_.crashed[i] || s_.hanging[i] != steady.s_.hanging[i] ||
        s_.failover[i] || bypassed(i)) {
      settled_[i] = 0;
      moved_[i] = 1;
    }
  }
  // The region: reachable from an entry over links out of components that are up (flows()
  // sends nothing out of a component that is down).
  std::vector<char> reached(N_, 0);
  for (const CClass& c : cv_.classes) reached[static_cast<std::size_t>(c.entry)] = 1;
  order_.clear();
  for (int ii : cv_.callers_first) {
    const std::size_t i = static_cast<std::size_t>(ii);
    if (!reached[i]) continue;
    order_.push_back(ii);
    if (down(i)) continue;
    for (const CLink& l : cv_.nodes[i].out) reached[static_cast<std::size_t>(l.to)] = 1;
  }
}

ScenarioState FixedPoint::run(bool classes_only) {
  ScenarioState st;
  double previous = std::numeric_limits<double>::infinity();
  int stalled = 0, improving = 0;
  const double initial_damping = damping_;
  std::vector<double> last_lambda;
  for (int it = 1; it <= std::max(1, o_.max_iterations); ++it) {
    flows();
    double change = sweep();
    if (!last_lambda.empty()) {
      for (std::size_t x = 0; x < lambda_.size(); ++x) {
        const double a = lambda_[x], b = last_lambda[x];
        change = std::max(change, std::fabs(a - b) / std::max(1.0, std::max(a, b)));
      }
    }
    last_lambda = lambda_;
    st.iterations = it;
    st.residual = change;
    if (it > 1 && change <= o_.tolerance) break;
    // A damped iteration of a steep map oscillates: halve the step while the change grows.
    // After a run of shrinking changes it is allowed back up to the requested step.
    stalled = change >= previous ? stalled + 1 : 0;
    improving = change < previous ? improving + 1 : 0;
    if (stalled >= 4 && damping_ > 1.0 / 1024) {
      damping_ *= 0.5;
      stalled = 0;
    } else if (improving >= 8 && damping_ < initial_damping) {
      damping_ = std::min(initial_damping, 2 * damping_);
      improving = 0;
    }
    previous = change;
  }
  ScenarioState out = collect(classes_only);
  out.iterations = st.iterations;
  out.residual = st.residual;
  out.converged = st.residual <= o_.tolerance;
  return out;
}

}  // namespace archbench::detail
