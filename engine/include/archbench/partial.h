#pragma once
// What an unfinished version yields: the figures of every class whose route is complete and of
// the components those classes reach, each problem at the component, class or link it concerns,
// and a note on each component whose figures are missing, partial, or that carries no traffic.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "archbench/solver.h"

namespace archbench {

// One problem of a version's design, tied to what it concerns.
struct DesignProblem {
  std::string place;          // JSON pointer below the prefix, as validate_version gives it
  std::string message;        // in words a user understands
  std::string component;      // id of the component it concerns (a link's caller); may be empty
  std::string request_class;  // name of the class it concerns; may be empty
  std::string link_from;      // the link it concerns; both empty when none
  std::string link_to;
};

// Why a component's figures need a word beside them.
struct ComponentNote {
  enum class Kind {
    NoTraffic,    // no request class reaches it, or none with traffic: cost without work
    NotComputed,  // only classes that are left out reach it: its figures are not computed
    Partial,      // some classes that reach it are left out: its load is understated
  };
  std::string component;  // id
  Kind kind = Kind::NoTraffic;
  std::string text;       // what a person reads beside the component (it is not named in it)
};

struct PartialEvaluation {
  // The figures of what can be computed: the classes left out are not in it, the components
  // only they reach have no utilization, wait or response (their cost is their nodes'), and the
  // totals are those of the classes computed. Null only when the version's own fields (its
  // name, its notes) are invalid, so that nothing at all can be computed.
  std::optional<Report> report;
  std::vector<DesignProblem> problems;  // empty when the version is complete
  std::vector<std::string> left_out;    // classes not computed, in workload order
  std::vector<ComponentNote> notes;     // in component order

  bool complete() const { return problems.empty(); }
  std::vector<const DesignProblem*> problems_at(const std::string& component) const;
  const ComponentNote* note(const std::string& component) const;
};

// Never throws on a design problem: every problem validate_version finds, and every class that
// goes no further than its client, is listed; a version with none evaluates exactly as
// evaluate() does. Problems are placed below `prefix` (e.g. "/versions/0").
PartialEvaluation evaluate_partial(const Version& version, const Catalog& catalog,
                                   const EvaluateOptions& options = {},
                                   const std::string& prefix = "");

// One line on what is missing: "2 problems; 1 of 3 classes not computed (upload)", or
// "complete". The CLI and the app print the same words.
std::string partial_summary(const PartialEvaluation& evaluation, std::size_t class_count);

// The evaluate report's JSON (report_json.h) with "complete", "summary", "problems" (place,
// message, component, class, link {from, to}; null where none), "left_out" and "notes"
// (component, kind: no_traffic | not_computed | partial, text); docs/FORMAT.md. Without a report
// (nothing computable) the report's own keys are absent.
nlohmann::json partial_to_json(const PartialEvaluation& evaluation, const std::string& project,
                               const std::string& version, std::size_t class_count);
const char* to_string(ComponentNote::Kind kind);  // "no_traffic", "not_computed", "partial"

}  // namespace archbench
