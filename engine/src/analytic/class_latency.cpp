#include "analytic/class_latency.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace archbench {

// Z^⌊c⌋ · ((1 − f) + f·Z): ⌊c⌋ calls for sure and one more with probability f = frac(c).
cplx repeat_lst(cplx z, double calls) {
  const double n = std::floor(calls);
  const double f = calls - n;
  cplx r = 1.0;
  if (n > 8) {
    r = std::pow(z, n);
  } else {
    for (int i = 0; i < static_cast<int>(n); ++i) r *= z;
  }
  return f > 0 ? r * ((1.0 - f) + f * z) : r;
}

// Point masses of one visit: (wait ⊗ service) ⊗ downstream, where a wait has mass 1 − P(wait)
// at 0, a constant service all its mass at S, and each call adds its fixed network delay.
Atoms ClassLatency::visit_atoms(const Program& p, const Step& s, const std::vector<Atoms>& atoms) {
  if (s.table >= 0) return p.tables[static_cast<std::size_t>(s.table)].atoms();
  Atoms own;
  using T = ServiceShape::Type;
  if (s.own != SIZE_MAX) own = atoms[s.own];
  else if (s.shape->type == T::Zero) own = no_delay();
  else if (s.shape->type == T::Deterministic) own = {{s.shape->mean, 1.0}};
  if (own.empty()) return {};
  if (s.own == SIZE_MAX && s.wait && s.wait->p_wait > 0)
    own = {{own[0].time, own[0].mass * (1 - s.wait->p_wait)}};
  const bool one_of = s.behaviour == Behaviour::Split || s.behaviour == Behaviour::Queue;
  Atoms down = one_of && s.links > 0 ? Atoms{} : no_delay();
  for (std::size_t li = s.first_link; li < s.first_link + s.links; ++li) {
    const StepLink& l = p.links[li];
    const Atoms trip = trip_atoms(atoms[l.child], l.delay_s, l.retry);
    if (one_of) {
      add_scaled(down, trip, l.probability);
      continue;
    }
    const double n = std::floor(l.calls);
    const double f = l.calls - n;
    // trip^⌊calls⌋ by repeated squaring: O(log calls) convolutions, whatever the count.
    Atoms power = trip;
    for (double k = n; k >= 1 && !down.empty(); k = std::floor(k / 2)) {
      if (std::fmod(k, 2.0) == 1.0) down = convolve(down, power);
      if (k >= 2) power = convolve(power, power);
    }
    if (f > 0) {
      Atoms maybe{{0.0, 1 - f}};
      add_scaled(maybe, trip, f);
      down = convolve(down, maybe);
    }
  }
  if (s.behaviour == Behaviour::Cache) {
    Atoms hit{{0.0, s.hit}};
    add_scaled(hit, down, 1 - s.hit);
    down = s.hit > 0 ? hit : down;
  }
  return convolve(own, down);
}

