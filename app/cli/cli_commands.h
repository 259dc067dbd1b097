#pragma once
// The subcommands of archbench-cli; each returns the process exit code (0 ok, 1 bad input).
#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace archbench::cli {

// Bad usage: unknown option, missing argument. Exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // --name VALUE
  std::vector<std::string> flags;             // --name

  bool has(const std::string& flag) const;
  std::optional<std::string> value(const std::string& name) const;
};

// Splits argv after the subcommand; `value_options` take a value, `flag_options` do not.
Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_options,
                const std::vector<std::string>& flag_options);

// evaluate's exit code when a version is unfinished: its figures are those that can be computed.
constexpr int kExitUnfinished = 5;

int cmd_evaluate(const std::vector<std::string>& argv, std::ostream& out);
int cmd_sweep(const std::vector<std::string>& argv, std::ostream& out);
int cmd_validate(const std::vector<std::string>& argv, std::ostream& out);
int cmd_catalog(const std::vector<std::string>& argv, std::ostream& out);
int cmd_compare(const std::vector<std::string>& argv, std::ostream& out);
int cmd_diff(const std::vector<std::string>& argv, std::ostream& out);
int cmd_availability(const std::vector<std::string>& argv, std::ostream& out);

extern const char* const kEvaluateHelp;
extern const char* const kSweepHelp;
extern const char* const kValidateHelp;
extern const char* const kCatalogHelp;
extern const char* const kCompareHelp;
extern const char* const kDiffHelp;
extern const char* const kAvailabilityHelp;

}  // namespace archbench::cli
