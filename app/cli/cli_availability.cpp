// archbench-cli availability: per-class availability, downtime and single points of failure.
#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "archbench/availability.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/report_json.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kAvailabilityHelp =
    "usage: archbench-cli availability FILE [--version NAME | --all]\n"
    "                                  [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Availability of each request class (as a percentage and as downtime per month and per\n"
    "year), the components every request of the class must pass, and which of those are single\n"
    "points of failure (no spare instance: losing one leaves too few to carry the load). A\n"
    "component is up while at least k of its n instances are up, k being the fewest that carry\n"
    "its load without saturating; failures are taken as independent.\n"
    "\n"
    "When a class states an SLO (\"slo_percent\"), its error budget (minutes of failure a month\n"
    "the objective allows: (1 - SLO) x 43,800 min) and the share of it the expected downtime\n"
    "uses are shown too; above 100% the SLO is not met.\n";

int cmd_availability(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"version", "format", "catalog"}, {"all"});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  check_all_or_version(a);
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  const std::vector<const Version*> versions = versions_of(p, a, file);
  nlohmann::json all = nlohmann::json::array();
  const bool md = f == Format::Markdown;
  for (const Version* v : versions) {
    const AvailabilityReport r = analyse_availability(*v, catalog);
    if (f == Format::Json) {
      all.push_back(availability_to_json(r, p.name, v->name));
      continue;
    }
    out << (md ? "## " : "") << p.name << " — " << v->name << ": availability\n\n";
    Table classes{{"class", "availability", "downtime/month", "downtime/year", "single points of failure"},
                  {false, true, true, true, false},
                  {}};
    // SLO columns only when a class states an objective; "—" for a class that does not.
    const bool any_slo =
        std::any_of(r.classes.begin(), r.classes.end(),
                    [](const ClassAvailability& c) { return c.slo_percent.has_value(); });
    if (any_slo) {
      classes.headers.insert(classes.headers.end() - 1,
                             {"SLO", "error budget/month", "budget used"});
      classes.right.insert(classes.right.end() - 1, {true, true, true});
    }
    for (const auto& c : r.classes) {
      std::string spof;
      for (const auto& id : c.single_points_of_failure) spof += (spof.empty() ? "" : ", ") + id;
      // Saturated is a state of the load, not 0% available and a month of downtime.
      std::vector<std::string> row{
          c.name, c.saturated ? "saturated" : format_availability(c.availability),
          c.saturated ? "—" : format_duration(c.downtime_minutes_per_month * 60),
          c.saturated ? "—" : format_duration(c.downtime_hours_per_year * 3600)};
      if (any_slo) {
        row.push_back(c.slo_percent ? plain_number(*c.slo_percent) + "%" : "—");
        row.push_back(c.error_budget_minutes_per_month
                          ? format_duration(*c.error_budget_minutes_per_month * 60)
                          : "—");
        std::string used = "—";
        if (c.budget_used && !c.saturated)
          used = format_percent(*c.budget_used) + (*c.budget_used > 1 ? " (SLO missed)" : "");
        row.push_back(used);
      }
      row.push_back(spof.empty() ? "none" : spof);
      classes.rows.push_back(std::move(row));
    }
    out << (md ? classes.markdown() : classes.text()) << "\n";
    Table comps{{"component", "per instance", "needed of", "availability"}, {false, true, true, true}, {}};
    for (const auto& c : r.components) {
      comps.rows.push_back({c.id, format_availability(c.per_instance),
                            std::to_string(c.needed) + " of " + std::to_string(c.instances),
                            c.saturated ? "saturated" : format_availability(c.availability)});
    }
    out << (md ? comps.markdown() : comps.text()) << "\n";
    for (const auto& c : r.classes) {
      if (c.saturated) out << (md ? "- " : "  ") << c.name << ": saturated at this load (" << c.saturated_reason << "): its availability is not a figure until the load is carried\n";
    }
  }
  if (f == Format::Json) out << (a.has("all") ? all : all.front()).dump(2) << "\n";
  return 0;
}

}  // namespace archbench::cli
