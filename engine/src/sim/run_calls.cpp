// A request's calls over links in time (docs/SIMULATE.md): each attempt with its timeout,
// retries after a backoff, the breaker and bulkhead that may refuse it, a queue's one-way
// delivery, and the answer coming back. Split from run.cpp, whose visits call these.
#include <algorithm>
#include <cmath>

#include "sim/run.h"

namespace archbench::sim {

// Calls over links and the caller's policy on each: a timeout per attempt, retries after a
// backoff (base × multiplier^i, full or equal jitter optional), a circuit breaker (closed, open,
// half-open) and a bulkhead, as state machines in time. docs/SIMULATE.md states the rules.
void Run::call(int f, int link) {
  Frame& fr = frame(f);
  fr.call_link = link;
  fr.attempt = 0;
  if (m_.links[static_cast<std::size_t>(link)].lossy) {
    fr.call_token = next_token();
    fr.executed = false;
    if (phase_ == RunPhase::Measuring) ++links_[static_cast<std::size_t>(link)].fig.calls;
  }
  fr.phase = Phase::Calling;
  attempt(f);
}

// A queue's delivery: the message travels one way to the consumer and nothing comes back; it
// is a new root of the request (its completion waits for it). A message sent for a request
// that is already over (a killed caller failed it while the send was on its way) is still
// delivered and worked on, as the consumers would, but belongs to no request.
void Run::deliver(int f, int link) {
  const int cls = frame(f).cls;
  const bool of_request = live(frame(f));
  const int req = of_request ? frame(f).req : -1;
  const SimLink& l = m_.links[static_cast<std::size_t>(link)];
  const int child = new_frame(l.to, cls, req, -1, link);
  if (of_request) {
    ++requests_[static_cast<std::size_t>(req)].roots;
    if (frame(f).trace >= 0) open_span(child, frame(f).trace, frame(f).span, 0);
  }
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  if (ls.cut) {
    ls.parked.push_back(child);  // delivered when the link is back
    return;
  }
  schedule_frame(now_ + l.latency(frame(child).cls), Ev::Arrive, child);
}

void Run::attempt(int f) {
  const int link = frame(f).call_link;
  const SimLink& l = m_.links[static_cast<std::size_t>(link)];
  LinkState& ls = links_[static_cast<std::size_t>(link)];
  if (l.breaker && !breaker_admits(link)) return reject(f, ls, true);
  if (l.bulkhead > 0 && ls.in_flight >= l.bulkhead) return reject(f, ls, false);
  if (l.holds_connection && !connection_free(l.to)) return refuse_connection(f);
  if (l.pool_want > 0 && !take_pool_connection(f, link)) return refuse_connection(f);
  const std::uint32_t token = next_token();
  {
    Frame& fr = frame(f);
    fr.token = token;
    fr.in_flight = true;
  }
  ++ls.in_flight;
  if (phase_ == RunPhase::Measuring) ++ls.fig.attempts;
  if (timeline_) ++step_attempts_[static_cast<std::size_t>(link)];
  const int child = new_frame(l.to, frame(f).cls, frame(f).req, f, link);  // may move frames_
  frame(child).parent_token = token;
  if (frame(f).trace >= 0) open_span(child, frame(f).trace, frame(f).span, frame(f).attempt);
  if (ls.cut) {
    ls.parked.push_back(child);  // never arrives: the caller waits for its timeout or the cut's end
  } else if (l.lossy) {
    // The network may lose the call (the caller waits for its timeout), or deliver it twice:
    // the copy is done in the background, and its answer is not waited for.
    frame(child).call_token = frame(f).call_token;
    if (rng_.uniform() < l.loss) {
      free_frame(child);
    } else {
      schedule_frame(now_ + l.latency(frame(child).cls), Ev::Arrive, child);
      if (l.duplicate > 0 && rng_.uniform() < l.duplicate) {
        const int copy = new_frame(l.to, frame(f).cls, -1, f, link);
        frame(copy).background = true;
        frame(copy).call_token = frame(f).call_token;
        schedule_frame(now_ + l.latency(frame(copy).cls), Ev::Arrive, copy);
      }
    }
  } else {
    schedule_frame(now_ + l.latency(frame(child).cls), Ev::Arrive, child);
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
  const SimLink& sl = m_.links[static_cast<std::size_t>(link)];
  if (sl.lossy && sl.loss > 0 && rng_.uniform() < sl.loss) {
    free_frame(child);  // the answer is lost: the caller waits for its timeout
    return;
  }
  const std::uint32_t token = c.parent_token;
  const Outcome outcome = c.outcome;
  free_frame(child);
  Frame& fr = frame(p);
  if (fr.token != token || fr.phase != Phase::Calling || !fr.in_flight) return;
  fr.token = 0;
  fr.in_flight = false;
  --links_[static_cast<std::size_t>(link)].in_flight;
  if (sl.pool_want > 0) release_pool_connection(p, link);
  record_attempt(link, outcome == Outcome::Failed);
  attempt_done(p, outcome);
}

void Run::timed_out(int f) {
  Frame& fr = frame(f);
  fr.token = 0;
  fr.in_flight = false;
  LinkState& ls = links_[static_cast<std::size_t>(fr.call_link)];
  --ls.in_flight;
  if (m_.links[static_cast<std::size_t>(fr.call_link)].pool_want > 0)
    release_pool_connection(f, fr.call_link);
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
      // Full jitter: uniform in [0, backoff); equal jitter: in [backoff/2, backoff).
      if (l.jitter) wait *= l.jitter_equal ? 0.5 + 0.5 * rng_.uniform() : rng_.uniform();
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

}  // namespace archbench::sim
