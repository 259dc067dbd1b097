// archbench-cli simulate: its tables, its JSON contract (docs/SIMULATE.md), determinism per
// seed, replications on threads, and how it refuses bad input and bad usage.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>

#include "cli_runner.h"

namespace {

using namespace cli_test;
using nlohmann::json;

const std::string kBrokenDir = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/broken";

std::vector<std::string> simulate(std::vector<std::string> extra) {
  std::vector<std::string> args{"simulate", kBlog, "--catalog", kCatalog};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace

TEST_CASE("archbench-cli simulate prints every class with intervals and every component",
          "[cli][simulate]") {
  const std::string out = run_ok(simulate({"--version", "V1", "--duration", "300s"}));
  CHECK(out.rfind("Blog platform — V1 simulated at load ×1.00\n", 0) == 0);
  CHECK_THAT(out, Catch::Contains(
                      "5 min of arrivals, the first 30 s not measured; seed 1; 1 replication"));
  const auto tables = tables_in(out, false);
  const PrintedTable* classes = table_starting_with(tables, "class");
  REQUIRE(classes != nullptr);
  CHECK(classes->headers == std::vector<std::string>{"class", "rate/s", "measured", "mean", "p50",
                                                     "p95", "p99", "p99.9", "success"});
  REQUIRE(classes->rows.size() == 3);
  // Each latency cell is "figure ± half-width", e.g. "199 ± 4.12".
  for (const auto& row : classes->rows) {
    INFO(row[0]);
    for (std::size_t i = 3; i <= 7; ++i)
      CHECK(std::regex_match(row[i], std::regex(R"([0-9.,]+ ± [0-9.,]+)")));
    CHECK(row[8] == "100%");
  }
  const PrintedTable* comps = table_starting_with(tables, "component");
  REQUIRE(comps != nullptr);
  CHECK(comps->rows.size() == 4);  // users, app, db, s3
}

TEST_CASE("archbench-cli simulate --format json follows its contract", "[cli][simulate]") {
  const json j = run_json(simulate({"--version", "V3", "--format", "json", "--seed", "3"}));
  CHECK(j["project"] == "Blog platform");
  CHECK(j["version"] == "V3");
  CHECK(j["load"] == 1.0);
  CHECK(j["duration_s"] == 600.0);
  CHECK(j["warmup_s"] == 60.0);  // a tenth of the duration by default
  CHECK(j["seed"] == 3);
  CHECK(j["replications"] == 1);
  CHECK(j["interval"] == json{{"level", 0.95}, {"method", "batch means"}, {"units", 10}});
  CHECK(j["events"].get<long long>() > 100000);
  REQUIRE(j["classes"].size() == 3);
  for (const auto& c : j["classes"]) {
    INFO(c["name"]);
    CHECK(c["measured"].get<long long>() > 0);
    CHECK(c["unfinished"] == 0);
    CHECK(c["outcome"] == json{{"success", 1.0}, {"degraded", 0.0}, {"failed", 0.0}});
    CHECK(c["completion_ms"].is_null());
    const json& l = c["latency_ms"];
    double previous = 0;
    for (const char* q : {"p50", "p95", "p99", "p99_9"}) {
      INFO(q);
      CHECK(l[q]["value"].get<double>() >= previous);
      CHECK(l[q]["half_width"].get<double>() > 0);
      previous = l[q]["value"].get<double>();
    }
  }
  // read_post's p95 at the stated load: the engine says 187 ms; ten minutes simulated land
  // within 5% of it.
  CHECK(j["classes"][0]["latency_ms"]["p95"]["value"].get<double>() == Approx(187).epsilon(0.05));
  for (const auto& c : j["components"]) {
    INFO(c["id"]);
    if (c["id"] == "users") {
      CHECK(c["utilization"].is_null());
      continue;
    }
    CHECK(c["utilization"].get<double>() >= 0);
    CHECK(c["utilization"].get<double>() < 1);
    CHECK(c["arrival_per_s"].get<double>() > 0);
  }
}

TEST_CASE("archbench-cli simulate gives byte-identical output for the same seed",
          "[cli][simulate]") {
  const auto args = simulate({"--duration", "120s", "--format", "json", "--seed", "11"});
  const std::string a = run_ok(args);
  CHECK(run_ok(args) == a);
  CHECK(run_ok(simulate({"--duration", "120s", "--format", "json", "--seed", "12"})) != a);
}

TEST_CASE("archbench-cli simulate replications give the same output on one thread and on four",
          "[cli][simulate]") {
  const std::string one =
      run_ok(simulate({"--duration", "60s", "--replications", "4", "--threads", "1"}));
  const std::string four =
      run_ok(simulate({"--duration", "60s", "--replications", "4", "--threads", "4"}));
  CHECK(one == four);
  CHECK_THAT(one, Catch::Contains("4 replications"));
  CHECK_THAT(one, Catch::Contains("by replications"));
}

TEST_CASE("archbench-cli simulate of the image pipeline reports completion of the queued work",
          "[cli][simulate]") {
  const json j =
      run_json({"simulate", kImage, "--version", "V1", "--format", "json", "--catalog", kCatalog});
  const json& upload = j["classes"][0];
  REQUIRE(upload["name"] == "upload");
  CHECK(upload["async"] == true);
  // The job takes 7.5 s on a worker: completion p50 is seconds, the acknowledgement's ms.
  CHECK(upload["completion_ms"]["p50"]["value"].get<double>() > 5000);
  CHECK(upload["latency_ms"]["p50"]["value"].get<double>() < 1000);
  const std::string md = run_ok(
      {"simulate", kImage, "--version", "V1", "--format", "markdown", "--catalog", kCatalog});
  CHECK(md.rfind("## Image pipeline — V1 simulated", 0) == 0);
  CHECK_THAT(md, Catch::Contains("### Completion of asynchronous work"));
}

TEST_CASE("archbench-cli simulate refuses a broken project with its file and place",
          "[cli][simulate]") {
  const std::string path = kBrokenDir + "/concurrency-zero.json";
  const CliRun r = run_cli({"simulate", path, "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.rfind(path + ": /versions/0/components/", 0) == 0);
  const CliRun missing = run_cli(simulate({"--version", "V9"}));
  REQUIRE(missing.exited);
  CHECK(missing.code == 1);
  CHECK(missing.err.rfind(kBlog + ": no version named \"V9\"", 0) == 0);
}

TEST_CASE("archbench-cli simulate refuses bad options as usage errors", "[cli][simulate]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--duration", "ten"}, "--duration needs a time above 0"},
      {{"--duration", "0"}, "--duration needs a time above 0"},
      {{"--warmup", "700s"}, "--warmup (11.7 min) must be shorter than --duration (10 min)"},
      {{"--replications", "0"}, "--replications needs a whole number from 1 to 10000"},
      {{"--replications", "2.5"}, "--replications needs a whole number"},
      {{"--seed", "-1"}, "--seed needs a whole number"},
      {{"--threads", "0"}, "--threads needs a whole number from 1 to 1024"},
      {{"--load", "x"}, "--load needs a number"},
      {{"--format", "csv"}, "--format must be table, json or markdown"},
      {{"--crash", "db@300s-60s"}, "--crash db@300s-60s: the window must end after it starts"},
      {{"--crash", "db@soon"}, "--crash db@soon: the window needs START-END or START"},
      {{"--slow", "db=fast@10s-20s"}, "--slow needs"},
      {{"--partition", "db@10s-20s"}, "--partition db: a partition is not simulated"},
      {{"--timeline", "out.txt"}, "--timeline needs a file ending in .csv or .json"},
      {{"--timeline-step", "2s"}, "--timeline-step needs --timeline FILE"},
      {{"--arrivals", "lumpy"}, "--arrivals must be poisson, deterministic or bursty"},
      {{"--burst-share", "0.2"}, "--burst-share needs --arrivals bursty"},
      {{"--ramp", "2"}, "--ramp needs FROM-TO"},
      {{"--daily", "1.5"}, "--daily must lie between 0 and 1"},
  };
  for (const auto& [extra, message] : cases) {
    INFO(extra[0] << " " << extra[1]);
    const CliRun r = run_cli(simulate(extra));
    REQUIRE(r.exited);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("archbench-cli simulate: " + message));
  }
  const CliRun none = run_cli({"simulate"});
  REQUIRE(none.exited);
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("missing FILE"));
}

