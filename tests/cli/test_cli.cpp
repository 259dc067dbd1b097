// archbench-cli as users and scripts see it: the real binary is run with arguments, and its
// exit code, stdout and stderr are checked against the presets, the broken-file corpus and the
// report contract (tables, Markdown and JSON show the same figures).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archbench/format.h"
#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace cli_test;

const std::string kBroken = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/broken";

struct PresetVersion {
  std::string file;
  std::string version;
  double cost_per_month;  // the lesson's line items, $
};

// The presets and their monthly budgets (see each version's notes for the line items).
const std::vector<PresetVersion> kPresetVersions = {
    {kBlog, "V1", 100.0},   {kBlog, "V2", 150.0},  {kBlog, "V3", 400.0},
    {kImage, "V1", 1120.0}, {kImage, "V2", 570.0}, {kImage, "V3", 2340.0},
};

// Walks every number in a JSON document.
template <class F>
void for_each_number(const json& j, const std::string& at, F&& f) {
  if (j.is_number()) f(at, j.get<double>());
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) for_each_number(*it, at + "/" + it.key(), f);
  }
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      for_each_number(j[i], at + "/" + std::to_string(i), f);
  }
}

}  // namespace

TEST_CASE(
    "archbench-cli evaluate: every preset version is within budget and unsaturated at its load",
    "[cli][preset]") {
  for (const auto& p : kPresetVersions) {
    INFO(p.file << " " << p.version);
    const json j = run_json(
        {"evaluate", p.file, "--version", p.version, "--format", "json", "--catalog", kCatalog});
    CHECK(j.at("version") == p.version);
    CHECK(j.at("load").get<double>() == 1.0);
    // Costs are line items in dollars and cents: equal to the cent.
    const double cost = j.at("totals").at("cost_per_month").get<double>();
    CHECK(std::round(cost * 100) == std::round(p.cost_per_month * 100));
    CHECK(j.at("totals").at("saturated") == false);
    for (const auto& c : j.at("classes")) {
      INFO("class " << c.at("name"));
      CHECK(c.at("saturated") == false);
      CHECK(c.at("latency_ms").is_object());
      // Asynchronous work must also finish: its backlog must not grow.
      if (c.contains("completion_saturated")) {
        CHECK(c.at("completion_saturated") == false);
        CHECK(c.at("completion_ms").is_object());
      }
    }
    for (const auto& c : j.at("components")) {
      INFO("component " << c.at("id"));
      CHECK(c.at("saturated") == false);
      if (c.at("utilization").is_number()) CHECK(c.at("utilization").get<double>() < 1.0);
    }
    // Headroom: the stated load is below the saturation load.
    CHECK(j.at("totals").at("max_throughput_multiplier").get<double>() > 1.0);
  }
}

TEST_CASE("archbench-cli validate and evaluate --all: every preset with its versions in order",
          "[cli][preset]") {
  const std::map<std::string, std::vector<std::string>> versions = {{kBlog, {"V1", "V2", "V3"}},
                                                                    {kImage, {"V1", "V2", "V3"}}};
  for (const auto& [file, names] : versions) {
    INFO(file);
    const std::string out = run_ok({"validate", file, "--catalog", kCatalog});
    CHECK(out.rfind(file + ": valid", 0) == 0);
    const json all =
        run_json({"evaluate", file, "--all", "--format", "json", "--catalog", kCatalog});
    REQUIRE(all.is_array());
    REQUIRE(all.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) CHECK(all[i].at("version") == names[i]);
  }
}

