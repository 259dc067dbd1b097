#pragma once
// What the diagram readers share: the nodes and edges a diagram draws, and the version data
// its "archbench:" comment lines carry. Private to the engine.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archbench/diagram.h"

namespace archbench::diagram {

struct Node {
  std::string id;     // as the diagram names it
  std::string label;  // what it shows; the id when it shows nothing else
  std::string zone;   // the subgraph, cluster or group it is drawn in; empty: none
  bool explicit_label = false;
};

struct Edge {
  std::string from, to;  // diagram ids
  bool directed = true;  // false: a plain line, taken from left to right
};

struct Drawn {
  DiagramFormat format = DiagramFormat::MermaidFlowchart;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<std::string> notes;  // what the reader passed over or read loosely
  // From "archbench:" lines.
  std::optional<nlohmann::json> version;
  std::optional<std::string> project_name;
  std::map<std::string, nlohmann::json> node_data;  // by diagram id
  std::vector<std::pair<std::pair<std::string, std::string>, nlohmann::json>> link_data;

  Node& node(const std::string& id);  // the node, added when it is new
};

// The text's lines, without their line ends ("\n" or "\r\n").
std::vector<std::string> split_lines(const std::string& text);

// Reads one comment's text after its marker ("%%" or "//"): when it starts with "archbench:",
// stores its data in `d` and returns true. Throws InputError at `place` for a malformed one.
bool read_archbench_comment(const std::string& comment, Drawn& d, const std::string& file,
                            const std::string& place);

Drawn read_mermaid_flowchart(const std::string& text, const std::string& file);
Drawn read_mermaid_architecture(const std::string& text, const std::string& file);
Drawn read_dot(const std::string& text, const std::string& file);

// A diagram id that Mermaid reads as an id: letters, digits and underscores, starting with a
// letter, not a keyword; `taken` keeps them unique.
std::string mermaid_id(const std::string& id, std::size_t index, std::vector<std::string>& taken);

}  // namespace archbench::diagram
