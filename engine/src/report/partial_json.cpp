#include <nlohmann/json.hpp>

#include "archbench/partial.h"
#include "archbench/report_json.h"

namespace archbench {

using nlohmann::json;

const char* to_string(ComponentNote::Kind kind) {
  switch (kind) {
    case ComponentNote::Kind::NoTraffic: return "no_traffic";
    case ComponentNote::Kind::NotComputed: return "not_computed";
    case ComponentNote::Kind::Partial: return "partial";
  }
  return "no_traffic";
}

json partial_to_json(const PartialEvaluation& e, const std::string& project,
                     const std::string& version, std::size_t class_count) {
  json j = e.report ? report_to_json(*e.report, project)
                    : json{{"project", project}, {"version", version}};
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json problems = json::array();
  for (const auto& p : e.problems) {
    problems.push_back({{"place", p.place},
                        {"message", p.message},
                        {"component", or_null(p.component)},
                        {"class", or_null(p.request_class)},
                        {"link", p.link_from.empty()
                                     ? json(nullptr)
                                     : json{{"from", p.link_from}, {"to", p.link_to}}}});
  }
  json notes = json::array();
  for (const auto& n : e.notes)
    notes.push_back({{"component", n.component}, {"kind", to_string(n.kind)}, {"text", n.text}});
  j["complete"] = e.complete();
  j["summary"] = partial_summary(e, class_count);
  j["problems"] = std::move(problems);
  j["left_out"] = e.left_out;
  j["notes"] = std::move(notes);
  return j;
}

}  // namespace archbench
