#include "archbench/consistency_figures.h"

#include <cmath>

#include "archbench/format.h"

namespace archbench {

namespace {

// Milliseconds under a second, seconds above (format_duration's spelling).
std::string age_text(double ms) {
  return ms < 1000 ? format_ms(ms) + " ms" : format_duration(ms / 1000);
}

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

std::string stale_share_text(const ClassResult& c) {
  if (c.strong) return "strong";
  if (!c.stale) return "—";
  return format_share(c.stale->stale_share);
}

std::string staleness_text(const ClassResult& c) {
  if (!c.stale || c.stale->stale_share <= 0) return "—";
  return age_text(c.stale->staleness_ms);
}

std::string stale_reads_text(const ClassResult& c) {
  if (!c.stale) return "";
  const StaleReads& s = *c.stale;
  std::string out = std::string(to_string(s.consistency)) == "read_your_writes"
                        ? "read-your-writes reads"
                        : std::string(to_string(s.consistency)) + " reads";
  out += " up to " + age_text(s.lag_ms) + " behind the primary, " +
         format_significant(s.writes_per_key_per_s, 3) + " writes/s per key: " +
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
          {"stale_per_s", num(s.stale_per_s)}};
}

}  // namespace archbench
