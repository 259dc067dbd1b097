// One rule for an availability figure (archbench::format_availability): two significant digits
// of the unavailability, rounded down, so that a figure never reads at or above an SLO it misses.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "archbench/format.h"

using archbench::format_availability;

TEST_CASE("Availability text shows two digits of what is missing rounded down", "[format][availability]") {
  CHECK(format_availability(1.0) == "100%");
  CHECK(format_availability(0.0) == "0.0%");
  CHECK(format_availability(0.95) == "95.0%");            // 5% down: one decimal
  CHECK(format_availability(0.995) == "99.5%");           // 0.5% down: 99.50 without its zero
  CHECK(format_availability(0.9995) == "99.95%");
  CHECK(format_availability(0.998896) == "99.88%");       // 0.1104% down → 0.11 (not "99.9%")
  CHECK(format_availability(0.990025) == "99.0%");        // 0.9975% down → 1.0
  CHECK(format_availability(0.999901) == "99.9901%");     // 0.0099% down
  CHECK(format_availability(0.99999999) == "99.999999%"); // 1e-6 % down: six decimals at most
  CHECK(format_availability(0.999) == "99.9%");           // exactly on a 99.9% SLO stays there
  CHECK(format_availability(0.9999) == "99.99%");
  CHECK(format_availability(std::nan("")) == "beyond range");
}

TEST_CASE("Availability text never reads at or above an SLO the figure misses", "[format][availability]") {
  // For figures just under each common SLO, the shown number parsed back is below the SLO.
  for (double slo : {0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999}) {
    for (double below : {1e-6, 1e-5, 1e-4, 1e-3}) {
      const double a = slo - below * (1 - slo) * 10;
      if (a <= 0) continue;
      const std::string s = format_availability(a);
      INFO(a << " shown " << s << " against " << slo);
      CHECK(std::stod(s) / 100 < slo);
    }
  }
}
