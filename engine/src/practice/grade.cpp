// Grading an attempt: each version evaluated at its stage's traffic, the rules applied, points
// summed per stage and overall. Hints, estimates and drills come from the practice record.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

#include "archbench/drills.h"
#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "archbench/validate.h"
#include "model/json_util.h"
#include "grade_rules.h"

namespace archbench {

namespace {

double score_of(const std::vector<Check>& checks) {
  double earned = 0, max = 0;
  for (const auto& c : checks) {
    earned += c.points;
    max += c.max_points;
  }
  if (max <= 0) return 100;
  return 100 * std::clamp(earned, 0.0, max) / max;
}

}  // namespace

void detail::apply_traffic(RequestClass& r, const Traffic& t, const ScenarioClass& sc) {
  r.per_second = t.per_second;
  r.per_day = t.per_day;
  r.peak_factor = t.peak_factor;
  r.payload_kb = sc.payload_kb;
}

Version stage_version(const Scenario& scenario, std::size_t stage, const Version& version,
                      std::vector<std::string>* missing) {
  Version v = version;
  const Stage& st = scenario.stages.at(stage);
  for (const auto& sc : scenario.classes) {
    bool found = false;
    for (auto& r : v.workload) {
      if (r.name != sc.name) continue;
      found = true;
      if (auto it = st.traffic.find(sc.name); it != st.traffic.end()) detail::apply_traffic(r, it->second, sc);
    }
    if (!found && missing) missing->push_back(sc.name);
  }
  // Faults and experiments saved in the attempt are the candidate's own explorations.
  v.faults.clear();
  v.experiments.clear();
  // A canonical order, so that no figure depends on the order of things in the file (sums in
  // another order differ in their last bits).
  std::sort(v.components.begin(), v.components.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::sort(v.links.begin(), v.links.end(),
            [](const auto& a, const auto& b) { return std::tie(a.from, a.to) < std::tie(b.from, b.to); });
  std::sort(v.workload.begin(), v.workload.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return v;
}

StageCard check_stage(const Scenario& scenario, std::size_t stage, const Version& version,
                      const Catalog& catalog, const Version* previous) {
  detail::StageContext c{scenario, stage, catalog, {}, {}, {}, {}, nullptr, {}};
  c.version = stage_version(scenario, stage, version, &c.missing);
  if (auto problems = validate_version(c.version, catalog); !problems.empty())
    throw InputError("<version " + version.name + ">", std::move(problems));
  c.report = evaluate(c.version, catalog);
  if (stage < scenario.reference.versions.size())
    c.reference = evaluate(stage_version(scenario, stage, scenario.reference.versions[stage]), catalog);
  // The first stage of a scenario that gives a starting design evolves from that design.
  if (stage == 0) previous = scenario.start ? &*scenario.start : nullptr;
  if (previous) {
    // The previous design at this stage's traffic: what the change had to relieve.
    c.previous = previous;
    try {
      c.previous_report = evaluate(stage_version(scenario, stage, *previous), catalog);
    } catch (const InputError&) {
      // Mid-edit in the app the previous version may not validate: evolution then fails alone.
      c.previous_report.reset();
    }
  }
  StageCard card;
  card.name = scenario.stages[stage].name;
  card.version = version.name;
  card.saturated = c.report.totals.saturated;
  card.bottleneck = c.report.totals.bottleneck;
  detail::requirement_checks(c, card.checks);
  detail::cost_checks(c, card.checks);
  detail::resilience_checks(c, card.checks);
  detail::simplicity_checks(c, card.checks);
  detail::evolution_checks(c, card.checks);
  card.score = score_of(card.checks);
  card.passed = card.score >= scenario.pass_mark && !card.saturated;
  return card;
}

double hint_cost(const Scenario& scenario, std::size_t stage, int taken) {
  double cost = 0;
  const auto& hints = scenario.stages.at(stage).hints;
  for (int i = 0; i < taken && i < static_cast<int>(hints.size()); ++i) cost += hints[static_cast<std::size_t>(i)].cost;
  return cost;
}

std::string hint_text(const Scenario& scenario, std::size_t stage, std::size_t index, const Version* version,
                      const Catalog& catalog) {
  const Hint& h = scenario.stages.at(stage).hints.at(index);
  if (h.computed.empty()) return h.text;
  if (!version) return "Build a version for stage \"" + scenario.stages[stage].name + "\" first: this hint reads its figures.";
  const Version v = stage_version(scenario, stage, *version);
  const Report r = evaluate(v, catalog);
  if (h.computed == "bottleneck") {
    double u = 0;
    if (const std::string top = detail::most_saturated(r, &u); !top.empty())
      return "At this stage " + top + " is saturated: it is offered " + format_percent(u) + " of its capacity.";
    const auto* b = r.component(r.totals.bottleneck);
    if (!b || !r.totals.max_throughput_multiplier) return "Nothing carries traffic yet at this stage.";
    return "At this stage your bottleneck is " + b->id + " at " + format_percent(b->utilization.value_or(0)) +
           " of a server; the design saturates at ×" + format_multiplier(*r.totals.max_throughput_multiplier) +
           " of the stage's traffic.";
  }
  if (h.computed == "cost") {
    const auto* top = r.component(detail::most_expensive(r));
    std::string s = "Your design costs " + format_usd(r.totals.cost_per_month) + " a month";
    if (const auto& b = scenario.stages[stage].requirements.max_cost_per_month) s += " (budget " + format_usd(*b) + ")";
    if (top) s += "; the largest item is " + top->id + " at " + format_usd(top->cost_per_month);
    return s + ".";
  }
  // "failing": the first check that fails, in the card's order (requirements first).
  const StageCard card = check_stage(scenario, stage, *version, catalog);
  for (const auto& c : card.checks)
    if (!c.passed) return "Look at \"" + c.requirement + "\": " + c.reason + ".";
  return "Every check of this stage passes.";
}

std::vector<Check> grade_estimates(const Scenario& s, const std::map<std::string, double>& given) {
  std::vector<Check> out;
  for (const auto& e : s.estimates) {
    Check k{"estimates", "estimate", e.question + " " + detail::number_text(e.expected) + " " + e.unit + " ±" +
                                         detail::number_text(e.tolerance_percent) + "%",
            false, std::nullopt, "", 0, e.points, ""};
    const auto it = given.find(e.id);
    if (it == given.end()) {
      k.reason = "no estimate \"" + e.id + "\" given; " + e.how;
    } else {
      k.figure = it->second;
      k.passed = std::fabs(it->second - e.expected) <= e.tolerance_percent / 100 * e.expected;
      k.reason = detail::number_text(it->second) + " " + e.unit + (k.passed ? " is within " : " is outside ") +
                 detail::number_text(e.tolerance_percent) + "% of " + detail::number_text(e.expected) + "; " + e.how;
    }
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
  return out;
}

namespace {

// Drill ids start with the stage number (1-based) and a slash.
std::vector<Check> drill_checks(const Scenario& s, const Project& attempt, const Catalog& catalog,
                                std::vector<std::string>& notes) {
  std::vector<Check> out;
  if (!attempt.practice) return out;
  std::vector<DrillAnswer> answers = attempt.practice->drills;
  std::sort(answers.begin(), answers.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::map<std::size_t, std::vector<Drill>> generated;
  for (const auto& a : answers) {
    const auto slash = a.id.find('/');
    std::size_t stage = 0;
    try {
      stage = slash == std::string::npos ? 0 : std::stoul(a.id.substr(0, slash));
    } catch (const std::exception&) {
      stage = 0;
    }
    if (stage == 0 || stage > s.stages.size() || stage > attempt.versions.size()) {
      notes.push_back("drill \"" + a.id + "\" names no stage of this attempt; it is not graded");
      continue;
    }
    auto it = generated.find(stage);
    if (it == generated.end())
      it = generated.emplace(stage, generate_drills(s, stage - 1, attempt.versions[stage - 1], catalog)).first;
    const Drill* d = nullptr;
    for (const auto& x : it->second)
      if (x.id == a.id) d = &x;
    if (!d) {
      notes.push_back("drill \"" + a.id + "\" is not one this design generates; it is not graded");
      continue;
    }
    Check k{"drills", "drill", d->question, drill_answer_correct(*d, a.answer), std::nullopt, "", 0, detail::kDrillPoints, ""};
    k.reason = "answered \"" + a.answer + "\"; the engine says \"" + d->answer + "\": " + d->explanation;
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

std::string score_text(double score) { return detail::number_text(std::round(score * 10) / 10); }

std::string check_figure_text(const Check& check) {
  if (!check.figure) return "—";
  const double x = *check.figure;
  // A whole number (a count of hints or idle components, 100%) without decimals: "1", not
  // "1.000"; anything else to 4 significant digits.
  const bool whole = std::isfinite(x) && x == std::round(x) && std::fabs(x) < 1e15;
  const std::string number =
      whole ? format_count(static_cast<long long>(x)) : format_significant(x, 4);
  // With the unit its category measures in: "86.65 ms", "99.49%", "×2.698", "$211.02".
  const std::string& c = check.category;
  if (c == "latency") return number + " ms";
  if (c == "availability" || c == "resilience" || c == "consistency") return number + "%";
  if (c == "headroom" || c == "bottleneck_addressed") return "×" + number;
  // Money in dollars and cents; below a dollar (a cost per million requests) to 4 significant
  // digits, as cents would round $0.004 to "$0.00".
  if (c == "budget" || c == "overbuilt" || c == "cost_efficiency") {
    if (std::fabs(x) >= 1 || x == 0) return format_usd(x);
    std::ostringstream cents;  // 4 significant digits without trailing zeros: "0.06869", "0.004"
    cents.precision(4);
    cents << x;
    return "$" + cents.str();
  }
  return number;  // counts, and estimates in the question's own unit
}

std::string check_points_text(const Check& check) {
  return detail::number_text(check.points) + "/" + detail::number_text(check.max_points);
}

ReportCard grade(const Scenario& scenario, const Project& attempt, const Catalog& catalog) {
  ReportCard card;
  card.scenario = scenario.id;
  card.pass_mark = scenario.pass_mark;
  if (attempt.practice && !attempt.practice->scenario.empty() && attempt.practice->scenario != scenario.id)
    card.notes.push_back("the attempt says it answers \"" + attempt.practice->scenario + "\", graded against \"" +
                         scenario.id + "\"");
  if (attempt.practice && attempt.practice->time_used_s > scenario.time_limit_min * 60)
    card.notes.push_back("time used " + format_duration(attempt.practice->time_used_s) + ", over the " +
                         format_duration(scenario.time_limit_min * 60) + " limit");
  if (attempt.versions.size() > scenario.stages.size())
    card.notes.push_back(std::to_string(attempt.versions.size() - scenario.stages.size()) +
                         " version(s) beyond the last stage are not graded");
  std::vector<Check> all;
  for (std::size_t i = 0; i < scenario.stages.size(); ++i) {
    StageCard sc;
    if (i < attempt.versions.size()) {
      sc = check_stage(scenario, i, attempt.versions[i], catalog, i > 0 ? &attempt.versions[i - 1] : nullptr);
    } else {
      sc.name = scenario.stages[i].name;
      sc.missing = true;
      sc.checks = detail::missing_stage_checks(scenario, i, "the attempt has no version for stage \"" + sc.name + "\"");
    }
    const int taken = attempt.practice && i < attempt.practice->hints_taken.size()
                          ? attempt.practice->hints_taken[i] : 0;
    if (taken > 0) {
      const double cost = hint_cost(scenario, i, taken);
      sc.checks.push_back({"hints", "hint", std::to_string(taken) + " hint(s) shown", false,
                           static_cast<double>(taken), "", -cost, 0,
                           "each hint shown costs its points: " + detail::number_text(cost) + " in all"});
    }
    sc.score = score_of(sc.checks);
    sc.passed = !sc.missing && !sc.saturated && sc.score >= scenario.pass_mark;
    all.insert(all.end(), sc.checks.begin(), sc.checks.end());
    card.stages.push_back(std::move(sc));
  }
  static const std::map<std::string, double> kNone;
  card.estimates = grade_estimates(scenario, attempt.practice ? attempt.practice->estimates : kNone);
  card.drills = drill_checks(scenario, attempt, catalog, card.notes);
  all.insert(all.end(), card.estimates.begin(), card.estimates.end());
  all.insert(all.end(), card.drills.begin(), card.drills.end());
  card.score = score_of(all);
  card.passed = card.score >= scenario.pass_mark &&
                std::all_of(card.stages.begin(), card.stages.end(), [](const auto& s) { return s.passed; });
  return card;
}

}  // namespace archbench