TEST_CASE("archbench-cli evaluate: table and Markdown and JSON show the same figures",
          "[cli][format]") {
  for (const auto& p : kPresetVersions) {
    INFO(p.file << " " << p.version);
    const std::vector<std::string> base{"evaluate", p.file,      "--version",
                                        p.version,  "--catalog", kCatalog};
    auto with_format = [&](const std::string& f) {
      auto a = base;
      a.insert(a.end(), {"--format", f});
      return a;
    };
    const json j = run_json(with_format("json"));
    const std::string text = run_ok(base);
    const std::string md = run_ok(with_format("markdown"));

    for (const bool markdown : {false, true}) {
      INFO((markdown ? "markdown" : "table"));
      const auto tables = tables_in(markdown ? md : text, markdown);
      const PrintedTable* classes = table_starting_with(tables, "class");
      const PrintedTable* comps = table_starting_with(tables, "component");
      REQUIRE(classes);
      REQUIRE(comps);
      for (const auto& c : j.at("classes")) {
        const std::string name = c.at("name");
        INFO("class " << name);
        const json& l = c.at("latency_ms");
        CHECK(classes->cell(name, "mean") == archbench::format_ms(l.at("mean").get<double>()));
        CHECK(classes->cell(name, "p50") == archbench::format_ms(l.at("p50").get<double>()));
        CHECK(classes->cell(name, "p95") == archbench::format_ms(l.at("p95").get<double>()));
        CHECK(classes->cell(name, "p99") == archbench::format_ms(l.at("p99").get<double>()));
        if (c.at("completion_ms").is_object()) {
          CHECK(classes->cell(name, "completion p95") ==
                archbench::format_ms(c.at("completion_ms").at("p95").get<double>()));
        }
      }
      for (const auto& c : j.at("components")) {
        const std::string id = c.at("id");
        INFO("component " << id);
        const json& u = c.at("utilization");
        CHECK(comps->cell(id, "util") ==
              (u.is_number() ? archbench::format_percent(u.get<double>()) : std::string("—")));
        CHECK(comps->cell(id, "cost/month") ==
              archbench::format_usd(c.at("cost_per_month").get<double>()));
      }
      const std::string total_cost =
          "cost per month: " +
          archbench::format_usd(j.at("totals").at("cost_per_month").get<double>());
      CHECK_THAT(markdown ? md : text, Catch::Contains(total_cost));
    }
  }
}

TEST_CASE("archbench-cli evaluate: the JSON report keeps its contract", "[cli][json]") {
  const json j =
      run_json({"evaluate", kImage, "--version", "V1", "--format", "json", "--catalog", kCatalog});
  CHECK(j.at("project").is_string());
  CHECK(j.at("version").is_string());
  CHECK(j.at("load").is_number());
  REQUIRE(j.at("classes").is_array());
  REQUIRE_FALSE(j.at("classes").empty());
  bool some_async = false;
  for (const auto& c : j.at("classes")) {
    INFO(c.dump());
    CHECK(c.at("name").is_string());
    CHECK(c.at("rate_per_s").is_number());
    CHECK(c.at("saturated").is_boolean());
    REQUIRE(c.at("latency_ms").is_object());
    const json& l = c.at("latency_ms");
    for (const char* k : {"mean", "p50", "p95", "p99"}) CHECK(l.at(k).is_number());
    // Percentiles of one distribution are ordered.
    CHECK(l.at("p50").get<double>() <= l.at("p95").get<double>());
    CHECK(l.at("p95").get<double>() <= l.at("p99").get<double>());
    REQUIRE(c.contains("completion_ms"));
    if (c.at("completion_ms").is_object()) {
      some_async = true;
      // The queued work finishes after the acknowledgement.
      CHECK(c.at("completion_ms").at("mean").get<double>() > l.at("mean").get<double>());
    } else {
      CHECK(c.at("completion_ms").is_null());
    }
  }
  CHECK(some_async);  // image V1 uploads are acknowledged at SQS
  REQUIRE(j.at("components").is_array());
  for (const auto& c : j.at("components")) {
    INFO(c.dump());
    CHECK(c.at("id").is_string());
    CHECK(c.at("kind").is_string());
    CHECK(c.at("arrival_per_s").is_number());
    CHECK((c.at("utilization").is_number() || c.at("utilization").is_null()));
    CHECK((c.at("wait_ms").is_number() || c.at("wait_ms").is_null()));
    CHECK((c.at("response_ms").is_number() || c.at("response_ms").is_null()));
    CHECK(c.at("saturated").is_boolean());
    CHECK(c.at("cost_per_month").is_number());
  }
  const json& t = j.at("totals");
  CHECK(t.at("cost_per_month").is_number());
  CHECK(t.at("cost_per_million_requests").is_number());
  CHECK(t.at("max_throughput_multiplier").is_number());
  CHECK(t.at("bottleneck").is_string());
  CHECK(t.at("saturated").is_boolean());
}

