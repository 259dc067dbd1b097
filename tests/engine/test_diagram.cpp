// Diagrams as code (archbench/diagram.h): every preset version through Mermaid flowchart,
// architecture-beta and DOT and back gives the same version; diagrams drawn by hand are read
// with each kind guessed and reported; bad text is refused with its line and column.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archbench/diagram.h"
#include "archbench/error.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::preset;

namespace {

const std::string kDiagrams = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/diagrams/";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Component& component(const Version& v, const std::string& id) {
  const Component* c = v.component(id);
  REQUIRE(c);
  return *c;
}

bool has_guess(const DiagramImport& r, const std::string& text) {
  for (const auto& g : r.guesses)
    if (g.find(text) != std::string::npos) return true;
  return false;
}

std::string place_of(const std::string& text) {
  try {
    import_diagram(text, "d.mmd", catalog());
  } catch (const InputError& e) {
    REQUIRE_FALSE(e.problems().empty());
    return e.problems()[0].place;
  }
  FAIL("no error for: " << text);
  return {};
}

}  // namespace

TEST_CASE("every preset version comes back exactly from each diagram format", "[diagram]") {
  for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json", "flash-sale.archbench.json"}) {
    const Project& p = preset(file);
    for (const Version& v : p.versions) {
      for (const auto format : {DiagramFormat::MermaidFlowchart, DiagramFormat::MermaidArchitecture,
                                DiagramFormat::Dot}) {
        INFO(file << " " << v.name << " as " << diagram_format_name(format));
        const std::string text = export_diagram(v, p.name, format);
        const DiagramImport back = import_diagram(text, "exported", catalog());
        CHECK(back.format == format);
        CHECK(back.exact);
        CHECK(back.guesses.empty());
        CHECK(back.project.name == p.name);
        REQUIRE(back.project.versions.size() == 1);
        CHECK(back.project.versions[0] == v);
      }
    }
  }
}

TEST_CASE("exported Mermaid follows the grammar rules of docs/DIAGRAMS.md", "[diagram]") {
  const Project& p = preset("image-pipeline.archbench.json");
  const Version& v3 = *p.version("V3");
  const std::string flow = export_diagram(v3, p.name, DiagramFormat::MermaidFlowchart);
  CHECK(flow.rfind("flowchart LR\n", 0) == 0);
  CHECK_THAT(flow, Catch::Contains("    db[(\"PostgreSQL (RDS)\")]\n"));  // a cylinder, quoted label
  CHECK_THAT(flow, Catch::Contains("    users([\"Users (web and mobile)\"])\n"));
  CHECK_THAT(flow, Catch::Contains("    sqs[[\"SQS upload queue\"]]\n"));
  CHECK_THAT(flow, Catch::Contains("    api --> sqs\n"));
  // Every line is a statement or a comment of its own ("%%" first).
  std::istringstream lines(flow);
  std::string line;
  while (std::getline(lines, line)) {
    const auto b = line.find_first_not_of(' ');
    REQUIRE(b != std::string::npos);
    if (line.compare(b, 2, "%%") == 0) continue;
    // Labels are quoted: no bracket or parenthesis of a label can close a shape early.
    if (line.find('"') != std::string::npos) CHECK(std::count(line.begin(), line.end(), '"') == 2);
  }
  const std::string arch = export_diagram(v3, p.name, DiagramFormat::MermaidArchitecture);
  CHECK(arch.rfind("architecture-beta\n", 0) == 0);
  // Titles keep letters, digits, underscores and spaces only (Mermaid's ARCH_TITLE).
  CHECK_THAT(arch, Catch::Contains("    service db(database)[PostgreSQL RDS]\n"));
  CHECK_THAT(arch, Catch::Contains("    group zone_eu_west_1a(cloud)[eu west 1a]\n"));
  CHECK_THAT(arch, Catch::Contains("    service redis(database)[Redis metadata] in zone_eu_west_1a\n"));
  CHECK_THAT(arch, Catch::Contains("    api:R --> L:sqs\n"));
}

