// Reading interview scenarios as strictly as project files: every problem is listed with the
// file and its JSON pointer (or line:column for a syntax error).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "model/json_util.h"
#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "archbench/scenario.h"

namespace archbench {

using detail::json;
using detail::pointer_join;
using detail::Problems;

const char* to_string(Percentile p) {
  switch (p) {
    case Percentile::Mean: return "mean";
    case Percentile::P50: return "p50";
    case Percentile::P95: return "p95";
    case Percentile::P99: return "p99";
  }
  return "p99";
}

const char* to_string(SurviveKind k) {
  switch (k) {
    case SurviveKind::LoseAnyInstance: return "lose_any_instance";
    case SurviveKind::AnyZone: return "any_zone";
    case SurviveKind::CacheFlush: return "cache_flush";
    case SurviveKind::SlowKind: return "slow";
    case SurviveKind::Spike: return "spike";
  }
  return "lose_any_instance";
}

const ScenarioClass* Scenario::request_class(const std::string& name) const {
  for (const auto& c : classes)
    if (c.name == name) return &c;
  return nullptr;
}

namespace {

// The kinds a lost node is checked on by default: the ones an operator runs as machines.
// Managed regional services (load balancers, CDNs, object storage, queues, functions) are one
// component in the model but replicated by their provider.
const std::vector<std::string> kNodeKinds = {"app_server", "worker_pool", "cache", "database"};

struct ScenarioReader {
  Problems& p;
  const Catalog& catalog;
  Scenario s;

  const json* array(const json& j, const char* key, const std::string& at, bool required) {
    auto it = j.find(key);
    if (it == j.end()) {
      if (required) p.add(at, std::string("missing \"") + key + "\"");
      return nullptr;
    }
    if (!it->is_array()) {
      p.add(pointer_join(at, key), std::string("expected an array, found ") + detail::json_type_name(*it));
      return nullptr;
    }
    return &*it;
  }

  bool object(const json& j, const std::string& at) {
    if (j.is_object()) return true;
    p.add(at, std::string("expected an object, found ") + detail::json_type_name(j));
    return false;
  }

  void range(const json& j, const char* key, const std::string& at, double v, double lo, double hi,
             const char* unit = "") {
    if (!j.contains(key)) return;
    if (v < lo || v > hi)
      p.add(pointer_join(at, key), std::string("\"") + key + "\" is " + detail::number_text(v) +
                                       unit + ", outside " + detail::number_text(lo) + "–" +
                                       detail::number_text(hi) + unit);
  }

  void known_class(const std::string& name, const std::string& at) {
    if (!name.empty() && !s.request_class(name))
      p.add(at, "unknown class \"" + name + "\" (the scenario's classes are listed in /classes)");
  }

  void classes_field(const json& j, const char* key, const std::string& at,
                     std::vector<std::string>& out, bool required) {
    if (required && !j.contains(key)) p.add(at, std::string("missing \"") + key + "\"");
    detail::get_string_array(j, key, at, p, out);
    for (std::size_t i = 0; i < out.size(); ++i) {
      known_class(out[i], pointer_join(pointer_join(at, key), i));
      for (std::size_t k = 0; k < i; ++k)
        if (out[k] == out[i])
          p.add(pointer_join(pointer_join(at, key), i), "class \"" + out[i] + "\" is listed twice");
    }
  }

