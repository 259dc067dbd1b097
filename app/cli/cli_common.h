#pragma once
// Helpers shared by the subcommands: output format, options, the catalog, the project file.
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/format.h"
#include "archbench/model.h"
#include "archbench/solver.h"
#include "cli_commands.h"

namespace archbench::cli {

enum class Format { Table, Json, Markdown, Csv };

Format format_of(const Args& a, bool csv_allowed = false);
std::string plain_number(double v);
double number_option(const Args& a, const std::string& name, double fallback, double min, double max);
Catalog catalog_of(const Args& a);
std::string file_of(const Args& a);
const Version& version_of(const Project& p, const Args& a, const std::string& file);
// --all (every version, in order) or --version NAME (default: the last one).
void check_all_or_version(const Args& a);  // UsageError when both are given
std::vector<const Version*> versions_of(const Project& p, const Args& a, const std::string& file);
std::string ms_cell(const std::optional<Latency>& l, double Latency::*field);
std::string opt_ms(const std::optional<double>& v);

// A whole string as a finite number (no trailing characters), or nothing.
std::optional<double> parse_number(const std::string& s);
// "600s", "10m", "10min", "2h" or "600" (seconds), above 0, in seconds; or nothing.
std::optional<double> parse_duration(std::string s);
// Removes `suffix` from the end of `s` when it is there; says whether it was.
bool strip_suffix(std::string& s, const std::string& suffix);

// Failure analysis (cli_faults.cpp).
int cmd_what_if(const std::vector<std::string>& argv, std::ostream& out);
int cmd_impact(const std::vector<std::string>& argv, std::ostream& out);
int cmd_chaos(const std::vector<std::string>& argv, std::ostream& out);
extern const char* const kWhatIfHelp;
extern const char* const kImpactHelp;
extern const char* const kChaosHelp;

// The discrete-event simulator (cli_simulate.cpp).
int cmd_simulate(const std::vector<std::string>& argv, std::ostream& out);
int cmd_check(const std::vector<std::string>& argv, std::ostream& out);
extern const char* const kCheckHelp;
int cmd_costs(const std::vector<std::string>& argv, std::ostream& out);
extern const char* const kCostsHelp;
int cmd_export(const std::vector<std::string>& argv, std::ostream& out);
int cmd_import(const std::vector<std::string>& argv, std::ostream& out);
extern const char* const kExportHelp;
extern const char* const kImportHelp;
int cmd_report(const std::vector<std::string>& argv, std::ostream& out);
extern const char* const kReportHelp;
extern const char* const kSimulateHelp;

// Interview practice (cli_practice.cpp): list, show, grade, drills. Grade exits 4 below the pass mark.
int cmd_practice(const std::vector<std::string>& argv, std::ostream& out);
extern const char* const kPracticeHelp;

}  // namespace archbench::cli
