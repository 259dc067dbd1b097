// archbench-cli compare and diff: versions side by side, and what changed between two.
#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archbench/compare.h"
#include "archbench/compare_figures.h"
#include "archbench/diff.h"
#include "archbench/error.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/report_json.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kCompareHelp =
    "usage: archbench-cli compare FILE [--versions V1,V3] [--workload-of NAME]\n"
    "                             [--format table|json|markdown|csv] [--catalog DIR]\n"
    "\n"
    "Puts versions side by side: each class's p50/p95/p99 latency, the maximum throughput and\n"
    "the load it corresponds to, the bottleneck, cost per month and per million requests, the\n"
    "number of components, each class's availability and downtime per month, and, for classes\n"
    "with an SLO, the objective and the share of its error budget used. From the second version\n"
    "on, each figure shows its change against the previous version (▲/▼ and %, with 'better' or\n"
    "'worse').\n"
    "\n"
    "  --versions A,B   the versions to compare, in this order (default: all)\n"
    "  --workload-of V  evaluate every version under V's workload instead of its own\n"
    "  --format F       table (default), json, markdown (ready for a design document) or csv\n";

const char* const kDiffHelp =
    "usage: archbench-cli diff FILE FROM TO [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Lists what changed from version FROM to version TO: components added, removed and changed\n"
    "(which parameter, from → to), links added, removed and changed, and workload changes.\n";

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// A figure of one version, with the direction in which it gets better.
struct Cell {
  std::optional<double> value;  // empty: saturated or not applicable
  std::string text;             // as shown
  bool lower_is_better = true;
  bool comparable = true;       // bottleneck ids and notes are not
};

// The change, decided and worded by the engine as the app shows it (figures.h).
std::string change_text(const Cell& before, const Cell& after) {
  if (!after.comparable) return "";
  return change_suffix(figure_change(before.value, after.value,
                                     after.lower_is_better ? Direction::Lower : Direction::Higher));
}

struct Row {
  std::string label;
  std::vector<Cell> cells;  // one per version
};

