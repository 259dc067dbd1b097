// Reading a Graphviz DOT digraph with Graphviz's own parser (cgraph): nodes with their labels,
// edges, and clusters as zones; the "// archbench:" comment lines carry the parameters.
#include <graphviz/cgraph.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>

#include "archbench/error.h"
#include "diagram/diagram_internal.h"
#include "layout/graphviz_lock.h"

namespace archbench::diagram {

namespace {

std::string* g_errors = nullptr;  // under graphviz_mutex()

int collect_error(char* message) {
  if (g_errors && message) *g_errors += message;
  return 0;
}

std::string attribute(void* obj, const char* name) {
  const char* v = agget(obj, const_cast<char*>(name));
  return v ? v : "";
}

void read_clusters(Agraph_t* g, Drawn& d, const std::string& zone) {
  for (Agraph_t* sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
    const std::string name = agnameof(sub);
    std::string z = zone;
    if (name.rfind("cluster", 0) == 0) {
      z = attribute(sub, "label");
      if (z.empty()) z = name.substr(name.rfind("cluster_", 0) == 0 ? 8 : 7);
    }
    for (Agnode_t* n = agfstnode(sub); n; n = agnxtnode(sub, n))
      if (!z.empty()) d.node(agnameof(n)).zone = z;
    read_clusters(sub, d, z);
  }
}

}  // namespace

Drawn read_dot(const std::string& text, const std::string& file) {
  Drawn d;
  d.format = DiagramFormat::Dot;
  // The archbench lines first: "// archbench:..." on lines of their own.
  int line_no = 0;
  for (const std::string& line : split_lines(text)) {
    ++line_no;
    const std::size_t b = line.find_first_not_of(" \t");
    if (b != std::string::npos && line.compare(b, 2, "//") == 0)
      read_archbench_comment(line.substr(b + 2), d, file, std::to_string(line_no) + ":" + std::to_string(b + 1));
  }

  std::lock_guard<std::mutex> lock(graphviz_mutex());
  std::string errors;
  g_errors = &errors;
  const agusererrf previous = agseterrf(collect_error);
  const agerrlevel_t level = agseterr(AGERR);
  // Graphviz's scanner keeps what it has not consumed from one read to the next: blanks left
  // after the closing brace would count as lines of the next file. None are left to it, and
  // its line count restarts.
  std::string whole = text;
  while (!whole.empty() && std::isspace(static_cast<unsigned char>(whole.back()))) whole.pop_back();
  agreadline(1);
  Agraph_t* raw = agmemread(whole.c_str());
  agseterrf(previous);
  agseterr(level);
  g_errors = nullptr;
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> g(raw, agclose);
  if (!g) {
    // "syntax error in line 3 near '->'"
    std::string place;
    const std::size_t at = errors.find("line ");
    if (at != std::string::npos) {
      std::size_t end = at + 5;
      while (end < errors.size() && std::isdigit(static_cast<unsigned char>(errors[end]))) ++end;
      if (end > at + 5) place = errors.substr(at + 5, end - at - 5) + ":1";
    }
    std::string message = errors.empty() ? "not a DOT graph" : errors;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw InputError(file, place, "Graphviz cannot read it: " + message);
  }
  const bool directed = agisdirected(g.get());
  for (Agnode_t* n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n)) {
    Node& node = d.node(agnameof(n));
    const std::string label = attribute(n, "label");
    if (!label.empty() && label != "\\N") {
      node.label = label;
      node.explicit_label = true;
    }
  }
  read_clusters(g.get(), d, "");
  // Edges in the order they were written: by each tail node in order, its out-edges in order
  // of creation (cgraph keeps both).
  std::vector<std::pair<std::uint64_t, Edge>> edges;
  for (Agnode_t* n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n))
    for (Agedge_t* e = agfstout(g.get(), n); e; e = agnxtout(g.get(), e))
      edges.push_back({static_cast<std::uint64_t>(AGSEQ(e)), Edge{agnameof(agtail(e)), agnameof(aghead(e)), directed}});
  std::sort(edges.begin(), edges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [seq, e] : edges) {
    if (!directed)
      d.notes.push_back("the line " + e.from + " -- " + e.to + " of an undirected graph is read as a call from " +
                        e.from + " to " + e.to);
    d.edges.push_back(std::move(e));
  }
  return d;
}

}  // namespace archbench::diagram
