// archbench-cli export and import: a version as Mermaid or DOT, and a diagram as a project.
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include "archbench/diagram.h"
#include "archbench/error.h"
#include "archbench/project_io.h"
#include "archbench/text_file.h"
#include "cli_common.h"

namespace archbench::cli {

namespace {

// "-o OUT" is spelt as "--output OUT" too.
std::vector<std::string> with_output(std::vector<std::string> argv) {
  for (auto& s : argv)
    if (s == "-o") s = "--output";
  return argv;
}

}  // namespace

const char* const kExportHelp =
    "usage: archbench-cli export FILE [--version NAME] --to mermaid|architecture-beta|dot\n"
    "                            [-o OUT] [--catalog DIR]\n"
    "\n"
    "Writes a version as a Mermaid flowchart (flowchart LR), as Mermaid architecture-beta\n"
    "(zones as groups) or as Graphviz DOT. Its parameters go into comment lines the target\n"
    "ignores (%% archbench: ... in Mermaid, // archbench: ... in DOT), so that 'import' gives\n"
    "the same version back. Rules in docs/DIAGRAMS.md.\n"
    "\n"
    "  --version NAME      the version (default: the last one)\n"
    "  --to F              mermaid, architecture-beta or dot\n"
    "  -o, --output OUT    write to OUT (whole or not at all) instead of standard output\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n";

const char* const kImportHelp =
    "usage: archbench-cli import DIAGRAM -o PROJECT.archbench.json [--force] [--catalog DIR]\n"
    "\n"
    "Reads a Mermaid flowchart (or graph), a Mermaid architecture-beta diagram or a Graphviz\n"
    "DOT digraph and writes a project with one version. A diagram exported by ArchBench comes\n"
    "back exactly; in one drawn by hand each node's kind is guessed from its label (LB, nginx,\n"
    "Redis, Postgres, SQS, Kafka, CDN, S3, worker, Lambda, ...; unknown: an app server), a\n"
    "workload of 10 requests/s is added, and every guess is printed. Rules in\n"
    "docs/DIAGRAMS.md.\n"
    "\n"
    "  -o, --output OUT    the project file to write\n"
    "  --force             replace OUT when it exists\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n";

int cmd_export(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(with_output(argv), {"version", "to", "catalog", "output"}, {});
  const std::string file = file_of(a);
  const auto to = a.value("to");
  if (!to) throw UsageError("--to is needed: mermaid, architecture-beta or dot");
  const auto format = diagram_format_from(*to);
  if (!format) throw UsageError("--to must be mermaid, architecture-beta or dot (got '" + *to + "')");
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  const Version& v = version_of(p, a, file);
  const std::string text = export_diagram(v, p.name, *format);
  if (const auto o = a.value("output")) {
    write_text_file(*o, text);
  } else {
    out << text;
  }
  return 0;
}

int cmd_import(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(with_output(argv), {"catalog", "output"}, {"force"});
  const std::string file = file_of(a);
  const auto o = a.value("output");
  if (!o) throw UsageError("-o PROJECT.archbench.json is needed: where to write the project");
  if (std::filesystem::exists(*o) && !a.has("force"))
    throw UsageError(*o + " exists: give --force to replace it");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, "", "cannot read the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  const Catalog catalog = catalog_of(a);
  const DiagramImport r = import_diagram(ss.str(), file, catalog);
  save_project(r.project, *o);
  const Version& v = r.project.versions.front();
  out << "Read " << file << " (" << diagram_format_name(r.format) << "): " << v.components.size()
      << (v.components.size() == 1 ? " component, " : " components, ") << v.links.size()
      << (v.links.size() == 1 ? " link" : " links") << "; wrote " << *o << ".\n";
  if (r.exact) {
    out << "Every component and link came from its archbench lines: the version is as exported.\n";
  } else if (!r.guesses.empty()) {
    out << "\nGuesses (check them in the app or the file):\n";
    for (const auto& g : r.guesses) out << "  - " << g << "\n";
  }
  return 0;
}

}  // namespace archbench::cli