std::vector<Row> comparison_rows(const Comparison& c) {
  std::vector<Row> rows;
  std::vector<std::string> classes;
  for (const auto& v : c.versions) {
    for (const auto& k : v.report.classes) {
      if (std::find(classes.begin(), classes.end(), k.name) == classes.end()) classes.push_back(k.name);
    }
  }
  for (const auto& name : classes) {
    for (auto [label, field] : {std::pair{"p50", &Latency::p50}, std::pair{"p95", &Latency::p95},
                                std::pair{"p99", &Latency::p99}}) {
      Row row{name + " " + label + " (ms)", {}};
      for (const auto& v : c.versions) {
        const ClassResult* k = v.report.request_class(name);
        Cell cell;
        if (!k) cell.text = "—";
        else if (!k->latency) cell.text = "saturated";
        else {
          cell.value = (*k->latency).*field;
          cell.text = format_ms(*cell.value);
        }
        row.cells.push_back(cell);
      }
      rows.push_back(std::move(row));
    }
  }
  // The multiplier of a shared workload, or each version's headroom over its own load: higher
  // is better either way (compare_figures.h).
  Row mult{max_throughput_label(c), {}}, rate{"max throughput (req/s)", {}}, bottleneck{"bottleneck", {}},
      cost{"cost per month", {}}, million{"cost per million requests", {}}, count{"components", {}};
  for (const auto& v : c.versions) {
    const Totals& t = v.report.totals;
    const ComparedFigure m = max_throughput_figure(v);
    mult.cells.push_back({m.value, m.text, false, true});
    rate.cells.push_back({t.max_throughput_rate_per_s,
                          t.max_throughput_rate_per_s ? format_significant(*t.max_throughput_rate_per_s, 3) : "—",
                          false, true});
    bottleneck.cells.push_back({std::nullopt, t.bottleneck.empty() ? "—" : t.bottleneck, true, false});
    cost.cells.push_back({t.cost_per_month, format_usd(t.cost_per_month), true, true});
    million.cells.push_back({t.cost_per_million_requests, cost_per_million_text(t), true, true});
    count.cells.push_back({static_cast<double>(v.components), std::to_string(v.components), true, false});
  }
  for (Row* r : {&mult, &rate, &bottleneck, &cost, &million, &count}) rows.push_back(std::move(*r));
  // Availability and SLOs: the downtime and the budget used carry the change.
  auto figure_row = [&](const std::string& label, auto figure, bool lower, bool comparable) {
    Row row{label, {}};
    for (const auto& v : c.versions) {
      const ComparedFigure f = figure(v);
      row.cells.push_back({f.value, f.text, lower, comparable});
    }
    rows.push_back(std::move(row));
  };
  for (const auto& name : compared_classes(c)) {
    figure_row(name + " availability",
               [&](const VersionResult& v) { return availability_figure(v, name); }, false, false);
    figure_row(name + " downtime per month",
               [&](const VersionResult& v) { return downtime_figure(v, name); }, true, true);
  }
  for (const auto& name : compared_stale_classes(c))
    figure_row(name + " stale reads", [&](const VersionResult& v) { return stale_figure(v, name); },
               true, true);
  for (const auto& id : compared_replay_queues(c))
    figure_row(id + " replay time", [&](const VersionResult& v) { return replay_figure(v, id); },
               true, true);
  for (const auto& name : compared_slo_classes(c)) {
    figure_row(name + " SLO", [&](const VersionResult& v) { return slo_figure(v, name); }, false,
               false);
    figure_row(name + " error budget used",
               [&](const VersionResult& v) { return budget_used_figure(v, name); }, true, true);
  }
  return rows;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

int cmd_compare(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"versions", "workload-of", "format", "catalog"}, {});
  const std::string file = file_of(a);
  const Format f = format_of(a, true);
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  CompareOptions opt;
  if (auto v = a.value("versions")) {
    opt.versions = split_list(*v);
    if (opt.versions.empty()) throw UsageError("--versions needs at least one name");
  }
  opt.workload_of = a.value("workload-of");
  Comparison c;
  try {
    c = compare_versions(p, catalog, opt);
  } catch (const InputError& e) {
    throw InputError(file, e.problems());
  }
  if (f == Format::Json) {
    out << comparison_to_json(c).dump(2) << "\n";
    return 0;
  }
  const std::vector<Row> rows = comparison_rows(c);
  Table t{{"figure"}, {false}, {}};
  for (const auto& v : c.versions) {
    t.headers.push_back(v.name);
    t.right.push_back(true);
  }
  for (const auto& r : rows) {
    std::vector<std::string> line{r.label};
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      if (f == Format::Csv) {
        // Plain numbers wherever there is one; states ("saturated") and ids stay as text.
        line.push_back(r.cells[i].value ? plain_number(*r.cells[i].value) : r.cells[i].text);
      } else {
        line.push_back(r.cells[i].text + (i > 0 ? change_text(r.cells[i - 1], r.cells[i]) : ""));
      }
    }
    t.rows.push_back(std::move(line));
  }
  if (f == Format::Csv) {
    out << t.csv();
    return 0;
  }
  const bool md = f == Format::Markdown;
  out << (md ? "## " : "") << c.project << ": "
      << (c.workload_of ? "every version at " + *c.workload_of + "'s workload" : std::string("each version at its own workload"))
      << "\n\n";
  out << (md ? t.markdown() : t.text());
  out << "\n" << (md ? "### Why each version\n\n" : "Why each version:\n");
  for (const auto& v : c.versions) {
    out << (md ? "- **" + v.name + "**: " : "  " + v.name + ": ") << (v.notes.empty() ? "(no notes)" : first_line(v.notes)) << "\n";
    for (const auto& n : v.workload_notes) out << (md ? "  - " : "      ") << n << "\n";
  }
  for (const auto& v : c.versions) {
    for (const auto& k : v.report.classes) {
      if (k.saturated) out << (md ? "\n> " : "\n  ") << v.name << ", " << k.name << ": " << k.reason << "\n";
    }
  }
  return 0;
}

int cmd_diff(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"format", "catalog"}, {});
  if (a.positional.size() != 3) throw UsageError("diff needs FILE FROM TO");
  const std::string file = a.positional[0];
  const Format f = format_of(a);
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  auto find = [&](const std::string& name) -> const Version& {
    if (const Version* v = p.version(name)) return *v;
    std::string names;
    for (const auto& v : p.versions) names += (names.empty() ? "" : ", ") + v.name;
    throw InputError(file, "", "no version named \"" + name + "\" (versions: " + names + ")");
  };
  const VersionDiff d = diff_versions(find(a.positional[1]), find(a.positional[2]), &catalog);
  if (f == Format::Json) {
    out << diff_to_json(d).dump(2) << "\n";
    return 0;
  }
  const bool md = f == Format::Markdown;
  out << (md ? "## " : "") << p.name << ": " << d.from_version << " → " << d.to_version << "\n\n";
  if (d.empty()) {
    out << "No change to the design.\n";
    return 0;
  }
  auto list = [&](const char* title, const std::vector<std::string>& items, const char* mark) {
    for (const auto& i : items) out << (md ? "- " : "  ") << mark << " " << title << " " << (md ? "`" + i + "`" : i) << "\n";
  };
  auto changed = [&](const char* title, const std::vector<ItemChange>& items) {
    for (const auto& i : items) {
      for (const auto& c : i.changes)
        out << (md ? "- ~ " : "  ~ ") << title << " " << (md ? "`" + i.id + "`" : i.id) << " " << c.field << ": "
            << c.from << " → " << c.to << "\n";
    }
  };
  list("component", d.components_added, "+");
  list("component", d.components_removed, "-");
  changed("component", d.components_changed);
  list("link", d.links_added, "+");
  list("link", d.links_removed, "-");
  changed("link", d.links_changed);
  list("class", d.classes_added, "+");
  list("class", d.classes_removed, "-");
  changed("class", d.classes_changed);
  return 0;
}

}  // namespace archbench::cli