TEST_CASE("archbench-cli evaluate: at 100 times the load saturation is a state with a reason",
          "[cli][json][saturation]") {
  for (const std::string& file : {kImage, kBlog}) {
    INFO(file);
    const std::vector<std::string> args{"evaluate", file,   "--all",     "--load", "100",
                                        "--format", "json", "--catalog", kCatalog};
    const std::string raw = run_ok(args);
    // nan, -nan, inf, -inf, infinity as words, in any case; "information" would not match.
    CHECK_FALSE(std::regex_search(raw, std::regex(R"(\b(nan|inf|infinity)\b)", std::regex::icase)));
    const json all = json::parse(raw);
    for (const auto& j : all) {
      INFO("version " << j.at("version"));
      CHECK(j.at("totals").at("saturated") == true);
      int saturated_classes = 0;
      for (const auto& c : j.at("classes")) {
        if (c.at("saturated") != true) continue;
        ++saturated_classes;
        INFO(c.dump());
        CHECK(c.at("latency_ms").is_null());
        REQUIRE(c.contains("reason"));
        CHECK(c.at("reason").is_string());
        CHECK_FALSE(c.at("reason").get<std::string>().empty());
      }
      CHECK(saturated_classes > 0);
      for (const auto& c : j.at("components")) {
        if (c.at("saturated") != true) continue;
        INFO(c.dump());
        CHECK(c.at("utilization").is_null());
        CHECK(c.at("reason").is_string());
      }
      // Nothing shown as a result is negative or non-finite.
      for_each_number(j, "", [](const std::string& at, double x) {
        INFO(at);
        CHECK(std::isfinite(x));
        CHECK(x >= 0);
      });
    }
    // The table says it in words too.
    const std::string text = run_ok({"evaluate", file, "--load", "100", "--catalog", kCatalog});
    CHECK_THAT(text, Catch::Contains("SATURATED at this load"));
    CHECK_FALSE(
        std::regex_search(text, std::regex(R"(\b(nan|inf|infinity)\b)", std::regex::icase)));
  }
}