TEST_CASE("archbench-cli simulate --help describes every option it takes",
          "[cli][simulate][usage]") {
  const std::string help = run_ok({"simulate", "--help"});
  for (const std::string option :
       {"--version", "--load", "--duration", "--warmup", "--seed", "--replications", "--threads",
        "--timeline", "--timeline-step", "--traces", "--format", "--catalog"}) {
    INFO(option);
    CHECK(std::regex_search(help, std::regex("\n  " + option + " [A-Z]+ +[a-z]")));
  }
  CHECK_THAT(run_ok({"--help"}), Catch::Contains("simulate FILE"));
}

TEST_CASE("archbench-cli simulate refuses a fault naming no component as invalid input",
          "[cli][simulate]") {
  const CliRun r = run_cli(simulate({"--crash", "nosuch@10s-20s"}));
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  CHECK(r.err.rfind(kBlog + ": --crash nosuch: ", 0) == 0);
  CHECK_THAT(r.err, Catch::Contains("nosuch"));
}

TEST_CASE("archbench-cli simulate plays faults in their windows and reports the links",
          "[cli][simulate]") {
  // Blog V3 with its database hung from 100 s to 200 s of a 300 s run (30 s warm-up): reads
  // that miss the cache (20%) and every comment call the database; their links time out after
  // 250 ms, retry twice and open a breaker whose fallback is a degraded answer. So nothing
  // fails, and the degraded share of post reads is about 20% × 100 s / 270 s = 7.4%.
  const json j =
      run_json(simulate({"--hang", "db@100s-200s", "--duration", "300s", "--format", "json"}));
  REQUIRE(j["faults"].size() == 1);
  CHECK(j["faults"][0] ==
        json{{"type", "hang"}, {"component", "db"}, {"start_s", 100.0}, {"end_s", 200.0}});
  const json& read = j["classes"][0];
  REQUIRE(read["name"] == "read_post");
  CHECK(read["outcome"]["failed"] == 0.0);
  CHECK(read["outcome"]["degraded"].get<double>() == Approx(0.074).margin(0.015));
  CHECK(j["classes"][2]["outcome"]["success"] == 1.0);  // media never reaches the database
  bool cache_db = false;
  for (const auto& l : j["links"]) {
    if (l["from"] != "cache" || l["to"] != "db") continue;
    cache_db = true;
    CHECK(l["timeouts"].get<long long>() > 0);
    CHECK(l["retries"].get<long long>() > 0);
    CHECK(l["breaker_opened"].get<long long>() > 0);
    // Open 5 s at a time during a 100 s hang: about a third of the 270 s measured.
    CHECK(l["breaker_open_share"].get<double>() == Approx(100.0 / 270).margin(0.05));
  }
  CHECK(cache_db);
  const std::string table = run_ok(simulate({"--hang", "db@100s-200s", "--duration", "300s"}));
  CHECK_THAT(table, Catch::Contains("fault: hang db from 100 s to 200 s"));
  CHECK_THAT(table, Catch::Contains("cache → db"));
  CHECK_THAT(table, Catch::Contains("degraded"));
}

