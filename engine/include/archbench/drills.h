#pragma once
// Failure drills: questions generated from the candidate's own design at one stage ("which
// component saturates first if traffic doubles?", "which classes fail if cache crashes?", "with
// db 3× slower, is redirect p95 below 200 ms, 200–600 ms or above?"), answered by the engine.
// Generation is deterministic: seeded by the design, not by the clock or the file's order.
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"
#include "archbench/scenario.h"

namespace archbench {

enum class DrillKind { SaturatesFirst, CrashFails, SlowLatency };
const char* to_string(DrillKind k);

struct Drill {
  std::string id;        // stable: "STAGE/saturates-first", "STAGE/crash:cache", "STAGE/slow:db:redirect"
  DrillKind kind = DrillKind::SaturatesFirst;
  std::size_t stage = 0;
  std::string question;
  std::vector<std::string> choices;  // the answers to pick from; CrashFails takes any subset
  bool multiple = false;             // several choices together (comma-separated), or "none"
  std::string answer;                // the engine's answer, as a choice (sorted, comma-separated)
  std::string explanation;           // the figures behind it, shown after answering
};

// Up to three drills for a stage on a version (one per kind, when the design allows it).
std::vector<Drill> generate_drills(const Scenario& scenario, std::size_t stage, const Version& version,
                                   const Catalog& catalog);

// Whether `given` is the engine's answer: case-insensitive, a set for multiple-choice drills
// ("cache, db" equals "db,cache").
bool drill_answer_correct(const Drill& drill, const std::string& given);

}  // namespace archbench