TEST_CASE("archbench-cli: bad usage exits with code 2 and explains on stderr", "[cli][usage]") {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"evaluate"},
      {"evaluate", kBlog, "--frobnicate"},
      {"evaluate", kBlog, "--format", "xml"},
      {"evaluate", kBlog, "--load", "abc"},
      {"evaluate", kBlog, "--load", "-1"},
      {"evaluate", kBlog, "--load"},
      {"evaluate", kBlog, "--all", "--version", "V1"},
      {"evaluate", kBlog, kImage},
      {"sweep", kBlog, "--points", "0"},
      {"sweep", kBlog, "--points", "2.5"},
      {"sweep"},
      {"validate"},
      {"catalog", "--format", "xml"},
      {"catalog", "extra"},
  };
  for (const auto& args : cases) {
    INFO(describe(args));
    const CliRun r = run_cli(args);
    CHECK(r.exited);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("archbench-cli: --help prints a subcommand's usage and exits 0", "[cli][usage]") {
  for (const std::string cmd : {"evaluate", "sweep", "validate", "catalog"}) {
    INFO(cmd);
    const CliRun r = run_cli({cmd, "--help"});
    CHECK(r.exited);
    CHECK(r.code == 0);
    CHECK(r.out.rfind("usage: archbench-cli " + cmd, 0) == 0);
  }
  const CliRun r = run_cli({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("usage: archbench-cli COMMAND", 0) == 0);
}

namespace {

struct Expected {
  std::string place;     // JSON pointer or line:column; empty when the whole file is meant
  std::string fragment;  // part of the message
};

// One problem per file: where the CLI must point and what it must say.
const std::map<std::string, Expected> kBrokenFiles = {
    {"calls-as-string.json",
     {"/versions/0/links/1/calls", "expected a number or a map per class, found a string"}},
    {"class-without-name.json", {"/versions/0/workload/0", "missing \"name\""}},
    {"concurrency-zero.json",
     {"/versions/0/components/1/params/concurrency", "below the minimum 1"}},
    {"cycle.json", {"/versions/0/links/3", "the links form a cycle: app → auth → app"}},
    {"deeply-nested.json", {"/name", "expected a string, found an array"}},
    {"duplicate-class-name.json",
     {"/versions/0/workload/1/name", "duplicate request class \"read\""}},
    {"duplicate-component-id.json", {"/versions/0/components/3/id", "duplicate id \"app\""}},
    {"empty-versions.json", {"/versions", "a project needs at least one version"}},
    {"empty.json", {"1:1", "the file is empty"}},
    {"entry-not-client.json", {"/versions/0/workload/0/entry", "not a client"}},
    {"future-format-version.json",
     {"/format_version", "written by a newer ArchBench (format_version 6)"}},
    {"hit-ratio-above-one.json",
     {"/versions/0/components/3/params/hit_ratio", "is 1.5, above the maximum 1"}},
    {"huge-number.json", {"13:25", "a number is too large to represent"}},
    {"link-to-missing-id.json", {"/versions/0/links/1/to", "no component with id \"database\""}},
    {"missing-versions.json", {"", "missing \"versions\""}},
    {"negative-latency.json", {"/versions/0/links/1/latency_ms", "a latency cannot be negative"}},
    {"too-many-calls.json", {"/versions/0/links/0/calls", "above the maximum 10000"}},
    {"duplicate-key.json", {"/name", "this key appears twice"}},
    {"non-object-component.json",
     {"/versions/0/components/3", "expected an object, found a string"}},
    {"not-json.json", {"1:1", "not valid JSON"}},
    {"param-wrong-type.json", {"/versions/0/components/1/params/concurrency", "found a string"}},
    {"per-class-unknown-class.json",
     {"/versions/0/components/1/params/service_ms/checkout", "unknown request class \"checkout\""}},
    {"per-second-and-per-day.json",
     {"/versions/0/workload/0", "give exactly one of \"per_second\" and \"per_day\""}},
    {"top-level-array.json", {"", "expected a JSON object at the top, found an array"}},
    {"truncated.json", {"13:25", "not valid JSON: syntax error"}},
    {"unknown-kind.json", {"/versions/0/components/2/kind", "unknown kind \"quantum_database\""}},
    {"unknown-parameter.json",
     {"/versions/0/components/1/params/threads", "unknown parameter \"threads\""}},
    {"unknown-top-level-field.json", {"/author", "unknown field \"author\""}},
    {"wrong-format.json", {"/format", "this is not an ArchBench project"}},
    // Format 2: SLOs, zones, link policies, faults and experiments.
    {"breaker-threshold-zero.json",
     {"/versions/0/links/1/policy/breaker/threshold", "the breaker threshold is 0"}},
    {"experiment-unknown-class.json",
     {"/versions/0/experiments/0/conditions/0/class", "unknown request class \"write\""}},
    {"fault-field-of-another-type.json",
     {"/versions/0/faults/0/factor", "unknown field \"factor\" in a crash fault"}},
    {"fault-type-twice-on-one-component.json",
     {"/versions/0/faults/1", "a second slow fault on \"db\" clashes with /versions/0/faults/0"}},
    {"fault-unknown-component.json",
     {"/versions/0/faults/0/component", "no component with id \"ghost\""}},
    {"flush-not-a-cache.json",
     {"/versions/0/faults/0/component", "\"db\" (kind database) is not a cache"}},
    {"format-2-field-in-format-1.json",
     {"/versions/0/components/2/zones", "\"zones\" needs format_version 2"}},
    {"lose-more-instances-than-exist.json",
     {"/versions/0/faults/0/instances", "\"app\" has 1 instance; a lose fault cannot take 2"}},
    {"policy-retries-above-max.json",
     {"/versions/0/links/1/policy/retries", "the number of retries is 11"}},
    {"slo-percent-100.json",
     {"/versions/0/workload/0/slo_percent", "it must lie strictly between 0 and 100"}},
    {"zone-listed-twice.json", {"/versions/0/components/2/zones/1", "zone \"eu-1a\" is listed twice"}},
    // Format 4: the patterns (docs/PATTERNS.md).
    {"format-4-field-in-format-3.json",
     {"/versions/0/components/1/params/rate_limit_per_s",
      "\"rate_limit_per_s\" needs format_version 4; this file says format_version 3"}},
    {"connection-pooler-in-format-3.json",
     {"/versions/0/components/2/kind",
      "\"connection_pooler\" needs format_version 4; this file says format_version 3"}},
    {"link-loss-one.json",
     {"/versions/0/links/1/loss", "the loss probability is 1; it must lie in [0, 1)"}},
    {"rate-limit-negative.json",
     {"/versions/0/components/1/params/rate_limit_per_s", "is -100, below the minimum 0 req/s"}},
};


void check_message(const std::string& path, const Expected& e, const CliRun& r) {
  const std::string first_line = r.err.substr(0, r.err.find('\n'));
  INFO("stderr: " << r.err);
  // "FILE: PLACE: MESSAGE", or "FILE: MESSAGE" when the whole file is meant.
  const std::string prefix = path + ": " + (e.place.empty() ? "" : e.place + ": ");
  CHECK(first_line.rfind(prefix, 0) == 0);
  CHECK_THAT(first_line, Catch::Contains(e.fragment));
  if (e.place.empty()) CHECK(first_line.substr(prefix.size(), 1) != "/");
  // One problem per file: a second line would mean the fixture tests two things at once.
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE(
    "archbench-cli validate and evaluate: every broken file is refused with its path and place",
    "[cli][broken]") {
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(kBroken))
    on_disk.insert(entry.path().filename().string());
  // The table and the folder list the same files: a new fixture needs its expected message.
  std::set<std::string> in_table;
  for (const auto& [name, e] : kBrokenFiles) in_table.insert(name);
  CHECK(on_disk == in_table);
  CHECK(on_disk.size() >= 20);

  for (const auto& name : on_disk) {
    const std::string path = kBroken + "/" + name;
    for (const std::string cmd : {"validate", "evaluate"}) {
      INFO(cmd << " " << path);
      const CliRun r = run_cli({cmd, path, "--catalog", kCatalog});
      REQUIRE(r.exited);  // a signal would mean a crash
      CHECK(r.code == 1);
      CHECK(r.out.empty());
      CHECK_FALSE(r.err.empty());
      auto it = kBrokenFiles.find(name);
      if (it != kBrokenFiles.end())
        check_message(path, it->second, r);
    }
  }
}

// nlohmann reports 1e999 as out_of_range.406, not as a parse error; the engine still has to
// name the file and the place.
TEST_CASE(
    "archbench-cli validate and evaluate: a number too large for a double is refused with file and "
    "place",
    "[cli][broken]") {
  const std::string path = kBroken + "/huge-number.json";
  for (const std::string cmd : {"validate", "evaluate"}) {
    INFO(cmd);
    const CliRun r = run_cli({cmd, path, "--catalog", kCatalog});
    REQUIRE(r.exited);
    CHECK(r.code == 1);
    INFO("stderr: " << r.err);
    REQUIRE(r.err.rfind(path + ": ", 0) == 0);
    // The JSON pointer of the value, or the line:column of the token, are both a place.
    const std::string rest = r.err.substr(path.size() + 2);
    const bool pointer = rest.rfind("/versions/0/workload/0/per_second: ", 0) == 0;
    const bool line_col = std::regex_search(rest, std::regex(R"(^\d+:\d+: )"));
    CHECK((pointer || line_col));
  }
}

TEST_CASE("archbench-cli evaluate: a missing file is invalid input named by its path",
          "[cli][broken]") {
  const std::string path = kBroken + "/no-such-file.json";
  const CliRun r = run_cli({"evaluate", path, "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  CHECK(r.err.rfind(path + ": ", 0) == 0);
}

// A directory reads as zero bytes; it must not be reported as an empty JSON file.
TEST_CASE("archbench-cli validate: a directory given as the project file is not called empty",
          "[cli][broken]") {
  const CliRun r = run_cli({"validate", kBroken, "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  CHECK(r.err.rfind(kBroken + ": ", 0) == 0);
  CHECK_THAT(r.err, !Catch::Contains("empty"));
}

TEST_CASE("archbench-cli sweep: one row per point with rising load and non-decreasing p95",
          "[cli][sweep]") {
  for (const std::string& file : {kBlog, kImage}) {
    INFO(file);
    const std::string text = run_ok({"sweep", file, "--points", "5", "--catalog", kCatalog});
    const auto tables = tables_in(text, false);
    REQUIRE(tables.size() == 1);
    CHECK(tables[0].rows.size() == 5);
    const std::string md =
        run_ok({"sweep", file, "--points", "5", "--format", "markdown", "--catalog", kCatalog});
    const auto md_tables = tables_in(md, true);
    REQUIRE(md_tables.size() == 1);
    CHECK(md_tables[0].rows.size() == 5);

    const json j =
        run_json({"sweep", file, "--points", "5", "--format", "json", "--catalog", kCatalog});
    const json& pts = j.at("points");
    REQUIRE(pts.size() == 5);
    const double max = j.at("max_throughput_multiplier").get<double>();
    for (std::size_t i = 0; i < pts.size(); ++i) {
      INFO("point " << i);
      // Evenly spaced up to 99% of the saturation load: load_i = (i+1)/5 × 0.99 × max.
      CHECK(pts[i].at("load").get<double>() ==
            Approx((static_cast<double>(i) + 1) / 5 * 0.99 * max).epsilon(1e-9));
      CHECK(pts[i].at("bottleneck_utilization").get<double>() < 1.0);
      if (i == 0) continue;
      CHECK(pts[i].at("load").get<double>() > pts[i - 1].at("load").get<double>());
      for (auto it = pts[i].at("latency_ms").begin(); it != pts[i].at("latency_ms").end(); ++it) {
        INFO("class " << it.key());
        REQUIRE(it->is_object());  // below saturation every class has a latency
        const double p95 = it->at("p95").get<double>();
        const double before = pts[i - 1].at("latency_ms").at(it.key()).at("p95").get<double>();
        // More load never shortens the queues. Percentiles come from a numerical inversion
        // that stops at 1e-4 relative, so two solves may differ by 2e-4 of the value.
        CHECK(p95 >= before * (1 - 2e-4));
      }
      // Asynchronous classes also report when their queued work is done; it grows with load.
      for (auto it = pts[i].at("completion_ms").begin(); it != pts[i].at("completion_ms").end(); ++it) {
        INFO("completion of " << it.key());
        REQUIRE(it->is_object());
        const double before = pts[i - 1].at("completion_ms").at(it.key()).at("p95").get<double>();
        CHECK(it->at("p95").get<double>() >= before * (1 - 2e-4));
      }
    }
    // Only the image pipeline's upload crosses a queue.
    CHECK(pts[0].at("completion_ms").size() == (file == kImage ? 1u : 0u));
  }
}

TEST_CASE("archbench-cli catalog: the 13 kinds as text and as JSON", "[cli][catalog]") {
  const std::set<std::string> kinds = {
      "api_gateway",   "app_server",     "cache",    "cdn",  "connection_pooler",
      "database",      "external_api",   "function", "load_balancer",
      "message_queue", "object_storage", "users",    "worker_pool"};
  const std::string text = run_ok({"catalog", "--catalog", kCatalog});
  std::set<std::string> listed;
  for (const auto& line : lines_of(text)) {
    const auto dash = line.find(" — ");
    if (dash != std::string::npos && line.find(' ') == dash) listed.insert(line.substr(0, dash));
  }
  CHECK(listed == kinds);

  const json j = run_json({"catalog", "--format", "json", "--catalog", kCatalog});
  REQUIRE(j.is_array());
  std::set<std::string> in_json;
  for (const auto& k : j) {
    in_json.insert(k.at("kind").get<std::string>());
    CHECK(k.at("params").is_array());
  }
  CHECK(in_json == kinds);

  const json one =
      run_json({"catalog", "--kind", "cache", "--format", "json", "--catalog", kCatalog});
  REQUIRE(one.size() == 1);
  CHECK(one[0].at("kind") == "cache");
}

// The maximum throughput is a multiple of the stated load, so its rate must not scale with
// --load (it once read "×9.02 the stated load (0 req/s)" at --load 0).
TEST_CASE(
    "archbench-cli evaluate: the maximum throughput rate does not depend on the evaluated load",
    "[cli][json]") {
  const std::vector<std::string> base{"evaluate", kBlog,  "--version", "V1",
                                      "--format", "json", "--catalog", kCatalog};
  auto at_load = [&](const std::string& load) {
    auto a = base;
    a.insert(a.end(), {"--load", load});
    return run_json(a).at("totals");
  };
  const json one = at_load("1"), zero = at_load("0");
  CHECK(zero.at("max_throughput_multiplier").get<double>() ==
        Approx(one.at("max_throughput_multiplier").get<double>()).epsilon(1e-9));
  REQUIRE(zero.at("max_throughput_rate_per_s").is_number());
  CHECK(zero.at("max_throughput_rate_per_s").get<double>() ==
        Approx(one.at("max_throughput_rate_per_s").get<double>()).epsilon(1e-9));
}
