// archbench-cli what-if as users and scripts see it: every fault option and their
// combinations, bad values and unknown names with their exit codes, and the shape of each
// format (impact, chaos and availability: test_cli_impact_chaos.cpp). The failure figures
// themselves are the engine tests' business; here only figures that follow from the structure of a
// version are asserted (a class that must pass a crashed component with no fallback is never
// answered).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "faults_fixture.h"

namespace {

using nlohmann::json;
using namespace cli_test;

// what-if on the image pipeline's V3 (three api instances, a cache, a queue with workers and a
// database with a read replica): every kind of fault has something to hit.
std::vector<std::string> image_what_if(const std::vector<std::string>& extra) {
  return with({"what-if", kImage, "--catalog", kCatalog}, extra);
}

json only_fault(const std::vector<std::string>& options) {
  const json j = run_json(image_what_if(with(options, {"--format", "json"})));
  REQUIRE(j.at("faults").size() == 1);
  return j.at("faults").at(0);
}

}  // namespace

TEST_CASE("archbench-cli what-if: each fault option becomes the fault it names", "[cli][faults]") {
  SECTION("--down and --crash are the same fault") {
    for (const char* flag : {"--down", "--crash"}) {
      const json f = only_fault({flag, "db"});
      CHECK(f.at("type") == "crash");
      CHECK(f.at("component") == "db");
      CHECK(f.at("duration_s").get<double>() == 600);  // the model's default duration
    }
  }
  SECTION("--hang") {
    CHECK(only_fault({"--hang", "api"}).at("type") == "hang");
  }
  SECTION("--slow: a factor or added time") {
    for (const char* v : {"db=3x", "db=3", "db=x3"}) {
      const json f = only_fault({"--slow", v});
      CHECK(f.at("type") == "slow");
      CHECK(f.at("component") == "db");
      CHECK(f.at("factor").get<double>() == 3);
      CHECK(f.at("add_ms").get<double>() == 0);
    }
    for (const char* v : {"db=+200ms", "db=+0.2s", "db=+200"}) {
      const json f = only_fault({"--slow", v});
      CHECK(f.at("factor").get<double>() == 1);
      CHECK(f.at("add_ms").get<double>() == Approx(200).epsilon(1e-12));
    }
  }
  SECTION("--lose: ID=N, or ID alone for one instance") {
    CHECK(only_fault({"--lose", "api=2"}).at("instances") == 2);
    CHECK(only_fault({"--lose", "api"}).at("instances") == 1);
  }
  SECTION("--flush: hit ratio 0, or the one given") {
    CHECK(only_fault({"--flush", "redis"}).at("hit_ratio").get<double>() == 0);
    CHECK(only_fault({"--flush", "redis=0.3"}).at("hit_ratio").get<double>() == 0.3);
  }
  SECTION("--cut: A->B, A→B and A-B name the same link") {
    for (const char* v : {"api->redis", "api→redis", "api-redis", "redis-api"}) {
      INFO(v);
      const json f = only_fault({"--cut", v});
      CHECK(f.at("type") == "cut");
      CHECK(f.at("from") == "api");  // the link's direction: api calls redis
      CHECK(f.at("to") == "redis");
    }
  }
  SECTION("--spike: 3 or 3x") {
    for (const char* v : {"3", "3x"}) {
      const json f = only_fault({"--spike", v});
      CHECK(f.at("type") == "spike");
      CHECK(f.at("factor").get<double>() == 3);
    }
  }
  SECTION("--partition: half by default, or the share given") {
    CHECK(only_fault({"--partition", "db"}).at("fraction").get<double>() == 0.5);
    CHECK(only_fault({"--partition", "db=0.3"}).at("fraction").get<double>() == 0.3);
  }
  SECTION("--zone: what stands in the zone") {
    json p = preset(kImage);
    p["format_version"] = 5;  // zones need 2; the preset's stored simulation needs 5
    for (auto& c : version_named(p, "V3").at("components")) {
      if (c.at("id") == "api") c["zones"] = json::array({"eu-1a", "eu-1b", "eu-1c"});
    }
    const TempProject t(p);
    const json j = run_json(
        {"what-if", t.file(), "--zone", "eu-1a", "--format", "json", "--catalog", kCatalog});
    REQUIRE(j.at("faults").size() == 1);
    CHECK(j.at("faults")[0].at("type") == "zone");
    CHECK(j.at("faults")[0].at("zone") == "eu-1a");
  }
  SECTION("--name=value is the same as --name value") {
    CHECK(only_fault({"--crash=db"}).at("component") == "db");
  }
}