  void estimate(const json& j, const std::string& at) {
    Estimate e;
    if (!object(j, at)) return;
    detail::reject_unknown_keys(j, {"id", "question", "unit", "expected", "tolerance_percent", "points", "how"},
                                at, p, "an estimate");
    detail::get_string(j, "id", at, p, e.id, true);
    detail::get_string(j, "question", at, p, e.question, true);
    detail::get_string(j, "unit", at, p, e.unit, true);
    detail::get_string(j, "how", at, p, e.how, false);
    if (detail::get_number(j, "expected", at, p, e.expected, true) && e.expected <= 0)
      p.add(pointer_join(at, "expected"), "\"expected\" must be above 0");
    if (detail::get_number(j, "tolerance_percent", at, p, e.tolerance_percent, false))
      range(j, "tolerance_percent", at, e.tolerance_percent, 1, 100, "%");
    if (detail::get_number(j, "points", at, p, e.points, false)) range(j, "points", at, e.points, 0, 100);
    for (const auto& o : s.estimates)
      if (o.id == e.id) p.add(pointer_join(at, "id"), "duplicate estimate id \"" + e.id + "\"");
    s.estimates.push_back(std::move(e));
  }

  void request_class(const json& j, const std::string& at) {
    ScenarioClass c;
    if (!object(j, at)) return;
    detail::reject_unknown_keys(j, {"name", "op", "payload_kb", "sync", "description"}, at, p, "a class");
    detail::get_string(j, "name", at, p, c.name, true);
    std::string op = "read";
    if (detail::get_string(j, "op", at, p, op, false) && op != "read" && op != "write")
      p.add(pointer_join(at, "op"), "unknown op \"" + op + "\" (read or write)");
    c.op = op == "write" ? Op::Write : Op::Read;
    if (detail::get_number(j, "payload_kb", at, p, c.payload_kb, false))
      range(j, "payload_kb", at, c.payload_kb, 0, 1e9, " KB");
    detail::get_bool(j, "sync", at, p, c.sync);
    detail::get_string(j, "description", at, p, c.description, false);
    if (c.name == "*") p.add(pointer_join(at, "name"), "\"*\" is reserved");
    if (s.request_class(c.name)) p.add(pointer_join(at, "name"), "duplicate class \"" + c.name + "\"");
    s.classes.push_back(std::move(c));
  }

  Traffic traffic(const json& j, const std::string& at) {
    Traffic t;
    if (!object(j, at)) return t;
    detail::reject_unknown_keys(j, {"per_second", "per_day", "peak_factor"}, at, p, "a class's traffic");
    double v = 0;
    if (detail::get_number(j, "per_second", at, p, v, false)) t.per_second = v;
    if (detail::get_number(j, "per_day", at, p, v, false)) t.per_day = v;
    if (detail::get_number(j, "peak_factor", at, p, v, false)) t.peak_factor = v;
    if (t.per_second.has_value() == t.per_day.has_value())
      p.add(at, "give exactly one of \"per_second\" and \"per_day\"");
    if (t.peak_factor && !t.per_day)
      p.add(pointer_join(at, "peak_factor"), "\"peak_factor\" goes with \"per_day\"");
    if (t.per_second) range(j, "per_second", at, *t.per_second, 0, 1e9, " req/s");
    if (t.per_day) range(j, "per_day", at, *t.per_day, 0, 1e14, " req/day");
    if (t.peak_factor) range(j, "peak_factor", at, *t.peak_factor, 1, 1000);
    return t;
  }

  void kinds_field(const json& j, const std::string& at, std::vector<std::string>& out) {
    detail::get_string_array(j, "kinds", at, p, out);
    for (std::size_t i = 0; i < out.size(); ++i)
      if (!catalog.find(out[i]))
        p.add(pointer_join(pointer_join(at, "kinds"), i), "unknown component kind \"" + out[i] + "\"");
  }

