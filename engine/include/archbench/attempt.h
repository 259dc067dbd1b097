#pragma once
// What a practice attempt records beside its design: the scenario it answers, how far and how
// long the candidate went, the hints shown, the estimates made and the drill answers given.
// Kept in the project file's root "practice" object (format_version 3, docs/PRACTICE.md).
#include <map>
#include <string>
#include <vector>

namespace archbench {

// The candidate's answer to one failure drill (drill ids come from generate_drills).
struct DrillAnswer {
  std::string id;
  std::string answer;
  bool operator==(const DrillAnswer&) const = default;
};

struct PracticeRecord {
  std::string scenario;                    // scenario id, e.g. "url-shortener"
  int stage_reached = 0;                   // stages worked through (1 = the first)
  double time_used_s = 0;                  // wall time spent on the attempt
  std::vector<int> hints_taken;            // per stage, in order: how many of its hints were shown
  std::map<std::string, double> estimates; // estimate id → the candidate's figure
  std::vector<DrillAnswer> drills;
  bool operator==(const PracticeRecord&) const = default;
};

}  // namespace archbench
