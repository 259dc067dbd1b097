#include "archbench/distribution.h"

#include <algorithm>
#include <cmath>

namespace archbench {

Moments seq(const Moments& a, const Moments& b) {
  if (a.infinite || b.infinite) return Moments::inf();
  return {a.mean + b.mean, a.var + b.var, false};
}

Moments repeat(const Moments& a, double calls) {
  if (calls <= 0) return {};
  if (a.infinite) return Moments::inf();
  const double n = std::floor(calls);
  const double f = calls - n;
  Moments whole{n * a.mean, n * a.var, false};
  // One more call with probability f: mean f·m, variance f·E[X²] - (f·m)².
  Moments extra{f * a.mean, f * a.second() - (f * a.mean) * (f * a.mean), false};
  return seq(whole, extra);
}

Moments mix(const Moments& a, double pa, const Moments& b) {
  if (pa <= 0) return b;
  if (pa >= 1) return a;
  if (a.infinite || b.infinite) return Moments::inf();
  const double mean = pa * a.mean + (1 - pa) * b.mean;
  const double second = pa * a.second() + (1 - pa) * b.second();
  return {mean, std::max(0.0, second - mean * mean), false};
}

Moments constant(double t) { return {t, 0, false}; }

ServiceShape ServiceShape::fit(double mean, double scv) {
  ServiceShape s;
  s.mean = mean;
  if (mean <= 0) return s;
  // Below SCV 1e-3 an Erlang fit needs over a thousand phases, which the inversion cannot
  // resolve; the time is then constant to within 3% (one standard deviation), so take it as such.
  if (scv < 1e-3) {
    s.type = Type::Deterministic;
  } else if (std::fabs(scv - 1.0) < 1e-9) {
    s.type = Type::Exponential;
    s.rate1 = 1.0 / mean;
  } else if (scv < 1.0) {
    // Tijms: k = ⌈1/scv⌉, p = [k·scv − √(k(1+scv) − k²·scv)] / (1+scv), rate = (k − p)/mean.
    s.type = Type::ErlangMix;
    s.k = static_cast<int>(std::ceil(1.0 / scv - 1e-12));
    if (s.k < 2) s.k = 2;
    const double k = s.k;
    s.p = (k * scv - std::sqrt(std::max(0.0, k * (1 + scv) - k * k * scv))) / (1 + scv);
    s.rate1 = (k - s.p) / mean;
  } else {
    // Balanced means: p1 = ½(1 + √((scv−1)/(scv+1))), rate1 = 2p1/mean, rate2 = 2(1−p1)/mean.
    s.type = Type::Hyper2;
    s.p = 0.5 * (1 + std::sqrt((scv - 1) / (scv + 1)));
    s.rate1 = 2 * s.p / mean;
    s.rate2 = 2 * (1 - s.p) / mean;
  }
  return s;
}

cplx ServiceShape::lst(cplx s) const {
  switch (type) {
    case Type::Zero: return 1.0;
    case Type::Deterministic: return std::exp(-s * mean);
    case Type::Exponential: return rate_ratio(rate1, s);
    case Type::ErlangMix: {
      const cplx x = rate_ratio(rate1, s);
      const cplx xk1 = std::pow(x, k - 1);
      return p * xk1 + (1 - p) * xk1 * x;
    }
    case Type::Hyper2: return p * rate_ratio(rate1, s) + (1 - p) * rate_ratio(rate2, s);
  }
  return 1.0;
}

void ServiceShape::lst_all(const std::array<cplx, kEulerNodes>& s,
                           std::array<cplx, kEulerNodes>& out) const {
  switch (type) {
    case Type::Zero: out.fill(1.0); return;
    case Type::Exponential:
      for (int j = 0; j < kEulerNodes; ++j) out[j] = rate_ratio(rate1, s[j]);
      return;
    case Type::Hyper2:
      for (int j = 0; j < kEulerNodes; ++j)
        out[j] = p * rate_ratio(rate1, s[j]) + (1 - p) * rate_ratio(rate2, s[j]);
      return;
    default:
      for (int j = 0; j < kEulerNodes; ++j) out[j] = lst(s[j]);
  }
}

Moments ServiceShape::moments() const {
  switch (type) {
    case Type::Zero: return {};
    case Type::Deterministic: return constant(mean);
    case Type::Exponential: return {mean, mean * mean, false};
    case Type::ErlangMix: {
      // Erlang(j, r) has mean j/r and second moment j(j+1)/r².
      const double r = rate1;
      const double k1 = k - 1.0, kk = k;
      const double m2 = p * k1 * (k1 + 1) / (r * r) + (1 - p) * kk * (kk + 1) / (r * r);
      return {mean, std::max(0.0, m2 - mean * mean), false};
    }
    case Type::Hyper2: {
      const double m2 = 2 * p / (rate1 * rate1) + 2 * (1 - p) / (rate2 * rate2);
      return {mean, std::max(0.0, m2 - mean * mean), false};
    }
  }
  return {};
}

EulerInversion::EulerInversion() {
  const int m = kEulerM;
  // ξ_0 = ½, ξ_k = 1 (1 ≤ k ≤ M), ξ_2M = 2^-M, ξ_{2M-k} = ξ_{2M-k+1} + 2^-M·C(M,k) (0 < k < M).
  std::array<double, kEulerNodes> xi{};
  xi[0] = 0.5;
  for (int k = 1; k <= m; ++k) xi[k] = 1.0;
  const double two_m = std::pow(2.0, -m);
  xi[2 * m] = two_m;
  double binom = 1.0;  // C(M, k)
  for (int k = 1; k < m; ++k) {
    binom = binom * (m - k + 1) / k;
    xi[2 * m - k] = xi[2 * m - k + 1] + two_m * binom;
  }
  const double scale = std::pow(10.0, m / 3.0);
  for (int k = 0; k < kEulerNodes; ++k) {
    beta[k] = cplx(m * std::log(10.0) / 3.0, M_PI * k);
    eta[k] = scale * ((k % 2 == 0) ? 1.0 : -1.0) * xi[k];
  }
}

const EulerInversion& EulerInversion::instance() {
  static const EulerInversion e;
  return e;
}

namespace {

// Sorts by time, merges times equal to 1e-12 relative, drops masses below 1e-13, and keeps at
// most 512 atoms (the heaviest): enough for any call structure a person draws.
Atoms normalized(Atoms a) {
  std::sort(a.begin(), a.end(), [](const Atom& x, const Atom& y) { return x.time < y.time; });
  Atoms out;
  for (const Atom& x : a) {
    if (x.mass < 1e-13) continue;
    if (!out.empty() && x.time - out.back().time <= 1e-12 * std::max(1.0, x.time)) {
      out.back().mass += x.mass;
    } else {
      out.push_back(x);
    }
  }
  constexpr std::size_t kMaxAtoms = 512;
  if (out.size() > kMaxAtoms) {
    std::nth_element(out.begin(), out.begin() + kMaxAtoms, out.end(),
                     [](const Atom& x, const Atom& y) { return x.mass > y.mass; });
    out.resize(kMaxAtoms);
    std::sort(out.begin(), out.end(), [](const Atom& x, const Atom& y) { return x.time < y.time; });
  }
  return out;
}

}  // namespace

Atoms convolve(const Atoms& a, const Atoms& b) {
  if (a.empty() || b.empty()) return {};
  Atoms out;
  out.reserve(a.size() * b.size());
  for (const Atom& x : a)
    for (const Atom& y : b) out.push_back({x.time + y.time, x.mass * y.mass});
  return normalized(std::move(out));
}

Atoms shifted(Atoms a, double delay) {
  for (Atom& x : a) x.time += delay;
  return a;
}

void add_scaled(Atoms& into, const Atoms& b, double weight) {
  if (b.empty() || weight <= 0) return;
  for (const Atom& x : b) into.push_back({x.time, x.mass * weight});
  into = normalized(std::move(into));
}

CdfPoint invert_at(const LstBatch& lst, double t, const Atoms& atoms) {
  const auto& e = EulerInversion::instance();
  std::array<cplx, kEulerNodes> points, values;
  for (int k = 0; k < kEulerNodes; ++k) points[k] = e.beta[k] / t;
  lst(points, values);
  double atom_cdf = 0;
  for (const Atom& a : atoms) {
    if (a.time <= t) atom_cdf += a.mass;
    for (int k = 0; k < kEulerNodes; ++k) values[k] -= a.mass * std::exp(-points[k] * a.time);
  }
  double cdf = 0, pdf = 0;
  for (int k = 0; k < kEulerNodes; ++k) {
    // Re(L/s) = Re(L·conj(s)) / |s|²
    cdf += e.eta[k] * (values[k] * std::conj(points[k])).real() / std::norm(points[k]);
    pdf += e.eta[k] * values[k].real();
  }
  return {atom_cdf + cdf / t, pdf / t};
}

double quantile(const LstBatch& lst, double p, double lo, double hi, double guess,
                CdfPoint* at, const Atoms& atoms) {
  // Newton on g(t) = ln(1 − F(t)) − ln(1 − p): response-time tails are close to exponential,
  // so the log-survival is nearly linear and two or three steps suffice; a step that leaves the
  // bracket [lo, hi] bisects instead.
  double t = guess;
  if (!(t > lo && t < hi)) t = 0.5 * (lo + hi);
  const double target = std::log1p(-p);
  CdfPoint c{};
  for (int iter = 0; iter < 100; ++iter) {
    c = invert_at(lst, t, atoms);
    if (c.cdf < p) lo = t;
    else hi = t;
    double next = -1;
    if (c.pdf > 0 && c.cdf < 1) next = t + (std::log1p(-c.cdf) - target) * (1 - c.cdf) / c.pdf;
    const bool newton = next > lo && next < hi;
    if (!newton) next = 0.5 * (lo + hi);  // Newton left the bracket: bisect
    const bool done = std::fabs(next - t) <= 1e-4 * t || (hi - lo) <= 1e-6 * hi;
    t = next;
    if (done) break;
  }
  if (at) *at = c;
  return t;
}

}  // namespace archbench