TEST_CASE(
    "archbench-cli what-if: options combine and repeat in order and --duration applies to all",
    "[cli][faults]") {
  const json j =
      run_json(image_what_if({"--crash", "workers", "--slow", "db=2x", "--crash", "redis",
                              "--spike", "1.5", "--duration", "2h", "--format", "json"}));
  const auto& faults = j.at("faults");
  REQUIRE(faults.size() == 4);
  CHECK(faults[0].at("component") == "workers");
  CHECK(faults[1].at("type") == "slow");
  CHECK(faults[2].at("component") == "redis");
  CHECK(faults[3].at("type") == "spike");
  for (const auto& f : faults) CHECK(f.at("duration_s").get<double>() == 7200);  // 2 h = 7,200 s
  for (const auto& [text, seconds] : std::vector<std::pair<std::string, double>>{
           {"10m", 600}, {"10min", 600}, {"90s", 90}, {"90", 90}, {"1.5h", 5400}}) {
    INFO(text);
    CHECK(only_fault({"--crash", "db", "--duration", text}).at("duration_s").get<double>() ==
          seconds);
  }
}

TEST_CASE("archbench-cli what-if: a malformed value is bad usage naming the option",
          "[cli][faults]") {
  const std::vector<std::vector<std::string>> bad = {{"--slow", "db"},
                                                     {"--slow", "db=0x"},
                                                     {"--slow", "db=fast"},
                                                     {"--slow", "db=+-5ms"},
                                                     {"--lose", "api=0"},
                                                     {"--lose", "api=1.5"},
                                                     {"--flush", "redis=1.5"},
                                                     {"--flush", "redis=-0.1"},
                                                     {"--spike", "0"},
                                                     {"--spike", "lots"},
                                                     {"--partition", "db=0"},
                                                     {"--partition", "db=1"},
                                                     {"--cut", "api"},
                                                     {"--cut", "->redis"},
                                                     {"--crash", "db=1"},
                                                     {"--duration", "0"},
                                                     {"--duration", "soon"},
                                                     {"--crash"},
                                                     {"--zone"}};
  for (const auto& options : bad) {
    const auto args = image_what_if(options);
    INFO(describe(args));
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(options.front()));
    CHECK(r.out.empty());
  }
  // --duration alone is not a scenario, and --version/--all exclude each other.
  CHECK(run_cli(image_what_if({"--duration", "10m"})).code == 2);
  CHECK(run_cli(image_what_if({"--crash", "db", "--all", "--version", "V1"})).code == 2);
}

TEST_CASE("archbench-cli what-if: a fault naming nothing in the version is invalid input (exit 1)",
          "[cli][faults]") {
  struct Case {
    std::vector<std::string> options;
    std::string named;  // what the message must name
  };
  const std::vector<Case> cases = {
      {{"--crash", "nosuchdb"}, "nosuchdb"},
      {{"--slow", "nosuch=3x"}, "nosuch"},
      {{"--cut", "api->s4"}, "s4"},
      {{"--cut", "users-db"}, "users-db"},  // both exist, no link joins them
      {{"--zone", "mars-1a"}, "mars-1a"},
      {{"--flush", "api"}, "api"}};  // not a cache
  for (const auto& c : cases) {
    const auto args = image_what_if(c.options);
    INFO(describe(args));
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == 1);
    // "FILE: --crash nosuchdb: …": the file, the option that gave the fault, and the name.
    CHECK(r.err.rfind(kImage + ": " + c.options[0] + " " + c.options[1], 0) == 0);
    CHECK_THAT(r.err, Catch::Contains(c.named));
    CHECK(r.out.empty());
  }
  // Every bad fault is reported, not just the first.
  const CliRun both = run_cli(image_what_if({"--crash", "nope1", "--hang", "nope2"}));
  CHECK(both.code == 1);
  CHECK_THAT(both.err, Catch::Contains("--crash nope1") && Catch::Contains("--hang nope2"));
}

