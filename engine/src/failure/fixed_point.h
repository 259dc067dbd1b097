#pragma once
// One scenario's consistent state: the damped fixed point between failure probabilities,
// retries, load and holding times over a compiled version (the model is described at the top of
// faults.cpp and in docs/FAILURE.md). Private to the engine.
#include <string>
#include <vector>

#include "archbench/faults.h"
#include "analytic/compiled.h"
#include "failure/failure_modes.h"
#include "failure/outcome.h"

namespace archbench::detail {

// What the faults do to one compiled version.
struct Setup {
  std::vector<char> crashed, hanging;
  std::vector<std::vector<double>> refuse;  // [node][class]: fails fast at the node
  std::vector<std::vector<char>> cut;       // [node][out link]
  std::vector<std::string> fault_text;      // [node]
  std::vector<char> own_fault;              // [node]: a fault on the component itself, not only a cut link
  std::vector<double> stale;                // [class]: AP partition stale reads (share of visits)
  std::vector<char> failover;               // [node]: a split that routes around down targets
  std::vector<char> fall_through;           // [node]: a cache whose callers reach the origin while it is down
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
    // The crash set is fixed for this scenario: each failover split's share of targets up is
    // summed once.
    split_up_.assign(N_ * K_, 0.0);
    for (std::size_t i = 0; i < N_; ++i) {
      if (!s_.failover[i] || cv.nodes[i].behaviour != Behaviour::Split) continue;
      for (std::size_t k = 0; k < K_; ++k)
        split_up_[i * K_ + k] = split_up_total(cv, cv.nodes[i], static_cast<int>(k), s_.crashed);
    }
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
    order_ = cv.callers_first;
  }

  // Starts an impact row (this scenario is `steady`'s setup with one more component crashed)
  // from the whole steady solution, not only its damped values, and confines the iteration to
  // what the crash can reach:
  // - the region: nodes reachable from a class entry without passing a component that is down.
  //   Outside it every arrival rate is exactly 0 and no outcome is read by a node inside it, so
  //   the class outcomes do not depend on it; it is left as it was.
  // - inside it a node is computed again only when its inputs move (its arrivals, a callee's
  //   outcome or its own damped values; see sweep()); the others keep the steady values, which
  //   are the fixed point of those inputs within the steady run's tolerance.
  void start_row(const FixedPoint& steady);
  // `classes_only`: the class outcomes without their reasons, and no components or links (all
  // an impact row needs; building the rest is most of a row's time on large versions).
  ScenarioState run(bool classes_only = false);
  // Starts from another solution of the same compiled version (a scenario close to it
  // converges in fewer sweeps).
  void warm_from(const FixedPoint& other) {
    sigma_ = other.sigma_;
    lv_ = other.lv_;
    // Routing that the faults change starts from this scenario's own shares.
    for (std::size_t i = 0; i < N_; ++i) {
      if (!s_.failover[i] && !bypassed(i)) continue;
      for (std::size_t l = 0; l < cv_.nodes[i].out.size(); ++l) {
        for (std::size_t k = 0; k < K_; ++k) lv(i, l, k).factor = base_factor(i, l, k);
      }
    }
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
      case Behaviour::Cache: return miss(i, k) * link.calls[k];
      case Behaviour::Split: return split(i, l, k);
      case Behaviour::Queue: return cv_.route_probability(n, link, static_cast<int>(k));
      case Behaviour::Store: return 0;
    }
    return 0;
  }
  // A crashed cache that falls through is out of the way rather than down: its visits go on to
  // the origin without its work or its queue.
  bool bypassed(std::size_t i) const { return s_.crashed[i] && s_.fall_through[i]; }
  bool down(std::size_t i) const { return (s_.crashed[i] && !s_.fall_through[i]) || s_.hanging[i]; }
  double miss(std::size_t i, std::size_t k) const {
    const CNode& n = cv_.nodes[i];
    if (n.behaviour != Behaviour::Cache) return 1.0;
    return bypassed(i) ? 1.0 : 1.0 - n.hit[k];
  }
  double split(std::size_t i, std::size_t l, std::size_t k) const {
    return split_share(cv_, cv_.nodes[i], l, static_cast<int>(k), s_.failover[i], s_.crashed,
                       split_up_[i * K_ + k]);
  }
  double node_sigma(std::size_t i, std::size_t k) const {
    const int r = cv_.nodes[i].route[k];
    return r < 0 ? 1.0 : sigma_[static_cast<std::size_t>(cv_.role_offset[i] + r)];
  }

  void flows();
  double sweep();  // stations and outcomes, callee first; returns the largest change
  Out call(std::size_t i, std::size_t l, std::size_t k, double caller_rate, double& change);
  ScenarioState collect(bool classes_only) const;
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
  std::vector<int> order_;             // the nodes iterated, callers first (all but in a row)
  std::vector<double> sigma_;          // per role: served fraction
  std::vector<std::size_t> link_offset_;
  std::vector<LinkVar> lv_;
  std::vector<double> split_up_;       // [node][class]: split_up_total of a failover split
  std::vector<double> lambda_;         // [class][node] visits per second
  std::vector<double> first_;          // [node] visits without retries
  std::vector<Out> out_;               // [class][node] outcome of a served visit
  std::vector<double> hold_down_;      // [class][node] mean downstream time held (blocking)
  std::vector<HoldingPart> parts_;    // scratch: one station's classes and holding times
  struct RoleFig {
    double lambda = 0, holding = 0, rho = 0;
    bool saturated = false, unbounded = false;
    Moments wait{};
  };
  std::vector<RoleFig> roles_;
};

}  // namespace archbench::detail
