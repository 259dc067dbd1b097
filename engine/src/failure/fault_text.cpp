#include "archbench/fault_text.h"

#include <algorithm>
#include <cmath>
#include <charconv>

namespace archbench {

std::optional<double> parse_number_text(const std::string& s) {
  double x = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(x))
    return std::nullopt;
  return x;
}

namespace {

bool strip_suffix(std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  s.erase(s.size() - suffix.size());
  return true;
}

bool strip_prefix(std::string& s, const std::string& prefix) {
  if (s.rfind(prefix, 0) != 0) return false;
  s.erase(0, prefix.size());
  return true;
}

// "3", "3x", "x3" or "×3": a multiplier above 0.
std::optional<double> factor(std::string s) {
  if (!strip_suffix(s, "x") && !strip_suffix(s, "X") && !strip_prefix(s, "x")) strip_prefix(s, "×");
  const auto v = parse_number_text(s);
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

// "200ms", "0.2s" or "200" (ms): a time added per visit, above 0.
std::optional<double> added_ms(std::string s) {
  double scale = 1;
  if (!strip_suffix(s, "ms") && strip_suffix(s, "s")) scale = 1000;
  const auto v = parse_number_text(s);
  if (!v || *v <= 0) return std::nullopt;
  return *v * scale;
}

bool joined(const Version& v, const std::string& from, const std::string& to) {
  return std::any_of(v.links.begin(), v.links.end(),
                     [&](const Link& l) { return l.from == from && l.to == to; });
}

}  // namespace

ParsedFault parse_fault_value(FaultType type, const std::string& value) {
  ParsedFault out;
  Fault f;
  f.type = type;
  auto bad = [&](const char* expected) {
    out.expected = expected;
    return out;
  };
  // ID=VALUE at the last '=' (ids hold none); for slow, also ID+MS.
  const auto eq = value.rfind('=');
  const bool has_value = eq != std::string::npos;
  const std::string id = has_value ? value.substr(0, eq) : value;
  const std::string arg = has_value ? value.substr(eq + 1) : "";
  switch (type) {
    case FaultType::Crash:
    case FaultType::Hang:
      if (value.empty() || has_value) return bad("a component id");
      f.component = value;
      break;
    case FaultType::Slow: {
      const char* expected = "ID=FACTORx or ID=+MSms, e.g. db=3x or db=+200ms";
      std::string who = id, what = arg;
      if (!has_value) {
        const auto plus = value.rfind('+');
        if (plus == std::string::npos) return bad(expected);
        who = value.substr(0, plus);
        what = value.substr(plus);
      }
      if (who.empty() || what.empty()) return bad(expected);
      f.component = who;
      if (what.front() == '+') {
        const auto ms = added_ms(what.substr(1));
        if (!ms) return bad(expected);
        f.add_ms = *ms;
      } else {
        const auto x = factor(what);
        if (!x) return bad(expected);
        f.factor = *x;
      }
      break;
    }
    case FaultType::Lose: {
      const char* expected = "ID=N with N a whole number of instances from 1, e.g. app=1";
      if (id.empty()) return bad(expected);
      f.component = id;
      if (has_value) {
        const auto n = parse_number_text(arg);
        if (!n || *n < 1 || *n > 1e6 || *n != std::floor(*n)) return bad(expected);
        f.instances = static_cast<int>(*n);
      }
      break;
    }
    case FaultType::Flush: {
      const char* expected = "ID or ID=R with R a hit ratio from 0 to 1, e.g. cache=0.3";
      if (id.empty()) return bad(expected);
      f.component = id;
      if (has_value) {
        const auto r = parse_number_text(arg);
        if (!r || *r < 0 || *r > 1) return bad(expected);
        f.hit_ratio = *r;
      }
      break;
    }
    case FaultType::Partition: {
      const char* expected = "ID or ID=F with F the cut-off share, strictly between 0 and 1, e.g. db=0.3";
      if (id.empty()) return bad(expected);
      f.component = id;
      if (has_value) {
        const auto x = parse_number_text(arg);
        if (!x || *x <= 0 || *x >= 1) return bad(expected);
        f.fraction = *x;
      }
      break;
    }
    case FaultType::Cut: {
      const char* expected = "FROM->TO (or FROM-TO), e.g. app->cache";
      for (const std::string arrow : {"->", "→"}) {
        if (const auto at = value.find(arrow); at != std::string::npos) {
          f.component = value.substr(0, at);
          f.to = value.substr(at + arrow.size());
          if (f.component.empty() || f.to.empty()) return bad(expected);
          out.fault = f;
          return out;
        }
      }
      if (value.find('-') == std::string::npos || value.front() == '-' || value.back() == '-')
        return bad(expected);
      out.cut = value;
      break;
    }
    case FaultType::Zone:
      if (value.empty()) return bad("a zone name");
      f.zone = value;
      break;
    case FaultType::Region:
      if (value.empty()) return bad("a region name");
      f.zone = value;
      break;
    case FaultType::Spike: {
      const auto x = factor(value);
      if (!x) return bad("a rate multiplier above 0, e.g. 3 or 3x");
      f.factor = *x;
      break;
    }
  }
  out.fault = f;
  return out;
}

std::vector<std::pair<std::string, std::string>> cut_candidates(const Version& version,
                                                                const std::string& text) {
  std::vector<std::pair<std::string, std::string>> fits;
  for (std::size_t at = text.find('-'); at != std::string::npos; at = text.find('-', at + 1)) {
    const std::string a = text.substr(0, at), b = text.substr(at + 1);
    if (!version.component(a) || !version.component(b)) continue;
    if (joined(version, a, b))
      fits.emplace_back(a, b);
    else if (joined(version, b, a))
      fits.emplace_back(b, a);
  }
  return fits;
}

}  // namespace archbench