TEST_CASE("ids Mermaid would misread are renamed and still come back", "[diagram]") {
  Version v = *preset("blog.archbench.json").version("V1");
  // "end" is a flowchart keyword, "o1" starts like a circle edge's head, "db-2" has a dash.
  const std::pair<const char*, const char*> renames[] = {{"app", "end"}, {"db", "db-2"}, {"s3", "o1"}};
  for (const auto& [from, to] : renames) {
    for (auto& c : v.components)
      if (c.id == from) c.id = to;
    for (auto& l : v.links) {
      if (l.from == from) l.from = to;
      if (l.to == from) l.to = to;
    }
    for (auto& k : v.workload)
      if (k.entry == from) k.entry = to;
  }
  for (const auto format : {DiagramFormat::MermaidFlowchart, DiagramFormat::MermaidArchitecture,
                            DiagramFormat::Dot}) {
    INFO(diagram_format_name(format));
    const std::string text = export_diagram(v, "renamed", format);
    if (format != DiagramFormat::Dot) CHECK(text.find(" end[") == std::string::npos);
    const DiagramImport back = import_diagram(text, "exported", catalog());
    CHECK(back.exact);
    CHECK(back.project.versions[0] == v);
  }
}

TEST_CASE("a hand-drawn Mermaid flowchart is read with every guess reported", "[diagram]") {
  const DiagramImport r = import_diagram(read(kDiagrams + "hand-drawn-shop.mmd"), "shop.mmd", catalog());
  CHECK(r.format == DiagramFormat::MermaidFlowchart);
  CHECK_FALSE(r.exact);
  const Version& v = r.project.versions[0];
  const std::pair<const char*, const char*> kinds[] = {
      {"client", "users"},  {"cdn", "cdn"},           {"lb", "load_balancer"},
      {"api1", "app_server"}, {"api2", "app_server"}, {"redis", "cache"},
      {"pg", "database"},   {"q", "message_queue"},   {"w", "worker_pool"},
      {"stripe", "external_api"}, {"billing", "app_server"}, {"s3", "object_storage"}};
  CHECK(v.components.size() == std::size(kinds));
  for (const auto& [id, kind] : kinds) {
    INFO(id);
    CHECK(component(v, id).kind == kind);
  }
  CHECK(component(v, "pg").name == "Postgres primary");
  // Redis is drawn beside Postgres (cache-aside), with no origin behind it: every read a hit.
  CHECK(has_guess(r, "node redis: a cache with no origin drawn behind it"));
  CHECK(component(v, "s3").zones == std::vector<std::string>{"Media storage"});
  // Each guess, with the word that decided it; the unknown one said so.
  CHECK(has_guess(r, "node lb (nginx): load_balancer, from \"nginx\""));
  CHECK(has_guess(r, "node q (SQS orders): message_queue, from \"sqs\""));
  CHECK(has_guess(r, "node billing (Billing): no known word; an app server"));
  // Edges: "A --> B & C" is two links, "-- text -->", "-->|text|" and "-.->" are links too.
  CHECK(v.links.size() == 12);
  // No workload in a drawing: one class from the client, asynchronous through the queue.
  REQUIRE(v.workload.size() == 1);
  CHECK(v.workload[0].entry == "client");
  CHECK_FALSE(v.workload[0].sync);
  CHECK(has_guess(r, "no workload in the diagram"));
  // Places from the engine's layout.
  for (const auto& c : v.components) CHECK(c.pos.has_value());
}

