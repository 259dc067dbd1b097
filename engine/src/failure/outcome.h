#pragma once
// The outcome of a visit or a call under faults — answered (ok or degraded), failed or hung
// shares with two moments of the answered and of the failed times — and how outcomes compose
// (in sequence, as alternatives, repeated); the two-moment gamma fit used for timeouts and
// percentiles. Private to the engine.
#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>

#include "archbench/distribution.h"

namespace archbench::detail {

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

inline Out answered_in(const Moments& t) {
  Out o;
  o.ans = t;
  return o;
}
inline Out failed_in(const Moments& t) {
  Out o;
  o.ok = 0;
  o.fail = 1;
  o.fl = t;
  return o;
}
inline Out hung() {
  Out o;
  o.ok = 0;
  o.hang = 1;
  return o;
}

// a, then b when a answered.
inline Out then(const Out& a, const Out& b) {
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
inline Out either(double p, const Out& a, const Out& b) {
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
inline Out repeated(const Out& unit, double n) {
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
inline double calls_made(double n, double a) {
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

}  // namespace archbench::detail
