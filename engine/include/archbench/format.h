#pragma once
// How figures are shown to users: units, sensible precision, saturation as a state.
#include <optional>
#include <string>

namespace archbench {

std::string format_ms(double ms);  // 3 significant digits: "0.512", "41.7", "1,230"; "<0.001"
std::string format_ms(const std::optional<double>& ms);  // "saturated" when empty
std::string format_usd(double usd);            // "$1,120.00"
std::string format_percent(double fraction);   // 0.4567 → "45.7%"
std::string format_rate(double per_s);         // "6.94 req/s"
std::string format_multiplier(double m);       // 3 significant digits: "12.3"
std::string format_significant(double v, int digits);
// A share of requests as a percentage with up to two decimals: 1 → "100%", 0.9995 → "99.95%",
// 0.4 → "40%"; a share that is not exactly 0 or 1 never rounds to them ("<0.01%", ">99.99%").
std::string format_share(double fraction);
// A duration in the unit that reads best: "45 s", "10 min", "2 h", "3.5 days".
std::string format_duration(double seconds);  // 3 significant digits, thousands separators

}  // namespace archbench