TEST_CASE("a hand-drawn DOT digraph and architecture-beta are read", "[diagram]") {
  const DiagramImport dot = import_diagram(read(kDiagrams + "hand-drawn-feed.dot"), "feed.dot", catalog());
  CHECK(dot.format == DiagramFormat::Dot);
  const Version& f = dot.project.versions[0];
  CHECK(component(f, "users").kind == "users");
  CHECK(component(f, "gw").kind == "api_gateway");
  CHECK(component(f, "fn").kind == "function");
  CHECK(component(f, "ddb").kind == "database");
  CHECK(component(f, "k").kind == "message_queue");
  CHECK(component(f, "ddb").zones == std::vector<std::string>{"zone-a"});
  // "users -> gw -> fn" is two links; Kafka has no consumer drawn: one is added, and said.
  CHECK(f.links.size() == 5);
  CHECK(component(f, "k_consumers").kind == "worker_pool");
  CHECK(has_guess(dot, "node k: a queue with no consumer drawn; added k_consumers"));

  const DiagramImport arch = import_diagram(read(kDiagrams + "hand-drawn-arch.mmd"), "a.mmd", catalog());
  CHECK(arch.format == DiagramFormat::MermaidArchitecture);
  const Version& a = arch.project.versions[0];
  CHECK(component(a, "web").kind == "users");
  CHECK(component(a, "server").kind == "app_server");
  CHECK(component(a, "db").kind == "database");
  CHECK(component(a, "disk1").kind == "object_storage");
  CHECK(component(a, "db").zones == std::vector<std::string>{"API"});
  CHECK(has_guess(arch, "the edge server -- db has no arrow; read as a call from server to db"));
}

TEST_CASE("a drawing without a client gets one in front of the first node", "[diagram]") {
  const DiagramImport r = import_diagram("graph LR\n  A[Web app] --> B[(MySQL)]\n", "x.mmd", catalog());
  const Version& v = r.project.versions[0];
  REQUIRE(v.components.size() == 3);
  CHECK(v.components[0].id == "users");
  CHECK(v.components[0].kind == "users");
  CHECK(v.links[0].from == "users");
  CHECK(v.links[0].to == "A");
  CHECK(has_guess(r, "no client drawn: added users calling A"));
}

TEST_CASE("kinds are guessed from the words of a label", "[diagram]") {
  const std::pair<const char*, const char*> cases[] = {
      {"LB", "load_balancer"},       {"HAProxy", "load_balancer"}, {"API Gateway", "api_gateway"},
      {"Redis cache", "cache"},      {"Memcached", "cache"},       {"PostgreSQL (RDS)", "database"},
      {"user-db", "database"},       {"SQS", "message_queue"},     {"Kafka topic", "message_queue"},
      {"CDN", "cdn"},                {"S3", "object_storage"},     {"Image workers", "worker_pool"},
      {"Resize Lambda", "function"}, {"Stripe", "external_api"},   {"Django app", "app_server"},
      {"Users", "users"}};
  for (const auto& [label, kind] : cases) {
    INFO(label);
    CHECK(guess_kind(label).kind == kind);
  }
  CHECK(guess_kind("Billing").kind.empty());
}

TEST_CASE("diagram text that cannot be read is refused with its line and column", "[diagram]") {
  CHECK(place_of("sequenceDiagram\n  A->>B: hi\n") == "1:1");
  CHECK(place_of("flowchart LR\n  A --> \n") == "2:9");            // no node after the arrow
  CHECK(place_of("flowchart LR\n  A[\"open --> B\n") == "2:5");    // unclosed quote
  CHECK(place_of("flowchart LR\n  A <--> B\n") == "2:5");          // both ways
  CHECK(place_of("flowchart LR\n  subgraph x\n  A --> B\n") == "2:1");  // no end
  CHECK(place_of("flowchart LR\n  %% archbench:node A {not json}\n  A --> B\n") == "2:1");
  CHECK(place_of("architecture-beta\n  service a(server)[A]\n  a:Q --> L:b\n") == "3:4");
  CHECK(place_of("digraph { a -> ; }\n") == "1:1");
  CHECK(place_of("digraph {\n  a -> b;\n  c -> ; }\n") == "3:1");  // lines count from each file's start
}