ClassLatency::Program ClassLatency::compile(int k, bool done) const {
  Program p;
  const std::size_t kk = static_cast<std::size_t>(k);
  std::vector<std::size_t> step_of(cv_.nodes.size(), SIZE_MAX);
  std::vector<Atoms> atoms;  // per step: point masses of its visit
  auto add_step = [&](Step s) { return ClassLatency::add_step(p, atoms, s); };
  std::vector<std::size_t> own_of(cv_.nodes.size(), SIZE_MAX);  // sharded stations' steps
  // `from`: the link of the call, whose retries (a lossy link's) add to the trip.
  auto add_link = [&](std::size_t child, double calls, double probability, double delay_s,
                      const CLink* from = nullptr) {
    const std::vector<RetryDelay>* retry = from && !from->retry.empty() ? &from->retry : nullptr;
    if (child != SIZE_MAX) p.links.push_back({child, calls, probability, delay_s, retry});
  };
  auto node_step = [&](int i) {
    const CNode& n = cv_.nodes[i];
    Step s;
    s.shape = &n.shape[kk];
    if (n.route[kk] >= 0) s.wait = &st_.class_wait[st_.pair(i, kk)];
    if (n.route_cold[kk] >= 0) {
      if (own_of[i] == SIZE_MAX) own_of[i] = add_sharded(p, atoms, i, kk);
      s.own = own_of[i];
    }
    s.behaviour = n.behaviour;
    s.hit = n.hit[kk];
    s.first_link = p.links.size();
    return s;
  };
  // Until the acknowledgement: every node's visit, callees first (a queue acknowledges at once).
  // A callee this class never visits (behind a cache that always hits, say) adds nothing.
  for (int i : cv_.class_nodes[k]) {
    const CNode& n = cv_.nodes[i];
    Step s = node_step(i);
    if (n.behaviour == Behaviour::Split) {
      for (const auto& l : n.out) {
        const double prob = cv_.route_probability(n, l, k);
        if (prob > 0) add_link(step_of[l.to], 1, prob, 2 * l.latency(kk), &l);
      }
    } else if (n.behaviour != Behaviour::Queue) {
      std::vector<Branch> branches;
      for (const auto& l : n.out) {
        if (l.calls[kk] > 0 && step_of[l.to] != SIZE_MAX)
          branches.push_back({step_of[l.to], l.calls[kk], 2 * l.latency(kk), 1,
                              l.retry.empty() ? nullptr : &l.retry});
      }
      if (n.parallel && branches.size() >= 2) {
        add_link(add_max(p, atoms, branches), 1, 1, 0);  // scatter-gather: the slowest branch
      } else {
        for (const Branch& b : branches)
          p.links.push_back({b.child, b.calls, 1, b.delay_s, b.retry});
      }
    }
    step_of[i] = add_step(s);
  }
  p.result = step_of[cv_.classes[kk].entry];
  if (done) {
    // Until the last work the request caused ends: the branch the mean-value pass chose at each
    // visit (MeanState::done_link, caused_work_ends_later), built over the visits above.
    std::vector<std::size_t> done_of = step_of;
    static const ServiceShape no_work{};
    for (int i : cv_.class_nodes[k]) {
      const CNode& n = cv_.nodes[i];
      const int chosen = st_.done_link[st_.pair(i, kk)];
      Step s = node_step(i);
      bool differs = false;
      if (n.behaviour == Behaviour::Split || n.behaviour == Behaviour::Queue) {
        for (const auto& l : n.out) {
          if (cv_.route_probability(n, l, k) <= 0) continue;
          const bool caused = n.behaviour == Behaviour::Queue ||
                              st_.caused_work_ends_later(l.to, kk, l.latency(kk));
          const double lat = (caused ? 1.0 : 2.0) * l.latency(kk);
          differs = differs || caused;
          // A broker redelivers what its delivery loses: no caller waits out a timeout.
          add_link((caused ? done_of : step_of)[l.to], 1, cv_.route_probability(n, l, k), lat,
                   n.behaviour == Behaviour::Queue ? nullptr : &l);
        }
      } else if (chosen >= 0) {
        differs = true;
        const CLink& last = n.out[static_cast<std::size_t>(chosen)];
        const double c = last.calls[kk];
        std::size_t either = SIZE_MAX;
        if (c < 1) {
          // The call is made with probability c; without it the visit goes on with its other
          // calls. Both as steps of no work of their own, built before this one.
          Step rest{nullptr, &no_work, Behaviour::Service, 0, p.links.size(), 0, SIZE_MAX, -1};
          for (std::size_t lj = static_cast<std::size_t>(chosen) + 1; lj < n.out.size(); ++lj) {
            const CLink& l = n.out[lj];
            if (l.calls[kk] > 0) add_link(step_of[l.to], l.calls[kk], 1, 2 * l.latency(kk), &l);
          }
          const std::size_t rest_step = add_step(rest);
          Step one{nullptr, &no_work, Behaviour::Split, 0, p.links.size(), 0, SIZE_MAX, -1};
          add_link(done_of[last.to], 1, c, last.latency(kk), &last);
          add_link(rest_step, 1, 1 - c, 0);
          either = add_step(one);
        }
        s.first_link = p.links.size();
        for (int li = 0; li < chosen; ++li) {
          const CLink& l = n.out[static_cast<std::size_t>(li)];
          if (l.calls[kk] > 0) add_link(step_of[l.to], l.calls[kk], 1, 2 * l.latency(kk), &l);
        }
        if (c >= 1) {
          if (c > 1)  // the last call's work ends last
            add_link(step_of[last.to], c - 1, 1, 2 * last.latency(kk), &last);
          add_link(done_of[last.to], 1, 1, last.latency(kk), &last);
        } else {
          add_link(either, 1, 1, 0);
        }
      }
      if (!differs) {
        p.links.resize(s.first_link);
        continue;
      }
      done_of[i] = add_step(s);
    }
    p.result = done_of[cv_.classes[kk].entry];
  }
  p.atoms = atoms.empty() ? Atoms{} : atoms[p.result];
  return p;
}

