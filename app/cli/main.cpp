// archbench-cli: the headless front end over the ArchBench engine.
#include <iostream>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "cli_commands.h"
#include "cli_common.h"

namespace {

const char* const kUsage =
    "usage: archbench-cli COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  evaluate FILE   latency, utilization, cost and saturation of a version\n"
    "  sweep FILE      latency and utilization from low load up to saturation\n"
    "  validate FILE   check a project file and report every problem\n"
    "  catalog         list the component kinds and their parameters\n"
    "  compare FILE    versions side by side, with the change of each figure\n"
    "  diff FILE A B   what changed from version A to version B\n"
    "  availability FILE  per-class availability and single points of failure\n"
    "  what-if FILE    a failure scenario (--crash db, --slow db=3x, ...) against steady state\n"
    "  impact FILE     what each single component crash does to every class\n"
    "  chaos FILE      run the saved chaos experiments: PASS or FAIL\n"
    "  simulate FILE   discrete-event simulation: latency percentiles with confidence intervals\n"
    "  export FILE     a version as Mermaid (flowchart, architecture-beta) or Graphviz DOT\n"
    "  import DIAGRAM  a Mermaid or DOT diagram as a project (kinds guessed from labels)\n"
    "  report FILE     one HTML (or Markdown) document of every version, table and chart\n"
    "  costs FILE      the bill: quantity and unit price of each line item, CSV for spreadsheets\n"
    "  check FILE      requirements on the figures, for CI (--require \"read_post.p99 <= 200ms\")\n"
    "  practice ...    interview scenarios: list, show ID, grade ID ATTEMPT, drills ID ATTEMPT\n"
    "\n"
    "Run 'archbench-cli COMMAND --help' for a command's options, 'archbench-cli --version'\n"
    "for the version and the catalog folder used without --catalog.\n"
    "Exit codes: 0 success, 1 invalid input (message on stderr), 2 bad usage;\n"
    "chaos and check: 3 when an experiment or requirement fails; practice grade: 4 below the\n"
    "pass mark; evaluate: 5 when a version is unfinished (what can be computed is shown, then\n"
    "its problems).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace archbench::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string cmd = args.front();
  args.erase(args.begin());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version") {
    // The second line says which catalog a command without --catalog reads.
    std::cout << "archbench-cli " << ARCHBENCH_VERSION << "\n"
              << "catalog: " << archbench::Catalog::default_dir().string() << "\n";
    return 0;
  }
  struct Command {
    const char* name;
    int (*run)(const std::vector<std::string>&, std::ostream&);
    const char* help;
  };
  const Command commands[] = {{"evaluate", cmd_evaluate, kEvaluateHelp},
                              {"sweep", cmd_sweep, kSweepHelp},
                              {"validate", cmd_validate, kValidateHelp},
                              {"catalog", cmd_catalog, kCatalogHelp},
                              {"compare", cmd_compare, kCompareHelp},
                              {"diff", cmd_diff, kDiffHelp},
                              {"availability", cmd_availability, kAvailabilityHelp},
                              {"what-if", cmd_what_if, kWhatIfHelp},
                              {"impact", cmd_impact, kImpactHelp},
                              {"chaos", cmd_chaos, kChaosHelp},
                              {"simulate", cmd_simulate, kSimulateHelp},
                              {"costs", cmd_costs, kCostsHelp},
                              {"report", cmd_report, kReportHelp},
                              {"export", cmd_export, kExportHelp},
                              {"import", cmd_import, kImportHelp},
                              {"check", cmd_check, kCheckHelp},
                              {"practice", cmd_practice, kPracticeHelp}};
  for (const auto& c : commands) {
    if (cmd != c.name) continue;
    for (const auto& a : args) {
      if (a == "--help" || a == "-h") {
        std::cout << c.help;
        return 0;
      }
    }
    try {
      return c.run(args, std::cout);
    } catch (const UsageError& e) {
      std::cerr << "archbench-cli " << cmd << ": " << e.what() << "\n\n" << c.help;
      return 2;
    } catch (const archbench::InputError& e) {
      std::cerr << e.what() << "\n";
      return 1;
    } catch (const std::exception& e) {
      std::cerr << "archbench-cli " << cmd << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "archbench-cli: unknown command '" << cmd << "'\n\n" << kUsage;
  return 2;
}
