// Failure analysis: faults applied to a compiled version, resilience policies on the links, and
// the damped fixed point between failure probabilities, retries, load and holding times.
//
// Model (documented in docs/FAILURE.md):
// - A visit's outcome is a set of probabilities — answered (ok or degraded), failed, or hung
//   (never returns) — with the first two moments of the time of the answered and of the failed.
// - A call over a link makes attempts: each attempt sees the callee's outcome plus the round trip;
//   a timeout turns the part of an answer slower than T (two-moment gamma fit) and every hang
//   into a failure at T; retries repeat failed attempts (Σ p^i attempts for independent failures);
//   a circuit breaker admits a fraction of the calls, found so that the attempts' failure rate
//   sits at its threshold (one probe per open period when the callee is down); a bulkhead rejects
//   calls with the Erlang B probability of its concurrent-call limit; rejected and (with a
//   degraded fallback) failed calls are answered by the fallback.
// - A station offered more than it can carry (ρ ≥ 1) serves 1/ρ of its visits (fluid limit of a
//   many-server queue with abandonment): a caller with timeout T sees them answered at ≈ T and
//   the rest time out; a caller without a timeout waits without bound (hangs). Near ρ = 1 this
//   meets retries in two consistent states (healthy, or a retry storm); the damped iteration may
//   then not settle, and says so with its residual.
// - Blocking callers hold a server for their own work and their calls' whole time, failures and
//   timeouts included, so slow callees exhaust their callers (the cascading-timeout story).
// Iterated to a fixed point with damping; the last sweep's largest change is the residual.
#include "archbench/faults.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <cmath>
#include <thread>
#include <limits>
#include <map>
#include <set>

#include <boost/math/special_functions/gamma.hpp>

#include "archbench/format.h"
#include "archbench/queueing.h"
#include "archbench/validate.h"
#include "compiled.h"
#include "params.h"

