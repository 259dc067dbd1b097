// Calls over links and the caller's policy on each: a timeout per attempt, retries after a
// backoff (base × multiplier^i, full jitter optional), a circuit breaker (closed, open,
// half-open) and a bulkhead, as state machines in time. docs/SIMULATE.md states the rules.
#include <algorithm>
#include <bit>
#include <cmath>

#include "sim/run.h"

namespace archbench::sim {

void Run::call(int f, int link) {
  Frame& fr = frame(f);
  fr.call_link = link;
  fr.attempt = 0;
  fr.phase = Phase::Calling;
  attempt(f);
}

// A queue's delivery: the message travels one way to the consumer and nothing comes back; it
// is a new root of the request (its completion waits for it).
void Run::deliver(int f, int link) {
  const int cls = frame(f).cls, req = frame(f).req;
  const SimLink& l = m_.links[static_cast<std::size_t>(link)];
  const int child = new_frame(l.to, cls, req, -1, link);
  ++requests_[static_cast<std::size_t>(req)].roots;
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  if (ls.cut) {
    ls.parked.push_back(child);  // delivered when the link is back
    return;
  }
  schedule_frame(now_ + l.latency_s, Ev::Arrive, child);
}

void Run::attempt(int f) {
  const int link = frame(f).call_link;
  const SimLink& l = m_.links[static_cast<std::size_t>(link)];
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  if (l.breaker && !breaker_admits(link)) return reject(f, ls, true);
  if (l.bulkhead > 0 && ls.in_flight >= l.bulkhead) return reject(f, ls, false);
  const std::uint32_t token = next_token();
  {
    Frame& fr = frame(f);
    fr.token = token;
    fr.in_flight = true;
  }
  ++ls.in_flight;
  if (phase_ == RunPhase::Measuring) ++ls.fig.attempts;
  const int child = new_frame(l.to, frame(f).cls, frame(f).req, f, link);  // may move frames_
  frame(child).parent_token = token;
  if (ls.cut) {
    ls.parked.push_back(child);  // never arrives: the caller waits for its timeout or the cut's end
  } else {
    schedule_frame(now_ + l.latency_s, Ev::Arrive, child);
  }
  if (l.timeout_s > 0) {
    LinkState& lk = links_[static_cast<std::size_t>(link)];
    const bool first = lk.deadlines.empty();
    lk.deadlines.push({now_ + l.timeout_s, f, token});
    if (first && !lk.timer_set) {  // otherwise an earlier deadline's timer comes first
      lk.timer_set = true;
      calendar_.push(now_ + l.timeout_s, Ev::Timeout, link, 0);
    }
  }
}

// A link's earliest deadline has come: the attempts still waiting at their deadline time out;
// deadlines of attempts already answered are dropped, and the next live one is scheduled.
void Run::timer(int link) {
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  ls.timer_set = false;
  auto live = [&](const Deadline& d) {
    const Frame& fr = frame(d.frame);
    return fr.token == d.token && fr.phase == Phase::Calling && fr.in_flight;
  };
  while (!ls.deadlines.empty() && ls.deadlines.front().at <= now_) {
    const Deadline d = ls.deadlines.pop();
    if (live(d)) timed_out(d.frame);
  }
  while (!ls.deadlines.empty() && !live(ls.deadlines.front())) ls.deadlines.pop();
  if (!ls.deadlines.empty() && !ls.timer_set) {
    ls.timer_set = true;
    calendar_.push(ls.deadlines.front().at, Ev::Timeout, link, 0);
  }
}

// The callee's answer reaches the caller: counted only if the caller still waits for this
// attempt (not after its timeout, nor when the caller itself was lost).
void Run::returned(int child) {
  const Frame& c = frame(child);
  const int p = c.parent, link = c.in_link;
  const std::uint32_t token = c.parent_token;
  const Outcome outcome = c.outcome;
  free_frame(child);
  Frame& fr = frame(p);
  if (fr.token != token || fr.phase != Phase::Calling || !fr.in_flight) return;
  fr.token = 0;
  fr.in_flight = false;
  --links_[static_cast<std::size_t>(link)].in_flight;
  record_attempt(link, outcome == Outcome::Failed);
  attempt_done(p, outcome);
}

void Run::timed_out(int f) {
  Frame& fr = frame(f);
  fr.token = 0;
  fr.in_flight = false;
  LinkState& ls = links_[static_cast<std::size_t>(fr.call_link)];
  --ls.in_flight;
  if (phase_ == RunPhase::Measuring) ++ls.fig.timeouts;
  record_attempt(fr.call_link, true);
  attempt_done(f, Outcome::Failed);
}

void Run::attempt_done(int f, Outcome outcome) {
  Frame& fr = frame(f);
  const SimLink& l = m_.links[static_cast<std::size_t>(fr.call_link)];
  if (outcome == Outcome::Failed) {
    if (fr.attempt < l.retries) {
      ++fr.attempt;
      if (phase_ == RunPhase::Measuring)
        ++links_[static_cast<std::size_t>(fr.call_link)].fig.retries;
      double wait = l.backoff_s * std::pow(l.backoff_multiplier, fr.attempt - 1);
      if (l.jitter) wait *= rng_.uniform();  // full jitter: uniform in [0, backoff)
      if (wait <= 0) return attempt(f);
      fr.token = next_token();
      calendar_.push(now_ + wait, Ev::Retry, f, fr.token);
      return;
    }
    if (!l.fallback_degraded) {
      fr.call_link = -1;
      return finish(f, Outcome::Failed);  // calls in sequence stop at the first failure
    }
    outcome = Outcome::Degraded;
  }
  fr.outcome = std::max(fr.outcome, outcome);
  fr.call_link = -1;
  proceed(f);
}

// Refused by an open breaker or a full bulkhead: no attempt, no retry; the fallback or a failure.
void Run::reject(int f, LinkState& ls, bool by_breaker) {
  if (phase_ == RunPhase::Measuring)
    ++(by_breaker ? ls.fig.rejected_open : ls.fig.rejected_bulkhead);
  Frame& fr = frame(f);
  const SimLink& l = m_.links[static_cast<std::size_t>(fr.call_link)];
  fr.call_link = -1;
  if (!l.fallback_degraded) return finish(f, Outcome::Failed);
  fr.outcome = Outcome::Degraded;
  proceed(f);
}

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
