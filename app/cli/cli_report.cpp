// archbench-cli report: one document for a design review. Every table is the Markdown the CLI's
// own commands print (evaluate, availability, compare, diff, impact, chaos), so a figure reads
// the same in the report as at the command line; the pictures are the engine's SVG.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "archbench/compare.h"
#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/svg.h"
#include "archbench/text_file.h"
#include "cli_common.h"
#include "markdown_html.h"

namespace archbench::cli {

const char* const kReportHelp =
    "usage: archbench-cli report FILE -o REPORT.html|REPORT.md [--catalog DIR]\n"
    "\n"
    "Writes one document for a design review: the versions compared (table, latency against\n"
    "load, cost), then each version's diagram, notes, figures, utilization, availability and\n"
    "single points of failure, the impact of each single crash (a heatmap), its chaos\n"
    "experiments and their results, and what changed from the version before.\n"
    "\n"
    "  -o, --output F      REPORT.html: one self-contained file (inline SVG, print styles);\n"
    "                      REPORT.md: Markdown, its pictures as SVG files in REPORT-images/\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n";

namespace {

// A piece of the report: Markdown (as the CLI prints it), or a picture.
struct Block {
  std::string markdown;
  std::string svg;      // a picture when not empty
  std::string name;     // its file name (Markdown variant) and id
  std::string caption;
  int heading_shift = 0;
};

// What a CLI command prints, run in this process on the same file.
std::string command_output(int (*cmd)(const std::vector<std::string>&, std::ostream&),
                           std::vector<std::string> args) {
  std::ostringstream ss;
  cmd(args, ss);
  return ss.str();
}

const char* const kCss = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222; line-height: 1.45; padding: 0 1rem; }
h1 { border-bottom: 2px solid #34495e; padding-bottom: .3rem; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .88rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; vertical-align: top; }
th { background: #eef2f6; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; overflow-x: auto; }
figcaption { font-size: .85rem; color: #555; }
svg.diagram, svg.chart { max-width: 100%; height: auto; }
blockquote { border-left: 4px solid #e69f00; margin: .5rem 0; padding: .2rem .8rem; background: #fff8e8; }
nav ul { columns: 2; }
code { background: #f3f3f3; padding: 0 .2rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2.version { break-before: page; }
  table, figure { break-inside: avoid; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
)";

std::string usd_text(double v) { return format_usd(v); }
std::string percent_text(double v) { return format_percent(v / 100); }

}  // namespace

int cmd_report(const std::vector<std::string>& argv_in, std::ostream& out) {
  std::vector<std::string> argv = argv_in;
  for (auto& s : argv)
    if (s == "-o") s = "--output";
  const Args a = parse_args(argv, {"catalog", "output"}, {});
  const std::string file = file_of(a);
  const auto output = a.value("output");
  if (!output) throw UsageError("-o REPORT.html or -o REPORT.md is needed");
  const std::filesystem::path out_path(*output);
  const std::string ext = out_path.extension().string();
  if (ext != ".html" && ext != ".htm" && ext != ".md")
    throw UsageError("the report is HTML (-o NAME.html) or Markdown (-o NAME.md), not '" + *output + "'");
  const bool html = ext != ".md";
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  std::vector<std::string> common{file};
  if (auto c = a.value("catalog")) common.insert(common.end(), {"--catalog", *c});
  auto args = [&](std::initializer_list<std::string> more) {
    std::vector<std::string> v = common;
    v.insert(v.end(), more);
    v.insert(v.end(), {"--format", "markdown"});
    return v;
  };

  std::vector<Block> blocks;
  const std::string title = (p.name.empty() ? file : p.name);
  // The versions compared, with the sweeps behind the latency chart.
  CompareOptions co;
  co.sweep_points = 24;
  const Comparison cmp = compare_versions(p, catalog, co);
  blocks.push_back({"## The versions compared\n", "", "", "", 0});
  blocks.push_back({command_output(cmd_compare, args({})), "", "", "", 1});
  std::vector<std::string> classes;
  for (const auto& v : cmp.versions)
    for (const auto& k : v.report.classes)
      if (std::find(classes.begin(), classes.end(), k.name) == classes.end()) classes.push_back(k.name);
  for (const auto& k : classes) {
    LineChart chart{k + ": p95 latency against offered load", "offered load (req/s, all classes)", "p95 (ms)", {}, true};
    for (const auto& v : cmp.versions) {
      if (!v.sweep) continue;
      ChartSeries s{v.name, {}};
      const auto at = std::find(v.sweep->classes.begin(), v.sweep->classes.end(), k);
      if (at == v.sweep->classes.end()) continue;
      const auto idx = static_cast<std::size_t>(at - v.sweep->classes.begin());
      for (const auto& pt : v.sweep->points)
        s.points.push_back({pt.rate_per_s, pt.latency[idx] ? pt.latency[idx]->p95 : std::nan("")});
      chart.series.push_back(std::move(s));
    }
    blocks.push_back({"", line_chart_svg(chart), "latency-" + slug(k), chart.title + " (each version up to 99% of its maximum throughput; log scale)", 0});
  }
  {
    BarChart cost{"Cost per month by component kind", "$ per month", {}, {}, {}, usd_text, 0};
    for (const auto& v : cmp.versions)
      for (const auto& [kind, usd] : v.cost_by_kind)
        if (usd > 0 && std::find(cost.stacks.begin(), cost.stacks.end(), kind) == cost.stacks.end()) cost.stacks.push_back(kind);
    for (const auto& v : cmp.versions) {
      cost.groups.push_back(v.name);
      std::vector<double> row;
      for (const auto& kind : cost.stacks) {
        auto it = v.cost_by_kind.find(kind);
        row.push_back(it == v.cost_by_kind.end() ? 0 : it->second);
      }
      cost.values.push_back(std::move(row));
    }
    blocks.push_back({"", bar_chart_svg(cost), "cost", cost.title, 0});
  }

  for (std::size_t i = 0; i < p.versions.size(); ++i) {
    const Version& v = p.versions[i];
    blocks.push_back({"## Version " + v.name + "\n", "", "", "", 0});
    if (!v.notes.empty()) blocks.push_back({v.notes + "\n", "", "", "", 0});
    blocks.push_back({"", version_svg(v), "diagram-" + slug(v.name), "The components of " + v.name + " and their links", 0});
    blocks.push_back({command_output(cmd_evaluate, args({"--version", v.name})), "", "", "", 1});
    {
      const VersionResult* vr = nullptr;
      for (const auto& r : cmp.versions)
        if (r.name == v.name) vr = &r;
      if (vr) {
        BarChart util{v.name + ": utilization of the busiest server", "utilization (%)", {}, {"utilization"}, {}, percent_text, 100};
        for (const auto& c : vr->report.components) {
          if (c.behaviour == Behaviour::Client) continue;
          util.groups.push_back(c.name.empty() ? c.id : c.name);
          util.values.push_back({c.utilization ? *c.utilization * 100 : (c.saturated ? 100.0 : 0.0)});
        }
        blocks.push_back({"", bar_chart_svg(util), "utilization-" + slug(v.name), util.title + " (a saturated component at 100%)", 0});
      }
    }
    blocks.push_back({command_output(cmd_availability, args({"--version", v.name})), "", "", "", 1});
    blocks.push_back({command_output(cmd_impact, args({"--version", v.name})), "", "", "", 1});
    if (!v.experiments.empty()) blocks.push_back({command_output(cmd_chaos, args({"--version", v.name})), "", "", "", 1});
    if (i > 0)
      blocks.push_back({command_output(cmd_diff, args({p.versions[i - 1].name, v.name})), "", "", "", 1});
  }

  // Write it.
  std::string text;
  if (html) {
    text = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
           xml_text(title) + " — design report</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
    text += "<h1>" + xml_text(title) + " — design report</h1>\n";
    text += "<p>" + std::to_string(p.versions.size()) + " version" + (p.versions.size() == 1 ? "" : "s") +
            ", each at its own workload. Written by archbench-cli report from " + xml_text(std::filesystem::path(file).filename().string()) +
            "; every table is what the command-line tool prints.</p>\n<nav><ul>\n";
    text += "<li><a href=\"#the-versions-compared\">The versions compared</a></li>\n";
    for (const auto& v : p.versions)
      text += "<li><a href=\"#version-" + slug(v.name) + "\">Version " + xml_text(v.name) + "</a></li>\n";
    text += "</ul></nav>\n";
    for (const auto& b : blocks) {
      if (!b.svg.empty()) {
        text += "<figure id=\"" + b.name + "\">\n" + b.svg + "<figcaption>" + xml_text(b.caption) + "</figcaption>\n</figure>\n";
      } else if (b.markdown.rfind("## Version ", 0) == 0) {
        const std::string name = b.markdown.substr(11, b.markdown.find('\n') - 11);
        text += "<h2 class=\"version\" id=\"version-" + slug(name) + "\">Version " + xml_text(name) + "</h2>\n";
      } else {
        text += markdown_to_html(b.markdown, b.heading_shift);
      }
    }
    text += "</body>\n</html>\n";
    write_text_file(out_path, text);
    out << "Wrote " << out_path.string() << " (" << blocks.size() << " sections, " << text.size() / 1024 << " KiB).\n";
    return 0;
  }
  // Markdown: the pictures beside it.
  const std::filesystem::path images = out_path.parent_path() / (out_path.stem().string() + "-images");
  std::filesystem::create_directories(images);
  text = "# " + title + " — design report\n\n";
  int pictures = 0;
  for (const auto& b : blocks) {
    if (!b.svg.empty()) {
      write_text_file(images / (b.name + ".svg"), b.svg);
      text += "![" + b.caption + "](" + images.filename().string() + "/" + b.name + ".svg)\n\n";
      ++pictures;
      continue;
    }
    std::string md = b.markdown;
    if (b.heading_shift > 0) {
      // "## " → "### ": the commands' titles sit under the report's sections.
      std::string shifted;
      std::stringstream ss(md);
      std::string l;
      while (std::getline(ss, l)) shifted += (l.rfind('#', 0) == 0 ? "#" + l : l) + "\n";
      md = shifted;
    }
    text += md + "\n";
  }
  write_text_file(out_path, text);
  out << "Wrote " << out_path.string() << " and " << pictures << " pictures in " << images.string() << "/.\n";
  return 0;
}

}  // namespace archbench::cli
