// Loss, duplicates and idempotency (docs/PATTERNS.md): a link's lost and duplicated messages
// under the caller's timeout and retries, per call and per request class.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>

#include "archbench/catalog.h"
#include "archbench/delivery.h"
#include "archbench/diff.h"
#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

CallDelivery lossy(double loss, double duplicate, double timeout_ms, int retries) {
  LinkPolicy p;
  p.timeout_ms = timeout_ms;
  p.retries = retries;
  return call_delivery(loss, duplicate, p);
}

// users → app → pay (an external API), `per_day` writes a day at a peak factor of 1.
Version payments(double loss, double duplicate, int retries, bool link_idempotent,
                 bool class_idempotent = false) {
  Version v;
  v.name = "pay";
  RequestClass r;
  r.name = "buy";
  r.entry = "users";
  r.op = Op::Write;
  r.per_day = 864000;
  r.idempotent = class_idempotent;
  v.workload = {r};
  Component users, app, pay;
  users.id = "users";
  users.kind = "users";
  app.id = "app";
  app.kind = "app_server";
  app.params = {{"concurrency", ParamValue::of(64)}, {"service_ms", ParamValue::of(5)}};
  pay.id = "pay";
  pay.kind = "external_api";
  pay.params = {{"service_ms", ParamValue::of(100)}, {"concurrency", ParamValue::of(1000)}};
  v.components = {users, app, pay};
  Link a, b;
  a.from = "users";
  a.to = "app";
  b.from = "app";
  b.to = "pay";
  b.loss = loss;
  b.duplicate = duplicate;
  b.idempotent = link_idempotent;
  b.policy.timeout_ms = 1000;
  b.policy.retries = retries;
  v.links = {a, b};
  return v;
}

}  // namespace

TEST_CASE("A lossy call is retried and its lost answers repeat the work", "[patterns][delivery]") {
  // ℓ = 0.01 per message: an attempt fails with p = 1 − 0.99² = 0.0199. Two retries:
  // attempts 1 + p + p² = 1.02029601; failed p³ = 7.880599e-6; executions attempts × 0.99 =
  // 1.0100930499; done at least once 1 − ℓ³ = 0.999999; duplicates 0.0100940499.
  const CallDelivery d = lossy(0.01, 0, 500, 2);
  CHECK(d.attempts == Approx(1.02029601).epsilon(1e-12));
  CHECK(d.failed == Approx(7.880599e-6).epsilon(1e-9));
  CHECK(d.executions == Approx(1.0100930499).epsilon(1e-12));
  CHECK(d.duplicates == Approx(0.0100940499).epsilon(1e-9));
  CHECK_FALSE(d.hangs);
  // A network duplicate d = 0.05 without loss: 1.05 executions per call, 0.05 duplicates.
  const CallDelivery twice = lossy(0, 0.05, 500, 2);
  CHECK(twice.attempts == 1);
  CHECK(twice.duplicates == Approx(0.05).epsilon(1e-12));
  // Without a timeout a lost message is waited for for ever: no retry, the call hangs.
  const CallDelivery hang = lossy(0.01, 0, 0, 2);
  CHECK(hang.attempts == 1);
  CHECK(hang.failed == Approx(0.0199).epsilon(1e-12));
  CHECK(hang.hangs);
  CHECK(hang.duplicates == Approx(0).margin(1e-15));  // nothing repeats it
}

TEST_CASE("Retried non-idempotent writes make duplicate side effects every day",
          "[patterns][delivery]") {
  // 864,000 writes a day, one payment call each, ℓ = 0.001 and two retries: duplicates per call
  // (1 + p + p²)(1 − ℓ) − (1 − ℓ³) = 0.00100099400 with p = 0.001999: 864.859 a day.
  const Report r = evaluate(payments(0.001, 0, 2, false), catalog());
  const ClassResult& buy = *r.request_class("buy");
  REQUIRE(buy.duplicates_per_day);
  CHECK(*buy.duplicates_per_day == Approx(864.8588203).epsilon(1e-8));
  REQUIRE(buy.lost_share);
  CHECK(*buy.lost_share == Approx(std::pow(0.001999, 3)).epsilon(1e-9));
  CHECK_FALSE(buy.lost_hang);
  CHECK(duplicates_text(buy) == "865");
  // An idempotency key, on the link or on the class, makes them zero; the lost share stays.
  for (const Version& v : {payments(0.001, 0, 2, true), payments(0.001, 0, 2, false, true)}) {
    const Report rv = evaluate(v, catalog());
    const ClassResult& c = *rv.request_class("buy");
    CHECK(*c.duplicates_per_day == 0);
    CHECK(duplicates_text(c) == "0");
    CHECK(*c.lost_share == Approx(*buy.lost_share).epsilon(1e-12));
  }
  // No retries: a lost answer is not repeated, so the only duplicates are none; lost p.
  const Report r0 = evaluate(payments(0.001, 0, 0, false), catalog());
  const ClassResult& once = *r0.request_class("buy");
  CHECK(*once.duplicates_per_day == Approx(0).margin(1e-9));
  CHECK(*once.lost_share == Approx(0.001999).epsilon(1e-9));
  // A link without loss or duplicates adds no figure.
  CHECK_FALSE(
      evaluate(payments(0, 0, 2, false), catalog()).request_class("buy")->duplicates_per_day);
}