  FaultRequirement fault(const json& j, const std::string& at) {
    FaultRequirement f;
    if (!object(j, at)) return f;
    detail::reject_unknown_keys(j, {"survive", "kinds", "factor", "classes", "min_percent"}, at, p,
                                "a fault requirement");
    std::string kind;
    if (detail::get_string(j, "survive", at, p, kind, true)) {
      bool found = false;
      for (auto k : {SurviveKind::LoseAnyInstance, SurviveKind::AnyZone, SurviveKind::CacheFlush,
                     SurviveKind::SlowKind, SurviveKind::Spike}) {
        if (kind == to_string(k)) {
          f.kind = k;
          found = true;
        }
      }
      if (!found)
        p.add(pointer_join(at, "survive"),
              "unknown failure \"" + kind + "\" (lose_any_instance, any_zone, cache_flush, slow, spike)");
    }
    kinds_field(j, at, f.kinds);
    const bool takes_kinds = f.kind == SurviveKind::LoseAnyInstance || f.kind == SurviveKind::SlowKind;
    if (j.contains("kinds") && !takes_kinds)
      p.add(pointer_join(at, "kinds"), "\"kinds\" goes with lose_any_instance and slow");
    if (f.kind == SurviveKind::SlowKind && f.kinds.empty())
      p.add(at, "a slow requirement names the \"kinds\" that slow down");
    if (f.kind == SurviveKind::LoseAnyInstance && f.kinds.empty()) f.kinds = kNodeKinds;
    const bool takes_factor = f.kind == SurviveKind::SlowKind || f.kind == SurviveKind::Spike;
    if (j.contains("factor") && !takes_factor)
      p.add(pointer_join(at, "factor"), "\"factor\" goes with slow and spike");
    if (detail::get_number(j, "factor", at, p, f.factor, f.kind == SurviveKind::Spike))
      range(j, "factor", at, f.factor, 1, 1000);
    classes_field(j, "classes", at, f.classes, true);
    if (detail::get_number(j, "min_percent", at, p, f.min_percent, false))
      range(j, "min_percent", at, f.min_percent, 0, 100, "%");
    return f;
  }

