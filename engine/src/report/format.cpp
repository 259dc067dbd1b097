#include "archbench/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace archbench {

const char* const kBeyondRange = "beyond range";

namespace {

// Plain notation between these powers of ten; scientific outside, so that no figure is longer
// than "-999,999,999,999,999" or "0.00000123457" however extreme the design.
constexpr int kPlainMaxExponent = 14;   // < 1e15
constexpr int kPlainMinExponent = -6;   // ≥ 1e-6

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

// A finite, non-zero v rounded to `digits` significant digits by printf's "%e", which works on
// the decimal digits and so cannot overflow or produce NaN (rounding by v × 10^k can: 1e-308
// × 10^310 is infinite). `exponent` is that of the rounded figure (9.996 → 1.00e1).
struct Rounded {
  std::string mantissa;  // "-1.23"
  int exponent = 0;
  double value = 0;      // the rounded figure as a double
};

Rounded round_significant(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
  const char* e = std::strchr(buf, 'e');
  Rounded r;
  r.mantissa.assign(buf, static_cast<std::size_t>(e - buf));
  r.exponent = std::atoi(e + 1);
  r.value = std::strtod(buf, nullptr);
  return r;
}

// "1.23e15", "-4.50e-7": the mantissa keeps its significant zeros; the exponent has no '+' and
// no leading zeros. `shift` moves the exponent (×100 for a percentage without overflow).
std::string scientific(const Rounded& r, int shift = 0) {
  return r.mantissa + "e" + std::to_string(r.exponent + shift);
}

}  // namespace

std::string format_significant(double v, int digits) {
  if (!std::isfinite(v)) return kBeyondRange;
  if (v == 0) return "0";
  digits = std::clamp(digits, 1, 17);
  const Rounded r = round_significant(v, digits);
  if (r.exponent > kPlainMaxExponent || r.exponent < kPlainMinExponent) return scientific(r);
  // Integers below 1e15 are exact in a double, so "%.0f" of the rounded figure prints its digits.
  const int decimals = std::max(0, digits - 1 - r.exponent);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, r.value);
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

std::string format_ms_interval(double ms, double half_width_ms) {
  return format_ms(ms) + " ± " + format_ms(half_width_ms);
}

std::string format_usd(double usd) {
  if (!std::isfinite(usd)) return kBeyondRange;
  // Past a thousand trillion dollars cents mean nothing (and ×100 could overflow).
  if (std::fabs(usd) >= 1e15) return "$" + scientific(round_significant(usd, 3));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(usd * 100) / 100);
  std::string out = "$";
  out += group_thousands(buf);
  return out;
}

std::string format_percent(double fraction) {
  if (!std::isfinite(fraction)) return kBeyondRange;
  // fraction × 100 overflows above 1.8e306: shift the exponent instead of multiplying.
  if (std::fabs(fraction) >= 1e13) return scientific(round_significant(fraction, 3), 2) + "%";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100);
  return buf;
}

std::string format_rate(double per_s) { return format_significant(per_s, 3) + " req/s"; }

std::string format_multiplier(double m) { return format_significant(m, 3); }

std::string format_share(double fraction) {
  if (!std::isfinite(fraction)) return kBeyondRange;
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

std::string format_availability(double fraction) {
  if (!std::isfinite(fraction)) return kBeyondRange;
  if (fraction >= 1) return "100%";
  if (fraction <= 0) return "0.0%";
  const double missing = (1 - fraction) * 100;  // percent down
  // Decimals that show two significant digits of `missing` (0.11 → 2: "99.88"), 1 to 6.
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(missing) - 1e-12)) + 1, 1, 6);
  const double scale = std::pow(10.0, decimals);
  // Rounded down: what is missing rounded up, in units of the last decimal (10 to 100 of them).
  // The tolerance, above the rounding error of (1 − a) × 100 (1e-14 × scale) and far below a
  // unit, keeps 0.999 (1 − 0.999 = 0.0010000000000000009) at "99.9%".
  const double units = std::ceil(missing * scale - 1e-6);
  const double shown = 100 - units / scale;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, shown);
  std::string text = buf;
  // Trailing zeros say nothing once rounded down ("99.950" is "99.95"); one decimal stays.
  while (text.back() == '0' && text[text.size() - 2] != '.') text.pop_back();
  return text + "%";
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds)) return kBeyondRange;
  // 3 significant digits without trailing zeros: "10 min", not "10.0 min" (scientific figures
  // keep theirs: "1.00e20" must not lose its exponent's zero).
  auto figure = [](double v) {
    std::string s = format_significant(v, 3);
    if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
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
