#include "analytic/delivery.h"

#include <cmath>

namespace archbench {

CallDelivery call_delivery(double loss, double duplicate, const LinkPolicy& policy) {
  CallDelivery d;
  const double l = loss;
  const double p = 1 - (1 - l) * (1 - l);  // the call or its answer lost
  double reached = 1 - l;                  // P(the work is done at least once)
  if (policy.timeout_ms > 0) {
    double sum = 0, pi = 1;
    for (int i = 0; i <= policy.retries; ++i) {
      sum += pi;
      pi *= p;
    }
    d.attempts = sum;
    d.failed = pi;                                  // p^(R+1)
    reached = 1 - std::pow(l, policy.retries + 1);  // some attempt's call got through
  } else {
    d.failed = p;
    d.hangs = p > 0;
  }
  d.executions = d.attempts * (1 - l) * (1 + duplicate);
  d.duplicates = std::max(0.0, d.executions - reached);
  return d;
}

std::vector<RetryDelay> retry_delays(double loss, const LinkPolicy& policy) {
  if (!(loss > 0) || !(policy.timeout_ms > 0) || policy.retries <= 0) return {};
  const double p = 1 - (1 - loss) * (1 - loss);
  const double jitter = !policy.jitter ? 1.0 : policy.jitter_equal ? 0.75 : 0.5;
  std::vector<RetryDelay> out;
  double pi = 1, delay = 0, backoff = policy.backoff_ms / 1000 * jitter, total = 0;
  for (int i = 0; i <= policy.retries; ++i) {
    out.push_back({pi * (1 - p), delay});
    total += pi * (1 - p);
    pi *= p;
    delay += policy.timeout_ms / 1000 + backoff;
    backoff *= policy.backoff_multiplier;
  }
  for (RetryDelay& r : out) r.weight /= total;  // 1 − p^(R+1)
  return out;
}

std::optional<ClassDelivery> class_delivery(const CompiledVersion& cv, int k, double load) {
  const auto kk = static_cast<std::size_t>(k);
  const CClass& cc = cv.classes[kk];
  bool any = false;
  ClassDelivery out;
  double log_ok = 0;  // ln P(no call of the request fails for lost messages)
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    const double v = cv.visits[kk][i];
    if (v <= 0) continue;
    const CNode& n = cv.nodes[i];
    for (const CLink& l : n.out) {
      if (l.loss <= 0 && l.duplicate <= 0) continue;
      // Calls on this link per visit of the caller, as in compute_visits.
      const double per_visit = cv.visits_per_visit(n, l, k);
      const double calls = v * per_visit;  // per request of the class
      if (calls <= 0) continue;
      any = true;
      const CallDelivery d = call_delivery(l.loss, l.duplicate, l.policy);
      // A queue's delivery has no caller waiting: its loss is the broker's business.
      if (n.behaviour != Behaviour::Queue) {
        log_ok += calls * std::log1p(-d.failed);
        out.hangs = out.hangs || d.hangs;
      }
      if (cc.op == Op::Write && !cc.idempotent && !l.idempotent)
        out.duplicates_per_day += load * cc.average_rate * 86400.0 * calls * d.duplicates;
    }
  }
  if (!any) return std::nullopt;
  out.lost_share = -std::expm1(log_ok);
  return out;
}

}  // namespace archbench
