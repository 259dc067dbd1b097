#include "archbench/consistency_figures.h"

#include <cmath>

#include "archbench/format.h"
#include "archbench/pattern_figures.h"

namespace archbench {

namespace {

// Milliseconds under a second, seconds above (format_duration's spelling).
std::string age_text(double ms) {
  return ms < 1000 ? format_ms(ms) + " ms" : format_duration(ms / 1000);
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

std::string stale_share_text(const ClassResult& c) {
  if (c.strong) return "strong";
  if (!c.stale) return "—";
  if (c.stale->projection_unbounded) return "growing";
  return format_share(c.stale->stale_share);
}

std::string staleness_text(const ClassResult& c) {
  if (c.stale && c.stale->projection_unbounded) return "unbounded";
  if (!c.stale || c.stale->stale_share <= 0) return "—";
  return age_text(c.stale->staleness_ms);
}

std::string stale_reads_text(const ClassResult& c) {
  if (!c.stale) return "";
  const StaleReads& s = *c.stale;
  std::string out = std::string(to_string(s.consistency)) == "read_your_writes"
                        ? "read-your-writes reads"
                        : std::string(to_string(s.consistency)) + " reads";
  if (s.projection_unbounded)
    return out + " of a read model fed through " + in_quotes(s.projection_queue) +
           ", whose backlog grows without bound: the reads fall ever further behind";
  if (s.projection_queue.empty()) {
    out += " up to " + age_text(s.lag_ms) + " behind the primary";
  } else {
    out += " of a read model fed through " + in_quotes(s.projection_queue) + ", " +
           age_text(s.projection_lag_ms) + " behind the writes on average (the queue's wait and the projection)";
    if (s.lag_ms > s.projection_lag_ms) out += ", its replicas up to " + age_text(s.lag_ms);
  }
  out += ", " + format_significant(s.writes_per_key_per_s, 3) + " writes/s per key: " +
         format_share(s.stale_share) + " stale";
  if (s.stale_share > 0)
    out += ", a stale read " + age_text(s.staleness_ms) + " old on average (" +
           format_rate(s.stale_per_s) + " read stale)";
  return out;
}

nlohmann::json stale_reads_json(const StaleReads& s) {
  return {{"consistency", to_string(s.consistency)},
          {"stale_share", num(s.stale_share)},
          {"staleness_ms", num(s.staleness_ms)},
          {"mean_staleness_ms", num(s.mean_staleness_ms)},
          {"lag_ms", num(s.lag_ms)},
          {"writes_per_key_per_s", num(s.writes_per_key_per_s)},
          {"stale_per_s", num(s.stale_per_s)},
          {"projection_queue", s.projection_queue.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(s.projection_queue)},
          {"projection_lag_ms", s.projection_queue.empty() || s.projection_unbounded
                                    ? nlohmann::json(nullptr)
                                    : num(s.projection_lag_ms)},
          {"projection_unbounded", s.projection_unbounded}};
}

std::string replay_text(const ReplayFigures& r) {
  std::string out = "replays " + format_count(static_cast<long long>(std::llround(r.events))) + " events";
  if (!r.seconds)
    return out + ": never, " + in_quotes(r.limited_by) + " has no spare capacity at this load";
  return out + " in " + format_duration(*r.seconds) + " at " + format_significant(r.rate_per_s, 3) +
         " events/s (the spare capacity of " + in_quotes(r.limited_by) + ", with " +
         format_significant(r.live_per_s, 3) + " live events/s)";
}

nlohmann::json replay_json(const ReplayFigures& r) {
  return {{"events", num(r.events)},
          {"rate_per_s", num(r.rate_per_s)},
          {"live_per_s", num(r.live_per_s)},
          {"seconds", r.seconds ? num(*r.seconds) : nlohmann::json(nullptr)},
          {"limited_by", r.limited_by}};
}

}  // namespace archbench
