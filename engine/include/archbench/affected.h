#pragma once
// Which request classes a scenario affects: one definition, used by chaos experiments (their
// blast radius) in the CLI and the app alike.
#include <string>
#include <vector>

#include "archbench/faults.h"

namespace archbench {

// A class is affected when, from the steady state to the scenario, any of these moves:
struct AffectedThresholds {
  double share = 0.001;         // its success, degraded or failed share, by 0.1 point or more
  double p95_relative = 0.10;   // the p95 of its answered requests, by 10% or more (or it appears,
                                // disappears, or reaches a timeout ceiling)
  double completion_delay_s = 0;  // an asynchronous class: its queued work waits longer than
                                  // this (a backlog), or what consumes it is down or saturated
};

struct AffectedClass {
  std::string name;
  std::string why;  // "success 100% → 0%, degraded 0% → 100%"
};

// In the report's class order. Stale reads of an AP partition are not a change of these
// figures: they are reported with the partition.
std::vector<AffectedClass> affected_classes(const WhatIfReport& r, const AffectedThresholds& t = {});

}  // namespace archbench