TEST_CASE("archbench-cli simulate writes a timeline as CSV and as JSON", "[cli][simulate]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("archbench_sim_timeline_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string csv = (dir / "t.csv").string(), js = (dir / "t.json").string();
  run_ok(simulate(
      {"--version", "V1", "--duration", "60s", "--crash", "db@20s-30s", "--timeline", csv}));
  const auto rows = lines_of(slurp(csv));
  // A row per second from 0 to the last event (arrivals end at 60 s; requests then finish).
  REQUIRE(rows.size() >= 61);
  CHECK(rows[0].rfind("start_s,read_post arrived,read_post answered,read_post degraded,read_post "
                      "failed,read_post mean_ms,",
                      0) == 0);
  CHECK_THAT(rows[0], Catch::Contains("db instances_down"));
  CHECK_THAT(rows[0], Catch::Contains("read_post p95_ms"));
  CHECK_THAT(rows[0], Catch::Contains("app → db calls_per_s"));
  CHECK(rows[1].rfind("0,", 0) == 0);
  run_ok(simulate({"--version", "V1", "--duration", "60s", "--crash", "db@20s-30s", "--timeline",
                   js, "--timeline-step", "5s"}));
  const json t = json::parse(slurp(js));
  CHECK(t["step_s"] == 5.0);
  REQUIRE(t["start_s"].size() >= 12);
  CHECK(t["start_s"][4] == 20.0);
  // db is down in the steps [20, 25) and [25, 30) and up again after.
  for (const auto& c : t["components"]) {
    if (c["id"] != "db") continue;
    CHECK(c["instances_down"][3] == 0);
    CHECK(c["instances_down"][4] == 1);
    CHECK(c["instances_down"][5] == 1);
    CHECK(c["instances_down"][6] == 0);
  }
  // read_post calls the database: every post read that ends in [20, 30) fails.
  const json& read = t["classes"][0];
  CHECK(read["failed"][4].get<int>() > 0);
  CHECK(read["answered"][4] == 0);
  CHECK(read["failed"][2] == 0);
  // Nothing answered in [20, 25): no p95 to show (0); before the crash, answers have one.
  CHECK(read["p95_ms"][4] == 0);
  CHECK(read["p95_ms"][2].get<double>() > 0);
  // Each link's attempts per second: app → db carries calls while db is down too (they fail).
  bool app_db = false;
  for (const auto& l : t["links"]) {
    if (l["link"] != "app → db") continue;
    app_db = true;
    CHECK(l["calls_per_s"][2].get<double>() > 0);
    CHECK(l["calls_per_s"].size() == t["start_s"].size());
  }
  CHECK(app_db);
  fs::remove_all(dir);
}

