#include "attempt_json.h"

#include <cmath>

#include "model/project_write.h"

namespace archbench::detail {

PracticeRecord read_practice(const json& j, const std::string& at, Problems& p) {
  PracticeRecord r;
  if (!j.is_object()) {
    p.add(at, std::string("expected an object, found ") + json_type_name(j));
    return r;
  }
  reject_unknown_keys(j, {"scenario", "stage_reached", "time_used_s", "hints_taken", "estimates",
                          "drills"},
                      at, p, "the practice record");
  get_string(j, "scenario", at, p, r.scenario, true);
  if (get_int(j, "stage_reached", at, p, r.stage_reached) && r.stage_reached < 0)
    p.add(pointer_join(at, "stage_reached"), "\"stage_reached\" is negative");
  if (get_number(j, "time_used_s", at, p, r.time_used_s, false) &&
      (r.time_used_s < 0 || r.time_used_s > 1e7))
    p.add(pointer_join(at, "time_used_s"), "\"time_used_s\" must lie between 0 and 1e7 s");
  if (auto it = j.find("hints_taken"); it != j.end()) {
    const std::string h = pointer_join(at, "hints_taken");
    if (!it->is_array()) {
      p.add(h, std::string("expected an array of counts, found ") + json_type_name(*it));
    } else {
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& n = (*it)[i];
        if (!n.is_number_integer() || n.get<long long>() < 0 || n.get<long long>() > 1000) {
          p.add(pointer_join(h, i), "expected a whole number of hints from 0 to 1000");
          continue;
        }
        r.hints_taken.push_back(n.get<int>());
      }
    }
  }
  if (auto it = j.find("estimates"); it != j.end()) {
    const std::string e = pointer_join(at, "estimates");
    if (!it->is_object()) {
      p.add(e, std::string("expected an object {estimate id: number}, found ") +
                   json_type_name(*it));
    } else {
      for (auto x = it->begin(); x != it->end(); ++x) {
        if (!x->is_number() || !std::isfinite(x->get<double>()))
          p.add(pointer_join(e, x.key()), std::string("expected a number, found ") +
                                              json_type_name(*x));
        else
          r.estimates[x.key()] = x->get<double>();
      }
    }
  }
  if (auto it = j.find("drills"); it != j.end()) {
    const std::string d = pointer_join(at, "drills");
    if (!it->is_array()) {
      p.add(d, std::string("expected an array, found ") + json_type_name(*it));
    } else {
      for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string da = pointer_join(d, i);
        const json& o = (*it)[i];
        if (!o.is_object()) {
          p.add(da, std::string("expected an object, found ") + json_type_name(o));
          continue;
        }
        reject_unknown_keys(o, {"id", "answer"}, da, p, "a drill answer");
        DrillAnswer a;
        get_string(o, "id", da, p, a.id, true);
        get_string(o, "answer", da, p, a.answer, true);
        for (const auto& prev : r.drills)
          if (prev.id == a.id) p.add(pointer_join(da, "id"), "drill \"" + a.id + "\" is answered twice");
        r.drills.push_back(std::move(a));
      }
    }
  }
  return r;
}

json practice_json(const PracticeRecord& r) {
  json o = json::object();
  o["scenario"] = r.scenario;
  if (r.stage_reached != 0) o["stage_reached"] = r.stage_reached;
  if (r.time_used_s != 0) o["time_used_s"] = number_json(r.time_used_s);
  if (!r.hints_taken.empty()) o["hints_taken"] = r.hints_taken;
  if (!r.estimates.empty()) {
    json e = json::object();
    for (const auto& [k, v] : r.estimates) e[k] = number_json(v);
    o["estimates"] = std::move(e);
  }
  if (!r.drills.empty()) {
    json d = json::array();
    for (const auto& a : r.drills) d.push_back({{"id", a.id}, {"answer", a.answer}});
    o["drills"] = std::move(d);
  }
  return o;
}

}  // namespace archbench::detail
