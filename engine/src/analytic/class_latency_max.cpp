// The parts of a class's transform program that are not sums and mixtures: the slowest of
// parallel branches (a fan-out's calls, a cross-shard visit of every shard), tabulated from the
// product of the branches' CDFs (fan_out.h), and a sharded station's visit.
#include <algorithm>
#include <cmath>

#include "analytic/class_latency.h"

namespace archbench {

std::size_t ClassLatency::add_step(Program& p, std::vector<Atoms>& atoms, Step s) {
  s.links = p.links.size() - s.first_link;
  p.steps.push_back(s);
  atoms.push_back(visit_atoms(p, p.steps.back(), atoms));
  return p.steps.size() - 1;
}

void ClassLatency::delayed(const Values& child, double delay_s, double t, Values& out) {
  if (delay_s <= 0) {
    out = child;
    return;
  }
  // e^{-d·s_j} for s_j = (a + iπj)/t: a real factor times a rotation to the j-th power.
  const double a = EulerInversion::instance().beta[0].real();
  const cplx rot = std::polar(1.0, -M_PI * delay_s / t);
  cplx delay = std::exp(-delay_s * a / t);
  for (int j = 0; j < kEulerNodes; ++j) {
    out[j] = delay * child[j];
    delay *= rot;
  }
}

void ClassLatency::trip_values(const Values& child, double delay_s,
                               const std::vector<RetryDelay>* retry, double t, Values& out) {
  if (!retry) return delayed(child, delay_s, t, out);
  Values one;
  out.fill(cplx(0.0));
  for (const RetryDelay& r : *retry) {
    delayed(child, delay_s + r.delay_s, t, one);
    for (int j = 0; j < kEulerNodes; ++j) out[j] += r.weight * one[j];
  }
}

Atoms ClassLatency::trip_atoms(const Atoms& child, double delay_s,
                               const std::vector<RetryDelay>* retry) {
  if (!retry) return shifted(child, delay_s);
  Atoms out;
  for (const RetryDelay& r : *retry) add_scaled(out, shifted(child, delay_s + r.delay_s), r.weight);
  return out;
}

double ClassLatency::retry_mean(const std::vector<RetryDelay>* retry) {
  double mean = 0;
  if (retry)
    for (const RetryDelay& r : *retry) mean += r.weight * r.delay_s;
  return mean;
}

std::vector<double> ClassLatency::step_means(const Program& p) {
  std::vector<double> m(p.steps.size(), 0.0);
  for (std::size_t x = 0; x < p.steps.size(); ++x) {
    const Step& st = p.steps[x];
    if (st.table >= 0) {
      m[x] = p.tables[static_cast<std::size_t>(st.table)].mean();
      continue;
    }
    double own = st.own != SIZE_MAX ? m[st.own] : st.shape->mean;
    if (st.own == SIZE_MAX && st.wait) own += st.wait->moments().mean;
    const bool one_of = st.behaviour == Behaviour::Split || st.behaviour == Behaviour::Queue;
    double down = 0;
    for (std::size_t li = st.first_link; li < st.first_link + st.links; ++li) {
      const StepLink& l = p.links[li];
      down += (one_of ? l.probability : l.calls) * (l.delay_s + retry_mean(l.retry) + m[l.child]);
    }
    if (st.behaviour == Behaviour::Store) down = 0;
    if (st.behaviour == Behaviour::Cache) down *= 1 - st.hit;
    m[x] = own + down;
  }
  return m;
}

std::size_t ClassLatency::add_max(Program& p, std::vector<Atoms>& atoms,
                                  const std::vector<Branch>& branches) {
  const std::size_t B = branches.size();
  // Each branch's point masses: its callee's shifted by the network time, ⌊calls⌋-fold, and
  // one call more with probability frac(calls).
  std::vector<Atoms> branch_atoms(B);
  std::vector<double> copies(B);
  const std::vector<double> means = step_means(p);
  double guess = 0;
  for (std::size_t b = 0; b < B; ++b) {
    const Branch& br = branches[b];
    copies[b] = br.copies;
    guess = std::max(guess, 2 * br.calls * (br.delay_s + retry_mean(br.retry) + means[br.child]));
    const Atoms trip = trip_atoms(atoms[br.child], br.delay_s, br.retry);
    if (trip.empty()) continue;
    Atoms all = no_delay();
    for (int c = 0; c < static_cast<int>(std::floor(br.calls)) && !all.empty(); ++c)
      all = convolve(all, trip);
    if (const double f = br.calls - std::floor(br.calls); f > 0 && !all.empty()) {
      Atoms maybe{{0.0, 1 - f}};
      add_scaled(maybe, trip, f);
      all = convolve(all, maybe);
    }
    branch_atoms[b] = std::move(all);
  }
  // F and f of every branch at t: the program so far (the branches' callees) transformed at
  // the Euler points of t, each branch's transform inverted.
  std::vector<Values> vals;
  Values trip, branch;
  const MaxTable::BranchCdfs cdfs = [&](double t, std::vector<CdfPoint>& out) {
    transform(p, t, vals);
    for (std::size_t b = 0; b < B; ++b) {
      const Branch& br = branches[b];
      trip_values(vals[br.child], br.delay_s, br.retry, t, trip);
      for (int j = 0; j < kEulerNodes; ++j) branch[j] = repeat_lst(trip[j], br.calls);
      const LstBatch lst = [&](const Values&, Values& v) { v = branch; };
      out[b] = invert_at(lst, t, branch_atoms[b]);
    }
  };
  p.tables.push_back(MaxTable::build(cdfs, copies, branch_atoms, guess));
  Step s;
  static const ServiceShape no_work{};
  s.shape = &no_work;
  s.first_link = p.links.size();
  s.table = static_cast<int>(p.tables.size() - 1);
  return add_step(p, atoms, s);
}

std::size_t ClassLatency::add_sharded(Program& p, std::vector<Atoms>& atoms, int i,
                                      std::size_t k) const {
  const CNode& n = cv_.nodes[static_cast<std::size_t>(i)];
  const std::size_t pr = st_.pair(i, k);
  static const ServiceShape no_work{};
  Step hot;
  hot.shape = &n.shape[k];
  hot.wait = &st_.class_wait[pr];
  hot.behaviour = Behaviour::Store;
  hot.first_link = p.links.size();
  const std::size_t hot_step = add_step(p, atoms, hot);
  Step cold = hot;
  cold.wait = &st_.class_wait_cold[pr];
  cold.first_link = p.links.size();
  const std::size_t cold_step = add_step(p, atoms, cold);
  // One of: a step of no work of its own whose links are chosen with their probabilities.
  auto one_of = [&](std::size_t a, double pa, std::size_t b) {
    Step s;
    s.shape = &no_work;
    s.behaviour = Behaviour::Split;
    s.first_link = p.links.size();
    if (pa > 0) p.links.push_back({a, 1, pa, 0});
    if (pa < 1) p.links.push_back({b, 1, 1 - pa, 0});
    return add_step(p, atoms, s);
  };
  const double x = cv_.classes[k].cross_shard;
  const std::size_t single = one_of(hot_step, n.hot_share, cold_step);
  if (x <= 0) return single;
  const std::size_t all =
      add_max(p, atoms, {{hot_step, 1, 0, 1}, {cold_step, 1, 0, static_cast<double>(n.shards - 1)}});
  return x >= 1 ? all : one_of(all, x, single);
}

}  // namespace archbench
