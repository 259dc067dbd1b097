// Versions side by side: what changed between two versions (diff), how one version behaves from
// low load up to saturation (sweep), and several versions under their own or a shared workload
// (compare). The blog preset is the golden case: it must show what its lesson describes.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/compare.h"
#include "archbench/diff.h"
#include "archbench/error.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "archbench/sweep.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

const Project& blog() { return engine_test::preset("blog.archbench.json"); }

const Project& image() {
  static const Project p = load_project(
      std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/image-pipeline.archbench.json", catalog());
  return p;
}

const Version& version_of(const Project& p, const std::string& name) {
  const Version* v = p.version(name);
  REQUIRE(v != nullptr);
  return *v;
}

const ItemChange* item(const std::vector<ItemChange>& items, const std::string& id) {
  for (const auto& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

// The changes of an item as "field: from → to" lines, for whole-list comparisons.
std::vector<std::string> change_lines(const ItemChange* i) {
  std::vector<std::string> out;
  if (!i) return out;
  for (const auto& c : i->changes) out.push_back(c.field + ": " + c.from + " → " + c.to);
  return out;
}

// Peak rates of the blog's V1/V2 workload: per_day × peak_factor / 86,400 s.
constexpr double kReadPostPerS = 200000.0 * 3 / 86400;  // 6.944/s
constexpr double kCommentPerS = 5000.0 * 3 / 86400;     // 0.1736/s

// V1 with its client renamed "readers": the same design, but no component "users" to enter at.
Version with_client_readers(const Version& v) {
  Version out = v;
  out.name = v.name + "r";
  for (auto& c : out.components) {
    if (c.id == "users") c.id = "readers";
  }
  for (auto& l : out.links) {
    if (l.from == "users") l.from = "readers";
  }
  for (auto& r : out.workload) r.entry = "readers";
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// diff

TEST_CASE("diff: blog V1 → V2 adds the cache and moves post reads behind it", "[diff]") {
  const VersionDiff d =
      diff_versions(version_of(blog(), "V1"), version_of(blog(), "V2"), &catalog());
  CHECK(d.from_version == "V1");
  CHECK(d.to_version == "V2");
  CHECK(d.components_added == std::vector<std::string>{"cache"});
  CHECK(d.components_removed.empty());
  // The database moved on the canvas (pos 520 → 780) and nothing else: not a change.
  CHECK(d.components_changed.empty());
  CHECK(d.links_added == std::vector<std::string>{"app → cache", "cache → db"});
  CHECK(d.links_removed.empty());
  REQUIRE(d.links_changed.size() == 1);
  CHECK(d.links_changed[0].id == "app → db");
  CHECK(change_lines(&d.links_changed[0]) ==
        std::vector<std::string>{"calls: {comment: 2, read_post: 3} → {comment: 2}"});
  // Same 10K daily users: no workload change.
  CHECK(d.classes_added.empty());
  CHECK(d.classes_removed.empty());
  CHECK(d.classes_changed.empty());
  CHECK_FALSE(d.empty());
}

TEST_CASE(
    "diff: blog V2 → V3 adds a balancer and 3 app servers and a larger database and 10× traffic",
    "[diff]") {
  const VersionDiff d =
      diff_versions(version_of(blog(), "V2"), version_of(blog(), "V3"), &catalog());
  CHECK(d.components_added == std::vector<std::string>{"lb"});
  CHECK(d.components_removed.empty());
  // app, db and s3 change; the cache moved on the canvas only.
  REQUIRE(d.components_changed.size() == 3);
  CHECK(item(d.components_changed, "cache") == nullptr);
  CHECK(change_lines(item(d.components_changed, "app")) ==
        std::vector<std::string>{"instances: 1 → 3"});
  CHECK(change_lines(item(d.components_changed, "db")) ==
        std::vector<std::string>{"concurrency: 2 → 4", "cost_per_month: 42.7 → 147.7"});
  CHECK(change_lines(item(d.components_changed, "s3")) ==
        std::vector<std::string>{"cost_per_month: 15 → 55"});

  CHECK(d.links_added == std::vector<std::string>{"users → lb", "lb → app"});
  CHECK(d.links_removed == std::vector<std::string>{"users → app"});
  CHECK(d.links_changed.empty());

  // 10K → 100K daily users: every class's per_day × 10, same peak factor.
  CHECK(d.classes_added.empty());
  CHECK(d.classes_removed.empty());
  REQUIRE(d.classes_changed.size() == 3);
  CHECK(change_lines(item(d.classes_changed, "read_post")) ==
        std::vector<std::string>{"rate: 200000/day × peak 3 → 2000000/day × peak 3"});
  CHECK(change_lines(item(d.classes_changed, "comment")) ==
        std::vector<std::string>{"rate: 5000/day × peak 3 → 50000/day × peak 3"});
  CHECK(change_lines(item(d.classes_changed, "media")) ==
        std::vector<std::string>{"rate: 600000/day × peak 3 → 6000000/day × peak 3"});
}

TEST_CASE("diff: a version against itself is empty with or without a catalog", "[diff]") {
  for (const Project* p : {&blog(), &image()}) {
    for (const auto& v : p->versions) {
      INFO(p->name << " " << v.name);
      CHECK(diff_versions(v, v, &catalog()).empty());
      CHECK(diff_versions(v, v).empty());
    }
  }
}

TEST_CASE("diff: moving components on the canvas is not a change of the design", "[diff]") {
  const Version& v1 = version_of(blog(), "V1");
  Version moved = v1;
  for (auto& c : moved.components) c.pos = std::array<double, 2>{c.pos ? (*c.pos)[0] + 500 : 0, 7};
  moved.components[0].pos.reset();  // no position at all is not a change either
  REQUIRE(moved != v1);
  CHECK(diff_versions(v1, moved, &catalog()).empty());
  CHECK(diff_versions(v1, moved).empty());
}

TEST_CASE("diff: a parameter written as its catalog default is not a change", "[diff]") {
  const Version& v1 = version_of(blog(), "V1");
  // V1's app server sets instances 1, scv 1, blocking true and $40 a month: the app_server
  // defaults. Leaving them out describes the same design.
  Version implicit = v1;
  Component* app = implicit.component("app");
  REQUIRE(app != nullptr);
  for (const char* p : {"instances", "scv", "blocking", "cost_per_month"})
    REQUIRE(app->params.erase(p) == 1);
  CHECK(diff_versions(v1, implicit, &catalog()).empty());
  CHECK(diff_versions(implicit, v1, &catalog()).empty());

  // Without a catalog the default is unknown, so each shows as a change to "default".
  const VersionDiff blind = diff_versions(v1, implicit);
  REQUIRE(blind.components_changed.size() == 1);
  CHECK(change_lines(&blind.components_changed[0]) ==
        std::vector<std::string>{"blocking: true → default", "cost_per_month: 40 → default",
                                 "instances: 1 → default", "scv: 1 → default"});

  // A value that differs from the default stays a change, shown against the default (20).
  Version db_default = v1;
  REQUIRE(db_default.component("db")->params.erase("concurrency") == 1);
  const VersionDiff d = diff_versions(v1, db_default, &catalog());
  CHECK(change_lines(item(d.components_changed, "db")) ==
        std::vector<std::string>{"concurrency: 2 → default (20)"});
}

// ---------------------------------------------------------------------------------------------
// sweep

TEST_CASE("sweep: latency rises with load up to 0.99 × the evaluate's saturation point",
          "[sweep]") {
  constexpr int kPoints = 12;
  for (const Project* p : {&blog(), &image()}) {
    for (const auto& v : p->versions) {
      INFO(p->name << " " << v.name);
      const QueueingModel model(v, catalog());
      const Report r = model.evaluate();
      const Sweep s = sweep(model, kPoints);
      CHECK(s.version == v.name);
      REQUIRE(s.max_throughput_multiplier.has_value());
      REQUIRE(r.totals.max_throughput_multiplier.has_value());
      // One search, one answer: the sweep's saturation point is the report's, bit for bit.
      CHECK(*s.max_throughput_multiplier == *r.totals.max_throughput_multiplier);
      CHECK(s.bottleneck == r.totals.bottleneck);
      const double max = *s.max_throughput_multiplier;
      REQUIRE(s.points.size() == static_cast<std::size_t>(kPoints));
      REQUIRE(s.classes.size() == v.workload.size());
      for (std::size_t i = 0; i < s.points.size(); ++i) {
        INFO("point " << i);
        const SweepPoint& pt = s.points[i];
        // Evenly spaced: load_i = (i+1)/12 × 0.99 × max; the last point is 0.99 × max.
        CHECK(pt.load ==
              Approx((static_cast<double>(i) + 1) / kPoints * 0.99 * max).epsilon(1e-12));
        // Below saturation the bottleneck's offered utilization is below 1 and every class has
        // a latency (and its queued work a completion time).
        CHECK(pt.bottleneck_utilization < 1.0);
        for (std::size_t k = 0; k < s.classes.size(); ++k) {
          INFO("class " << s.classes[k]);
          REQUIRE(pt.latency[k].has_value());
          if (s.async[k]) REQUIRE(pt.completion[k].has_value());
          if (i == 0) continue;
          // More load never shortens a queue. Percentiles come from a numerical inversion that
          // stops at 1e-4 relative, so two solves may disagree by 2e-4 of the value.
          const SweepPoint& before = s.points[i - 1];
          CHECK(pt.latency[k]->p95 >= before.latency[k]->p95 * (1 - 2e-4));
          CHECK(pt.latency[k]->mean >= before.latency[k]->mean * (1 - 1e-12));
          if (s.async[k]) CHECK(pt.completion[k]->p95 >= before.completion[k]->p95 * (1 - 2e-4));
        }
      }
      CHECK(s.points.back().load == Approx(0.99 * max).epsilon(1e-12));
      // The sweep gets close to the wall: at 0.99 × max the bottleneck is at least 90% busy.
      CHECK(s.points.back().bottleneck_utilization > 0.9);
    }
  }
}

TEST_CASE("sweep: the saturation point separates a stable load from a saturated one", "[sweep]") {
  for (const Project* p : {&blog(), &image()}) {
    for (const auto& v : p->versions) {
      INFO(p->name << " " << v.name);
      const QueueingModel model(v, catalog());
      const auto [max, bottleneck] = model.max_throughput();
      REQUIRE(max.has_value());
      INFO("max ×" << *max << ", bottleneck " << bottleneck);
      EvaluateOptions opt;
      opt.percentiles = false;
      opt.max_throughput = false;

      opt.load = 0.999 * *max;
      const Report below = model.evaluate(opt);
      CHECK_FALSE(below.totals.saturated);
      for (const auto& c : below.classes) CHECK_FALSE(c.saturated);

      opt.load = 1.001 * *max;
      const Report above = model.evaluate(opt);
      CHECK(above.totals.saturated);
      const ComponentResult* b = above.component(bottleneck);
      REQUIRE(b != nullptr);
      CHECK(b->saturated);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// compare

TEST_CASE("compare: the blog's versions at their own workloads tell the lesson's story",
          "[compare]") {
  CompareOptions opt;
  opt.sweep_points = 3;
  const Comparison c = compare_versions(blog(), catalog(), opt);
  CHECK(c.project == "Blog platform");
  CHECK_FALSE(c.workload_of.has_value());
  REQUIRE(c.versions.size() == 3);
  const VersionResult &v1 = c.versions[0], &v2 = c.versions[1], &v3 = c.versions[2];
  CHECK(v1.name == "V1");
  CHECK(v2.name == "V2");
  CHECK(v3.name == "V3");
  CHECK(v1.notes == version_of(blog(), "V1").notes);
  CHECK(v1.components == 4);
  CHECK(v2.components == 5);
  CHECK(v3.components == 6);

  // The lesson's budgets, line items in dollars and cents: equal to the cent.
  CHECK(std::round(v1.report.totals.cost_per_month * 100) == 10000);
  CHECK(std::round(v2.report.totals.cost_per_month * 100) == 15000);
  CHECK(std::round(v3.report.totals.cost_per_month * 100) == 40000);

  // The cache lowers database load. V1: every post read makes 3 queries, a comment 2:
  // λ_db = 6.944·3 + 0.1736·2 = 21.18/s. V2: only the 20% of reads that miss reach it:
  // λ_db = 6.944·(1 − 0.8)·3 + 0.1736·2 = 4.514/s.
  const ComponentResult* db1 = v1.report.component("db");
  const ComponentResult* db2 = v2.report.component("db");
  REQUIRE(db1 != nullptr);
  REQUIRE(db2 != nullptr);
  CHECK(db1->arrival_per_s == Approx(kReadPostPerS * 3 + kCommentPerS * 2).epsilon(1e-9));
  CHECK(db1->arrival_per_s == Approx(21.18).epsilon(1e-3));
  CHECK(db2->arrival_per_s ==
        Approx(kReadPostPerS * (1 - 0.8) * 3 + kCommentPerS * 2).epsilon(1e-9));
  CHECK(db2->arrival_per_s == Approx(4.514).epsilon(1e-3));

  // …and read latency: 80% of reads skip three database round trips.
  const ClassResult* read1 = v1.report.request_class("read_post");
  const ClassResult* read2 = v2.report.request_class("read_post");
  REQUIRE(read1 != nullptr);
  REQUIRE(read2 != nullptr);
  REQUIRE(read1->latency.has_value());
  REQUIRE(read2->latency.has_value());
  CHECK(read2->latency->mean < read1->latency->mean);

  // Each step raises the maximum throughput in requests per second.
  REQUIRE(v1.report.totals.max_throughput_rate_per_s.has_value());
  REQUIRE(v2.report.totals.max_throughput_rate_per_s.has_value());
  REQUIRE(v3.report.totals.max_throughput_rate_per_s.has_value());
  CHECK(*v2.report.totals.max_throughput_rate_per_s > *v1.report.totals.max_throughput_rate_per_s);
  CHECK(*v3.report.totals.max_throughput_rate_per_s > *v2.report.totals.max_throughput_rate_per_s);

  for (const auto& v : c.versions) {
    INFO(v.name);
    // Own workloads: nothing was adapted.
    CHECK(v.workload_notes.empty());
    // Cost by kind is a breakdown of the total.
    double sum = 0;
    for (const auto& [kind, usd] : v.cost_by_kind) sum += usd;
    CHECK(sum == Approx(v.report.totals.cost_per_month).epsilon(1e-12));
    // The sweep asked for runs to the same saturation point as the report.
    REQUIRE(v.sweep.has_value());
    CHECK(v.sweep->points.size() == 3);
    CHECK(v.sweep->max_throughput_multiplier == v.report.totals.max_throughput_multiplier);
  }
  // V3's line items by kind: LB $25, 3 app servers × $40, Redis $50, PostgreSQL $147.70 +
  // 20 GB × $0.115 = $150, S3 $55; the readers cost nothing.
  const std::map<std::string, double> v3_kinds = {{"app_server", 120},    {"cache", 50},
                                                  {"database", 150},      {"load_balancer", 25},
                                                  {"object_storage", 55}, {"users", 0}};
  REQUIRE(v3.cost_by_kind.size() == v3_kinds.size());
  for (const auto& [kind, usd] : v3_kinds) {
    INFO(kind);
    REQUIRE(v3.cost_by_kind.count(kind) == 1);
    CHECK(v3.cost_by_kind.at(kind) == Approx(usd).margin(0.005));
  }

  // One diff per step between neighbours: n − 1 = 2.
  REQUIRE(c.steps.size() == 2);
  CHECK(c.steps[0].from_version == "V1");
  CHECK(c.steps[0].to_version == "V2");
  CHECK(c.steps[0].components_added == std::vector<std::string>{"cache"});
  CHECK(c.steps[1].from_version == "V2");
  CHECK(c.steps[1].to_version == "V3");
  CHECK(c.steps[1].components_added == std::vector<std::string>{"lb"});
}

TEST_CASE("compare: at V3's traffic V1 saturates first and V3 does not", "[compare]") {
  CompareOptions opt;
  opt.workload_of = "V3";
  const Comparison c = compare_versions(blog(), catalog(), opt);
  REQUIRE(c.workload_of == std::optional<std::string>("V3"));
  REQUIRE(c.versions.size() == 3);
  const Report &r1 = c.versions[0].report, &r2 = c.versions[1].report, &r3 = c.versions[2].report;

  const ClassResult* read1 = r1.request_class("read_post");
  const ClassResult* read3 = r3.request_class("read_post");
  REQUIRE(read1 != nullptr);
  REQUIRE(read3 != nullptr);
  CHECK(read1->saturated);
  CHECK_FALSE(read1->latency.has_value());
  CHECK_FALSE(read3->saturated);
  CHECK(read3->latency.has_value());
  CHECK(r1.totals.saturated);
  CHECK_FALSE(r3.totals.saturated);

  // V3's traffic is V1's × 10 in every class, so V1's multiplier is its own ×9.02 / 10 = ×0.902
  // (< 1: it saturates first) and the rate at which it saturates does not change. Both come
  // from a bisection stopped at 1e-9 relative.
  const Report own1 = evaluate(version_of(blog(), "V1"), catalog());
  REQUIRE(r1.totals.max_throughput_multiplier.has_value());
  CHECK(*r1.totals.max_throughput_multiplier < 1.0);
  CHECK(*r1.totals.max_throughput_multiplier ==
        Approx(*own1.totals.max_throughput_multiplier / 10).epsilon(1e-8));
  CHECK(*r1.totals.max_throughput_rate_per_s ==
        Approx(*own1.totals.max_throughput_rate_per_s).epsilon(1e-8));
  // V2 (cache, same single app server) and V3 carry it.
  CHECK(*r2.totals.max_throughput_multiplier > 1.0);
  CHECK(*r3.totals.max_throughput_multiplier > *r2.totals.max_throughput_multiplier);

  // The same client ids everywhere: nothing to adapt.
  for (const auto& v : c.versions) CHECK(v.workload_notes.empty());
  // V3 under its own workload is V3.
  const Report own3 = evaluate(version_of(blog(), "V3"), catalog());
  CHECK(read3->latency->mean ==
        Approx(own3.request_class("read_post")->latency->mean).epsilon(1e-12));
}

TEST_CASE("compare: a shared workload enters at the target's client when its entry is missing",
          "[compare]") {
  const Version& v1 = version_of(blog(), "V1");
  const Version& v2 = version_of(blog(), "V2");
  // V2's classes enter at "users", which this target lacks.
  const Version target = with_client_readers(v1);
  REQUIRE(target.component("users") == nullptr);
  REQUIRE(validate_version(target, catalog()).empty());

  std::vector<std::string> notes;
  const Version adapted = with_workload(target, v2, &notes, catalog());
  for (const auto& r : adapted.workload) CHECK(r.entry == "readers");
  REQUIRE(notes.size() == 3);  // read_post, comment, media
  for (const auto& n : notes)
    CHECK_THAT(n, Catch::Contains("enters at readers (no client users in V1r)"));
  CHECK(validate_version(adapted, catalog()).empty());

  // V2's workload is V1's, so the adapted version behaves exactly like V1.
  const Report a = evaluate(adapted, catalog());
  const Report b = evaluate(v1, catalog());
  CHECK(a.totals.cost_per_month == Approx(b.totals.cost_per_month).epsilon(1e-12));
  CHECK(a.request_class("read_post")->latency->mean ==
        Approx(b.request_class("read_post")->latency->mean).epsilon(1e-12));

  // Through compare_versions, the note reaches the version's result.
  Project p = blog();
  p.versions.push_back(target);
  CompareOptions opt;
  opt.versions = {"V1r"};
  opt.workload_of = "V2";
  const Comparison c = compare_versions(p, catalog(), opt);
  REQUIRE(c.versions.size() == 1);
  CHECK(c.versions[0].workload_notes == notes);
  CHECK(c.steps.empty());  // one version: n − 1 = 0 steps
}

TEST_CASE("compare: a shared workload drops per-class entries for classes it lacks", "[compare]") {
  // A source whose only class is read_post: V1's maps for comment and media must go, or the
  // adapted version would not validate ("unknown request class").
  Version source = version_of(blog(), "V1");
  source.name = "reads only";
  source.workload.resize(1);
  REQUIRE(source.workload[0].name == "read_post");
  std::vector<std::string> notes;
  const Version adapted = with_workload(version_of(blog(), "V1"), source, &notes, catalog());
  CHECK(notes.empty());
  CHECK(validate_version(adapted, catalog()).empty());
  const ParamValue& service = adapted.component("app")->params.at("service_ms");
  CHECK(service.map == std::map<std::string, double>{{"read_post", 40}});
  for (const auto& l : adapted.links) {
    INFO(l.from << " → " << l.to);
    for (const auto& [cls, calls] : l.calls.by_class) CHECK(cls == "read_post");
  }

  // A class the target has never seen is named in a note.
  Version more = version_of(blog(), "V1");
  more.workload.push_back(more.workload[0]);
  more.workload.back().name = "search";
  notes.clear();
  (void)with_workload(version_of(blog(), "V1"), more, &notes, catalog());
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::StartsWith("class search is new to V1"));
}

TEST_CASE("compare: a version without a client cannot take another's workload", "[compare]") {
  Version no_client = version_of(blog(), "V1");
  std::erase_if(no_client.components, [](const Component& c) { return c.id == "users"; });
  std::vector<std::string> notes;
  CHECK_THROWS_AS(with_workload(no_client, version_of(blog(), "V2"), &notes, catalog()),
                  InputError);
}

TEST_CASE("compare: an unknown version name is invalid input that names it", "[compare]") {
  CompareOptions opt;
  opt.versions = {"V1", "V9"};
  CHECK_THROWS_AS(compare_versions(blog(), catalog(), opt), InputError);
  CHECK_THROWS_WITH(compare_versions(blog(), catalog(), opt), Catch::Contains("\"V9\""));

  CompareOptions shared;
  shared.workload_of = "V7";
  CHECK_THROWS_AS(compare_versions(blog(), catalog(), shared), InputError);
  CHECK_THROWS_WITH(compare_versions(blog(), catalog(), shared), Catch::Contains("\"V7\""));
}

TEST_CASE("compare: the chosen versions in the order asked with one diff between neighbours",
          "[compare]") {
  CompareOptions opt;
  opt.versions = {"V3", "V1"};
  const Comparison c = compare_versions(blog(), catalog(), opt);
  REQUIRE(c.versions.size() == 2);
  CHECK(c.versions[0].name == "V3");
  CHECK(c.versions[1].name == "V1");
  REQUIRE(c.steps.size() == 1);
  CHECK(c.steps[0].from_version == "V3");
  CHECK(c.steps[0].to_version == "V1");
  // Going back from V3 to V1 removes what V2 and V3 added.
  CHECK(c.steps[0].components_removed == std::vector<std::string>{"lb", "cache"});
  CHECK(c.versions[0].report.version == "V3");
  CHECK(std::round(c.versions[1].report.totals.cost_per_month * 100) == 10000);
}

TEST_CASE("relative_change: the change of a figure against its base", "[compare]") {
  // (150 − 100) / 100 = +0.5; (100 − 150) / 150 = −1/3.
  CHECK(*relative_change(100.0, 150.0) == Approx(0.5).epsilon(1e-15));
  CHECK(*relative_change(150.0, 100.0) == Approx(-1.0 / 3).epsilon(1e-15));
  // A negative base: the sign still says larger (−2 → −1 is +50%).
  CHECK(*relative_change(-2.0, -1.0) == Approx(0.5).epsilon(1e-15));
  CHECK(*relative_change(7.0, 7.0) == 0.0);
  // No change can be stated against 0 or a missing (saturated) figure.
  CHECK_FALSE(relative_change(0.0, 5.0).has_value());
  CHECK_FALSE(relative_change(std::nullopt, 5.0).has_value());
  CHECK_FALSE(relative_change(5.0, std::nullopt).has_value());
  CHECK_FALSE(relative_change(std::nullopt, std::nullopt).has_value());
}