  StageRequirements requirements(const json& j, const std::string& at) {
    StageRequirements r;
    if (!object(j, at)) return r;
    detail::reject_unknown_keys(j, {"latency", "availability", "max_cost_per_month", "headroom", "faults",
                                    "read_primary", "durable"},
                                at, p, "the requirements");
    if (const json* a = array(j, "latency", at, false)) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string la = pointer_join(pointer_join(at, "latency"), i);
        const json& o = (*a)[i];
        if (!object(o, la)) continue;
        detail::reject_unknown_keys(o, {"class", "percentile", "max_ms", "completion"}, la, p,
                                    "a latency requirement");
        LatencyRequirement l;
        if (detail::get_string(o, "class", la, p, l.request_class, true))
          known_class(l.request_class, pointer_join(la, "class"));
        std::string pc = "p99";
        if (detail::get_string(o, "percentile", la, p, pc, false)) {
          if (pc == "mean") l.percentile = Percentile::Mean;
          else if (pc == "p50") l.percentile = Percentile::P50;
          else if (pc == "p95") l.percentile = Percentile::P95;
          else if (pc == "p99") l.percentile = Percentile::P99;
          else p.add(pointer_join(la, "percentile"), "unknown percentile \"" + pc + "\" (mean, p50, p95, p99)");
        }
        if (detail::get_number(o, "max_ms", la, p, l.max_ms, true) && (l.max_ms <= 0 || l.max_ms > 1e9))
          p.add(pointer_join(la, "max_ms"), "\"max_ms\" must lie above 0 and at most 1e9 ms");
        detail::get_bool(o, "completion", la, p, l.completion);
        if (l.completion)
          if (const auto* c = s.request_class(l.request_class); c && c->sync)
            p.add(pointer_join(la, "completion"), "class \"" + c->name + "\" is synchronous: it has no completion time");
        r.latency.push_back(std::move(l));
      }
    }
    if (const json* a = array(j, "availability", at, false)) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string aa = pointer_join(pointer_join(at, "availability"), i);
        const json& o = (*a)[i];
        if (!object(o, aa)) continue;
        detail::reject_unknown_keys(o, {"class", "slo_percent"}, aa, p, "an availability requirement");
        AvailabilityRequirement q;
        if (detail::get_string(o, "class", aa, p, q.request_class, true))
          known_class(q.request_class, pointer_join(aa, "class"));
        if (detail::get_number(o, "slo_percent", aa, p, q.slo_percent, true) &&
            (q.slo_percent <= 0 || q.slo_percent >= 100))
          p.add(pointer_join(aa, "slo_percent"), "\"slo_percent\" must lie strictly between 0 and 100");
        r.availability.push_back(std::move(q));
      }
    }
    double v = 0;
    if (detail::get_number(j, "max_cost_per_month", at, p, v, false)) {
      r.max_cost_per_month = v;
      range(j, "max_cost_per_month", at, v, 0, 1e9, " $");
    }
    if (detail::get_number(j, "headroom", at, p, v, false)) {
      r.headroom = v;
      range(j, "headroom", at, v, 1, 1000);
    }
    if (const json* a = array(j, "faults", at, false))
      for (std::size_t i = 0; i < a->size(); ++i)
        r.faults.push_back(fault((*a)[i], pointer_join(pointer_join(at, "faults"), i)));
    classes_field(j, "read_primary", at, r.read_primary, false);
    classes_field(j, "durable", at, r.durable, false);
    for (std::size_t i = 0; i < r.durable.size(); ++i)
      if (const auto* c = s.request_class(r.durable[i]); c && c->sync)
        p.add(pointer_join(pointer_join(at, "durable"), i),
              "class \"" + c->name + "\" is synchronous; only an asynchronous class (\"sync\": false) crosses a queue");
    return r;
  }

  Hint hint(const json& j, const std::string& at) {
    Hint h;
    if (!object(j, at)) return h;
    detail::reject_unknown_keys(j, {"text", "computed", "cost"}, at, p, "a hint");
    detail::get_string(j, "text", at, p, h.text, false);
    detail::get_string(j, "computed", at, p, h.computed, false);
    if (h.text.empty() == h.computed.empty())
      p.add(at, "a hint has either \"text\" or \"computed\"");
    if (!h.computed.empty() && h.computed != "bottleneck" && h.computed != "failing" && h.computed != "cost")
      p.add(pointer_join(at, "computed"), "unknown computed hint \"" + h.computed + "\" (bottleneck, failing, cost)");
    if (detail::get_number(j, "cost", at, p, h.cost, false)) range(j, "cost", at, h.cost, 0, 100);
    return h;
  }

  void stage(const json& j, const std::string& at) {
    Stage st;
    if (!object(j, at)) return;
    detail::reject_unknown_keys(j, {"name", "description", "traffic", "requirements", "hints"}, at, p, "a stage");
    detail::get_string(j, "name", at, p, st.name, true);
    detail::get_string(j, "description", at, p, st.description, false);
    for (const auto& o : s.stages)
      if (o.name == st.name) p.add(pointer_join(at, "name"), "duplicate stage name \"" + st.name + "\"");
    if (auto it = j.find("traffic"); it == j.end()) {
      p.add(at, "missing \"traffic\"");
    } else if (object(*it, pointer_join(at, "traffic"))) {
      const std::string ta = pointer_join(at, "traffic");
      for (auto x = it->begin(); x != it->end(); ++x) {
        known_class(x.key(), pointer_join(ta, x.key()));
        st.traffic[x.key()] = traffic(*x, pointer_join(ta, x.key()));
      }
      for (const auto& c : s.classes)
        if (!st.traffic.count(c.name)) p.add(ta, "no traffic for class \"" + c.name + "\"");
    }
    if (auto it = j.find("requirements"); it != j.end())
      st.requirements = requirements(*it, pointer_join(at, "requirements"));
    if (const json* a = array(j, "hints", at, false))
      for (std::size_t i = 0; i < a->size(); ++i)
        st.hints.push_back(hint((*a)[i], pointer_join(pointer_join(at, "hints"), i)));
    s.stages.push_back(std::move(st));
  }

  // The starting design is a project's version entry; it is read as the one version of a project
  // and its places are re-rooted from /versions/0 under /start.
  void start(json j, const std::string& file) {
    // A start may leave out its name (the attempt names it V1) and its workload: the scenario's
    // classes then enter at its users component, at the first stage's traffic.
    if (!j.contains("name")) j["name"] = "V1";
    if (!j.contains("workload")) {
      std::string entry;
      if (auto cs = j.find("components"); cs != j.end() && cs->is_array())
        for (const auto& c : *cs)
          if (c.is_object() && c.value("kind", "") == "users" && c.contains("id") && c["id"].is_string()) {
            entry = c["id"].get<std::string>();
            break;
          }
      if (entry.empty()) {
        p.add("/start/components", "the starting design has no users component for the scenario's classes to enter "
                                   "at (add one, or declare the classes in its workload)");
        return;
      }
      json workload = json::array();
      for (const auto& c : s.classes)
        workload.push_back({{"name", c.name}, {"entry", entry}, {"op", to_string(c.op)}, {"sync", c.sync},
                            {"per_second", 1}});
      j["workload"] = std::move(workload);
    }
    const json project = {{"format", kProjectFormat}, {"format_version", kProjectFormatVersion},
                          {"name", "start"}, {"versions", json::array({std::move(j)})}};
    try {
      s.start = parse_project(project.dump(), file, catalog).versions.at(0);
    } catch (const InputError& e) {
      const std::string inner = "/versions/0";
      for (const auto& d : e.problems())
        p.add(d.place.rfind(inner, 0) == 0 ? "/start" + d.place.substr(inner.size()) : "/start", d.message);
      return;
    }
    // Attempts add the scenario's classes the start lacks where its first class enters.
  }

  // The reference is an ordinary project; its own places are re-rooted under /reference.
  void reference(const json& j, const std::string& file) {
    try {
      s.reference = parse_project(j.dump(), file, catalog);
    } catch (const InputError& e) {
      for (const auto& d : e.problems())
        p.add(d.place.empty() || d.place[0] == '/' ? "/reference" + d.place : "/reference", d.message);
      return;
    }
    if (s.reference.versions.size() != s.stages.size())
      p.add("/reference/versions", "the reference has " + std::to_string(s.reference.versions.size()) +
                                       " versions for " + std::to_string(s.stages.size()) + " stages");
    for (std::size_t i = 0; i < s.reference.versions.size(); ++i)
      for (const auto& c : s.classes)
        if (!s.reference.versions[i].request_class(c.name))
          p.add(pointer_join(pointer_join("/reference/versions", i), "workload"),
                "the reference lacks class \"" + c.name + "\"");
  }
};

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file, const Catalog& catalog) {
  const json j = detail::parse_json_text(text, file);
  if (!j.is_object())
    throw InputError(file, "", std::string("expected a JSON object at the top, found ") + detail::json_type_name(j));
  Problems p;
  ScenarioReader r{p, catalog, {}};
  std::string format;
  if (detail::get_string(j, "format", "", p, format, true) && format != kScenarioFormat)
    p.add("/format", "this is not an ArchBench scenario (format is \"" + format + "\", expected \"" +
                         kScenarioFormat + "\")");
  double fv = 0;
  if (detail::get_number(j, "format_version", "", p, fv, true) && fv != kScenarioFormatVersion)
    p.add("/format_version", fv > kScenarioFormatVersion
                                 ? "the scenario was written for a newer ArchBench: upgrade ArchBench to open it"
                                 : "unsupported format_version " + detail::number_text(fv) + " (expected 1)");
  if (!p.empty()) throw InputError(file, std::move(p.list));
  detail::reject_unknown_keys(j, {"format", "format_version", "id", "title", "difficulty", "topics",
                                  "time_limit_min", "statement", "pass_mark", "estimates", "classes",
                                  "stages", "start", "reference", "reference_notes"},
                              "", p, "a scenario");
  Scenario& s = r.s;
  detail::get_string(j, "id", "", p, s.id, true);
  if (s.id.empty() || s.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    p.add("/id", "an id is lower-case letters, digits and dashes");
  detail::get_string(j, "title", "", p, s.title, true);
  if (detail::get_string(j, "difficulty", "", p, s.difficulty, true) && s.difficulty != "easy" &&
      s.difficulty != "medium" && s.difficulty != "hard")
    p.add("/difficulty", "unknown difficulty \"" + s.difficulty + "\" (easy, medium, hard)");
  detail::get_string_array(j, "topics", "", p, s.topics);
  if (detail::get_number(j, "time_limit_min", "", p, s.time_limit_min, false))
    r.range(j, "time_limit_min", "", s.time_limit_min, 1, 600, " min");
  detail::get_string(j, "statement", "", p, s.statement, true);
  if (detail::get_number(j, "pass_mark", "", p, s.pass_mark, true))
    r.range(j, "pass_mark", "", s.pass_mark, 0, 100);
  detail::get_string(j, "reference_notes", "", p, s.reference_notes, false);
  if (const json* a = r.array(j, "classes", "", true)) {
    if (a->empty()) p.add("/classes", "a scenario needs at least one class");
    for (std::size_t i = 0; i < a->size(); ++i) r.request_class((*a)[i], pointer_join("/classes", i));
  }
  if (const json* a = r.array(j, "estimates", "", false))
    for (std::size_t i = 0; i < a->size(); ++i) r.estimate((*a)[i], pointer_join("/estimates", i));
  if (const json* a = r.array(j, "stages", "", true)) {
    if (a->empty()) p.add("/stages", "a scenario needs at least one stage");
    for (std::size_t i = 0; i < a->size(); ++i) r.stage((*a)[i], pointer_join("/stages", i));
  }
  if (auto it = j.find("start"); it != j.end() && r.object(*it, "/start")) r.start(*it, file);
  if (auto it = j.find("reference"); it == j.end())
    p.add("", "missing \"reference\" (the reference solution, a project with one version per stage)");
  else if (r.object(*it, "/reference"))
    r.reference(*it, file);
  if (!p.empty()) throw InputError(file, std::move(p.list));
  return std::move(r.s);
}

Scenario load_scenario(const std::filesystem::path& path, const Catalog& catalog) {
  Scenario s = parse_scenario(detail::read_text_file(path), path.string(), catalog);
  if (s.id != path.stem().string())
    throw InputError(path.string(), "/id", "the id \"" + s.id + "\" differs from the file name \"" +
                                                path.stem().string() + "\"");
  return s;
}

std::filesystem::path default_scenarios_dir() {
  if (const char* env = std::getenv("ARCHBENCH_SCENARIOS"); env && *env) return env;
  return Catalog::default_dir().parent_path() / "presets" / "scenarios";
}

std::vector<Scenario> load_scenarios(const std::filesystem::path& dir, const Catalog& catalog) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) throw InputError(dir.string(), "", "cannot read the scenarios folder: " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Scenario> out;
  for (const auto& f : files) out.push_back(load_scenario(f, catalog));
  return out;
}

Scenario find_scenario(const std::string& id_or_path, const std::filesystem::path& dir,
                       const Catalog& catalog) {
  if (id_or_path.size() > 5 && id_or_path.substr(id_or_path.size() - 5) == ".json")
    return load_scenario(id_or_path, catalog);
  const auto path = dir / (id_or_path + ".json");
  if (!std::filesystem::exists(path)) {
    std::string ids;
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
      if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    for (const auto& n : names) ids += (ids.empty() ? "" : ", ") + n;
    throw InputError(id_or_path, "", "no scenario with this id in " + dir.string() + " (scenarios: " + ids + ")");
  }
  return load_scenario(path, catalog);
}

}  // namespace archbench
