#include "cli_common.h"

#include "archbench/fault_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "archbench/error.h"
#include "archbench/format.h"

namespace archbench::cli {

Format format_of(const Args& a, bool csv_allowed) {
  const std::string f = a.value("format").value_or("table");
  if (f == "table") return Format::Table;
  if (f == "json") return Format::Json;
  if (f == "markdown") return Format::Markdown;
  if (f == "csv" && csv_allowed) return Format::Csv;
  throw UsageError(std::string("--format must be table, json") + (csv_allowed ? ", markdown or csv" : " or markdown") +
                   " (got '" + f + "')");
}

std::string plain_number(double v) {
  // A CSV cell or an option bound: six significant digits, never "nan" or "inf".
  if (!std::isfinite(v)) return kBeyondRange;
  std::ostringstream ss;
  ss << v;
  return ss.str();
}

double number_option(const Args& a, const std::string& name, double fallback, double min,
                     double max) {
  auto v = a.value(name);
  if (!v) return fallback;
  double x = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || ptr != v->data() + v->size() || !std::isfinite(x))
    throw UsageError("--" + name + " needs a number (got '" + *v + "')");
  if (x < min || x > max)
    throw UsageError("--" + name + " must lie between " + plain_number(min) + " and " +
                     plain_number(max) + " (got '" + *v + "')");
  return x;
}

Catalog catalog_of(const Args& a) {
  if (auto dir = a.value("catalog")) return Catalog::load(*dir);
  return Catalog::load_default();
}

std::string file_of(const Args& a) {
  if (a.positional.empty()) throw UsageError("missing FILE");
  if (a.positional.size() > 1) throw UsageError("unexpected argument '" + a.positional[1] + "'");
  return a.positional[0];
}

const Version& version_of(const Project& p, const Args& a, const std::string& file) {
  if (auto name = a.value("version")) {
    if (const Version* v = p.version(*name)) return *v;
    std::string names;
    for (const auto& v : p.versions) names += (names.empty() ? "" : ", ") + v.name;
    throw InputError(file, "", "no version named \"" + *name + "\" (versions: " + names + ")");
  }
  return p.versions.back();
}

std::string ms_cell(const std::optional<Latency>& l, double Latency::*field) {
  return l ? format_ms((*l).*field) : "saturated";
}

std::string opt_ms(const std::optional<double>& v) { return v ? format_ms(*v) : "—"; }

void check_all_or_version(const Args& a) {
  if (a.has("all") && a.value("version")) throw UsageError("--all and --version exclude each other");
}

std::vector<const Version*> versions_of(const Project& p, const Args& a, const std::string& file) {
  std::vector<const Version*> out;
  if (a.has("all")) {
    for (const auto& v : p.versions) out.push_back(&v);
  } else {
    out.push_back(&version_of(p, a, file));
  }
  return out;
}

std::optional<double> parse_number(const std::string& s) { return parse_number_text(s); }

bool strip_suffix(std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  s.erase(s.size() - suffix.size());
  return true;
}

std::optional<double> parse_duration(std::string s) {
  double scale = 1;
  if (strip_suffix(s, "min") || strip_suffix(s, "m"))
    scale = 60;
  else if (strip_suffix(s, "h"))
    scale = 3600;
  else
    strip_suffix(s, "s");
  auto v = parse_number(s);
  if (!v || *v <= 0) return std::nullopt;
  return *v * scale;
}

}  // namespace archbench::cli
