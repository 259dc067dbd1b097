#pragma once
// End-to-end latency of one request class: the exact mean from the mean-value pass and the
// percentiles from the class's response-time transform, composed along its call structure.
#include "archbench/solver.h"
#include "compiled.h"

namespace archbench {

class ClassLatency {
 public:
  ClassLatency(const CompiledVersion& cv, const MeanState& st) : cv_(cv), st_(st) {}
  // `done`: until queued work completes instead of until the acknowledgement.
  Latency latency(int k, bool done, bool percentiles) const;

 private:
  // Transform of the whole request at every point, composed callee-first over the nodes the
  // class visits: visit(s) = wait(s) · service(s) · downstream(s).
  void transform(int k, bool done, const std::array<cplx, kEulerNodes>& s,
                 std::array<cplx, kEulerNodes>& out) const;

  const CompiledVersion& cv_;
  const MeanState& st_;
};

}  // namespace archbench
