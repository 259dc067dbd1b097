// import_diagram: the drawn nodes and edges, with the archbench lines' data where there is
// some and a guess from the label where there is none, made into a project that the file
// reader validates.
#include <algorithm>
#include <cctype>
#include <set>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/layout.h"
#include "archbench/project_io.h"
#include "diagram/diagram_internal.h"

namespace archbench {

using nlohmann::json;

namespace {

// Kinds by the words that name them, most specific first: the first kind with a matching
// word wins ("API gateway" is a gateway, not an app server; "Redis cache" a cache).
struct KindWords {
  const char* kind;
  std::vector<const char*> words;  // single words, lower case
  std::vector<const char*> phrases;
};

const std::vector<KindWords>& kind_words() {
  static const std::vector<KindWords> k = {
      {"users", {"user", "users", "client", "clients", "browser", "browsers", "mobile", "customer", "customers", "visitor", "visitors", "reader", "readers", "people", "actor"}, {"end user"}},
      {"cdn", {"cdn", "cloudfront", "akamai", "fastly", "cloudflare", "edge"}, {}},
      {"load_balancer", {"lb", "elb", "alb", "nlb", "nginx", "haproxy", "envoy", "traefik", "balancer", "loadbalancer"}, {"load balancer"}},
      {"api_gateway", {"gateway", "apigw", "kong", "apigee"}, {"api gateway"}},
      {"message_queue", {"queue", "sqs", "kafka", "rabbitmq", "rabbit", "mq", "pubsub", "kinesis", "nats", "sns", "eventbridge", "topic", "stream", "activemq"}, {"pub/sub", "event bus", "message bus"}},
      {"cache", {"cache", "redis", "memcached", "memcache", "elasticache", "valkey", "dragonfly"}, {}},
      {"worker_pool", {"worker", "workers", "consumer", "consumers", "celery", "sidekiq", "job", "jobs", "processor", "processors", "batch"}, {}},
      {"function", {"lambda", "function", "functions", "serverless", "faas"}, {"cloud function"}},
      {"object_storage", {"s3", "blob", "blobs", "bucket", "gcs", "minio", "storage"}, {"object storage", "object store"}},
      {"database", {"db", "database", "databases", "postgres", "postgresql", "pg", "mysql", "mariadb", "aurora", "rds", "dynamodb", "dynamo", "mongo", "mongodb", "cassandra", "sql", "spanner", "cockroachdb", "oracle", "sqlite", "replica", "primary"}, {}},
      {"external_api", {"stripe", "twilio", "paypal", "sendgrid", "external", "thirdparty", "vendor", "partner"}, {"third party", "3rd party", "third-party", "external api"}},
      {"app_server", {"app", "application", "server", "service", "api", "backend", "web", "django", "rails", "spring", "flask", "express", "node", "nodejs", "go", "microservice", "monolith", "svc"}, {}},
  };
  return k;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : lower(s) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += c;
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  return out;
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

KindGuess guess_kind(const std::string& label) {
  const std::string l = lower(label);
  for (const auto& k : kind_words())
    for (const char* p : k.phrases)
      if (l.find(p) != std::string::npos) return {k.kind, p};
  // The last word that names a kind decides: in English the head of a name comes last
  // ("user db" is a database, "order worker" a worker, "Redis (metadata)" a cache).
  const std::vector<std::string> words = words_of(label);
  for (auto w = words.rbegin(); w != words.rend(); ++w)
    for (const auto& k : kind_words())
      for (const char* kw : k.words)
        if (*w == kw) return {k.kind, *w};
  return {};
}

DiagramImport import_diagram(const std::string& text, const std::string& file, const Catalog& catalog) {
  // Tell the format by the first statement (past blank lines, comments and front matter).
  DiagramFormat format = DiagramFormat::MermaidFlowchart;
  {
    std::size_t pos = 0;
    bool front = false;
    int n = 0;
    bool found = false;
    while (pos < text.size() && !found) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(pos, nl - pos);
      pos = nl + 1;
      ++n;
      const std::size_t b = line.find_first_not_of(" \t\r");
      if (b == std::string::npos) continue;
      line = line.substr(b);
      if (n == 1 && line.rfind("---", 0) == 0) {
        front = true;
        continue;
      }
      if (front) {
        if (line.rfind("---", 0) == 0) front = false;
        continue;
      }
      if (line.rfind("%%", 0) == 0 || line.rfind("//", 0) == 0 || line.rfind("#", 0) == 0 ||
          line.rfind("/*", 0) == 0)
        continue;
      found = true;
      if (line.rfind("architecture-beta", 0) == 0) format = DiagramFormat::MermaidArchitecture;
      else if (line.rfind("flowchart", 0) == 0 || line.rfind("graph ", 0) == 0 || line == "graph")
        format = DiagramFormat::MermaidFlowchart;
      else if (line.rfind("digraph", 0) == 0 || line.rfind("strict", 0) == 0 ||
               line.rfind("graph", 0) == 0)
        format = DiagramFormat::Dot;
      else
        throw InputError(file, std::to_string(n) + ":1",
                         "not a diagram ArchBench reads: expected 'flowchart', 'graph', "
                         "'architecture-beta' or a DOT 'digraph'");
    }
    if (!found) throw InputError(file, "", "the file holds no diagram");
  }
  diagram::Drawn d = format == DiagramFormat::Dot                   ? diagram::read_dot(text, file)
                     : format == DiagramFormat::MermaidArchitecture ? diagram::read_mermaid_architecture(text, file)
                                                                    : diagram::read_mermaid_flowchart(text, file);

  DiagramImport out;
  out.format = d.format;
  out.guesses = d.notes;
  bool exact = d.version.has_value();
  json version = d.version ? *d.version : json{{"name", "V1"}};
  json components = json::array();
  std::map<std::string, std::string> component_of;  // diagram id → component id
  std::set<std::string> used_ids;
  for (const auto& n : d.nodes) {
    auto it = d.node_data.find(n.id);
    if (it != d.node_data.end()) {
      json c = it->second;
      component_of[n.id] = c.value("id", n.id);
      used_ids.insert(component_of[n.id]);
      components.push_back(std::move(c));
      continue;
    }
    exact = false;
    const std::string label = n.explicit_label ? n.label : n.id;
    KindGuess g = guess_kind(label);
    std::string why;
    if (g.kind.empty()) {
      g.kind = "app_server";
      why = "no known word; an app server";
    } else {
      why = g.kind + ", from " + in_quotes(g.because);
    }
    if (!catalog.find(g.kind)) g.kind = "app_server";
    out.guesses.push_back("node " + n.id + (n.explicit_label ? " (" + n.label + ")" : "") + ": " + why);
    json c = {{"id", n.id}, {"kind", g.kind}};
    if (n.explicit_label && n.label != n.id) c["name"] = n.label;
    if (!n.zone.empty()) c["zones"] = json::array({n.zone});
    component_of[n.id] = n.id;
    used_ids.insert(n.id);
    components.push_back(std::move(c));
  }
  for (const auto& [id, data] : d.node_data)
    if (std::none_of(d.nodes.begin(), d.nodes.end(), [&](const diagram::Node& n) { return n.id == id; })) {
      out.guesses.push_back("node " + id + " has archbench data but is not drawn: left out");
      exact = false;
    }

  json links = json::array();
  std::vector<bool> data_used(d.link_data.size(), false);
  for (const auto& e : d.edges) {
    bool found = false;
    for (std::size_t k = 0; k < d.link_data.size() && !found; ++k) {
      if (data_used[k] || d.link_data[k].first != std::make_pair(e.from, e.to)) continue;
      data_used[k] = true;
      links.push_back(d.link_data[k].second);
      found = true;
    }
    if (found) continue;
    exact = false;
    links.push_back({{"from", component_of.count(e.from) ? component_of[e.from] : e.from},
                     {"to", component_of.count(e.to) ? component_of[e.to] : e.to}});
  }
  for (std::size_t k = 0; k < d.link_data.size(); ++k)
    if (!data_used[k]) {
      out.guesses.push_back("link " + d.link_data[k].first.first + " -> " + d.link_data[k].first.second +
                            " has archbench data but is not drawn: left out");
      exact = false;
    }

  // What a drawing leaves out that a model needs: a cache's origin (drawn beside it,
  // cache-aside) and a queue's consumers.
  auto has_out = [&](const std::string& id) {
    return std::any_of(links.begin(), links.end(), [&](const json& l) { return l["from"] == id; });
  };
  const std::size_t drawn_count = components.size();
  for (std::size_t i = 0; i < drawn_count; ++i) {
    json& c = components[i];
    const std::string id = c["id"];
    if (d.node_data.count(id)) continue;
    const std::string kind = c["kind"];
    if ((kind == "cache" || kind == "cdn") && !has_out(id)) {
      c["params"]["hit_ratio"] = 1;
      out.guesses.push_back("node " + id + ": a " + kind + " with no origin drawn behind it; taken as answering every read (hit ratio 1)");
    } else if (kind == "message_queue" && !has_out(id)) {
      std::string w = id + "_consumers";
      while (used_ids.count(w)) w += "_";
      used_ids.insert(w);
      components.push_back({{"id", w}, {"kind", "worker_pool"}, {"name", "Consumers of " + c.value("name", id)}});
      links.push_back({{"from", id}, {"to", w}});
      out.guesses.push_back("node " + id + ": a queue with no consumer drawn; added " + w + " (a worker pool)");
    }
  }

  // A diagram drawn by hand has no workload: one class from the first client, or from a
  // Users node added in front of the first node nothing calls.
  if (!version.contains("workload") || version["workload"].empty()) {
    std::string entry;
    for (const auto& c : components)
      if (c.value("kind", "") == "users") {
        entry = c["id"];
        break;
      }
    if (entry.empty() && !components.empty()) {
      std::string first;
      for (const auto& c : components) {
        const std::string id = c["id"];
        const bool called = std::any_of(links.begin(), links.end(), [&](const json& l) { return l["to"] == id; });
        if (!called) {
          first = id;
          break;
        }
      }
      if (first.empty()) first = components[0]["id"];
      entry = "users";
      while (used_ids.count(entry)) entry += "_";
      components.insert(components.begin(), json{{"id", entry}, {"kind", "users"}, {"name", "Users"}});
      links.insert(links.begin(), json{{"from", entry}, {"to", first}});
      out.guesses.push_back("no client drawn: added " + entry + " calling " + first);
    }
    bool queued = std::any_of(components.begin(), components.end(),
                              [](const json& c) { return c.value("kind", "") == "message_queue"; });
    json cls = {{"name", "requests"}, {"entry", entry}, {"per_second", 10}};
    if (queued) cls["sync"] = false;
    version["workload"] = json::array({cls});
    out.guesses.push_back("no workload in the diagram: added class requests, 10/s from " + entry +
                          (queued ? " (asynchronous: it crosses a queue)" : "") + "; set the real rates");
  }

  version["components"] = components;
  version["links"] = links;
  if (!version.contains("name")) version["name"] = "V1";
  json project = {{"format", kProjectFormat},
                  {"format_version", kProjectFormatVersion},
                  {"name", d.project_name.value_or("Imported diagram")},
                  {"versions", json::array({version})}};
  out.project = parse_project(project.dump(), file, catalog);
  out.exact = exact;
  Version& v = out.project.versions[0];
  // Where the diagram gave no places, the engine's layered layout gives them.
  const bool placed = std::all_of(v.components.begin(), v.components.end(), [](const Component& c) { return c.pos.has_value(); });
  if (!placed && !v.components.empty()) {
    const Layout l = layered_layout(v);
    for (auto& c : v.components)
      if (!c.pos) {
        auto it = l.positions.find(c.id);
        if (it != l.positions.end()) c.pos = it->second;
      }
  }
  return out;
}

}  // namespace archbench
