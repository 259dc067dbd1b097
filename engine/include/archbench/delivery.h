#pragma once
// Loss, duplicates and idempotency on one call (docs/PATTERNS.md): what a link's lost and
// duplicated messages do under the caller's timeout and retries.
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

}  // namespace archbench
