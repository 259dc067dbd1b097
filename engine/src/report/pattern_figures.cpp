#include "archbench/pattern_figures.h"

#include "archbench/format.h"

namespace archbench {

std::string refused_share_text(const ClassResult& c) {
  if (!c.refused_share) return "—";
  return format_share(*c.refused_share);
}

std::string rate_limit_text(const ComponentResult& c) {
  if (!c.rate_limit_per_s) return "";
  const std::string limit = "limit " + format_rate(*c.rate_limit_per_s);
  if (c.refused_per_s <= 0) return limit + ", admits all";
  return limit + ", refuses " + format_rate(c.refused_per_s) + " (429)";
}

}  // namespace archbench
