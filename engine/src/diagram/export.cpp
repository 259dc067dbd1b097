// A version as Mermaid (flowchart, architecture-beta) or Graphviz DOT, with its parameters in
// "archbench:" comment lines that the target ignores and import_diagram reads back.
#include <algorithm>
#include <cctype>
#include <set>

#include "archbench/project_io.h"
#include "diagram/diagram_internal.h"

namespace archbench {

using nlohmann::json;

const char* diagram_format_name(DiagramFormat f) {
  switch (f) {
    case DiagramFormat::MermaidFlowchart: return "mermaid";
    case DiagramFormat::MermaidArchitecture: return "architecture-beta";
    case DiagramFormat::Dot: return "dot";
  }
  return "mermaid";
}

std::optional<DiagramFormat> diagram_format_from(const std::string& name) {
  if (name == "mermaid" || name == "flowchart") return DiagramFormat::MermaidFlowchart;
  if (name == "architecture-beta" || name == "architecture") return DiagramFormat::MermaidArchitecture;
  if (name == "dot" || name == "graphviz") return DiagramFormat::Dot;
  return std::nullopt;
}

namespace diagram {

namespace {

const std::set<std::string> kMermaidKeywords = {
    "end",   "graph",     "flowchart", "subgraph", "style",    "class", "classDef",
    "click", "linkStyle", "direction", "default",  "call",     "href",  "service",
    "group", "junction",  "in",        "architecture", "TB",   "TD",    "BT",
    "RL",    "LR"};

}  // namespace

std::string mermaid_id(const std::string& id, std::size_t index, std::vector<std::string>& taken) {
  bool plain = !id.empty() && std::isalpha(static_cast<unsigned char>(id[0])) &&
               std::all_of(id.begin(), id.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
               });
  // Mermaid reads "o" and "x" right after a link as its head ("a-->oB" is a circle edge).
  if (plain && (id[0] == 'o' || id[0] == 'x')) plain = false;
  std::string out = plain && !kMermaidKeywords.count(id) ? id : "n" + std::to_string(index + 1);
  while (std::find(taken.begin(), taken.end(), out) != taken.end()) out += "_";
  taken.push_back(out);
  return out;
}

}  // namespace diagram

