// The component catalog: the shipped kinds and the refusal of bad declarations.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "archbench/catalog.h"
#include "archbench/error.h"

using namespace archbench;
using nlohmann::json;

namespace {

const Catalog& shipped() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

const char* const kFile = "widget.json";

// A minimal valid kind; each test breaks one thing in a copy.
json widget() {
  return json::parse(R"({
    "kind": "widget",
    "label": "Widget",
    "behaviour": "service",
    "icon": "widget",
    "source": "Made up for a test.",
    "params": [
      {"name": "service_ms", "label": "Service time", "unit": "ms", "type": "per_class",
       "default": 10, "min": 0, "max": 1000, "tooltip": "Mean own work per visit."},
      {"name": "cost_per_month", "label": "Cost", "unit": "$/month", "type": "number",
       "default": 5, "min": 0, "max": 100, "tooltip": "Monthly price."}
    ],
    "cost": {"per_node_month": "cost_per_month"}
  })");
}

struct Refusal {
  std::string what;
  std::vector<Diagnostic> problems;
};

Refusal refusal_of_text(const std::string& text) {
  Catalog c;
  try {
    c.add_from_json(text, kFile);
  } catch (const InputError& e) {
    CHECK(e.file() == kFile);
    CHECK(c.find("widget") == nullptr);  // nothing half-added
    return {e.what(), e.problems()};
  }
  FAIL("the kind was accepted");
  return {};
}

Refusal refusal_of(const json& j) { return refusal_of_text(j.dump(2)); }

// The refusal names the file and `place`, and says `words` there.
void check_refusal(const Refusal& r, const std::string& place, const std::string& words) {
  INFO(r.what);
  bool found = false;
  for (const auto& d : r.problems) found = found || (d.place == place && d.message.find(words) != std::string::npos);
  CHECK(found);
  CHECK_THAT(r.what, Catch::Contains(std::string(kFile) + ": " + place + ": "));
}

}  // namespace

TEST_CASE("The shipped catalog has the thirteen kinds with their behaviours", "[catalog]") {
  const std::map<std::string, Behaviour> expected{
      {"users", Behaviour::Client},          {"cdn", Behaviour::Cache},
      {"load_balancer", Behaviour::Split},   {"api_gateway", Behaviour::Split},
      {"app_server", Behaviour::Service},    {"cache", Behaviour::Cache},
      {"message_queue", Behaviour::Queue},   {"worker_pool", Behaviour::Service},
      {"function", Behaviour::Service},      {"database", Behaviour::Store},
      {"object_storage", Behaviour::Store},  {"external_api", Behaviour::Service},
      {"connection_pooler", Behaviour::Service}};
  const Catalog& c = shipped();
  CHECK(c.kinds().size() == expected.size());
  for (const auto& [kind, behaviour] : expected) {
    INFO(kind);
    const KindDecl* k = c.find(kind);
    REQUIRE(k != nullptr);
    CHECK(k->kind == kind);
    CHECK(k->behaviour == behaviour);
  }
}

TEST_CASE("Every shipped kind is fully documented and self-consistent", "[catalog]") {
  const std::filesystem::path icons =
      std::filesystem::path(ARCHBENCH_TEST_CATALOG_DIR).parent_path() / "resources" / "icons";
  for (const auto& [name, k] : shipped().kinds()) {
    INFO(name);
    CHECK_FALSE(k.label.empty());
    CHECK_FALSE(k.source.empty());  // where the defaults come from
    CHECK(std::filesystem::exists(icons / (k.icon + ".svg")));
    if (k.behaviour != Behaviour::Client) CHECK(k.param("service_ms") != nullptr);
    for (const ParamDecl& p : k.params) {
      INFO(p.name);
      CHECK_FALSE(p.label.empty());
      CHECK_FALSE(p.tooltip.empty());
      CHECK(p.min <= p.default_value);
      CHECK(p.default_value <= p.max);
    }
    for (const std::string* term : {&k.cost.per_node_month, &k.cost.per_million_requests,
                                    &k.cost.per_gb_transfer, &k.cost.per_gb_month,
                                    &k.cost.storage_gb, &k.cost.per_gb_second, &k.cost.memory_mb}) {
      if (!term->empty()) CHECK(k.param(*term) != nullptr);
    }
  }
}

