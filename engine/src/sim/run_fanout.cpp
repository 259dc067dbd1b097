// Forks and joins (docs/SIMULATE.md): a component with parallel calls sends the calls on all its
// links at once, one branch per link (the calls on one link one after another within it), and
// goes on when the last branch is back; a sharded store or cache sends a single-shard visit to
// one shard (the hot one with its share) and a cross-shard visit to every shard at once, going
// on when the slowest shard is done. A branch or a part is a frame of the same component that
// reports to its parent; the parent keeps the worst outcome, so one failed branch fails it.
#include <algorithm>

#include "sim/run.h"

namespace archbench::sim {

void Run::fan_out(int f) {
  const Frame& fr = frame(f);
  const int node = fr.node, k = fr.cls, req = fr.req, station = fr.station;
  const int trace = fr.trace, span = fr.span;
  const std::uint32_t epoch = fr.epoch;
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  frame(f).phase = Phase::Calling;
  frame(f).branches = 1;  // held until every branch is out, so that none joins early
  for (int i = 0; i < n.out_count; ++i) {
    const auto lk = static_cast<std::size_t>(n.out_first + i) * m_.K + static_cast<std::size_t>(k);
    if (m_.whole_calls[lk] == 0 && m_.extra_call[lk] <= 0) continue;  // never called
    ++frame(f).branches;
    const int b = new_frame(node, k, req, f, -1);  // may move frames_
    Frame& bf = frame(b);
    bf.branch = true;
    bf.parent_token = epoch;
    bf.link = i;
    bf.station = station;  // its calls use the instance's connection pool
    bf.trace = trace;      // its calls are children of the visit's span
    bf.span = span;
    bf.phase = Phase::Calling;
    proceed(b);
  }
  if (--frame(f).branches == 0) join(f);
}

void Run::arrive_sharded(int f) {
  const int node = frame(f).node, k = frame(f).cls;
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  const double cross = m_.cross_shard[static_cast<std::size_t>(k)];
  if (cross > 0 && rng_.uniform() < cross) {
    const int req = frame(f).req, trace = frame(f).trace, span = frame(f).span;
    const std::uint32_t epoch = frame(f).epoch;
    frame(f).phase = Phase::Calling;
    frame(f).branches = 1;
    for (int shard = 0; shard < n.shards; ++shard) {
      ++frame(f).branches;
      const int p = new_frame(node, k, req, f, -1);  // may move frames_
      frame(p).part = true;
      frame(p).parent_token = epoch;
      if (trace >= 0) {  // each shard's visit a child of the component's
        open_span(p, trace, span, 0);
        SpanRecord* sp = span_of(p);
        sp->arrived = now_;
        sp->shard = shard;
      }
      visit_shard(p, shard);
    }
    if (--frame(f).branches == 0) join(f);
    return;
  }
  const int shard =
      n.shards > 1 && rng_.uniform() >= n.hot_share ? 1 + rng_.below(n.shards - 1) : 0;
  if (SpanRecord* sp = span_of(f)) sp->shard = shard;
  visit_shard(f, shard);
}

// A visit (or a cross-shard visit's part) at one shard: as at an unsharded component, among
// that shard's stations up.
void Run::visit_shard(int f, int shard) {
  const int node = frame(f).node, k = frame(f).cls;
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  const int offset = shard * n.shard_stride;
  auto up = [&](int role) {
    shard_up_.clear();
    for (int j = 0; j < n.role_count[role]; ++j) {
      const int s = n.role_first[role] + offset + j;
      if (stations_[static_cast<std::size_t>(s)].up > 0) shard_up_.push_back(s);
    }
    return !shard_up_.empty();
  };
  if (n.replicated && m_.write[static_cast<std::size_t>(k)]) {
    // To the shard's primary, applied on its replicas up in the background.
    const int primary = n.role_first[0] + offset;
    if (stations_[static_cast<std::size_t>(primary)].up == 0) return finish(f, Outcome::Failed);
    if (up(1)) {
      const std::vector<int> replicas = shard_up_;
      for (const int s : replicas) {
        const int b = new_frame(node, k, -1, -1, -1);
        frame(b).background = true;
        request_server(b, s);
      }
    }
    return request_server(f, primary);
  }
  int role = m_.role[static_cast<std::size_t>(node) * m_.K + static_cast<std::size_t>(k)];
  if (n.replicated && role == 1 && !up(1)) role = 0;  // no replica left: reads go to the primary
  if (!up(role)) return none_up(f);
  const auto count = static_cast<int>(shard_up_.size());
  request_server(f, count > 1 ? pick_station(node, role, shard_up_.data(), count)
                              : shard_up_.front());
}

// A branch or a part is done: its parent keeps the worst outcome and goes on after the last.
void Run::branch_done(int b, Outcome outcome) {
  const Frame& bf = frame(b);
  const int p = bf.parent;
  const std::uint32_t epoch = bf.parent_token;
  const Outcome worst = std::max(bf.outcome, outcome);
  if (bf.part && bf.trace >= 0) {  // a branch shares its parent's span; a part has its own
    SpanRecord* sp = span_of(b);
    sp->end = now_;
    sp->outcome = static_cast<int>(worst);
  }
  free_frame(b);
  Frame& pf = frame(p);
  if (pf.epoch != epoch || pf.phase != Phase::Calling) return;  // the visit was lost meanwhile
  pf.outcome = std::max(pf.outcome, worst);
  if (--pf.branches == 0) join(p);
}

// Every branch or part of a visit is back.
void Run::join(int f) {
  Frame& fr = frame(f);
  const SimNode& n = m_.nodes[static_cast<std::size_t>(fr.node)];
  if (fr.outcome == Outcome::Failed) return finish(f, Outcome::Failed);
  if (n.parallel) fr.link = n.out_count;  // its calls are made
  proceed(f);  // a sharded component's own work is done: its hit or miss, its calls
}

}  // namespace archbench::sim
