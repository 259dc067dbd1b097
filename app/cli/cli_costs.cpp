// archbench-cli costs: the cost breakdown as a bill (quantity × unit price per line item), per
// hour, month or year; CSV for spreadsheets.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "archbench/costs.h"
#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kCostsHelp =
    "usage: archbench-cli costs FILE [--version NAME | --all] [--per hour|month|year]\n"
    "                           [--format table|csv|json|markdown] [--catalog DIR]\n"
    "\n"
    "Prints each component's bill at the stated load: a line per item (nodes, requests,\n"
    "transfer, storage, compute) with its quantity, unit, unit price and dollars, and the\n"
    "total. Nodes are billed in node-hours (the monthly price over 730 hours), the rest in the\n"
    "catalog's units; the dollars add up to evaluate's cost per month.\n"
    "\n"
    "  --version NAME      the version (default: the last one)\n"
    "  --all               every version, in order (CSV: one table with a version column)\n"
    "  --per P             hour, month (default) or year (730 and 8,760 hours)\n"
    "  --format F          table (default), csv (plain numbers for spreadsheets), json or\n"
    "                      markdown\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n";

namespace {

CostPeriod period_of(const Args& a) {
  const std::string p = a.value("per").value_or("month");
  if (p == "hour") return CostPeriod::Hour;
  if (p == "month") return CostPeriod::Month;
  if (p == "year") return CostPeriod::Year;
  throw UsageError("--per must be hour, month or year (got '" + p + "')");
}

// Unit prices are often fractions of a cent: three significant digits below a dollar, so that
// quantity × price reads back as the line's dollars.
std::string price_text(double usd) {
  return usd >= 1 ? format_usd(usd) : "$" + format_significant(usd, 3);
}

// Four significant digits without trailing zeros: "730", "2,190", "20", "1.386".
std::string quantity_text(double q) {
  std::string s = format_significant(q, 4);
  if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace

int cmd_costs(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"version", "format", "catalog", "per"}, {"all"});
  const std::string file = file_of(a);
  const Format f = format_of(a, /*csv_allowed=*/true);
  const CostPeriod period = period_of(a);
  check_all_or_version(a);
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  const std::vector<const Version*> versions = versions_of(p, a, file);
  std::vector<CostLine> all_lines;
  nlohmann::json all = nlohmann::json::array();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    EvaluateOptions o;
    o.percentiles = false;
    o.max_throughput = false;
    const Report r = QueueingModel(*versions[i], catalog).evaluate(o);
    const std::vector<CostLine> lines = cost_lines(r, period);
    double total = 0;
    for (const auto& l : lines) total += l.usd;
    if (f == Format::Csv) {
      all_lines.insert(all_lines.end(), lines.begin(), lines.end());
      continue;
    }
    if (f == Format::Json) {
      nlohmann::json j;
      j["project"] = p.name;
      j["version"] = r.version;
      j["per"] = period_name(period);
      j["total_usd"] = total;
      j["lines"] = nlohmann::json::array();
      for (const auto& l : lines)
        j["lines"].push_back({{"component", l.component},
                              {"id", l.id},
                              {"kind", l.kind},
                              {"item", l.item},
                              {"quantity", l.quantity},
                              {"unit", l.unit},
                              {"unit_price_usd", l.unit_price_usd},
                              {"usd", l.usd}});
      all.push_back(std::move(j));
      continue;
    }
    if (i) out << "\n";
    const std::string per = period_name(period);
    const bool md = f == Format::Markdown;
    out << (md ? "## " : "") << p.name << " — " << r.version << ": costs per " << per << "\n\n";
    Table t{{"component", "kind", "item", "quantity", "unit", "unit price", "$/" + per},
            {false, false, false, true, false, true, true},
            {}};
    for (const auto& l : lines)
      t.rows.push_back({l.component, l.kind, l.item, quantity_text(l.quantity), l.unit,
                        price_text(l.unit_price_usd), format_usd(l.usd)});
    t.rows.push_back({"total", "", "", "", "", "", format_usd(total)});
    out << (md ? t.markdown() : t.text());
  }
  if (f == Format::Csv) out << cost_csv(all_lines, period);
  if (f == Format::Json) out << (a.has("all") ? all : all.front()).dump(2) << "\n";
  return 0;
}

}  // namespace archbench::cli
