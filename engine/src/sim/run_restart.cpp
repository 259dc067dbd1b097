// Restarts in time, and the connection pools they open again (docs/SIMULATE.md, "Restarts").
// A restart replaces every instance of a component as an orchestrator does: a new instance
// starts and opens its pools (pool_size connections to each callee with max_connections, per
// node) while the old one still serves and holds its own; when the new one is ready, after the
// start-up time, it takes over and the old one closes its pools. All at once, the new pools ask
// while the old still hold theirs, and the callee's limit refuses the excess: the stampede. A
// rolling restart replaces one instance at a time. An instance short of connections tries again
// after 1 s, then 2, 4, … (at most 30 s), and meanwhile a call that finds none of its pool's
// connections free is refused at once (as a call that finds every connection in use). While no
// pool is short, pooled calls take no connection count: the steady state is as before.
#include <algorithm>

#include "sim/run.h"

namespace archbench::sim {

namespace {
constexpr double kFirstBackoff = 1, kMaxBackoff = 30;
}

void Run::open_restarts() {
  conn_pooled_.assign(m_.nodes.size(), 0);
  for (std::size_t i = 0; i < m_.nodes.size(); ++i)
    if (m_.nodes[i].conn_total >= 0)
      conn_pooled_[i] = m_.nodes[i].conn_total - std::max(0LL, m_.nodes[i].conn_free);
  pools_.resize(m_.links.size());
  for (std::size_t l = 0; l < m_.links.size(); ++l) {
    const SimLink& sl = m_.links[l];
    if (sl.pool_want <= 0) continue;
    const SimNode& n = m_.nodes[static_cast<std::size_t>(sl.from)];
    const auto slots = static_cast<std::size_t>(n.pool ? 1 : std::max(1LL, n.instances));
    pools_[l].have.assign(slots, sl.pool_want);  // open, as the static check counts them
    pools_[l].next.assign(slots, -1);
    pools_[l].in_use.assign(slots, 0);
  }
  for (std::size_t r = 0; r < o_.restarts.size(); ++r) {
    const Restart& x = o_.restarts[r];
    RestartState st;
    const auto at = std::find(m_.ids.begin(), m_.ids.end(), x.component);
    st.node = static_cast<int>(at - m_.ids.begin());  // checked by simulate() beforehand
    const SimNode& n = m_.nodes[static_cast<std::size_t>(st.node)];
    st.groups = x.rolling ? static_cast<int>(std::max(1LL, n.instances)) : 1;
    restarts_.push_back(st);
    for (int g = 0; g < st.groups; ++g) {
      const double begin = x.start_s + g * x.startup_s;
      calendar_.push(begin, Ev::RestartStep, static_cast<int>(r), static_cast<std::uint32_t>(2 * g));
      calendar_.push(begin + x.startup_s, Ev::RestartStep, static_cast<int>(r),
                     static_cast<std::uint32_t>(2 * g + 1));
    }
  }
}

std::size_t Run::pool_slot(int f) const {
  const Frame& fr = frames_[static_cast<std::size_t>(f)];
  const SimNode& n = m_.nodes[static_cast<std::size_t>(fr.node)];
  if (n.pool || fr.station < 0) return 0;
  return static_cast<std::size_t>(fr.station - n.role_first[0]);
}

bool Run::take_pool_connection(int f, int link) {
  PoolConns& pc = pools_[static_cast<std::size_t>(link)];
  const std::size_t i = pool_slot(f);
  if (pc.short_count > 0 && pc.have[i] < m_.links[static_cast<std::size_t>(link)].pool_want &&
      pc.in_use[i] >= pc.have[i])
    return false;
  ++pc.in_use[i];
  return true;
}

void Run::release_pool_connection(int f, int link) {
  PoolConns& pc = pools_[static_cast<std::size_t>(link)];
  const std::size_t i = pool_slot(f);
  if (pc.in_use[i] > 0) --pc.in_use[i];
}

// Opens up to `wanted` connections to the link's callee: as many as its limit leaves free of
// the pools and of the calls in flight that hold one without a pool.
long long Run::grant(int link, long long wanted) {
  const int to = m_.links[static_cast<std::size_t>(link)].to;
  const SimNode& n = m_.nodes[static_cast<std::size_t>(to)];
  long long used = conn_pooled_[static_cast<std::size_t>(to)];
  for (const int l : n.conn_links) used += links_[static_cast<std::size_t>(l)].in_flight;
  const long long got = std::clamp(n.conn_total - used, 0LL, wanted);
  conn_pooled_[static_cast<std::size_t>(to)] += got;
  links_[static_cast<std::size_t>(link)].fig.refused_pool +=
      static_cast<std::uint64_t>(wanted - got);
  return got;
}

void Run::restart_step(int r, std::uint32_t step) {
  RestartState& rs = restarts_[static_cast<std::size_t>(r)];
  const SimNode& n = m_.nodes[static_cast<std::size_t>(rs.node)];
  const bool ready = (step & 1) != 0;
  const auto group = static_cast<std::size_t>(step / 2);
  const auto slots = static_cast<std::size_t>(std::max(1LL, n.instances));
  const std::size_t first = rs.groups == 1 ? 0 : group;
  const std::size_t last = rs.groups == 1 ? slots : group + 1;
  for (int l = n.out_first; l < n.out_first + n.out_count; ++l) {
    const long long want = m_.links[static_cast<std::size_t>(l)].pool_want;
    if (want <= 0) continue;
    PoolConns& pc = pools_[static_cast<std::size_t>(l)];
    const auto to = static_cast<std::size_t>(m_.links[static_cast<std::size_t>(l)].to);
    for (std::size_t i = first; i < last; ++i) {
      if (!ready) {
        pc.next[i] = grant(l, want);  // the new instance opens its pool beside the old one's
      } else {
        conn_pooled_[to] = std::max(0LL, conn_pooled_[to] - pc.have[i]);  // the old one closes
        pc.have[i] = std::max(0LL, pc.next[i]);
        pc.next[i] = -1;
      }
    }
    pc.short_count = static_cast<int>(
        std::count_if(pc.have.begin(), pc.have.end(), [want](long long h) { return h < want; }));
  }
  if (ready) ++rs.ready;
  const bool full = refill_done(r);
  if (!full && !rs.tick_set) {
    rs.tick_set = true;
    rs.backoff = kFirstBackoff;
    calendar_.push(now_ + rs.backoff, Ev::Reconnect, r, 0);
  }
  if (full && rs.ready == rs.groups) note_refilled(r);
}

void Run::reconnect(int r) {
  RestartState& rs = restarts_[static_cast<std::size_t>(r)];
  rs.tick_set = false;
  const bool full = refill(r);
  if (full) {
    if (rs.ready == rs.groups) note_refilled(r);
    return;
  }
  rs.tick_set = true;
  rs.backoff = std::min(rs.backoff * 2, kMaxBackoff);
  calendar_.push(now_ + rs.backoff, Ev::Reconnect, r, 0);
}

// Every pool of the restarted component short of connections (serving or starting) asks for
// the rest; true when none is short any more.
bool Run::refill(int r) {
  const SimNode& n = m_.nodes[static_cast<std::size_t>(restarts_[static_cast<std::size_t>(r)].node)];
  bool full = true;
  for (int l = n.out_first; l < n.out_first + n.out_count; ++l) {
    const long long want = m_.links[static_cast<std::size_t>(l)].pool_want;
    if (want <= 0) continue;
    PoolConns& pc = pools_[static_cast<std::size_t>(l)];
    for (std::size_t i = 0; i < pc.have.size(); ++i) {
      long long& h = pc.next[i] >= 0 ? pc.next[i] : pc.have[i];
      if (h < want) h += grant(l, want - h);
      full = full && h >= want;
    }
    pc.short_count = static_cast<int>(
        std::count_if(pc.have.begin(), pc.have.end(), [want](long long h) { return h < want; }));
  }
  return full;
}

bool Run::refill_done(int r) const {
  const SimNode& n = m_.nodes[static_cast<std::size_t>(restarts_[static_cast<std::size_t>(r)].node)];
  for (int l = n.out_first; l < n.out_first + n.out_count; ++l) {
    const long long want = m_.links[static_cast<std::size_t>(l)].pool_want;
    if (want <= 0) continue;
    const PoolConns& pc = pools_[static_cast<std::size_t>(l)];
    for (std::size_t i = 0; i < pc.have.size(); ++i)
      if ((pc.next[i] >= 0 ? pc.next[i] : pc.have[i]) < want) return false;
  }
  return true;
}

void Run::note_refilled(int r) {
  const SimNode& n = m_.nodes[static_cast<std::size_t>(restarts_[static_cast<std::size_t>(r)].node)];
  for (int l = n.out_first; l < n.out_first + n.out_count; ++l)
    if (m_.links[static_cast<std::size_t>(l)].pool_want > 0)
      links_[static_cast<std::size_t>(l)].fig.refilled_at = now_;
}

}  // namespace archbench::sim
