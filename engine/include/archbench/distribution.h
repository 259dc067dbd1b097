#pragma once
// Response-time distributions: two-moment arithmetic, service-time shapes fitted to (mean, SCV),
// and the numerical inversion of Laplace–Stieltjes transforms used for percentiles.
#include <array>
#include <complex>
#include <functional>
#include <vector>

namespace archbench {

using cplx = std::complex<double>;

inline constexpr int kEulerM = 12;                   // Euler inversion: about 0.6·M digits
inline constexpr int kEulerNodes = 2 * kEulerM + 1;  // transform points per inverted value

// r / (r + s) for real r > 0, without libgcc's general complex division (__divdc3), which
// guards against infinities we never produce and dominated the percentile time.
inline cplx rate_ratio(double r, cplx s) {
  const double re = r + s.real(), im = s.imag();
  const double inv = r / (re * re + im * im);
  return {re * inv, -im * inv};
}

// Mean and variance of a non-negative random time; `infinite` when it has no finite value
// (it passes a saturated station).
struct Moments {
  double mean = 0;
  double var = 0;
  bool infinite = false;

  static Moments inf() { return {0, 0, true}; }
  double second() const { return var + mean * mean; }
};

Moments seq(const Moments& a, const Moments& b);           // independent sum
Moments repeat(const Moments& a, double calls);             // ⌊c⌋ copies, then one more w.p. frac(c)
Moments mix(const Moments& a, double pa, const Moments& b); // a w.p. pa, else b (b may be zero)
Moments constant(double t);

// A service time with a given mean and squared coefficient of variation, fitted as in Tijms
// ("A First Course in Stochastic Models", §A): deterministic for SCV 0, exponential for 1,
// a mixture of Erlang(k-1) and Erlang(k) for SCV < 1, and a balanced-means H2 for SCV > 1.
// All fits match the first two moments exactly.
struct ServiceShape {
  enum class Type { Zero, Deterministic, Exponential, ErlangMix, Hyper2 } type = Type::Zero;
  double mean = 0;
  int k = 0;         // ErlangMix: phases
  double p = 0;      // ErlangMix: weight of Erlang(k-1); Hyper2: weight of phase 1
  double rate1 = 0;  // ErlangMix: phase rate; Hyper2: rate of phase 1
  double rate2 = 0;  // Hyper2: rate of phase 2

  static ServiceShape fit(double mean, double scv);
  cplx lst(cplx s) const;
  // lst at every point of an Euler batch (the shape's type is decided once, not per point).
  void lst_all(const std::array<cplx, kEulerNodes>& s, std::array<cplx, kEulerNodes>& out) const;
  Moments moments() const;
};

// Waiting time of a station: 0 with probability 1 - p_wait, else exponential with mean `cond`.
struct WaitShape {
  double p_wait = 0;
  double cond_mean = 0;
  cplx lst(cplx s) const {
    if (p_wait <= 0 || cond_mean <= 0) return 1.0;
    return (1.0 - p_wait) + p_wait * rate_ratio(1.0 / cond_mean, s);
  }
  // values[j] *= lst(s[j]) for a whole Euler batch.
  template <std::size_t N>
  void multiply_all(const std::array<cplx, N>& s, std::array<cplx, N>& values) const {
    if (p_wait <= 0 || cond_mean <= 0) return;
    const double theta = 1.0 / cond_mean;
    for (std::size_t j = 0; j < N; ++j) values[j] *= (1.0 - p_wait) + p_wait * rate_ratio(theta, s[j]);
  }
  Moments moments() const {
    return {p_wait * cond_mean, p_wait * (2.0 * cond_mean * cond_mean) -
                                    (p_wait * cond_mean) * (p_wait * cond_mean), false};
  }
};

// Abate–Whitt Euler inversion (2006 unified framework, M = kEulerM): evaluates a CDF from the
// transform of its density at the 2M+1 points β_j / t (constants declared at the top).

struct EulerInversion {
  std::array<cplx, kEulerNodes> beta;
  std::array<double, kEulerNodes> eta;
  EulerInversion();
  static const EulerInversion& instance();
};

// Evaluates the LST L at every s of `points` (kEulerNodes values), writing into `out`.
using LstBatch = std::function<void(const std::array<cplx, kEulerNodes>& points,
                                    std::array<cplx, kEulerNodes>& out)>;

// A point mass of a distribution: P(T = time) = mass. Constant service times and network
// delays put mass on single points; numerical inversion rings around such jumps of the CDF, so
// they are carried exactly beside the transform and only the continuous rest is inverted.
struct Atom {
  double time;
  double mass;
};
using Atoms = std::vector<Atom>;

// Atoms of a sum of independent times (pairwise sums, masses multiplied), merged and pruned.
Atoms convolve(const Atoms& a, const Atoms& b);
// The atoms of `a` shifted by a constant delay.
Atoms shifted(Atoms a, double delay);
// Adds `weight` × the atoms of `b` to `into` (for mixtures), merging equal times.
void add_scaled(Atoms& into, const Atoms& b, double weight);
inline const Atoms& no_delay() {
  static const Atoms unit{{0.0, 1.0}};
  return unit;
}

// F(t) and f(t) of a non-negative time whose LST is `lst` and whose point masses are `atoms`
// (included in `lst`): the atoms are added exactly, the continuous rest is inverted; f is the
// density of the continuous part.
struct CdfPoint {
  double cdf;
  double pdf;
};
CdfPoint invert_at(const LstBatch& lst, double t, const Atoms& atoms = {});

// The p-quantile, found by safeguarded Newton iteration on the inverted CDF inside [lo, hi]
// (F(lo) <= p <= F(hi) expected), until a Newton step moves it by less than 1e-4 relative
// (quadratic convergence: the error is then far below the 3 significant digits shown). `at`, when given, receives F and
// f at the last point evaluated (near the quantile), for guessing the next quantile.
double quantile(const LstBatch& lst, double p, double lo, double hi, double guess,
                CdfPoint* at = nullptr, const Atoms& atoms = {});

}  // namespace archbench
