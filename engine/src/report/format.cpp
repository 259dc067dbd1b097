#include "archbench/format.h"

#include <cmath>
#include <cstdio>

namespace archbench {

namespace {

std::string group_thousands(const std::string& digits) {
  // digits: optional '-', integer part, optional fraction. Built by appending only: GCC 12
  // reports a false -Wrestrict on erase() here.
  const bool negative = !digits.empty() && digits[0] == '-';
  const std::size_t start = negative ? 1 : 0;
  std::size_t dot = digits.find('.');
  if (dot == std::string::npos) dot = digits.size();
  std::string out = negative ? "-" : "";
  for (std::size_t i = start; i < dot; ++i) {
    if (i > start && (dot - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out.append(digits, dot, std::string::npos);
  return out;
}

}  // namespace

std::string format_significant(double v, int digits) {
  if (!std::isfinite(v)) return "—";
  if (v == 0) return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
  int decimals = std::max(0, digits - 1 - magnitude);
  const double scale = std::pow(10.0, digits - 1 - magnitude);
  const double rounded = std::round(v * scale) / scale;
  // Rounding may carry into a new digit (9.995 → 10.0): recompute the decimals.
  if (rounded != 0 && static_cast<int>(std::floor(std::log10(std::fabs(rounded)))) > magnitude)
    decimals = std::max(0, decimals - 1);
  char buf[400];  // %f of a double can need 309 digits before the point
  std::snprintf(buf, sizeof buf, "%.*f", decimals, rounded);
  return group_thousands(buf);
}

std::string format_ms(double ms) {
  // Below a microsecond a figure is noise to a reader (Erlang C waits can be 1e-50 ms).
  if (ms > 0 && ms < 0.001) return "<0.001";
  return format_significant(ms, 3);
}

std::string format_ms(const std::optional<double>& ms) {
  return ms ? format_ms(*ms) : std::string("saturated");
}

std::string format_usd(double usd) {
  if (!std::isfinite(usd)) return "—";
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(usd * 100) / 100);
  std::string out = "$";
  out += group_thousands(buf);
  return out;
}

std::string format_percent(double fraction) {
  if (!std::isfinite(fraction)) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100);
  return buf;
}

std::string format_rate(double per_s) { return format_significant(per_s, 3) + " req/s"; }

std::string format_multiplier(double m) { return format_significant(m, 3); }

std::string format_share(double fraction) {
  if (!std::isfinite(fraction)) return "—";
  if (fraction <= 0) return "0%";
  if (fraction >= 1) return "100%";
  if (fraction < 0.00005) return "<0.01%";
  if (fraction > 0.99995) return ">99.99%";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", fraction * 100);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "%";
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds)) return "—";
  // 3 significant digits without trailing zeros: "10 min", not "10.0 min".
  auto figure = [](double v) {
    std::string s = format_significant(v, 3);
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s;
  };
  if (seconds < 120) return figure(seconds) + " s";
  if (seconds < 2 * 3600) return figure(seconds / 60) + " min";
  if (seconds < 2 * 86400) return figure(seconds / 3600) + " h";
  return figure(seconds / 86400) + " days";
}

}  // namespace archbench
