// Circuit breakers in time (docs/SIMULATE.md): a link's breaker as a state machine — closed,
// open for the link's open time, then half-open with one probe — fed by every attempt's result
// over a window of the last kWindow attempts. Called from the calls in run.cpp.
#include <algorithm>
#include <bit>

#include "sim/run.h"

namespace archbench::sim {

// Closed: every call passes. Open: none, until open_ms has passed; then half-open: one probe
// passes and the others are refused while it is out.
bool Run::breaker_admits(int link) {
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  if (ls.breaker == LinkState::Breaker::Open && now_ >= ls.open_until) {
    ls.breaker = LinkState::Breaker::HalfOpen;
    ls.probe_out = false;
  }
  switch (ls.breaker) {
    case LinkState::Breaker::Closed:
      return true;
    case LinkState::Breaker::Open:
      return false;
    case LinkState::Breaker::HalfOpen:
      if (ls.probe_out) return false;
      ls.probe_out = true;
      return true;
  }
  return true;
}

// An attempt's result, for the counts and the breaker: closed, it opens when the failed share
// of the last kWindow attempts reaches the threshold; half-open, the probe's result closes or
// reopens it.
void Run::record_attempt(int link, bool failed) {
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  const bool measuring = phase_ == RunPhase::Measuring;
  if (failed && measuring) ++ls.fig.failed;
  const SimLink& l = m_.links[static_cast<std::size_t>(link)];
  if (!l.breaker) return;
  bool open = false;
  if (ls.breaker == LinkState::Breaker::HalfOpen) {
    ls.probe_out = false;
    if (failed) {
      open = true;
    } else {
      ls.breaker = LinkState::Breaker::Closed;
      ls.window = 0;
      ls.recorded = 0;
    }
  } else if (ls.breaker == LinkState::Breaker::Closed) {
    const std::uint32_t bit = 1u << ls.window_at;
    ls.window = failed ? ls.window | bit : ls.window & ~bit;
    ls.window_at = (ls.window_at + 1) % LinkState::kWindow;
    ls.recorded = std::min(ls.recorded + 1, LinkState::kWindow);
    const double share = static_cast<double>(std::popcount(ls.window)) / LinkState::kWindow;
    open = ls.recorded == LinkState::kWindow && share >= l.breaker_threshold;
  }
  if (!open) return;
  ls.breaker = LinkState::Breaker::Open;
  ls.open_until = now_ + l.breaker_open_s;
  ls.window = 0;
  ls.recorded = 0;
  if (measuring) ++ls.fig.opened;
  // The open period's part inside the measured window.
  const double from = std::max(now_, o_.warmup_s), to = std::min(ls.open_until, o_.duration_s);
  if (to > from) ls.fig.open_time += to - from;
}

}  // namespace archbench::sim