TEST_CASE("Shipped defaults that the model relies on", "[catalog]") {
  const Catalog& c = shipped();
  // An app server holds a thread per request; a load balancer does not.
  CHECK(c.find("app_server")->param("blocking")->default_value == 1.0);
  CHECK(c.find("load_balancer")->param("blocking")->default_value == 0.0);
  // Caches declare a per-class hit ratio within [0, 1]; stores may have read replicas.
  const ParamDecl* hit = c.find("cache")->param("hit_ratio");
  REQUIRE(hit != nullptr);
  CHECK(hit->type == ParamType::PerClass);
  CHECK(hit->min == 0.0);
  CHECK(hit->max == 1.0);
  CHECK(c.find("database")->param("read_replicas") != nullptr);
  CHECK(c.find("users")->params.empty());
}

TEST_CASE("The test's base kind is accepted", "[catalog][errors]") {
  Catalog c;
  c.add_from_json(widget().dump(), kFile);
  const KindDecl* k = c.find("widget");
  REQUIRE(k != nullptr);
  CHECK(k->behaviour == Behaviour::Service);
  CHECK(k->cost.per_node_month == "cost_per_month");
  CHECK(k->param("service_ms")->default_value == 10.0);
}

TEST_CASE("A service kind without service_ms is refused", "[catalog][errors]") {
  json j = widget();
  j["params"].erase(0);
  check_refusal(refusal_of(j), "/params", "behaviour \"service\" needs a parameter \"service_ms\"");
}

TEST_CASE("A cache kind without hit_ratio is refused", "[catalog][errors]") {
  json j = widget();
  j["behaviour"] = "cache";
  check_refusal(refusal_of(j), "/params", "needs a parameter \"hit_ratio\"");
}

TEST_CASE("A default outside its range is refused", "[catalog][errors]") {
  json j = widget();
  j["params"][0]["default"] = 2000;  // max is 1000
  check_refusal(refusal_of(j), "/params/0/default", "default lies outside [min, max]");
}

TEST_CASE("A min above the max is refused", "[catalog][errors]") {
  json j = widget();
  j["params"][1]["min"] = 200;  // max is 100
  check_refusal(refusal_of(j), "/params/1", "min is greater than max");
}

TEST_CASE("A cost naming an unknown parameter is refused", "[catalog][errors]") {
  json j = widget();
  j["cost"]["per_node_month"] = "price";
  check_refusal(refusal_of(j), "/cost/per_node_month", "names \"price\", which is not a parameter");
}

TEST_CASE("An unknown cost term is refused", "[catalog][errors]") {
  json j = widget();
  j["cost"]["per_banana"] = "cost_per_month";
  check_refusal(refusal_of(j), "/cost/per_banana", "unknown cost term \"per_banana\"");
}

TEST_CASE("An unknown behaviour is refused with the known ones", "[catalog][errors]") {
  json j = widget();
  j["behaviour"] = "teleport";
  const Refusal r = refusal_of(j);
  check_refusal(r, "/behaviour", "unknown behaviour \"teleport\"");
  CHECK_THAT(r.what, Catch::Contains("client, split, service, cache, queue, store"));
}

TEST_CASE("An engine parameter of the wrong type is refused", "[catalog][errors]") {
  json j = widget();
  j["params"][0]["type"] = "number";  // service_ms must be per_class
  check_refusal(refusal_of(j), "/params", "\"service_ms\" must be of type per_class");
}

TEST_CASE("A kind declared twice is refused", "[catalog][errors]") {
  Catalog c;
  c.add_from_json(widget().dump(), kFile);
  try {
    c.add_from_json(widget().dump(), "widget2.json");
    FAIL("the second declaration was accepted");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("widget2.json: /kind: kind \"widget\" is declared twice"));
  }
}

TEST_CASE("Catalog JSON syntax errors give line:column", "[catalog][errors]") {
  SECTION("a one-character token is located exactly") {
    // Line 2, column 3: the '}' after a trailing comma.
    const Refusal r = refusal_of_text("{\"kind\": \"widget\",\n  }");
    check_refusal(r, "2:3", "not valid JSON");
  }
  SECTION("a longer token is located on its line, within the token") {
    // Line 2: ` "icon": 1 "label": "x"}`, a comma is missing; "label" spans columns 12 to 18.
    const Refusal r = refusal_of_text("{\"kind\": \"widget\",\n \"icon\": 1 \"label\": \"x\"}");
    REQUIRE(r.problems.size() == 1);
    const std::string& place = r.problems[0].place;
    REQUIRE(place.rfind("2:", 0) == 0);
    const int column = std::stoi(place.substr(2));
    CHECK(column >= 12);
    CHECK(column <= 18);
  }
}

TEST_CASE("A missing catalog directory is refused", "[catalog][errors]") {
  const std::string dir = std::string(ARCHBENCH_TEST_CATALOG_DIR) + "/no-such-folder";
  CHECK_THROWS_WITH(Catalog::load(dir), Catch::Contains(dir) && Catch::Contains("not found"));
}