TEST_CASE("archbench-cli simulate records traces as trees of visits", "[cli][simulate]") {
  const json j = run_json(
      simulate({"--version", "V2", "--duration", "120s", "--traces", "5", "--format", "json"}));
  REQUIRE(j["traces"].size() == 5);
  for (const auto& t : j["traces"]) {
    INFO(t.dump());
    CHECK(t["outcome"] == "success");
    CHECK(t["arrival_s"].get<double>() >= 12.0);
    const json& root = t["root"];
    CHECK(root["component"] == "users");
    CHECK(root["sent_ms"] == 0.0);
    REQUIRE(root["children"].size() == 1);
    // The request's latency is its root visit's end: the client has its answer.
    CHECK(root["end_ms"].get<double>() == Approx(t["latency_ms"].get<double>()));
    // Every call crosses 30 ms of internet first.
    CHECK(root["children"][0]["arrived_ms"].get<double>() == Approx(30));
  }
  const std::string table =
      run_ok(simulate({"--version", "V2", "--duration", "120s", "--traces", "2"}));
  CHECK_THAT(table, Catch::Contains("Traces (ms from the request's arrival)"));
  CHECK_THAT(table, Catch::Contains("\n  users: 0 → "));
}

TEST_CASE("archbench-cli simulate takes arrival shapes and reports them", "[cli][simulate]") {
  const json j = run_json(
      simulate({"--version", "V1", "--duration", "120s", "--arrivals", "bursty", "--burst-factor",
                "4", "--burst-length", "5s", "--ramp", "0.5-2", "--format", "json"}));
  CHECK(j["arrivals"] == json{{"kind", "bursty"},
                              {"burst_factor", 4.0},
                              {"burst_share", 0.1},
                              {"burst_mean_s", 5.0},
                              {"profile", {{"kind", "ramp"}, {"from", 0.5}, {"to", 2.0}}}});
  const std::string table = run_ok(simulate(
      {"--version", "V1", "--duration", "120s", "--arrivals", "deterministic", "--daily", "0.3"}));
  CHECK_THAT(table, Catch::Contains("arrivals: deterministic, evenly spaced"));
  CHECK_THAT(table,
             Catch::Contains("rates follow a daily curve: ×(1 ± 0.300), period 24 h, peak at 12 h"));
}
