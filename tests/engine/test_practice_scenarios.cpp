// The shipped interview scenarios: each loads, its reference solution passes with at least 90,
// and the naive design (one app server and one database at every stage) fails from the stage at
// which it saturates, with a reason that names the saturated component.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "archbench/drills.h"
#include "archbench/solver.h"
#include "practice_fixture.h"

using namespace archbench;
using practice_test::scenario;

namespace {

void reference_passes(const std::string& id) {
  const Scenario& s = scenario(id);
  const ReportCard card = grade(s, s.reference, engine_test::catalog());
  INFO(id);
  CHECK(card.passed);
  CHECK(card.score >= 90);
  for (const auto& st : card.stages) {
    INFO("stage " << st.name);
    CHECK(st.passed);
    CHECK(st.score >= 90);
    for (const auto& c : st.checks) {
      INFO(c.requirement << ": " << c.reason);
      CHECK(c.passed);
    }
  }
}

void naive_fails_from_saturation(const std::string& id) {
  const Scenario& s = scenario(id);
  const Project naive = practice_test::naive_attempt(s);
  const ReportCard card = grade(s, naive, engine_test::catalog());
  INFO(id);
  CHECK_FALSE(card.passed);
  // The first stage whose traffic saturates the naive design, by the solver itself.
  std::size_t first = s.stages.size();
  for (std::size_t i = 0; i < s.stages.size() && first == s.stages.size(); ++i) {
    const Report r = evaluate(stage_version(s, i, naive.versions[i]), engine_test::catalog());
    if (r.totals.saturated) first = i;
  }
  REQUIRE(first < s.stages.size());  // every scenario grows past one app server
  for (std::size_t i = first; i < s.stages.size(); ++i) {
    const StageCard& st = card.stages[i];
    INFO("stage " << st.name);
    CHECK(st.saturated);
    CHECK_FALSE(st.passed);
    CHECK(st.score < s.pass_mark);
    const auto h = practice_test::find_check(st, "headroom");
    REQUIRE(h);
    CHECK_FALSE(h->passed);
    CHECK((h->component == "app" || h->component == "db"));
    CHECK_THAT(h->reason, Catch::Contains(h->component) && Catch::Contains("saturated"));
  }
}

}  // namespace

TEST_CASE("Practice ships at least eight valid scenarios with the required ids", "[practice][scenarios]") {
  const auto all = load_scenarios(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/scenarios", engine_test::catalog());
  CHECK(all.size() >= 8);
  std::set<std::string> ids;
  for (const auto& s : all) ids.insert(s.id);
  for (const char* id : {"url-shortener", "blog-growth", "image-upload", "flash-sale", "payments"})
    CHECK(ids.count(id) == 1);
  CHECK((ids.count("news-feed") + ids.count("chat")) >= 1);
  for (const auto& s : all) {
    INFO(s.id);
    CHECK(s.stages.size() >= 2);
    CHECK(s.reference.versions.size() == s.stages.size());
    CHECK_FALSE(s.statement.empty());
    for (const auto& v : s.reference.versions) CHECK_FALSE(v.notes.empty());
  }
}

TEST_CASE("Reference solution passes url-shortener", "[practice][scenarios]") { reference_passes("url-shortener"); }
TEST_CASE("Reference solution passes blog-growth", "[practice][scenarios]") { reference_passes("blog-growth"); }
TEST_CASE("Reference solution passes image-upload", "[practice][scenarios]") { reference_passes("image-upload"); }
TEST_CASE("Reference solution passes flash-sale", "[practice][scenarios]") { reference_passes("flash-sale"); }
TEST_CASE("Reference solution passes payments", "[practice][scenarios]") { reference_passes("payments"); }
TEST_CASE("Reference solution passes news-feed", "[practice][scenarios]") { reference_passes("news-feed"); }
TEST_CASE("Reference solution passes checkout-rescue", "[practice][scenarios]") { reference_passes("checkout-rescue"); }
TEST_CASE("Reference solution passes rate-limiter", "[practice][scenarios]") { reference_passes("rate-limiter"); }
TEST_CASE("Reference solution passes notification-fanout", "[practice][scenarios]") {
  reference_passes("notification-fanout");
}

TEST_CASE("Naive design fails url-shortener once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("url-shortener");
}
TEST_CASE("Naive design fails blog-growth once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("blog-growth");
}
TEST_CASE("Naive design fails image-upload once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("image-upload");
}
TEST_CASE("Naive design fails flash-sale once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("flash-sale");
}
TEST_CASE("Naive design fails payments once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("payments");
}
TEST_CASE("Naive design fails news-feed once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("news-feed");
}
TEST_CASE("Naive design fails checkout-rescue once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("checkout-rescue");
}
TEST_CASE("Naive design fails rate-limiter once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("rate-limiter");
}
TEST_CASE("Naive design fails notification-fanout once it saturates", "[practice][scenarios]") {
  naive_fails_from_saturation("notification-fanout");
}

TEST_CASE("Every shipped scenario file is covered by a reference and a naive test", "[practice][scenarios]") {
  // A scenario added to presets/scenarios must get its two test cases above.
  const std::set<std::string> tested = {"url-shortener", "blog-growth", "image-upload", "flash-sale",
                                        "payments", "news-feed", "rate-limiter", "notification-fanout",
                                        "checkout-rescue"};
  for (const auto& e : std::filesystem::directory_iterator(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/scenarios")) {
    INFO(e.path());
    CHECK(tested.count(e.path().stem().string()) == 1);
  }
}

TEST_CASE("Every hint and drill of the shipped scenarios can be computed on the reference", "[practice][scenarios]") {
  for (const auto& s : load_scenarios(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/scenarios", engine_test::catalog())) {
    for (std::size_t i = 0; i < s.stages.size(); ++i) {
      INFO(s.id << " stage " << i + 1);
      const Version& v = s.reference.versions[i];
      for (std::size_t h = 0; h < s.stages[i].hints.size(); ++h)
        CHECK_FALSE(hint_text(s, i, h, &v, engine_test::catalog()).empty());
      const auto drills = generate_drills(s, i, v, engine_test::catalog());
      CHECK(drills.size() == 3);
      for (const auto& d : drills) CHECK(drill_answer_correct(d, d.answer));
    }
  }
}
