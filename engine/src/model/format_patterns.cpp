#include "model/format_patterns.h"

#include <array>
#include <string_view>

namespace archbench::detail {

namespace {

// Parameters a catalog kind may declare that format 3 did not know.
constexpr std::array<std::string_view, 1> kFormat4Params = {"rate_limit_per_s"};

}  // namespace

bool is_format4_param(const std::string& name) {
  for (std::string_view p : kFormat4Params)
    if (p == name) return true;
  return false;
}

bool uses_format4(const Version& v) {
  for (const auto& c : v.components)
    for (const auto& [name, value] : c.params)
      if (is_format4_param(name)) return true;
  return false;
}

}  // namespace archbench::detail
