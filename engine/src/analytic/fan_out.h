#pragma once
// Parallel fan-out (scatter-gather) and cross-shard visits: the time of the slowest of several
// independent branches, M = max_b T_b, whose CDF is the product of the branches' CDFs,
// F_M(t) = Π_b F_b(t)^(copies_b) (docs/PATTERNS.md#parallel-fan-out).
#include <array>
#include <functional>
#include <vector>

#include "archbench/distribution.h"
#include "archbench/solver.h"

namespace archbench {

// One kind of branch: its time and how many independent copies of it run in parallel.
struct MaxBranch {
  Moments time;
  double copies = 1;
};

// Mean and variance of the slowest branch for the mean-value pass (holding times, throughput):
// each branch fitted by a gamma distribution with its two moments (exact for exponential and
// Erlang branches), then E[M] = ∫ (1 − F_M(t)) dt and E[M²] = ∫ 2t (1 − F_M(t)) dt by Simpson's
// rule. Infinite when a branch is.
Moments max_moments(const std::vector<MaxBranch>& branches);

// A visit of a sharded component's own station: a single-shard visit waits at the hot shard
// with probability `hot_share`, else at one of the others; a cross-shard visit (probability
// `cross`) waits at all `shards` of them in parallel and ends with the slowest.
Moments sharded_visit(int shards, double hot_share, double cross, const Moments& hot,
                      const Moments& cold);

// The slowest branch's distribution, tabulated for the transform pipeline: point masses where
// the product of CDFs jumps, and the density of the continuous rest on an even grid, taken as
// piecewise linear; its Laplace–Stieltjes transform is integrated exactly over each cell
// (Filon's idea: no error from the oscillation of e^{-st}, only from the density's curvature).
class MaxTable {
 public:
  // F and f of every branch at time t, one entry per branch.
  using BranchCdfs = std::function<void(double t, std::vector<CdfPoint>& out)>;
  // `copies` per branch; `atoms` per branch (point masses, may be empty); `guess`: a time by
  // which most of the maximum's mass lies (the grid grows until F_M ≥ 1 − 1e-9).
  static MaxTable build(const BranchCdfs& cdfs, const std::vector<double>& copies,
                        const std::vector<Atoms>& atoms, double guess);

  void lst_all(const std::array<cplx, kEulerNodes>& s, std::array<cplx, kEulerNodes>& out) const;
  const Atoms& atoms() const { return atoms_; }
  double mean() const { return mean_; }

 private:
  double step_ = 0;
  std::vector<double> density_;  // at t = i·step_, i = 0..N
  Atoms atoms_;
  double mean_ = 0;
};

inline constexpr int kMaxTableCells = 400;

struct CNode;
// The report's figures of a sharded node from its stations (null when it has one shard).
std::optional<ShardFigures> shard_figures(const CNode& n, const std::vector<StationResult>& stations);

}  // namespace archbench