void ClassLatency::transform(const Program& p, double t, std::vector<Values>& vals) {
  const auto& euler = EulerInversion::instance();
  Values s;
  for (int j = 0; j < kEulerNodes; ++j) s[j] = euler.beta[j] / t;
  vals.resize(p.steps.size());
  Values trip;
  for (std::size_t x = 0; x < p.steps.size(); ++x) {
    const Step& st = p.steps[x];
    Values& v = vals[x];
    if (st.table >= 0) {
      p.tables[static_cast<std::size_t>(st.table)].lst_all(s, v);
      continue;
    }
    if (st.own != SIZE_MAX) {
      v = vals[st.own];
    } else {
      st.shape->lst_all(s, v);
      if (st.wait) st.wait->multiply_all(s, v);
    }
    if (st.behaviour == Behaviour::Store) continue;
    const bool one_of = st.behaviour == Behaviour::Split || st.behaviour == Behaviour::Queue;
    if (one_of && st.links == 0) continue;  // an acknowledging queue
    Values down;
    down.fill(one_of ? cplx(0.0) : cplx(1.0));
    for (std::size_t li = st.first_link; li < st.first_link + st.links; ++li) {
      const StepLink& l = p.links[li];
      trip_values(vals[l.child], l.delay_s, l.retry, t, trip);
      if (one_of) {
        for (int j = 0; j < kEulerNodes; ++j) down[j] += l.probability * trip[j];
      } else if (l.calls == 1.0) {
        for (int j = 0; j < kEulerNodes; ++j) down[j] *= trip[j];
      } else {
        for (int j = 0; j < kEulerNodes; ++j) down[j] *= repeat_lst(trip[j], l.calls);
      }
    }
    if (st.behaviour == Behaviour::Cache) {
      for (int j = 0; j < kEulerNodes; ++j) down[j] = st.hit + (1.0 - st.hit) * down[j];
    }
    for (int j = 0; j < kEulerNodes; ++j) v[j] *= down[j];
  }
}

void ClassLatency::run(const std::vector<Job>& jobs, bool percentiles) const {
  std::size_t work = 0;  // transform steps to evaluate, a proxy for time
  for (const Job& j : jobs) work += cv_.class_nodes[j.k].size();
  // Below ~2,000 steps (any hand-drawn design) a thread costs more than it saves.
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min(cores, percentiles ? work / 2000 + 1 : std::size_t{1});
  std::atomic<std::size_t> next{0};  // jobs differ in size: each thread takes the next one
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++)
      *jobs[i].out = latency(jobs[i].k, jobs[i].done, percentiles);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

Latency ClassLatency::latency(int k, bool done, bool percentiles) const {
  const Moments& m = st_.visit_of(cv_.classes[k].entry, static_cast<std::size_t>(k), done);
  Latency out;
  out.mean = m.mean * 1000;
  if (!percentiles || m.mean <= 0) {
    out.p50 = out.p95 = out.p99 = out.mean;
    return out;
  }
  const Program program = compile(k, done);
  std::vector<Values> vals;
  // Points come as β_j / t for one t at a time; the program evaluates all of them at once.
  LstBatch lst = [&](const Values& points, Values& values) {
    const double t = (EulerInversion::instance().beta[0] / points[0]).real();
    transform(program, t, vals);
    values = vals[program.result];
  };
  const double sd = std::sqrt(m.var);
  // Cantelli: P(T ≥ μ + kσ) ≤ 1/(1 + k²), so F(μ + 10σ) ≥ 0.99.
  double hi = m.mean + 10.0 * sd + 1e-9 * m.mean + 1e-12;
  for (int i = 0; i < 4 && invert_at(lst, hi, program.atoms).cdf < 0.99; ++i) hi *= 2;
  // Each next quantile is guessed by extending the tail exponentially with the hazard rate
  // f/(1 − F) found at the previous one: t_q ≈ t_p + ln((1 − p)/(1 − q)) / hazard.
  auto next_guess = [&](double t, const CdfPoint& c, double p, double q, double fallback) {
    if (c.pdf <= 0 || c.cdf >= 1) return fallback;
    return t + std::log((1 - p) / (1 - q)) * (1 - c.cdf) / c.pdf;
  };
  CdfPoint c50{}, c95{};
  const Atoms& atoms = program.atoms;
  const double p50 = quantile(lst, 0.50, 0.0, hi, m.mean, &c50, atoms);
  const double p95 = quantile(lst, 0.95, p50, hi,
                              next_guess(p50, c50, 0.5, 0.95, m.mean + 1.645 * sd), &c95, atoms);
  const double p99 = quantile(lst, 0.99, p95, hi,
                              next_guess(p95, c95, 0.95, 0.99, m.mean + 2.326 * sd), nullptr, atoms);
  // With a maximum of parallel branches in it, the mean of the distribution composed here
  // (the mean-value pass fits the branches by gamma distributions).
  if (!program.tables.empty()) out.mean = step_means(program)[program.result] * 1000;
  out.p50 = p50 * 1000;
  out.p95 = p95 * 1000;
  out.p99 = p99 * 1000;
  return out;
}

}  // namespace archbench
