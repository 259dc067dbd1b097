#pragma once
// How figures are shown to users: units, sensible precision, saturation as a state.
// Every figure goes through these functions, which never print a non-finite number: NaN and
// infinity read "beyond range", and magnitudes from 1e15 up or below 1e-6 are written in
// scientific notation ("1.23e18"), so no figure is longer than about 20 characters.
#include <optional>
#include <string>

namespace archbench {

// The state a formatter shows for a figure that is not a finite number (NaN or infinity).
extern const char* const kBeyondRange;  // "beyond range"

std::string format_ms(double ms);  // 3 significant digits: "0.512", "41.7", "1,230"; "<0.001"
std::string format_ms(const std::optional<double>& ms);  // "saturated" when empty
// A simulated figure with the half-width of its 95% confidence interval: "41.7 ± 2.13".
std::string format_ms_interval(double ms, double half_width_ms);
std::string format_usd(double usd);            // "$1,120.00"
std::string format_percent(double fraction);   // 0.4567 → "45.7%"
std::string format_rate(double per_s);         // "6.94 req/s"
std::string format_multiplier(double m);       // 3 significant digits: "12.3"
// `digits` significant digits (1–17), thousands separators; scientific past the plain range.
std::string format_significant(double v, int digits);
// A share of requests as a percentage with up to two decimals: 1 → "100%", 0.9995 → "99.95%",
// 0.4 → "40%"; a share that is not exactly 0 or 1 never rounds to them ("<0.01%", ">99.99%").
std::string format_share(double fraction);
// An availability (a fraction up) as a percentage, the one rule of the CLI, the app and the
// report cards: two significant digits of what is missing, rounded down, so a figure never reads
// higher than it is (99.8896% → "99.88%", never "99.9%" against a 99.9% SLO); at least one
// decimal, at most six, no trailing zeros past the first: 1 → "100%", 0.995 → "99.5%",
// 0.99 → "99.0%", 0.9995 → "99.95%", 0.990025 → "99.0%" (0.9975% down: "1.0").
std::string format_availability(double fraction);
// A duration in the unit that reads best: "45 s", "10 min", "2 h", "3.5 days".
std::string format_duration(double seconds);  // 3 significant digits, thousands separators

}  // namespace archbench