TEST_CASE("archbench-cli what-if: component ids with '-' in --cut A-B", "[cli][faults]") {
  // users → x → y-z and users → x-y → z: "x-y-z" splits two ways into linked components.
  const json p = json::parse(R"({
    "format": "archbench-project", "format_version": 1, "name": "Dashes",
    "versions": [{
      "name": "V1",
      "workload": [{"name": "r", "entry": "users", "per_second": 5}],
      "components": [
        {"id": "users", "kind": "users"}, {"id": "x", "kind": "app_server"},
        {"id": "x-y", "kind": "app_server"}, {"id": "web-app", "kind": "app_server"},
        {"id": "y-z", "kind": "database"}, {"id": "z", "kind": "database"}],
      "links": [
        {"from": "users", "to": "x"}, {"from": "users", "to": "x-y"},
        {"from": "users", "to": "web-app"}, {"from": "x", "to": "y-z"},
        {"from": "x-y", "to": "z"}, {"from": "web-app", "to": "z"}]
    }]})");
  const TempProject t(p);
  const std::vector<std::string> base{"what-if", t.file(), "--catalog", kCatalog};
  REQUIRE(run_cli({"validate", t.file(), "--catalog", kCatalog}).code == 0);

  SECTION("one split fits") {
    const json j = run_json(with(base, {"--cut", "web-app-z", "--format", "json"}));
    CHECK(j.at("faults")[0].at("from") == "web-app");
    CHECK(j.at("faults")[0].at("to") == "z");
  }
  SECTION("two splits fit: bad usage listing both, and A->B settles it") {
    const CliRun r = run_cli(with(base, {"--cut", "x-y-z"}));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("x->y-z") && Catch::Contains("x-y->z") &&
                          Catch::Contains("ambiguous"));
    const json j = run_json(with(base, {"--cut", "x-y->z", "--format", "json"}));
    CHECK(j.at("faults")[0].at("from") == "x-y");
    CHECK(j.at("faults")[0].at("to") == "z");
  }
}

TEST_CASE("archbench-cli what-if: saved faults and none to evaluate", "[cli][faults]") {
  const TempProject t(blog_with_experiments());
  // No fault options: V2's saved fault (crash db) is evaluated.
  const json j =
      run_json({"what-if", t.file(), "--version", "V2", "--format", "json", "--catalog", kCatalog});
  REQUIRE(j.at("faults").size() == 1);
  CHECK(j.at("faults")[0].at("description") == "crash db");
  // --duration applies to saved faults too.
  const json d = run_json({"what-if", t.file(), "--version", "V2", "--duration", "1h", "--format",
                           "json", "--catalog", kCatalog});
  CHECK(d.at("faults")[0].at("duration_s").get<double>() == 3600);
  // Options replace the saved faults.
  const json o = run_json({"what-if", t.file(), "--version", "V2", "--hang", "app", "--format",
                           "json", "--catalog", kCatalog});
  REQUIRE(o.at("faults").size() == 1);
  CHECK(o.at("faults")[0].at("type") == "hang");

  // V1 saves none: bad usage that says so.
  const CliRun none = run_cli({"what-if", t.file(), "--version", "V1", "--catalog", kCatalog});
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("no faults") && Catch::Contains("V1"));
  // --all evaluates the versions that save faults and skips the others.
  const json all =
      run_json({"what-if", t.file(), "--all", "--format", "json", "--catalog", kCatalog});
  REQUIRE(all.is_array());
  REQUIRE(all.size() == 1);
  CHECK(all[0].at("version") == "V2");

  // A saved fault naming nothing is reported at its JSON pointer.
  json p = blog_with_experiments();
  version_named(p, "V2")["faults"] = json::array({{{"type", "hang"}, {"component", "nosuch"}}});
  const TempProject bad(p);
  const CliRun r = run_cli({"what-if", bad.file(), "--version", "V2", "--catalog", kCatalog});
  CHECK(r.code == 1);
  CHECK_THAT(r.err,
             Catch::Contains(bad.file() + ": /versions/1/faults/0") && Catch::Contains("nosuch"));
}