namespace archbench {

const ClassOutcome* ScenarioState::request_class(const std::string& name) const {
  for (const auto& c : classes) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const ComponentOutcome* ScenarioState::component(const std::string& id) const {
  for (const auto& c : components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string describe(const Fault& f) {
  const std::string q = "\"" + f.component + "\"";
  switch (f.type) {
    case FaultType::Crash: return "crash " + f.component;
    case FaultType::Hang: return "hang " + f.component;
    case FaultType::Lose:
      return "lose " + std::to_string(f.instances) + (f.instances == 1 ? " instance of " : " instances of ") +
             f.component;
    case FaultType::Slow: {
      std::string s = "slow " + f.component;
      if (f.factor != 1) s += " ×" + format_multiplier(f.factor);
      if (f.add_ms != 0) s += " +" + format_ms(f.add_ms) + " ms";
      return s;
    }
    case FaultType::Flush:
      return f.hit_ratio == 0 ? "flush " + f.component
                              : "flush " + f.component + " (hit ratio " + format_percent(f.hit_ratio) + ")";
    case FaultType::Cut: return "cut " + f.component + "→" + f.to;
    case FaultType::Zone: return "zone " + f.zone + " down";
    case FaultType::Spike: return "spike ×" + format_multiplier(f.factor);
    case FaultType::Partition:
      return "partition " + f.component + " (" + format_percent(f.fraction) + " cut off)";
  }
  (void)q;
  return "";
}

namespace {

constexpr double kHangEpsilon = 1e-12;

// Double precision throughout: Boost's default promotes to long double (x87), several times slower
// in the tails evaluated on every sweep, for digits no figure shows.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// Accumulates weighted times; result() is the normalised mixture.
struct Mix {
  double w = 0, m1 = 0, m2 = 0;
  void add(double p, const Moments& m) {
    if (p <= 0) return;
    w += p;
    m1 += p * m.mean;
    m2 += p * m.second();
  }
  Moments result() const {
    if (w <= 0) return {};
    const double mean = m1 / w;
    return {mean, std::max(0.0, m2 / w - mean * mean), false};
  }
};

// The outcome of a visit or a call. ok + deg + fail + hang = 1.
struct Out {
  double ok = 1, deg = 0, fail = 0, hang = 0;
  Moments ans{}, fl{};  // times of the answered and of the failed
  double answered() const { return ok + deg; }
};

Out answered_in(const Moments& t) {
  Out o;
  o.ans = t;
  return o;
}
Out failed_in(const Moments& t) {
  Out o;
  o.ok = 0;
  o.fail = 1;
  o.fl = t;
  return o;
}
Out hung() {
  Out o;
  o.ok = 0;
  o.hang = 1;
  return o;
}

// a, then b when a answered.
Out then(const Out& a, const Out& b) {
  Out r;
  const double aa = a.answered();
  r.ok = a.ok * b.ok;
  r.deg = a.ok * b.deg + a.deg * b.answered();
  r.fail = a.fail + aa * b.fail;
  r.hang = a.hang + aa * b.hang;
  r.ans = seq(a.ans, b.ans);
  Mix m;
  m.add(a.fail, a.fl);
  m.add(aa * b.fail, seq(a.ans, b.fl));
  r.fl = m.result();
  return r;
}

// a with probability p, else b.
Out either(double p, const Out& a, const Out& b) {
  Out r;
  r.ok = p * a.ok + (1 - p) * b.ok;
  r.deg = p * a.deg + (1 - p) * b.deg;
  r.fail = p * a.fail + (1 - p) * b.fail;
  r.hang = p * a.hang + (1 - p) * b.hang;
  Mix ma, mf;
  ma.add(p * a.answered(), a.ans);
  ma.add((1 - p) * b.answered(), b.ans);
  mf.add(p * a.fail, a.fl);
  mf.add((1 - p) * b.fail, b.fl);
  r.ans = ma.result();
  r.fl = mf.result();
  return r;
}

// ⌊n⌋ calls in sequence (by squaring), then one more with probability frac(n).
Out repeated(const Out& unit, double n) {
  Out result;  // answered at once
  long long whole = static_cast<long long>(std::floor(n));
  const double frac = n - static_cast<double>(whole);
  Out base = unit;
  while (whole > 0) {
    if (whole & 1) result = then(result, base);
    whole >>= 1;
    if (whole > 0) base = then(base, base);
  }
  if (frac > 0) result = then(result, either(frac, unit, Out{}));
  return result;
}

// Expected calls made out of n sequential ones, when each is answered with probability a and
// the visit stops at the first that is not.
double calls_made(double n, double a) {
  const double whole = std::floor(n), frac = n - whole;
  double made = 0, reach = 1;
  if (a >= 1) return n;
  made = a < 1 ? (1 - std::pow(a, whole)) / (1 - a) : whole;
  reach = std::pow(a, whole);
  return made + frac * reach;
}

// Two-moment gamma fit of a time, for tails and percentiles.
struct GammaFit {
  bool point = true;
  double value = 0;  // point
  double shape = 0, scale = 0;
  explicit GammaFit(const Moments& m) {
    value = m.mean;
    if (m.mean <= 0) return;
    const double scv = m.var / (m.mean * m.mean);
    if (scv < 1e-6) return;
    point = false;
    shape = 1.0 / scv;
    scale = m.mean * scv;
  }
  // P(X > t), and the moments of X given X ≤ t, with one incomplete gamma function:
  // P(a+1, x) = P(a, x) − x^a e^−x / Γ(a+1). A tail below e^−40 by the Chernoff bound
  // (x/a)^a e^(a−x) is taken as zero without evaluating anything.
  struct Cut {
    double tail = 0;
    Moments below{};
  };
  Cut cut(double t, const Moments& m) const {
    Cut c;
    c.below = m;
    if (point) {
      c.tail = value > t ? 1.0 : 0.0;
      if (c.tail > 0) c.below = constant(t);
      return c;
    }
    const double x = t / scale, a = shape;
    if (x > a && a * std::log(x / a) + a - x < -40) return c;
    c.tail = boost::math::gamma_q(a, x, DoublePolicy());
    const double p0 = 1 - c.tail;
    if (p0 <= 1e-300) {
      c.below = constant(t);
      return c;
    }
    const double d = boost::math::gamma_p_derivative(a, x, DoublePolicy());  // x^(a−1) e^−x / Γ(a)
    const double p1 = p0 - x * d / a;                         // P(a+1, x)
    const double p2 = p1 - x * x * d / (a * (a + 1));         // P(a+2, x)
    const double m1 = a * scale * std::max(0.0, p1) / p0;
    const double m2 = a * (a + 1) * scale * scale * std::max(0.0, p2) / p0;
    c.below = {std::min(m1, t), std::max(0.0, m2 - m1 * m1), false};
    return c;
  }
  double quantile(double q) const {
    if (point) return value;
    return scale * boost::math::gamma_p_inv(shape, q, DoublePolicy());
  }
};

// What the faults do to one compiled version.
struct Setup {
  std::vector<char> crashed, hanging;
  std::vector<std::vector<double>> refuse;  // [node][class]: fails fast at the node
  std::vector<std::vector<char>> cut;       // [node][out link]
  std::vector<std::string> fault_text;      // [node]
  std::vector<char> own_fault;              // [node]: a fault on the component itself, not only a cut link
  std::vector<double> stale;                // [class]: AP partition stale reads (share of visits)
};

struct LinkVar {  // per (node, out link, class)
  double attempts = 1;  // per admitted call
  double admitted = 1;  // breaker
  double rejected = 0;  // bulkhead
  double factor = 0;    // calls made per visit of the caller (routing × reach)
  double attempt_fail = 0, timed_out = 0, in_flight = 0;
};

class FixedPoint {
 public:
  FixedPoint(const CompiledVersion& cv, const Setup& setup, const ResilienceOptions& o)
      : cv_(cv), s_(setup), o_(o), damping_(std::clamp(o.damping, 1e-3, 1.0)),
        N_(cv.nodes.size()), K_(cv.classes.size()) {
    sigma_.assign(cv.role_count, 1.0);
    link_offset_.resize(N_);
    std::size_t links = 0;
    for (std::size_t i = 0; i < N_; ++i) {
      link_offset_[i] = links;
      links += cv.nodes[i].out.size();
    }
    lv_.assign(links * K_, {});
    for (std::size_t i = 0; i < N_; ++i) {
      const CNode& n = cv.nodes[i];
      for (std::size_t l = 0; l < n.out.size(); ++l) {
        for (std::size_t k = 0; k < K_; ++k) lv(i, l, k).factor = base_factor(i, l, k);
      }
    }
    lambda_.assign(K_ * N_, 0.0);
    first_.assign(N_, 0.0);
    settled_.assign(N_, 0);
    moved_.assign(N_, 1);
    lambda_moved_.assign(N_, 1);
    out_.assign(K_ * N_, Out{});
    hold_down_.assign(K_ * N_, 0.0);
  }

  ScenarioState run();
  // Starts from another solution of the same compiled version (a scenario close to it
  // converges in fewer sweeps).
  void warm_from(const FixedPoint& other) {
    sigma_ = other.sigma_;
    lv_ = other.lv_;
  }

 private:
  LinkVar& lv(std::size_t i, std::size_t l, std::size_t k) { return lv_[(link_offset_[i] + l) * K_ + k]; }
  double& lam(std::size_t k, std::size_t i) { return lambda_[k * N_ + i]; }
  Out& out(std::size_t k, std::size_t i) { return out_[k * N_ + i]; }

  double base_factor(std::size_t i, std::size_t l, std::size_t k) const {
    const CNode& n = cv_.nodes[i];
    const CLink& link = n.out[l];
    switch (n.behaviour) {
      case Behaviour::Client:
      case Behaviour::Service: return link.calls[k];
      case Behaviour::Cache: return (1.0 - n.hit[k]) * link.calls[k];
      case Behaviour::Split:
      case Behaviour::Queue: return cv_.route_probability(n, link, static_cast<int>(k));
      case Behaviour::Store: return 0;
    }
    return 0;
  }
  bool down(std::size_t i) const { return s_.crashed[i] || s_.hanging[i]; }
  double node_sigma(std::size_t i, std::size_t k) const {
    const int r = cv_.nodes[i].route[k];
    return r < 0 ? 1.0 : sigma_[static_cast<std::size_t>(cv_.role_offset[i] + r)];
  }

  void flows();
  double sweep();  // stations and outcomes, callee first; returns the largest change
  Out call(std::size_t i, std::size_t l, std::size_t k, double caller_rate, double& change);
  ScenarioState collect() const;
  std::string culprit_below(const std::string& id) const;
  bool uses_cut_link(std::size_t i, std::size_t k) const {
    for (std::size_t l = 0; l < cv_.nodes[i].out.size(); ++l) {
      if (s_.cut[i][l] && lv_[(link_offset_[i] + l) * K_ + k].factor > 0) return true;
    }
    return false;
  }

  const CompiledVersion& cv_;
  const Setup& s_;
  ResilienceOptions o_;
  double damping_ = 0.5;  // lowered while the sweeps stop getting closer (oscillation)
  std::size_t N_, K_;
  std::vector<double> previous_lambda_;
  bool swept_ = false;                 // a sweep has computed every component
  std::vector<char> settled_, moved_, lambda_moved_;  // [node]
  std::vector<double> sigma_;          // per role: served fraction
  std::vector<std::size_t> link_offset_;
  std::vector<LinkVar> lv_;
  std::vector<double> lambda_;         // [class][node] visits per second
  std::vector<double> first_;          // [node] visits without retries
  std::vector<Out> out_;               // [class][node] outcome of a served visit
  std::vector<double> hold_down_;      // [class][node] mean downstream time held (blocking)
  struct RoleFig {
    double lambda = 0, holding = 0, rho = 0;
    bool saturated = false, unbounded = false;
    Moments wait{};
  };
  std::vector<RoleFig> roles_;
};

void FixedPoint::flows() {
  previous_lambda_.swap(lambda_);
  lambda_.assign(K_ * N_, 0.0);
  std::fill(first_.begin(), first_.end(), 0.0);
  for (std::size_t k = 0; k < K_; ++k) {
    const double entry = o_.load * cv_.classes[k].peak_rate;
    lam(k, static_cast<std::size_t>(cv_.classes[k].entry)) += entry;
    first_[static_cast<std::size_t>(cv_.classes[k].entry)] += entry;
  }
  for (int ii : cv_.callers_first) {
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
  for (std::size_t i = 0; i < N_; ++i) {
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
  const Moments trip = constant(2 * link.latency_s);

  // One attempt.
  Out a;
  double timed_out = 0;
  if (s_.cut[i][l] || s_.hanging[j]) {
    a = hung();
  } else if (s_.crashed[j]) {
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
        before = seq(before, p.jitter ? Moments{backoff / 2, backoff * backoff / 12, false} : constant(backoff));
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
  for (auto it = cv_.callers_first.rbegin(); it != cv_.callers_first.rend(); ++it) {
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
          const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
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
          if (n.behaviour == Behaviour::Cache) d = either(1.0 - n.hit[k], d, Out{});
          break;
        }
        case Behaviour::Split: {
          d.ok = 0;
          Out acc;
          double total = 0;
          bool first = true;
          for (std::size_t l = 0; l < n.out.size(); ++l) {
            const double pr = cv_.route_probability(n, n.out[l], static_cast<int>(k));
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
    // Stations.
    for (std::size_t r = 0; r < n.roles.size(); ++r) {
      const CStationRole& role = n.roles[r];
      RoleFig& rf = roles_[static_cast<std::size_t>(cv_.role_offset[i]) + r];
      double m1 = 0, m2 = 0;
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
          const StationSolution sol = solve_station(role.servers, rf.lambda, rf.holding, 1.0, scv);
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
    // Outcome of a served visit: the wait, the own work, then downstream; refusals fail fast.
    for (std::size_t k = 0; k < K_; ++k) {
      if (lam(k, i) <= 0 && cv_.visits[k][i] <= 0) continue;
      Moments own = n.shape[k].moments();
      if (n.route[k] >= 0) {
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
    settled_[i] = std::max(node_change, out_change) < 1e-13;
    moved_[i] = out_change >= 1e-13;
  }
  swept_ = true;
  return change;
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

ScenarioState FixedPoint::run() {
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
  ScenarioState out = collect();
  out.iterations = st.iterations;
  out.residual = st.residual;
  out.converged = st.residual <= o_.tolerance;
  return out;
}

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

ScenarioState FixedPoint::collect() const {
  ScenarioState st;
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
    c.retry_amplification = first_[i] > 0 ? offered[i] / first_[i] : 1.0;
    c.down = down(i);
    c.instances_up = static_cast<int>(n.instances);
    if (n.behaviour == Behaviour::Store) c.instances_up = 1 + n.replicas;
    if (c.down) {
      c.served = 0;
      c.instances_up = 0;
      c.reason = s_.crashed[i] ? "down: calls to it fail fast" : "hangs: calls to it wait for their timeout";
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
      }
      if (w <= 0) continue;
      lo.attempts_per_call = 1 + lo.attempts_per_call / w;
      lo.attempt_failure /= w;
      lo.timed_out /= w;
      lo.breaker_admitted = 1 + lo.breaker_admitted / w;
      lo.bulkhead_rejected /= w;
      st.links.push_back(lo);
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
    if (c.failed > 1e-4) {
      // Name what it meets on its way: a component that is down first, then another fault,
      // else a saturated station.
      std::string fault, other_fault, saturated;
      for (int ii : cv_.callers_first) {
        const std::size_t i = static_cast<std::size_t>(ii);
        if (cv_.visits[k][i] <= 0) continue;
        if (fault.empty() && down(i)) fault = cv_.nodes[i].id;
        if (other_fault.empty() && (s_.own_fault[i] || uses_cut_link(i, k))) other_fault = cv_.nodes[i].id;
        if (saturated.empty() && st.components[i].saturated) saturated = cv_.nodes[i].id;
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
      else
        c.reason = "timeouts on its calls";
    }
    st.classes.push_back(std::move(c));
  }
  return st;
}

// --- Applying faults -------------------------------------------------------------------------

const Component* find_component(const Version& v, const std::string& id) { return v.component(id); }

bool is_database(const Catalog& catalog, const Component& c) {
  const KindDecl* k = catalog.find(c.kind);
  return k && k->behaviour == Behaviour::Store && k->param("read_replicas");
}

// Instances of `c` (a database: its nodes, the primary first) in zone `z`.
std::vector<bool> in_zone(const Component& c, int units, const std::string& z) {
  std::vector<bool> out(static_cast<std::size_t>(units), false);
  if (c.zones.empty()) return out;
  for (int u = 0; u < units; ++u) out[static_cast<std::size_t>(u)] = c.zones[static_cast<std::size_t>(u) % c.zones.size()] == z;
  return out;
}

struct Applied {
  Version version;                           // with instances lost, caches flushed
  std::map<std::string, std::string> text;   // component → what the faults do to it
  std::set<std::string> crashed, hanging, primary_down;
  std::set<std::pair<std::string, std::string>> cut;
  std::map<std::string, std::pair<double, double>> slow;  // ×, +s
  double spike = 1;
  std::vector<const Fault*> partitions;
  std::set<std::string> own;  // components with a fault of their own (not only a cut link)
};

void note(Applied& a, const std::string& id, const std::string& what, bool own = true) {
  if (own) a.own.insert(id);
  std::string& t = a.text[id];
  t += (t.empty() ? "" : ", ") + what;
}

Applied apply(const Version& v, const Catalog& catalog, const std::vector<Fault>& faults) {
  Applied a;
  a.version = v;
  auto set_number = [&](const std::string& id, const std::string& param, double value) {
    a.version.component(id)->params[param] = ParamValue::of(value);
  };
  // Counts are read from the version as the earlier faults left it, so faults combine (two
  // zones, a zone and a lost instance).
  auto lose = [&](const Component& original, int lost, const std::string& why) {
    const Component& c = *a.version.component(original.id);
    const KindDecl* k = catalog.find(c.kind);
    if (is_database(catalog, c)) {
      const int replicas = static_cast<int>(detail::param_number(c, *k, "read_replicas", "", 0));
      if (lost > replicas || (lost == replicas && a.primary_down.count(c.id))) {
        a.crashed.insert(c.id);
      } else {
        set_number(c.id, "read_replicas", replicas - lost);
      }
    } else {
      const int n = static_cast<int>(detail::param_number(c, *k, "instances", "", 1));
      if (lost >= n) a.crashed.insert(c.id);
      else set_number(c.id, "instances", n - lost);
    }
    note(a, c.id, why);
  };
  for (const Fault& f : faults) {
    switch (f.type) {
      case FaultType::Crash: a.crashed.insert(f.component); note(a, f.component, "crashed"); break;
      case FaultType::Hang: a.hanging.insert(f.component); note(a, f.component, "hangs"); break;
      case FaultType::Lose:
        if (const Component* c = find_component(v, f.component))
          lose(*c, f.instances, "−" + std::to_string(f.instances) + (f.instances == 1 ? " instance" : " instances"));
        break;
      case FaultType::Slow: {
        auto& s = a.slow[f.component];
        if (s.first == 0) s = {1.0, 0.0};
        s.first *= f.factor;
        s.second += f.add_ms / 1000.0;
        std::string t;
        if (f.factor != 1) t = "×" + format_multiplier(f.factor) + " slower";
        if (f.add_ms != 0) t += (t.empty() ? "+" : " +") + format_ms(f.add_ms) + " ms";
        note(a, f.component, t);
        break;
      }
      case FaultType::Flush:
        set_number(f.component, "hit_ratio", f.hit_ratio);
        note(a, f.component, f.hit_ratio == 0 ? "flushed" : "hit ratio " + format_percent(f.hit_ratio));
        break;
      case FaultType::Cut:
        a.cut.insert({f.component, f.to});
        note(a, f.component, "link to " + f.to + " cut", false);
        break;
      case FaultType::Zone:
        for (const Component& c : v.components) {
          if (c.zones.empty()) continue;
          const KindDecl* k = catalog.find(c.kind);
          if (!k) continue;
          // Placement follows the design as written: instance i in zones[i mod n], a
          // database's primary first.
          if (is_database(catalog, c)) {
            const int replicas = static_cast<int>(detail::param_number(c, *k, "read_replicas", "", 0));
            const auto hit = in_zone(c, replicas + 1, f.zone);
            const int lost_replicas = static_cast<int>(std::count(hit.begin() + 1, hit.end(), true));
            if (!hit[0] && lost_replicas == 0) continue;
            if (hit[0]) a.primary_down.insert(c.id);
            lose(c, lost_replicas, "zone " + f.zone + " down" + (hit[0] ? " (primary)" : ""));
          } else {
            const int n = static_cast<int>(detail::param_number(c, *k, "instances", "", 1));
            const auto hit = in_zone(c, n, f.zone);
            const int lost = static_cast<int>(std::count(hit.begin(), hit.end(), true));
            if (lost > 0) lose(c, lost, "zone " + f.zone + " down (−" + std::to_string(lost) + ")");
          }
        }
        break;
      case FaultType::Spike: a.spike *= f.factor; break;
      case FaultType::Partition:
        a.partitions.push_back(&f);
        note(a, f.component, "partitioned");
        break;
    }
  }
  return a;
}

Setup make_setup(const CompiledVersion& cv, const Applied& a, const Catalog& catalog, const Version& v) {
  const std::size_t N = cv.nodes.size(), K = cv.classes.size();
  Setup s;
  s.crashed.assign(N, 0);
  s.hanging.assign(N, 0);
  s.refuse.assign(N, std::vector<double>(K, 0.0));
  s.cut.resize(N);
  s.fault_text.assign(N, "");
  s.own_fault.assign(N, 0);
  s.stale.assign(K, 0.0);
  for (std::size_t i = 0; i < N; ++i) {
    const CNode& n = cv.nodes[i];
    s.cut[i].assign(n.out.size(), 0);
    if (a.crashed.count(n.id)) s.crashed[i] = 1;
    if (a.hanging.count(n.id)) s.hanging[i] = 1;
    if (auto it = a.text.find(n.id); it != a.text.end()) s.fault_text[i] = it->second;
    if (a.own.count(n.id)) s.own_fault[i] = 1;
    for (std::size_t l = 0; l < n.out.size(); ++l) {
      if (a.cut.count({n.id, cv.nodes[static_cast<std::size_t>(n.out[l].to)].id})) s.cut[i][l] = 1;
    }
    if (a.primary_down.count(n.id)) {
      for (std::size_t k = 0; k < K; ++k) {
        if (cv.classes[k].op == Op::Write) s.refuse[i][k] = 1.0;
      }
    }
  }
  for (const Fault* f : a.partitions) {
    const Component* c = v.component(f->component);
    const KindDecl* k = c ? catalog.find(c->kind) : nullptr;
    if (!c || !k) continue;
    const bool cp = detail::param_bool(*c, *k, "synchronous_replication", false);
    for (std::size_t i = 0; i < N; ++i) {
      if (cv.nodes[i].id != f->component) continue;
      for (std::size_t kk = 0; kk < K; ++kk) {
        if (cp) s.refuse[i][kk] = std::max(s.refuse[i][kk], f->fraction);
        else if (cv.classes[kk].op == Op::Read)
          s.stale[kk] = std::max(s.stale[kk], f->fraction * std::min(1.0, cv.visits[kk][i]));
      }
    }
  }
  return s;
}

CompiledVersion compile_faulted(const Applied& a, const Catalog& catalog) {
  CompiledVersion cv(a.version, catalog);
  for (auto& n : cv.nodes) {
    auto it = a.slow.find(n.id);
    if (it == a.slow.end()) continue;
    n.shape.clear();
    for (double& s : n.service_s) {
      s = s * it->second.first + it->second.second;
      n.shape.push_back(ServiceShape::fit(s, n.scv));
    }
  }
  for (auto& c : cv.classes) {
    c.peak_rate *= a.spike;
    c.average_rate *= a.spike;
  }
  return cv;
}

ScenarioState solve(const CompiledVersion& cv, const Setup& s, const ResilienceOptions& o) {
  return FixedPoint(cv, s, o).run();
}

// Capacity in visits per second of a component's busiest station: offered / ρ (= c / H).
double capacity_of(const ComponentOutcome& c) {
  if (c.down) return 0.0;
  if (c.saturated) return c.offered_per_s * c.served;  // what it gets through; 0 when stuck
  if (c.offered_utilization > 0) return c.offered_per_s / c.offered_utilization;
  return std::numeric_limits<double>::infinity();
}

// Fluid backlog of each queue whose consumers carry less than what flows in during the fault:
// it grows at (inflow − capacity) for the duration and drains at (normal capacity − inflow).
std::vector<Backlog> backlogs(const ScenarioState& steady, const CompiledVersion& faulted,
                              const ScenarioState& during, const Setup& setup, double duration_s) {
  std::vector<Backlog> out;
  for (std::size_t q = 0; q < faulted.nodes.size(); ++q) {
    const CNode& n = faulted.nodes[q];
    if (n.behaviour != Behaviour::Queue || setup.crashed[q] || setup.hanging[q]) continue;
    Backlog b;
    b.queue = n.id;
    b.duration_s = duration_s;
    double worst_drain = 0;
    bool never = false;
    for (const auto& l : n.out) {
      const std::size_t j = static_cast<std::size_t>(l.to);
      const double inflow = during.components[j].offered_per_s;
      if (inflow <= 0) continue;
      const double during_cap = std::min(capacity_of(during.components[j]), 1e300);
      const double normal_cap = std::min(capacity_of(steady.components[j]), 1e300);
      b.inflow_per_s += inflow;
      b.drain_capacity_per_s += std::min(during_cap, inflow);
      b.normal_capacity_per_s += std::min(normal_cap, 1e300);
      const double excess = inflow - during_cap;
      if (excess <= 0) continue;
      const double backlog = excess * duration_s;
      b.backlog_messages += backlog;
      // FIFO: the message at the head at the end arrived when the served ones ran out.
      b.oldest_message_age_s = std::max(b.oldest_message_age_s, duration_s * (1 - during_cap / inflow));
      const double spare = normal_cap - inflow;
      if (spare <= 0) never = true;
      else worst_drain = std::max(worst_drain, backlog / spare);
    }
    if (b.backlog_messages <= 0) continue;
    if (!never) b.drain_s = worst_drain;
    out.push_back(b);
  }
  return out;
}

std::vector<PartitionOutcome> partitions(const CompiledVersion& cv, const Applied& a, const Catalog& catalog,
                                         double load) {
  std::vector<PartitionOutcome> out;
  for (const Fault* f : a.partitions) {
    PartitionOutcome p;
    p.store = f->component;
    p.fraction = f->fraction;
    p.duration_s = f->duration_s;
    p.divergence_window_s = f->duration_s;
    const Component* c = a.version.component(f->component);
    const KindDecl* k = c ? catalog.find(c->kind) : nullptr;
    if (c && k) p.synchronous = detail::param_bool(*c, *k, "synchronous_replication", false);
    for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
      if (cv.nodes[i].id != f->component) continue;
      for (std::size_t kk = 0; kk < cv.classes.size(); ++kk) {
        const double reach = std::min(1.0, cv.visits[kk][i]);
        if (reach <= 0) continue;
        PartitionOutcome::PerClass pc;
        pc.name = cv.classes[kk].name;
        pc.op = cv.classes[kk].op;
        pc.cp_failed = f->fraction * reach;
        if (pc.op == Op::Read) pc.ap_stale = f->fraction * reach;
        else pc.ap_divergent_writes = load * cv.classes[kk].peak_rate * reach * f->fraction * f->duration_s;
        p.classes.push_back(pc);
      }
    }
    out.push_back(p);
  }
  return out;
}

void check(const Version& version, const Catalog& catalog, const std::vector<Fault>& faults) {
  auto problems = validate_version(version, catalog);
  if (!problems.empty()) throw InputError("version \"" + version.name + "\"", std::move(problems));
  auto fp = validate_faults(version, catalog, faults, "/faults");
  if (!fp.empty()) throw InputError("version \"" + version.name + "\"", std::move(fp));
}

}  // namespace

WhatIfReport what_if(const Version& version, const Catalog& catalog, const std::vector<Fault>& faults,
                     const ResilienceOptions& options) {
  check(version, catalog, faults);
  WhatIfReport r;
  r.version = version.name;
  r.faults = faults;
  const CompiledVersion base(version, catalog);
  const Applied none = apply(version, catalog, {});
  const Setup steady_setup = make_setup(base, none, catalog, version);
  r.steady = solve(base, steady_setup, options);
  const Applied applied = apply(version, catalog, faults);
  const CompiledVersion cv = compile_faulted(applied, catalog);
  const Setup setup = make_setup(cv, applied, catalog, version);
  r.faulted = solve(cv, setup, options);
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    if (r.faulted.components[i].faulted && (r.faulted.components[i].down || r.faulted.components[i].saturated))
      r.cascade.push_back(cv.nodes[i].id);
  }
  for (auto it = cv.callers_first.rbegin(); it != cv.callers_first.rend(); ++it) {
    const auto& c = r.faulted.components[static_cast<std::size_t>(*it)];
    if (c.saturated && std::find(r.cascade.begin(), r.cascade.end(), c.id) == r.cascade.end())
      r.cascade.push_back(c.id);
  }
  double duration = 0;
  for (const Fault& f : faults) duration = std::max(duration, f.duration_s);
  if (duration <= 0) duration = 600;
  r.backlogs = backlogs(r.steady, cv, r.faulted, setup, duration);
  r.partitions = partitions(cv, applied, catalog, options.load);
  return r;
}

ImpactMatrix impact_matrix(const Version& version, const Catalog& catalog, const ResilienceOptions& options) {
  check(version, catalog, {});
  ImpactMatrix m;
  m.version = version.name;
  const CompiledVersion cv(version, catalog);
  const Applied none = apply(version, catalog, {});
  const Setup base = make_setup(cv, none, catalog, version);
  FixedPoint steady_fp(cv, base, options);
  const ScenarioState steady = steady_fp.run();
  auto cells = [](const ScenarioState& s) {
    std::vector<ImpactCell> out;
    for (const auto& c : s.classes) out.push_back({c.success, c.success + c.degraded, c.answered_p95_ms});
    return out;
  };
  for (const auto& c : cv.classes) m.classes.push_back(c.name);
  m.steady = cells(steady);
  double total_rate = 0;
  for (const auto& c : cv.classes) total_rate += c.peak_rate;
  std::vector<std::size_t> targets;
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    if (cv.nodes[i].behaviour != Behaviour::Client && !cv.node_classes[i].empty()) targets.push_back(i);
  }
  m.rows.resize(targets.size());
  // Cells show percentages to 0.01%: a tolerance of 1e-7 is ample, and each crash starts from the
  // steady solution. Rows are independent, so they are spread over the cores.
  ResilienceOptions row_options = options;
  row_options.tolerance = std::max(options.tolerance, 1e-7);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto rows = [&] {
    for (std::size_t t = next++; t < targets.size(); t = next++) {
      const std::size_t i = targets[t];
      Setup s = base;
      s.crashed[i] = 1;
      s.fault_text[i] = "crashed";
      FixedPoint fp(cv, s, row_options);
      fp.warm_from(steady_fp);
      const ScenarioState st = fp.run();
      ImpactRow& row = m.rows[t];
      row.component = cv.nodes[i].id;
      row.cells = cells(st);
      double lost = 0;
      for (std::size_t k = 0; k < cv.classes.size(); ++k) {
        lost += cv.classes[k].peak_rate * std::max(0.0, m.steady[k].answered - row.cells[k].answered);
      }
      row.criticality = total_rate > 0 ? lost / total_rate : 0.0;
    }
  };
  // An exception in a worker is carried to the caller (after every thread has stopped).
  auto work = [&] {
    try {
      rows();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = targets.size();
    }
  };
  const unsigned threads = targets.size() < 8 ? 1u : std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  std::stable_sort(m.rows.begin(), m.rows.end(),
                   [](const ImpactRow& a, const ImpactRow& b) { return a.criticality > b.criticality; });
  return m;
}

ExperimentResult run_experiment(const Version& version, const Catalog& catalog, const Experiment& e,
                                const ResilienceOptions& options) {
  ExperimentResult r;
  r.name = e.name;
  r.hypothesis = e.hypothesis;
  r.report = what_if(version, catalog, e.faults, options);
  r.passed = true;
  for (const Condition& c : e.conditions) {
    ConditionResult cr;
    cr.condition = c;
    const ClassOutcome* o = r.report.faulted.request_class(c.request_class);
    if (o) {
      switch (c.metric) {
        case Metric::Success: cr.observed = o->success * 100; break;
        case Metric::Answered: cr.observed = (o->success + o->degraded) * 100; break;
        case Metric::Degraded: cr.observed = o->degraded * 100; break;
        case Metric::Failed: cr.observed = o->failed * 100; break;
        case Metric::MeanMs: cr.observed = o->answered_mean_ms; break;
        case Metric::P95Ms: cr.observed = o->answered_p95_ms; break;
      }
    }
    const bool percent = c.metric != Metric::MeanMs && c.metric != Metric::P95Ms;
    if (cr.observed) cr.holds = c.op == Cmp::AtLeast ? *cr.observed >= c.value : *cr.observed <= c.value;
    auto figure = [&](double x) { return percent ? format_percent(x / 100) : format_ms(x); };
    cr.text = c.request_class + " " + to_string(c.metric) + (c.op == Cmp::AtLeast ? " ≥ " : " ≤ ") +
              figure(c.value) + ": " + (cr.observed ? figure(*cr.observed) : std::string("none")) +
              (cr.holds ? " ✓" : " ✗");
    r.passed = r.passed && cr.holds;
    r.conditions.push_back(std::move(cr));
  }
  for (std::size_t k = 0; k < r.report.faulted.classes.size(); ++k) {
    const ClassOutcome& a = r.report.steady.classes[k];
    const ClassOutcome& b = r.report.faulted.classes[k];
    const bool answered = std::fabs((a.success + a.degraded) - (b.success + b.degraded)) > 1e-3;
    const bool slower = a.answered_p95_ms.has_value() != b.answered_p95_ms.has_value() ||
                        (a.answered_p95_ms && b.answered_p95_ms &&
                         std::fabs(*b.answered_p95_ms - *a.answered_p95_ms) > 0.1 * *a.answered_p95_ms);
    if (!answered && !slower && b.stale_reads <= 0) continue;
    r.affected.push_back(b.name);
    if (!e.blast_radius.empty() &&
        std::find(e.blast_radius.begin(), e.blast_radius.end(), b.name) == e.blast_radius.end())
      r.outside_blast_radius.push_back(b.name);
  }
  if (!r.outside_blast_radius.empty()) r.passed = false;
  return r;
}

}  // namespace archbench