namespace {

using diagram::mermaid_id;

// The parts of the version's file entry: everything but components and links, then each
// component and link as the project file writes them (defaults left out).
struct Parts {
  json header;
  std::vector<json> components;
  std::vector<json> links;
};

Parts parts_of(const Version& v) {
  Project p;
  p.versions.push_back(v);
  json pj = project_to_json(p);
  json vj = pj["versions"][0];
  Parts out;
  for (const auto& c : vj["components"]) out.components.push_back(c);
  for (const auto& l : vj["links"]) out.links.push_back(l);
  vj.erase("components");
  vj.erase("links");
  out.header = std::move(vj);
  return out;
}

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

// A Mermaid label in double quotes: a double quote becomes #quot;, the rest stays.
std::string mermaid_label(const std::string& s) {
  std::string out = "\"";
  for (char c : one_line(s)) {
    if (c == '"') out += "#quot;";
    else out += c;
  }
  return out + "\"";
}

// architecture-beta titles take letters, digits, underscores and spaces only.
std::string architecture_title(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    if (keep) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "component" : out;
}

std::string dot_string(const std::string& s) {
  std::string out = "\"";
  for (char c : one_line(s)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

const char* flowchart_open(const std::string& kind) {
  if (kind == "users") return "([";
  if (kind == "database" || kind == "cache" || kind == "object_storage") return "[(";
  if (kind == "message_queue") return "[[";
  return "[";
}

std::string closing(const std::string& open) {
  std::string out;
  for (auto it = open.rbegin(); it != open.rend(); ++it) out += *it == '(' ? ')' : *it == '[' ? ']' : *it;
  return out;
}

const char* architecture_icon(const std::string& kind) {
  if (kind == "users") return "internet";
  if (kind == "database" || kind == "cache") return "database";
  if (kind == "object_storage") return "disk";
  if (kind == "cdn" || kind == "external_api") return "cloud";
  return "server";
}

const char* dot_shape(const std::string& kind) {
  if (kind == "users") return "oval";
  if (kind == "database" || kind == "cache" || kind == "object_storage") return "cylinder";
  if (kind == "message_queue") return "cds";
  return "box";
}

}  // namespace

std::string export_diagram(const Version& v, const std::string& project_name, DiagramFormat format) {
  const Parts parts = parts_of(v);
  std::vector<std::string> taken;
  std::vector<std::string> ids;  // diagram id of each component
  for (std::size_t i = 0; i < v.components.size(); ++i)
    ids.push_back(format == DiagramFormat::Dot ? v.components[i].id
                                               : mermaid_id(v.components[i].id, i, taken));
  auto id_of = [&](const std::string& component) {
    for (std::size_t i = 0; i < v.components.size(); ++i)
      if (v.components[i].id == component) return ids[i];
    return component;
  };
  const bool dot = format == DiagramFormat::Dot;
  const std::string c = dot ? "// " : "%% ";
  const std::string indent = "    ";
  std::string out;
  std::string head = "ArchBench: " + one_line(project_name.empty() ? "project" : project_name) +
                     ", version " + one_line(v.name) +
                     ". The archbench: lines hold its parameters; archbench-cli import reads "
                     "them back.";
  auto data_lines = [&](std::size_t i) {
    return indent + c + "archbench:node " + ids[i] + " " + parts.components[i].dump() + "\n";
  };
  auto link_line = [&](std::size_t l) {
    return indent + c + "archbench:link " + id_of(v.links[l].from) + " " + id_of(v.links[l].to) +
           " " + parts.links[l].dump() + "\n";
  };

  if (format == DiagramFormat::MermaidFlowchart) {
    out += "flowchart LR\n";
    out += indent + c + head + "\n";
    out += indent + c + "archbench:project " + json{{"name", project_name}}.dump() + "\n";
    out += indent + c + "archbench:version " + parts.header.dump() + "\n";
    for (std::size_t i = 0; i < v.components.size(); ++i) {
      const std::string open = flowchart_open(v.components[i].kind);
      out += indent + ids[i] + open + mermaid_label(v.components[i].display_name()) + closing(open) + "\n";
      out += data_lines(i);
    }
    for (std::size_t l = 0; l < v.links.size(); ++l) {
      out += indent + id_of(v.links[l].from) + " --> " + id_of(v.links[l].to) + "\n";
      out += link_line(l);
    }
    return out;
  }

  if (format == DiagramFormat::MermaidArchitecture) {
    out += "architecture-beta\n";
    out += indent + c + head + "\n";
    out += indent + c + "archbench:project " + json{{"name", project_name}}.dump() + "\n";
    out += indent + c + "archbench:version " + parts.header.dump() + "\n";
    // Zones as groups: a component in exactly one zone is drawn in it.
    std::vector<std::string> zones;
    for (const auto& comp : v.components)
      if (comp.zones.size() == 1 &&
          std::find(zones.begin(), zones.end(), comp.zones[0]) == zones.end())
        zones.push_back(comp.zones[0]);
    std::vector<std::string> zone_ids;
    for (std::size_t z = 0; z < zones.size(); ++z) {
      std::string base = "zone_" + architecture_title(zones[z]);
      for (char& ch : base)
        if (ch == ' ') ch = '_';
      zone_ids.push_back(mermaid_id(base, v.components.size() + z, taken));
      out += indent + "group " + zone_ids.back() + "(cloud)[" + architecture_title(zones[z]) + "]\n";
    }
    for (std::size_t i = 0; i < v.components.size(); ++i) {
      const Component& comp = v.components[i];
      out += indent + "service " + ids[i] + "(" + architecture_icon(comp.kind) + ")[" +
             architecture_title(comp.display_name()) + "]";
      if (comp.zones.size() == 1) {
        const auto z = std::find(zones.begin(), zones.end(), comp.zones[0]) - zones.begin();
        out += " in " + zone_ids[static_cast<std::size_t>(z)];
      }
      out += "\n" + data_lines(i);
    }
    for (std::size_t l = 0; l < v.links.size(); ++l) {
      out += indent + id_of(v.links[l].from) + ":R --> L:" + id_of(v.links[l].to) + "\n";
      out += link_line(l);
    }
    return out;
  }

  // DOT: nodes in the version's order, then the zones as clusters that list their nodes.
  auto q = [](const std::string& id) { return json(id).dump(); };  // also a DOT quoted id
  out += c + head + "\n";
  out += c + "archbench:project " + json{{"name", project_name}}.dump() + "\n";
  out += c + "archbench:version " + parts.header.dump() + "\n";
  out += "digraph " + dot_string(v.name) + " {\n";
  out += indent + "rankdir=LR;\n";
  out += indent + "node [shape=box, style=rounded];\n";
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    const Component& comp = v.components[i];
    out += indent + dot_string(comp.id) + " [label=" + dot_string(comp.display_name()) +
           ", shape=" + dot_shape(comp.kind) + ", archbench_kind=" + dot_string(comp.kind) + "];\n";
    out += indent + c + "archbench:node " + q(comp.id) + " " + parts.components[i].dump() + "\n";
  }
  std::vector<std::string> zones;
  for (const auto& comp : v.components)
    if (comp.zones.size() == 1 && std::find(zones.begin(), zones.end(), comp.zones[0]) == zones.end())
      zones.push_back(comp.zones[0]);
  for (const auto& zone : zones) {
    out += indent + "subgraph " + dot_string("cluster_" + zone) + " {\n";
    out += indent + indent + "label=" + dot_string(zone) + ";\n";
    for (const auto& comp : v.components)
      if (comp.zones.size() == 1 && comp.zones[0] == zone) out += indent + indent + dot_string(comp.id) + ";\n";
    out += indent + "}\n";
  }
  for (std::size_t l = 0; l < v.links.size(); ++l) {
    out += indent + dot_string(v.links[l].from) + " -> " + dot_string(v.links[l].to) + ";\n";
    out += indent + c + "archbench:link " + q(v.links[l].from) + " " + q(v.links[l].to) + " " +
           parts.links[l].dump() + "\n";
  }
  out += "}\n";
  return out;
}

}  // namespace archbench
