// Figures that several views show come from one engine function each (figures.h, affected.h):
// the affected classes of the presets' experiments, the change of a figure between versions,
// the cascade, timeout ceilings, the steady column of a what-if, saturation in availability and
// in the cost per million requests.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "archbench/affected.h"
#include "archbench/availability.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "archbench/report_json.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::preset;

namespace {

const Version& version(const char* file, const char* name) {
  const Version* v = preset(file).version(name);
  REQUIRE(v != nullptr);
  return *v;
}

const Experiment& experiment(const Version& v, const std::string& name) {
  for (const auto& e : v.experiments) {
    if (e.name == name) return e;
  }
  FAIL("no experiment " << name);
  throw 0;
}

bool has(const std::vector<std::string>& names, const std::string& n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

Fault fault(FaultType type, const std::string& component = "") {
  Fault f;
  f.type = type;
  f.component = component;
  return f;
}

Fault slow(const std::string& component, double factor) {
  Fault f = fault(FaultType::Slow, component);
  f.factor = factor;
  return f;
}

}  // namespace

TEST_CASE("Blog V3 zone outage affects comment whose answers all become degraded",
          "[affected][preset]") {
  const Version& v = version("blog.archbench.json", "V3");
  const ExperimentResult r =
      run_experiment(v, catalog(), experiment(v, "Zone us-east-1a down"));
  // read_post fails (0% success); comment is answered by the breaker's fallback: success
  // 100% → 0%, degraded → 100%. Both moved by far more than 0.1 point.
  CHECK(has(r.affected, "read_post"));
  REQUIRE(has(r.affected, "comment"));
  CHECK_FALSE(has(r.affected, "media"));
  REQUIRE(r.affected_why.size() == r.affected.size());
  const auto at = std::find(r.affected.begin(), r.affected.end(), "comment") - r.affected.begin();
  CHECK_THAT(r.affected_why[static_cast<std::size_t>(at)], Catch::Contains("degraded"));
}

TEST_CASE("Image V3 partition affects no class whose figures do not change",
          "[affected][preset]") {
  const Version& v = version("image-pipeline.archbench.json", "V3");
  const ExperimentResult r = run_experiment(v, catalog(), experiment(v, "Database partition"));
  // AP: view reads from the cut-off side may be stale, but its shares and p95 stay put
  // (stale reads are reported with the partition, not as "affected").
  for (const auto& c : r.report.faulted.classes) {
    const ClassOutcome& s = *r.report.steady.request_class(c.name);
    CHECK(std::fabs(c.success - s.success) < 0.001);
  }
  CHECK(r.affected.empty());
}

TEST_CASE("Image V3 zone outage affects upload through its backed up queue", "[affected][preset]") {
  const Version& v = version("image-pipeline.archbench.json", "V3");
  const ExperimentResult r = run_experiment(v, catalog(), experiment(v, "Zone eu-west-1b down"));
  REQUIRE(has(r.affected, "upload"));
  CHECK_FALSE(has(r.affected, "view"));
  const ClassOutcome* upload = r.report.faulted.request_class("upload");
  REQUIRE(upload != nullptr);
  CHECK(upload->async);
  REQUIRE(r.report.backlogs.size() == 1);
  const Backlog& b = r.report.backlogs.front();
  // Backlog = (inflow − capacity during the fault) × duration; upload carries all of it.
  CHECK(b.backlog_messages ==
        Approx((b.inflow_per_s - b.drain_capacity_per_s) * b.duration_s).epsilon(1e-9));
  CHECK(upload->completion_backlog_messages == Approx(b.backlog_messages).epsilon(1e-12));
  CHECK(upload->completion_delay_s == Approx(b.oldest_message_age_s).epsilon(1e-12));
  CHECK(upload->completion_backlog_messages > 100);  // 435 in the preset
  CHECK(upload->completion_blocked_by == "workers");
}

TEST_CASE("A change of a figure reads the same in every view", "[figures]") {
  // $150 → $400: (400 − 150) / 150 = 166.7%: whole percent at 10% and more.
  const FigureChange cost = figure_change(150.0, 400.0, Direction::Lower);
  CHECK(cost.text == "▲ 167%");
  CHECK(cost.sense == -1);
  CHECK(change_suffix(cost) == " (▲ 167% worse)");
  // 100 → 100.036: 0.036% is below the 0.05% that rounds to 0.0%: "=".
  const FigureChange same = figure_change(100.0, 100.036, Direction::Lower);
  CHECK(same.text == "=");
  CHECK(same.sense == 0);
  // 0.76%: shown with 2 significant digits, not better or worse (below 1%).
  const FigureChange small = figure_change(185.0, 185.0 * 1.0076, Direction::Lower);
  CHECK(small.text == "▲ 0.76%");
  CHECK(change_suffix(small) == " (▲ 0.76%)");
  CHECK(figure_change(std::nullopt, 3.0, Direction::Lower).text.empty());
}

TEST_CASE("A crashed consumer is the cascade even when nothing saturates", "[figures][preset]") {
  const Version& v = version("image-pipeline.archbench.json", "V1");
  const WhatIfReport r = what_if(v, catalog(), {fault(FaultType::Crash, "workers")});
  CHECK(cascade_text(r) == "workers (down)");
  const WhatIfReport none = what_if(v, catalog(), {slow("cdn", 1.1)});
  CHECK(cascade_text(none) == std::string(kNoCascade));
}

TEST_CASE("A latency at a timeout ceiling is flagged and reads timed out", "[figures][preset]") {
  const Version& v = version("blog.archbench.json", "V3");
  Fault spike = fault(FaultType::Spike);
  spike.factor = 4;
  const WhatIfReport r = what_if(v, catalog(), {spike});
  const ClassOutcome* read = r.faulted.request_class("read_post");
  REQUIRE(read != nullptr);
  REQUIRE(read->ceiling_timeout_ms);
  // lb → app has a 3,000 ms timeout and app is saturated (offered 106%): the served wait ≈ T.
  // mean = 2 × 30 ms (users → lb) + the balancer's own work + 3,000 ms ≈ 3,060 ms.
  CHECK(*read->ceiling_timeout_ms == Approx(3000));
  REQUIRE(read->answered_mean_ms);
  CHECK(*read->answered_mean_ms == Approx(3060).epsilon(0.001));
  CHECK(answered_latency_text(*read, AnsweredFigure::P95) == "timed out (3 s + 60 ms)");
  CHECK(answered_latency_text(*read, AnsweredFigure::Mean) == "timed out (3 s + 60 ms)");
  // media does not pass the app: no ceiling.
  CHECK_FALSE(r.faulted.request_class("media")->ceiling_timeout_ms);
  CHECK(format_timeout_ceiling(500, 500) == "timed out (500 ms)");
}

TEST_CASE("The steady column of a what-if shows the steady report's percentiles",
          "[figures][preset]") {
  const Version& v = version("image-pipeline.archbench.json", "V3");
  const Report steady = evaluate(v, catalog());
  const WhatIfReport r = what_if(v, catalog(), {slow("cdn", 1.1)});
  for (const auto& c : steady.classes) {
    const ClassOutcome* s = r.steady.request_class(c.name);
    REQUIRE(s != nullptr);
    REQUIRE(c.latency);
    CHECK_FALSE(s->p95_estimate);
    CHECK(*s->answered_p95_ms == Approx(c.latency->p95).epsilon(1e-12));
    CHECK(*s->answered_mean_ms == Approx(c.latency->mean).epsilon(1e-12));
    CHECK(answered_latency_text(*s, AnsweredFigure::P95) == format_ms(c.latency->p95));
  }
  // The impact matrix's steady row: the same exact p95, not the gamma estimate.
  const ImpactMatrix m = impact_matrix(v, catalog());
  for (std::size_t k = 0; k < m.classes.size(); ++k) {
    CHECK_FALSE(m.steady[k].p95_estimate);
    CHECK(*m.steady[k].p95_ms ==
          Approx(steady.request_class(m.classes[k])->latency->p95).epsilon(1e-12));
  }
  // A crash that changes a class's answered time gives an estimate, marked "≈".
  bool estimate = false;
  for (const auto& row : m.rows) {
    for (const auto& cell : row.cells) {
      if (cell.p95_ms && cell.p95_estimate) {
        estimate = true;
        CHECK(impact_p95_text(cell).rfind("≈", 0) == 0);
      }
    }
  }
  CHECK(estimate);
}

TEST_CASE("A saturated version is saturated in availability and in cost per million",
          "[figures][availability]") {
  Version v = version("blog.archbench.json", "V1");
  // V1 saturates at ×9.02 its stated load (the app's workers): ×12 is beyond it.
  for (auto& c : v.workload) {
    if (c.per_second) *c.per_second *= 12;
    if (c.per_day) *c.per_day *= 12;
  }
  const AvailabilityReport a = analyse_availability(v, catalog());
  const ClassAvailability* read = nullptr;
  for (const auto& c : a.classes) {
    if (c.name == "read_post") read = &c;
  }
  REQUIRE(read != nullptr);
  CHECK(read->saturated);
  CHECK(read->saturated_reason == "passes saturated \"app\"");
  const nlohmann::json j = availability_to_json(a, "Blog", "V1");
  CHECK(j.at("classes").at(0).at("availability").is_null());
  CHECK(j.at("classes").at(0).at("saturated") == true);

  EvaluateOptions o;
  o.load = 12;
  const Report r = evaluate(version("blog.archbench.json", "V1"), catalog(), o);
  CHECK(r.totals.saturated);
  CHECK_FALSE(r.totals.cost_per_million_requests);
  CHECK_FALSE(r.totals.cost_per_million_note.empty());
  CHECK(cost_per_million_text(r.totals) == "not meaningful (saturated)");
  // At its stated load V1 carries everything: $100 over 24.5 M requests a month = $4.08.
  const Report ok = evaluate(version("blog.archbench.json", "V1"), catalog());
  REQUIRE(ok.totals.cost_per_million_requests);
  CHECK(cost_per_million_text(ok.totals) == "$4.08");
}
