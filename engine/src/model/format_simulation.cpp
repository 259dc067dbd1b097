#include "model/format_simulation.h"

#include <cmath>

#include "archbench/faults.h"
#include "model/project_write.h"

namespace archbench::detail {

using nlohmann::json;

bool uses_simulation_fields(const Version& v) {
  if (!v.simulations.empty()) return true;
  for (const auto& l : v.links)
    if (l.policy.jitter && l.policy.jitter_equal) return true;
  return false;
}

void check_format5(const Project& project, double fv, Problems& p) {
  if (fv >= kFormat5Version) return;
  for (std::size_t i = 0; i < project.versions.size(); ++i) {
    const Version& v = project.versions[i];
    const std::string at = pointer_join("/versions", i);
    auto needs5 = [&](const std::string& place, const std::string& key) {
      p.add(place, "\"" + key + "\" needs format_version 5; this file says format_version " +
                       number_text(fv));
    };
    if (!v.simulations.empty()) needs5(pointer_join(at, "simulations"), "simulations");
    for (std::size_t l = 0; l < v.links.size(); ++l)
      if (v.links[l].policy.jitter_equal)
        needs5(pointer_join(pointer_join(pointer_join(pointer_join(at, "links"), l), "policy"),
                            "jitter"),
               "jitter\": \"equal");
  }
}

void read_jitter(const json& policy, const std::string& at, Problems& p, LinkPolicy& pol) {
  const auto it = policy.find("jitter");
  if (it == policy.end()) return;
  const std::string where = pointer_join(at, "jitter");
  if (it->is_boolean()) {
    pol.jitter = it->get<bool>();
    return;
  }
  const std::string kind = it->is_string() ? it->get<std::string>() : std::string();
  if (kind == "none" || kind == "full" || kind == "equal") {
    pol.jitter = kind != "none";
    pol.jitter_equal = kind == "equal";
  } else {
    p.add(where, "expected true, false, \"none\", \"full\" or \"equal\", found " +
                     (it->is_string() ? "\"" + kind + "\"" : std::string(json_type_name(*it))));
  }
}

json jitter_json(const LinkPolicy& pol) {
  if (!pol.jitter) return nullptr;
  if (pol.jitter_equal) return "equal";
  return true;  // format 2's spelling of full jitter, so older files write back as they were
}

namespace {

Restart read_restart(const json& j, const std::string& at, Problems& p) {
  Restart r;
  if (!j.is_object()) {
    p.add(at, std::string("expected an object, found ") + json_type_name(j));
    return r;
  }
  reject_unknown_keys(j, {"component", "start_s", "startup_s", "rolling"}, at, p, "a restart");
  get_string(j, "component", at, p, r.component, true);
  get_number(j, "start_s", at, p, r.start_s, true);
  get_number(j, "startup_s", at, p, r.startup_s, false);
  get_bool(j, "rolling", at, p, r.rolling);
  return r;
}

}  // namespace

std::vector<StoredSimulation> read_simulations(
    const json& list, const std::string& at, Problems& p,
    const std::function<Fault(const json&, const std::string&)>& fault) {
  std::vector<StoredSimulation> out;
  if (!list.is_array()) {
    p.add(at, std::string("expected an array, found ") + json_type_name(list));
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& j = list[i];
    const std::string here = pointer_join(at, i);
    StoredSimulation s;
    if (!j.is_object()) {
      p.add(here, std::string("expected an object, found ") + json_type_name(j));
      continue;
    }
    reject_unknown_keys(j,
                        {"name", "notes", "duration_s", "warmup_s", "load", "seed",
                         "timeline_step_s", "faults", "restarts"},
                        here, p, "a stored simulation");
    get_string(j, "name", here, p, s.name, true);
    get_string(j, "notes", here, p, s.notes, false);
    get_number(j, "duration_s", here, p, s.duration_s, false);
    double w = 0;
    if (get_number(j, "warmup_s", here, p, w, false)) s.warmup_s = w;
    get_number(j, "load", here, p, s.load, false);
    double seed = 1;
    if (get_number(j, "seed", here, p, seed, false)) {
      if (seed < 0 || seed > 9.007199254740992e15 || std::floor(seed) != seed)
        p.add(pointer_join(here, "seed"), "expected a whole number from 0 to 2^53");
      else
        s.seed = static_cast<std::uint64_t>(seed);
    }
    get_number(j, "timeline_step_s", here, p, s.timeline_step_s, false);
    if (auto f = j.find("faults"); f != j.end()) {
      const std::string fat = pointer_join(here, "faults");
      if (!f->is_array()) p.add(fat, std::string("expected an array, found ") + json_type_name(*f));
      for (std::size_t k = 0; f->is_array() && k < f->size(); ++k) {
        const std::string kat = pointer_join(fat, k);
        const json& fj = (*f)[k];
        TimedFault tf;
        if (!fj.is_object()) {
          p.add(kat, std::string("expected an object, found ") + json_type_name(fj));
          continue;
        }
        json rest = fj;
        get_number(fj, "start_s", kat, p, tf.start_s, true);
        tf.end_s = s.duration_s;
        get_number(fj, "end_s", kat, p, tf.end_s, false);
        rest.erase("start_s");
        rest.erase("end_s");
        tf.fault = fault(rest, kat);
        tf.fault.duration_s = tf.end_s - tf.start_s;
        s.faults.push_back(std::move(tf));
      }
    }
    if (auto r = j.find("restarts"); r != j.end()) {
      const std::string rat = pointer_join(here, "restarts");
      if (!r->is_array()) p.add(rat, std::string("expected an array, found ") + json_type_name(*r));
      for (std::size_t k = 0; r->is_array() && k < r->size(); ++k)
        s.restarts.push_back(read_restart((*r)[k], pointer_join(rat, k), p));
    }
    out.push_back(std::move(s));
  }
  return out;
}

json simulations_json(const std::vector<StoredSimulation>& sims) {
  json out = json::array();
  for (const auto& s : sims) {
    json o = json::object();
    o["name"] = s.name;
    if (!s.notes.empty()) o["notes"] = s.notes;
    o["duration_s"] = number_json(s.duration_s);
    if (s.warmup_s) o["warmup_s"] = number_json(*s.warmup_s);
    if (s.load != 1) o["load"] = number_json(s.load);
    if (s.seed != 1) o["seed"] = s.seed;
    if (s.timeline_step_s != 1) o["timeline_step_s"] = number_json(s.timeline_step_s);
    if (!s.faults.empty()) {
      json faults = json::array();
      for (const auto& tf : s.faults) {
        Fault f = tf.fault;
        f.duration_s = Fault{}.duration_s;  // the window says it
        json fj = faults_json({f})[0];
        fj["start_s"] = number_json(tf.start_s);
        fj["end_s"] = number_json(tf.end_s);
        faults.push_back(std::move(fj));
      }
      o["faults"] = std::move(faults);
    }
    if (!s.restarts.empty()) {
      json restarts = json::array();
      for (const auto& r : s.restarts) {
        json rj = {{"component", r.component}, {"start_s", number_json(r.start_s)},
                   {"startup_s", number_json(r.startup_s)}};
        if (r.rolling) rj["rolling"] = true;
        restarts.push_back(std::move(rj));
      }
      o["restarts"] = std::move(restarts);
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Diagnostic> validate_simulations(const Version& v, const Catalog& catalog,
                                             const std::string& prefix) {
  std::vector<Diagnostic> out;
  const std::string base = pointer_join(prefix, "simulations");
  for (std::size_t i = 0; i < v.simulations.size(); ++i) {
    const StoredSimulation& s = v.simulations[i];
    const std::string at = pointer_join(base, i);
    auto add = [&](const std::string& place, const std::string& message) {
      out.push_back({place, message});
    };
    if (s.name.empty()) add(pointer_join(at, "name"), "a stored simulation needs a name");
    for (std::size_t k = 0; k < i; ++k)
      if (v.simulations[k].name == s.name && !s.name.empty())
        add(pointer_join(at, "name"), "duplicate simulation name \"" + s.name + "\"");
    if (!(s.duration_s > 0) || s.duration_s > 1e7)
      add(pointer_join(at, "duration_s"), "expected a duration above 0 s and at most 1e7 s");
    if (s.warmup_s && !(*s.warmup_s >= 0 && *s.warmup_s < s.duration_s))
      add(pointer_join(at, "warmup_s"), "expected a warm-up from 0 s to less than the duration");
    if (!(s.load > 0) || s.load > 1000) add(pointer_join(at, "load"), "expected a load above 0 and at most 1000");
    if (!(s.timeline_step_s > 0) || s.timeline_step_s > s.duration_s)
      add(pointer_join(at, "timeline_step_s"), "expected a step above 0 s, at most the duration");
    std::vector<Fault> faults;
    for (std::size_t k = 0; k < s.faults.size(); ++k) {
      const TimedFault& tf = s.faults[k];
      if (!(tf.start_s >= 0) || !(tf.end_s > tf.start_s))
        add(pointer_join(pointer_join(pointer_join(at, "faults"), k), "end_s"),
            "a fault's window must end after it starts (start_s ≥ 0)");
      if (tf.fault.type == FaultType::Partition)
        add(pointer_join(pointer_join(pointer_join(at, "faults"), k), "type"),
            "a partition is not simulated (what-if evaluates it)");
      faults.push_back(tf.fault);
    }
    for (auto& d : validate_faults(v, catalog, faults, pointer_join(at, "faults"))) out.push_back(d);
    for (std::size_t k = 0; k < s.restarts.size(); ++k) {
      const Restart& r = s.restarts[k];
      const std::string rat = pointer_join(pointer_join(at, "restarts"), k);
      if (!v.component(r.component))
        add(pointer_join(rat, "component"), "no component with id \"" + r.component + "\"");
      if (!(r.start_s >= 0)) add(pointer_join(rat, "start_s"), "expected 0 s or later");
      if (!(r.startup_s > 0)) add(pointer_join(rat, "startup_s"), "expected more than 0 s");
    }
  }
  return out;
}

}  // namespace archbench::detail
