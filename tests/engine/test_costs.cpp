// The cost breakdown as a bill (archbench/costs.h): each line is quantity × unit price, the
// lines add up to the report's cost per month, periods scale by their hours, and the CSV is
// the one spreadsheet form.
#include <catch2/catch.hpp>

#include "archbench/costs.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::preset;

namespace {

// users → gateway → function at 100 requests/s: every usage-billed item of the catalog.
Version serverless() {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": 100}],
      "components": [{"id": "users", "kind": "users"}, {"id": "gw", "kind": "api_gateway"},
                     {"id": "fn", "kind": "function"}],
      "links": [{"from": "users", "to": "gw"}, {"from": "gw", "to": "fn"}]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

const CostLine* line(const std::vector<CostLine>& lines, const std::string& id,
                     const std::string& item) {
  for (const auto& l : lines)
    if (l.id == id && l.item == item) return &l;
  return nullptr;
}

}  // namespace

TEST_CASE("cost lines of usage-billed components follow the catalog's prices", "[costs]") {
  const Report r = evaluate(serverless(), catalog());
  const auto lines = cost_lines(r, CostPeriod::Month);
  constexpr double kSecondsPerMonth = 730.0 * 3600;  // 2,628,000
  // 100 req/s for a month: 262.8 million invocations.
  const double millions = 100 * kSecondsPerMonth / 1e6;
  REQUIRE(millions == Approx(262.8));

  const CostLine* fn_req = line(lines, "fn", "requests");
  REQUIRE(fn_req);
  CHECK(fn_req->quantity == Approx(262.8).epsilon(1e-12));
  CHECK(fn_req->unit == "million requests");
  CHECK(fn_req->unit_price_usd == Approx(0.20).epsilon(1e-12));
  CHECK(fn_req->usd == Approx(52.56).epsilon(1e-9));  // 262.8 × $0.20

  // Compute: 100/s × 2,628,000 s × 0.2 s × 0.5 GB (512 MB) = 26,280,000 GB-seconds at
  // $0.0000166667 = $438.00.
  const CostLine* fn_gbs = line(lines, "fn", "compute");
  REQUIRE(fn_gbs);
  CHECK(fn_gbs->quantity == Approx(26'280'000).epsilon(1e-9));
  CHECK(fn_gbs->unit == "GB-seconds");
  CHECK(fn_gbs->usd == Approx(26'280'000 * 1.66667e-5).epsilon(1e-9));

  const CostLine* gw = line(lines, "gw", "requests");
  REQUIRE(gw);
  CHECK(gw->usd == Approx(262.8 * 3.5).epsilon(1e-9));  // $919.80
  CHECK_FALSE(line(lines, "fn", "nodes"));  // nothing billed per node: no line
}

TEST_CASE("cost lines add up to the report's cost for every preset version", "[costs]") {
  for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"}) {
    for (const auto& v : preset(file).versions) {
      INFO(file << " " << v.name);
      const Report r = evaluate(v, catalog());
      double month = 0, year = 0, hour = 0;
      for (const auto& l : cost_lines(r, CostPeriod::Month)) {
        CHECK(l.usd == Approx(l.quantity * l.unit_price_usd).epsilon(1e-12));
        CHECK(l.version == v.name);
        month += l.usd;
      }
      for (const auto& l : cost_lines(r, CostPeriod::Year)) year += l.usd;
      for (const auto& l : cost_lines(r, CostPeriod::Hour)) {
        if (l.item == "nodes") CHECK(l.unit == "node-hours");
        hour += l.usd;
      }
      CHECK(month == Approx(r.totals.cost_per_month).epsilon(1e-12));
      CHECK(year == Approx(r.totals.cost_per_month * 12).epsilon(1e-12));  // 8,760 h = 12 × 730
      CHECK(hour == Approx(r.totals.cost_per_month / 730).epsilon(1e-12));
    }
  }
}

TEST_CASE("nodes are billed in node-hours at the monthly price over 730 hours", "[costs]") {
  const Project& blog = preset("blog.archbench.json");
  const Report r = evaluate(*blog.version("V3"), catalog());
  const ComponentResult* app = r.component("app");
  REQUIRE(app);
  REQUIRE_FALSE(app->costs.empty());
  const CostItem& nodes = app->costs.front();
  REQUIRE(nodes.term == "nodes");
  CHECK(nodes.unit == "node-months");
  const auto lines = cost_lines(r, CostPeriod::Month);
  const CostLine* l = line(lines, "app", "nodes");
  REQUIRE(l);
  CHECK(l->quantity == Approx(nodes.quantity * 730).epsilon(1e-12));
  CHECK(l->unit_price_usd == Approx(nodes.unit_price_usd / 730).epsilon(1e-12));
  CHECK(l->usd == Approx(nodes.usd_per_month).epsilon(1e-12));
}

TEST_CASE("cost CSV has a header row with plain numbers and quoted text", "[costs]") {
  CostLine l;
  l.version = "V1";
  l.component = "Redis, \"hot\"";
  l.id = "redis";
  l.kind = "cache";
  l.item = "nodes";
  l.quantity = 2190;
  l.unit = "node-hours";
  l.unit_price_usd = 0.0684931506849315;
  l.usd = 150;
  const std::string csv = cost_csv({l}, CostPeriod::Year);
  CHECK(csv ==
        "version,component,id,kind,line item,quantity,unit,unit price (USD),USD per year\n"
        "V1,\"Redis, \"\"hot\"\"\",redis,cache,nodes,2190,node-hours,0.06849315068,150\n");
}
