#pragma once
// Requirements on a version's figures, for CI ("read_post.p99 <= 200ms", "cost <= 500",
// "availability(read_post) >= 99.9", "headroom >= 2", "no-spof(comment)"): parsed from text,
// checked against the engine's own figures. The grammar is in docs/GATES.md.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace archbench {

struct Version;
class Catalog;

// A requirement that does not parse; column() is 1-based in the requirement's text.
class GateSyntaxError : public std::runtime_error {
 public:
  GateSyntaxError(std::size_t column, const std::string& message)
      : std::runtime_error(message), column_(column) {}
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

struct Gate {
  enum class Figure {
    Latency,         // CLASS.STAT, ms: what the caller waits for
    Completion,      // CLASS.completion.STAT, ms: until the class's queued work is done
    Cost,            // $ per month
    CostPerMillion,  // $ per million requests
    Availability,    // availability(CLASS), or the lowest class's without a name; a fraction
    Headroom,        // maximum throughput over the evaluated load, ×
    Utilization,     // utilization(COMPONENT): its busiest server, a fraction
    NoSpof,          // no-spof(CLASS), or every class without a name
  };
  enum class Compare { AtMost, Below, AtLeast, Above };  // <=, <, >=, >

  std::string text;     // as written, trimmed
  Figure figure = Figure::Cost;
  std::string subject;  // class or component as written; empty for the whole version
  std::string stat;     // "mean", "p50", "p95" or "p99" for latencies
  Compare compare = Compare::AtMost;
  double bound = 0;     // in the figure's unit: ms, $, a fraction (availability, utilization), ×
};

// Throws GateSyntaxError with the column of the first thing it cannot read.
Gate parse_gate(const std::string& text);

struct GateResult {
  Gate gate;
  std::optional<double> figure;  // empty when there is none (saturated, no traffic, ...)
  std::string figure_text;       // the figure as every view formats it, or why there is none
  std::string bound_text;        // the bound in the same format
  bool holds = false;
};

struct GateCheck {
  std::string version;
  std::vector<GateResult> results;
  bool all_hold() const;
};

// Evaluates the version at its stated load (with its availability analysis when a gate needs
// it) and checks each gate. Throws InputError (file "<version NAME>", place "requirement N") for a gate
// that names a class or component the version lacks, or a completion of a synchronous class.
GateCheck check_gates(const Version& version, const Catalog& catalog, const std::vector<Gate>& gates);

// JUnit XML: a test suite named after the project and version, a test case per requirement, a
// <failure> with the figure for each that does not hold.
std::string gates_junit_xml(const GateCheck& check, const std::string& project);

}  // namespace archbench
