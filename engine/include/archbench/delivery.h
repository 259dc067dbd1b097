#pragma once
// Loss, duplicates and idempotency on one call (docs/PATTERNS.md): what a link's lost and
// duplicated messages do under the caller's timeout and retries.
#include <vector>

#include "archbench/model.h"

namespace archbench {

// Each message (the call, its answer) is lost with probability ℓ, so an attempt fails with
// p = 1 − (1 − ℓ)². With a timeout and R retries (docs/FAILURE.md's retry formulas): attempts
// Σ_{i=0..R} pⁱ, failed calls p^(R+1). Without a timeout a lost attempt is never given up: the
// call hangs with probability p and is not retried.
struct CallDelivery {
  double attempts = 1;  // attempts per call
  double failed = 0;    // share of calls that fail (or hang) for lost messages
  double executions = 1;  // times the callee does the work per call: attempts × (1 − ℓ) × (1 + d)
  double duplicates = 0;  // executions beyond the first: executions − P(at least one)
  bool hangs = false;     // lossy without a timeout
};

CallDelivery call_delivery(double loss, double duplicate, const LinkPolicy& policy);

// What a lossy link adds to the time of a call that is answered: with i attempts failed before
// the one answered, the caller waited out i timeouts and i backoffs, D_i = Σ_{j<i} (T + b_j),
// b_j = backoff × multiplier^j (its mean under jitter: half with full jitter, ¾ with equal).
// Given that some attempt is answered, i failed first with probability
// w_i = pⁱ (1 − p) / (1 − p^(R+1)), i = 0..R. Empty when nothing is added (no loss, no timeout:
// the answered calls are those never lost, no retry).
struct RetryDelay {
  double weight = 0;  // w_i
  double delay_s = 0;  // D_i
};
std::vector<RetryDelay> retry_delays(double loss, const LinkPolicy& policy);

}  // namespace archbench
