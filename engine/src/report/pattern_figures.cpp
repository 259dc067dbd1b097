#include "archbench/pattern_figures.h"

#include "archbench/format.h"

namespace archbench {

std::string format_count(long long n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string refused_share_text(const ClassResult& c) {
  if (!c.refused_share) return "—";
  return format_share(*c.refused_share);
}

std::string duplicates_text(const ClassResult& c) {
  if (!c.duplicates_per_day) return "—";
  return *c.duplicates_per_day > 0 ? format_significant(*c.duplicates_per_day, 3) : "0";
}

std::string lost_text(const ClassResult& c) {
  if (!c.lost_share) return "—";
  return format_share(*c.lost_share) + (c.lost_hang && *c.lost_share > 0 ? " (hang)" : "");
}

std::string rate_limit_text(const ComponentResult& c) {
  if (!c.rate_limit_per_s) return "";
  const std::string limit = "limit " + format_rate(*c.rate_limit_per_s);
  if (c.refused_per_s <= 0) return limit + ", admits all";
  return limit + ", refuses " + format_rate(c.refused_per_s) + " (429)";
}

std::string connections_text(const ComponentResult& c) {
  if (!c.connections) return "";
  const ConnectionFigures& f = *c.connections;
  auto count = [](long long n) { return format_count(n); };
  std::string s = "limit " + count(f.limit) + " per node";
  if (f.pooled > 0) {
    s += ", pools hold " + count(f.pooled) + " (largest " + f.largest_pool + ")";
    if (f.refused_pooled > 0) s += ": " + count(f.refused_pooled) + " refused when they open";
  }
  if (f.unpooled_max != 0) {
    if (!f.unpooled_in_use || !f.refused_share) return s + "; calls without a pool: saturated";
    s += "; calls without a pool hold " + format_significant(*f.unpooled_in_use, 3) +
         " at once on average, ";
    s +=
        *f.refused_share > 0 ? format_share(*f.refused_share) + " of them refused" : "none refused";
  }
  return s;
}

bool connections_refused(const ComponentResult& c) {
  return c.connections &&
         (c.connections->refused_pooled > 0 || c.connections->refused_share.value_or(0) > 0);
}

std::string shards_text(const ComponentResult& c) {
  if (!c.shards) return "";
  const ShardFigures& f = *c.shards;
  auto busy = [](const std::optional<double>& u) { return u ? format_percent(*u) : std::string("saturated"); };
  return format_count(f.shards) + " shards, hot shard " + format_percent(f.hot_share) +
         " of single-shard visits: " + busy(f.hot_utilization) + (f.hot_utilization ? " busy" : "") +
         ", others " + busy(f.other_utilization);
}

std::string shards_badge(const ComponentResult& c) {
  return c.shards ? "×" + format_count(c.shards->shards) + " shards" : "";
}

std::string fan_out_text(const ComponentResult& c) {
  if (c.parallel_links <= 0) return "";
  return "calls " + format_count(c.parallel_links) + (c.parallel_links == 1 ? " link" : " links") +
         " in parallel, waits for the slowest";
}

}  // namespace archbench