TEST_CASE("archbench-cli what-if: JSON contract", "[cli][faults][format]") {
  // Blog V2 without its database: comments write to it and have no fallback, so none is
  // answered; media goes to object storage only and is untouched.
  const json j = run_json({"what-if", kBlog, "--version", "V2", "--crash", "db", "--format", "json",
                           "--catalog", kCatalog});
  CHECK(j.at("project") == "Blog platform");
  CHECK(j.at("version") == "V2");
  for (const char* key : {"faults", "steady", "faulted", "cascade", "backlogs", "partitions"})
    CHECK(j.contains(key));
  for (const char* state : {"steady", "faulted"}) {
    const json& s = j.at(state);
    INFO(state);
    CHECK(s.at("converged").is_boolean());
    CHECK(s.at("iterations").is_number_integer());
    CHECK(s.at("residual").is_number());
    REQUIRE(s.at("classes").size() == 3);
    for (const auto& c : s.at("classes")) {
      INFO(c.at("name"));
      for (const char* share :
           {"success", "degraded", "answered", "failed", "hung", "stale_reads"}) {
        const double x = c.at(share).get<double>();
        CHECK(x >= 0);
        CHECK(x <= 1);
      }
      // success + degraded + failed = 1: every request ends one way.
      CHECK(c.at("success").get<double>() + c.at("degraded").get<double>() +
                c.at("failed").get<double>() ==
            Approx(1).epsilon(1e-9));
      for (const char* ms : {"answered_mean_ms", "answered_p95_ms", "failed_mean_ms"})
        CHECK((c.at(ms).is_null() || c.at(ms).get<double>() >= 0));
      CHECK((c.at("reason").is_null() || c.at("reason").is_string()));
    }
    for (const auto& c : s.at("components")) {
      for (const char* key :
           {"id", "faulted", "fault", "offered_per_s", "retry_amplification", "served",
            "utilization", "offered_utilization", "saturated", "down", "instances_up", "reason",
            "visit_success", "visit_degraded", "visit_failed"})
        CHECK(c.contains(key));
    }
  }
  auto cls = [&](const char* state, const std::string& name) {
    for (const auto& c : j.at(state).at("classes")) {
      if (c.at("name") == name) return c;
    }
    FAIL("no class " << name);
    return json();
  };
  CHECK(cls("steady", "comment").at("success").get<double>() == 1);
  CHECK(cls("faulted", "comment").at("success").get<double>() == 0);
  CHECK(cls("faulted", "comment").at("answered_p95_ms").is_null());  // nothing answered: no latency
  CHECK(cls("faulted", "comment").at("reason").get<std::string>().find("db") != std::string::npos);
  CHECK(cls("faulted", "media").at("success").get<double>() == 1);
  bool db_down = false;
  for (const auto& c : j.at("faulted").at("components")) {
    if (c.at("id") != "db") continue;
    db_down = c.at("down") == true && c.at("faulted") == true && c.at("utilization").is_null();
  }
  CHECK(db_down);
}

TEST_CASE("archbench-cli what-if: table and Markdown show the sections", "[cli][faults][format]") {
  for (const bool markdown : {false, true}) {
    INFO((markdown ? "markdown" : "table"));
    std::vector<std::string> args{"what-if",     kImage, "--crash",   "workers",
                                  "--partition", "db",   "--catalog", kCatalog};
    if (markdown) args.insert(args.end(), {"--format", "markdown"});
    const std::string out = run_ok(args);
    const auto tables = tables_in(out, markdown);
    const PrintedTable* classes = table_starting_with(tables, "class");
    REQUIRE(classes != nullptr);
    // upload crosses a queue: its completion (the backlog behind the crashed workers) is shown.
    CHECK(classes->headers == std::vector<std::string>{"class", "rate/s", "success", "degraded",
                                                       "failed", "mean ms", "p95 ms¹",
                                                       "completion"});
    CHECK(classes->rows.size() == 2);  // upload, view
    const PrintedTable* comps = table_starting_with(tables, "component");
    REQUIRE(comps != nullptr);
    // The crashed workers: their fault and "down" where the utilization was.
    const auto util = comps->cell("workers", "utilization");
    REQUIRE(util);
    CHECK_THAT(*util, Catch::EndsWith("down"));
    CHECK(comps->cell("workers", "fault") != std::string("—"));
    // The queue in front of the crashed workers backs up; the partition shows both modes.
    const PrintedTable* backlog = table_starting_with(tables, "queue");
    REQUIRE(backlog != nullptr);
    CHECK(backlog->cell("sqs", "backlog (messages)").has_value());
    const PrintedTable* partition = nullptr;
    for (const auto& t : tables) {
      if (t.headers.size() > 2 && t.headers[2] == "CP: refused") partition = &t;
    }
    REQUIRE(partition != nullptr);
    // Shares of requests are percentages; writes to reconcile are a count of writes.
    const auto refused = partition->cell("upload", "CP: refused");
    const auto writes = partition->cell("upload", "AP: writes to reconcile");
    REQUIRE(refused);
    REQUIRE(writes);
    CHECK_THAT(*refused, Catch::EndsWith("%"));
    CHECK_THAT(*writes, !Catch::EndsWith("%"));
    CHECK_THAT(out, Catch::Contains("Cascade"));
    CHECK_THAT(out, Catch::Contains("Fixed point (faulted): converged in") ||
                        Catch::Contains("did not converge"));
    CHECK_THAT(out, Catch::Contains("two-moment estimate"));
    CHECK_FALSE(std::regex_search(out, std::regex(R"(\b-?(nan|inf)\b)", std::regex::icase)));
  }
}