TEST_CASE("Loss and duplicates and idempotency are format 4 and checked where they stand",
          "[patterns][delivery][format]") {
  Project p;
  p.name = "Pay";
  p.versions = {payments(0.001, 0.01, 2, true, true)};
  std::string text = dump_project(p);
  CHECK_THAT(text, Catch::Contains("\"format_version\": 4"));
  CHECK(parse_project(text, "pay.archbench.json", catalog()) == p);
  std::string old = text;
  old.replace(old.find("\"format_version\": 4"), 19, "\"format_version\": 2");
  try {
    parse_project(old, "pay.archbench.json", catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 4);
    CHECK(e.problems()[0].place == "/versions/0/workload/0/idempotent");
    CHECK(e.problems()[1].place == "/versions/0/links/1/loss");
    CHECK(e.problems()[3].message ==
          "\"idempotent\" needs format_version 4; this file says format_version 2");
  }
  Project bad = p;
  bad.versions[0].links[1].loss = 1;
  try {
    parse_project(dump_project(bad), "pay.archbench.json", catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].place == "/versions/0/links/1/loss");
    CHECK(e.problems()[0].message == "the loss probability is 1; it must lie in [0, 1)");
  }
}

TEST_CASE("The flash sale preset's V5 and V6 notes state the engine's duplicate charges",
          "[patterns][delivery][preset]") {
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const Version& v4 = *p.version("V4");
  const Version& v5 = *p.version("V5");
  const Version& v6 = *p.version("V6");
  auto says = [](const Version& v, const std::string& figure) {
    INFO(v.name << " notes: " << v.notes);
    INFO("figure: " << figure);
    CHECK(v.notes.find(figure) != std::string::npos);
  };
  const Report r5 = evaluate(v5, catalog());
  const Report r6 = evaluate(v6, catalog());
  const ClassResult& buy5 = *r5.request_class("buy");
  const ClassResult& buy6 = *r6.request_class("buy");
  // 864,000 buys a day × 0.001000994 duplicates per buy (ℓ = 0.001, two retries).
  REQUIRE(buy5.duplicates_per_day);
  CHECK(*buy5.duplicates_per_day == Approx(864000 * 0.00100099400).epsilon(1e-6));
  says(v5, duplicates_text(buy5) + " double charges a day at " +
               format_count(static_cast<long long>(*v5.request_class("buy")->per_day)) +
               " buys a day");
  const Report r4 = evaluate(v4, catalog());
  says(v5, "browse p95 " + format_ms(r5.request_class("browse")->latency->p95) +
               " ms against V4's " + format_ms(r4.request_class("browse")->latency->p95) + " ms");
  REQUIRE(buy6.duplicates_per_day);
  CHECK(*buy6.duplicates_per_day == 0);
  says(v6, "fall to " + duplicates_text(buy6) + " a day");
  says(v6, "(" + lost_text(buy6) + ")");
  CHECK(lost_text(buy6) == lost_text(buy5));
}

TEST_CASE("The version diff names a link made idempotent", "[patterns][delivery][diff]") {
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const VersionDiff d = diff_versions(*p.version("V5"), *p.version("V6"), &catalog());
  REQUIRE(d.links_changed.size() == 1);
  REQUIRE(d.links_changed[0].changes.size() == 1);
  CHECK(d.links_changed[0].changes[0].field == "idempotent");
  CHECK(d.links_changed[0].changes[0].to == "true");
}

TEST_CASE("Retries and duplicates of a lossy call load the callee", "[patterns][delivery]") {
  // 10 writes/s; ℓ = 0.1, d = 0.05, two retries: an attempt fails with p = 1 − 0.9² = 0.19,
  // attempts = 1 + 0.19 + 0.19² = 1.2261, executions = 1.2261 × 0.9 × 1.05 = 1.1586645 per
  // call: the external API sees 11.586645 visits a second, the app 10.
  const Report r = evaluate(payments(0.1, 0.05, 2, false), catalog());
  CHECK(r.component("app")->arrival_per_s == Approx(10).epsilon(1e-12));
  CHECK(r.component("pay")->arrival_per_s == Approx(10 * 1.2261 * 0.9 * 1.05).epsilon(1e-9));
  // Without a timeout nothing is retried: the lost calls never arrive, 10 × 0.9 × 1.05 = 9.45.
  Version hang = payments(0.1, 0.05, 0, false);
  hang.links[1].policy.timeout_ms = 0;
  CHECK(evaluate(hang, catalog()).component("pay")->arrival_per_s == Approx(9.45).epsilon(1e-9));
  // A lossless link brings one arrival per call.
  CHECK(evaluate(payments(0, 0, 2, false), catalog()).component("pay")->arrival_per_s ==
        Approx(10).epsilon(1e-12));
}
