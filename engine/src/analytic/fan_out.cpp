#include "analytic/fan_out.h"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>

namespace archbench {

namespace {

// The two-moment (gamma) fit of a branch's time; deterministic when it has no variance.
struct GammaFit {
  double shape = 0, scale = 0, mean = 0;
  bool point = false;

  explicit GammaFit(const Moments& m) : mean(m.mean) {
    point = m.var <= 1e-12 * m.mean * m.mean || m.mean <= 0;
    if (!point) {
      shape = m.mean * m.mean / m.var;
      scale = m.var / m.mean;
    }
  }
  double cdf(double t) const {
    if (point) return t >= mean ? 1.0 : 0.0;
    return t <= 0 ? 0.0 : boost::math::gamma_p(shape, t / scale);
  }
};

}  // namespace

Moments max_moments(const std::vector<MaxBranch>& branches) {
  std::vector<GammaFit> fits;
  std::vector<double> copies;
  double hi = 0;
  for (const MaxBranch& b : branches) {
    if (b.copies <= 0) continue;
    if (b.time.infinite) return Moments::inf();
    if (b.time.mean <= 0) continue;  // no time: never the slowest
    fits.emplace_back(b.time);
    copies.push_back(b.copies);
    hi = std::max(hi, b.time.mean + 10 * std::sqrt(b.time.var));
  }
  if (fits.empty()) return {};
  if (fits.size() == 1 && copies[0] == 1) {
    for (const MaxBranch& b : branches)
      if (b.copies > 0 && b.time.mean > 0) return b.time;
  }
  auto cdf = [&](double t) {
    double f = 1;
    for (std::size_t b = 0; b < fits.size(); ++b) f *= std::pow(fits[b].cdf(t), copies[b]);
    return f;
  };
  // Far enough that the survival left out is below 1e-12 of the mean.
  for (int i = 0; i < 40 && 1 - cdf(hi) > 1e-12; ++i) hi *= 1.5;
  constexpr int kIntervals = 600;  // even, for Simpson's rule
  const double h = hi / kIntervals;
  double m1 = 0, m2 = 0;
  for (int i = 0; i <= kIntervals; ++i) {
    const double t = i * h;
    const double w = (i == 0 || i == kIntervals) ? 1.0 : (i % 2 ? 4.0 : 2.0);
    const double survival = 1 - cdf(t);
    m1 += w * survival;
    m2 += w * 2 * t * survival;
  }
  m1 *= h / 3;
  m2 *= h / 3;
  return {m1, std::max(0.0, m2 - m1 * m1), false};
}

Moments sharded_visit(int shards, double hot_share, double cross, const Moments& hot,
                      const Moments& cold) {
  if (shards <= 1) return hot;
  // A station no visit reaches cannot make the visit unbounded.
  const double single_hot = (1 - cross) * hot_share, single_cold = (1 - cross) * (1 - hot_share);
  if ((hot.infinite && (single_hot > 0 || cross > 0)) ||
      (cold.infinite && (single_cold > 0 || cross > 0)))
    return Moments::inf();
  const Moments single = mix(hot, hot_share, cold);
  if (cross <= 0) return single;
  const Moments all = max_moments({{hot, 1}, {cold, static_cast<double>(shards - 1)}});
  return mix(all, cross, single);
}

MaxTable MaxTable::build(const BranchCdfs& cdfs, const std::vector<double>& copies,
                         const std::vector<Atoms>& atoms, double guess) {
  const std::size_t B = copies.size();
  std::vector<CdfPoint> c(B);
  auto power = [](double x, double n) { return n == 1 ? x : std::pow(x, n); };
  // F_M(t) and the density of its continuous part, Σ_b n_b f_b F_b^(n_b − 1) Π_{o≠b} F_o^(n_o).
  auto at = [&](double t, double* density) {
    cdfs(t, c);
    double F = 1;
    for (std::size_t b = 0; b < B; ++b) {
      c[b].cdf = std::clamp(c[b].cdf, 0.0, 1.0);
      c[b].pdf = std::max(0.0, c[b].pdf);
      F *= power(c[b].cdf, copies[b]);
    }
    if (density) {
      double f = 0;
      for (std::size_t b = 0; b < B; ++b) {
        double term = copies[b] * c[b].pdf * power(c[b].cdf, copies[b] - 1);
        for (std::size_t o = 0; o < B && term > 0; ++o)
          if (o != b) term *= power(c[o].cdf, copies[o]);
        f += term;
      }
      *density = f;
    }
    return F;
  };
  MaxTable m;
  double end = guess > 0 ? guess : 1e-3;
  for (int i = 0; i < 40 && at(end, nullptr) < 1 - 1e-9; ++i) end *= 1.6;
  const double F_end = at(end, nullptr);
  m.step_ = end / kMaxTableCells;
  m.density_.resize(kMaxTableCells + 1);
  at(m.step_ * 1e-3, &m.density_[0]);  // the density just after 0
  for (int i = 1; i <= kMaxTableCells; ++i) at(i * m.step_, &m.density_[static_cast<std::size_t>(i)]);

  // Point masses where some branch has one: P(M = τ) = Π F_b(τ)^n − Π F_b(τ−)^n.
  std::vector<double> times;
  for (const Atoms& a : atoms)
    for (const Atom& x : a)
      if (x.time <= end) times.push_back(x.time);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  double atom_mass = 0;
  for (double tau : times) {
    auto mass_at = [&](const Atoms& a) {
      double sum = 0;
      for (const Atom& x : a)
        if (x.time == tau) sum += x.mass;
      return sum;
    };
    double after = 1, before = 1;
    if (tau <= 0) {
      for (std::size_t b = 0; b < B; ++b) after *= power(mass_at(atoms[b]), copies[b]);
      before = 0;
    } else {
      at(tau, nullptr);
      for (std::size_t b = 0; b < B; ++b) {
        after *= power(c[b].cdf, copies[b]);
        before *= power(std::max(0.0, c[b].cdf - mass_at(atoms[b])), copies[b]);
      }
    }
    if (after - before > 1e-12) {
      m.atoms_.push_back({tau, after - before});
      atom_mass += after - before;
    }
  }
  // The continuous part carries F_M(end) less the atoms: the grid's piecewise-linear density
  // is scaled to it, so that the transform's total mass is right.
  double integral = 0, first = 0;
  for (int i = 0; i < kMaxTableCells; ++i) {
    const double a = m.density_[static_cast<std::size_t>(i)], b = m.density_[static_cast<std::size_t>(i) + 1];
    integral += 0.5 * (a + b) * m.step_;
    first += m.step_ * (i * m.step_ * 0.5 * (a + b) + m.step_ * (a + 2 * b) / 6);
  }
  const double target = std::max(0.0, F_end - atom_mass);
  const double scale = integral > 0 ? target / integral : 0.0;
  for (double& d : m.density_) d *= scale;
  m.mean_ = first * scale;
  for (const Atom& a : m.atoms_) m.mean_ += a.time * a.mass;
  return m;
}

void MaxTable::lst_all(const std::array<cplx, kEulerNodes>& s,
                       std::array<cplx, kEulerNodes>& out) const {
  const double h = step_;
  for (int j = 0; j < kEulerNodes; ++j) {
    const cplx z = s[j] * h;
    const cplx E = std::exp(-z);
    // ∫_0^h e^{-sτ} dτ and ∫_0^h τ e^{-sτ} dτ, by their series where |sh| is small.
    cplx I0, I1;
    if (std::abs(z) < 1e-3) {
      I0 = h * (1.0 - z / 2.0 + z * z / 6.0 - z * z * z / 24.0);
      I1 = h * h * (0.5 - z / 3.0 + z * z / 8.0 - z * z * z / 30.0);
    } else {
      I0 = (1.0 - E) / s[j];
      I1 = (1.0 - E - z * E) / (s[j] * s[j]);
    }
    cplx u = 1.0, acc = 0.0;
    for (std::size_t i = 0; i + 1 < density_.size(); ++i) {
      const double f = density_[i], g = (density_[i + 1] - f) / h;
      acc += u * (f * I0 + g * I1);
      u *= E;
    }
    for (const Atom& a : atoms_) acc += a.mass * std::exp(-s[j] * a.time);
    out[j] = acc;
  }
}

}  // namespace archbench
