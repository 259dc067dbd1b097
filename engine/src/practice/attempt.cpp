// Starting an attempt and moving it to the next stage: the versions a candidate edits.
#include <algorithm>

#include "grade_rules.h"

namespace archbench {

namespace {

// The scenario's classes at `stage`'s traffic in `v`: existing classes of the same name take the
// stage's rates, missing ones are added entering at `entry`.
void apply_stage(const Scenario& scenario, std::size_t stage, Version& v, const std::string& entry) {
  const Stage& st = scenario.stages.at(stage);
  for (const auto& sc : scenario.classes) {
    auto it = std::find_if(v.workload.begin(), v.workload.end(), [&](const auto& r) { return r.name == sc.name; });
    if (it == v.workload.end()) {
      RequestClass r;
      r.name = sc.name;
      r.entry = entry;
      r.op = sc.op;
      r.sync = sc.sync;
      v.workload.push_back(r);
      it = v.workload.end() - 1;
    }
    if (auto t = st.traffic.find(sc.name); t != st.traffic.end()) detail::apply_traffic(*it, t->second, sc);
  }
}

}  // namespace

Project start_attempt(const Scenario& scenario) {
  Project p;
  p.name = scenario.title;
  p.description = "Practice attempt at \"" + scenario.title + "\" (" + scenario.id + ")";
  Version v;
  std::string entry = "users";
  if (scenario.start) {
    v = *scenario.start;
    // New classes enter where the start's classes do, or at its first users component.
    auto users = std::find_if(v.components.begin(), v.components.end(), [](const Component& c) { return c.kind == "users"; });
    if (!v.workload.empty()) entry = v.workload.front().entry;
    else if (users != v.components.end()) entry = users->id;
  } else {
    Component users;
    users.id = "users";
    users.kind = "users";
    users.name = "Users";
    users.pos = std::array<double, 2>{0, 0};
    v.components.push_back(users);
  }
  v.name = "V1";
  apply_stage(scenario, 0, v, entry);
  p.versions.push_back(std::move(v));
  PracticeRecord record;
  record.scenario = scenario.id;
  record.hints_taken.assign(scenario.stages.size(), 0);
  p.practice = std::move(record);
  return p;
}

Version next_stage_version(const Scenario& scenario, std::size_t stage, const Version& previous,
                           const std::string& name) {
  Version v = previous;
  v.name = name;
  v.notes.clear();
  v.faults.clear();
  v.experiments.clear();
  std::string entry = "users";
  for (const auto& r : previous.workload)
    if (!r.entry.empty()) {
      entry = r.entry;
      break;
    }
  apply_stage(scenario, stage, v, entry);
  return v;
}

}  // namespace archbench
