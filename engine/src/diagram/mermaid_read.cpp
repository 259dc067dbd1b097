// Reading Mermaid: a flowchart (or graph) and an architecture-beta diagram, the subset of
// their grammar that draws nodes, edges and groups (docs/DIAGRAMS.md lists it). Styling,
// classes, clicks and directives are passed over.
#include <algorithm>
#include <cctype>

#include "archbench/error.h"
#include "diagram/diagram_internal.h"

namespace archbench::diagram {

using nlohmann::json;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    if (!out.back().empty() && out.back().back() == '\r') out.back().pop_back();
    pos = nl + 1;
  }
  return out;
}

Node& Drawn::node(const std::string& id) {
  for (auto& n : nodes)
    if (n.id == id) return n;
  nodes.push_back(Node{id, id, "", false});
  return nodes.back();
}

namespace {

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// A token of an archbench line: a JSON string or a run of non-blank characters. Advances `i`.
std::optional<std::string> token(const std::string& s, std::size_t& i) {
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size()) return std::nullopt;
  if (s[i] == '"') {
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
    if (j >= s.size()) return std::nullopt;
    const json v = json::parse(s.substr(i, j + 1 - i), nullptr, false);
    if (!v.is_string()) return std::nullopt;
    i = j + 1;
    return v.get<std::string>();
  }
  const std::size_t b = i;
  while (i < s.size() && s[i] != ' ') ++i;
  return s.substr(b, i - b);
}

}  // namespace

bool read_archbench_comment(const std::string& comment, Drawn& d, const std::string& file,
                            const std::string& place) {
  const std::string text = trim(comment);
  const std::string marker = "archbench:";
  if (text.compare(0, marker.size(), marker) != 0) return false;
  std::size_t i = marker.size();
  std::size_t word_end = text.find(' ', i);
  const std::string what = text.substr(i, word_end == std::string::npos ? std::string::npos : word_end - i);
  i = word_end == std::string::npos ? text.size() : word_end;
  auto fail = [&](const std::string& why) { return InputError(file, place, "archbench:" + what + " line: " + why); };
  std::vector<std::string> ids;
  const int id_count = what == "node" ? 1 : what == "link" ? 2 : 0;
  if (what != "project" && what != "version" && what != "node" && what != "link") {
    // A header line ("ArchBench: project ...") starts with "ArchBench", not "archbench:".
    throw InputError(file, place, "unknown archbench line '" + what + "': project, version, node or link");
  }
  for (int k = 0; k < id_count; ++k) {
    const auto t = token(text, i);
    if (!t) throw fail("expected " + std::string(what == "node" ? "the node's id" : "the ids of both ends"));
    ids.push_back(*t);
  }
  const json data = json::parse(text.substr(i), nullptr, false);
  if (data.is_discarded() || !data.is_object()) throw fail("the data is not a JSON object");
  if (what == "project") {
    if (!data.contains("name") || !data["name"].is_string()) throw fail("expected {\"name\": ...}");
    d.project_name = data["name"].get<std::string>();
  } else if (what == "version") d.version = data;
  else if (what == "node") d.node_data[ids[0]] = data;
  else d.link_data.push_back({{ids[0], ids[1]}, data});
  return true;
}

namespace {

// --- Flowchart ---------------------------------------------------------------------------------

struct Cursor {
  const std::string& s;
  std::size_t i = 0;
  const std::string& file;
  int line;

  bool done() const { return i >= s.size(); }
  char peek(std::size_t ahead = 0) const { return i + ahead < s.size() ? s[i + ahead] : '\0'; }
  void skip_blanks() {
    while (!done() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw InputError(file, std::to_string(line) + ":" + std::to_string(i + 1), why);
  }
};

bool id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

std::string read_id(Cursor& c) {
  const std::size_t b = c.i;
  while (!c.done()) {
    const char ch = c.peek();
    if (id_char(ch)) {
      ++c.i;
    } else if ((ch == '-' || ch == '.') && id_char(c.peek(1)) && c.i > b) {
      ++c.i;  // "api-gw", "svc.v2": a dash or dot inside an id, not a link
    } else {
      break;
    }
  }
  return c.s.substr(b, c.i - b);
}

// The shapes, longest opening first, with their closings.
const std::pair<const char*, const char*> kShapes[] = {
    {"(((", ")))"}, {"([", "])"}, {"[(", ")]"}, {"((", "))"}, {"[[", "]]"}, {"{{", "}}"},
    {"[/", "/]"},   {"[\\", "\\]"}, {"[/", "\\]"}, {"[\\", "/]"}, {"[", "]"}, {"(", ")"},
    {"{", "}"},     {">", "]"}};

// A label in a shape: "quoted" (#quot; for a quote) or plain text up to the closing.
std::string read_label(Cursor& c, const std::string& close) {
  c.skip_blanks();
  std::string label;
  if (c.peek() == '"') {
    const std::size_t end = c.s.find('"', c.i + 1);
    if (end == std::string::npos) c.fail("a label's opening quote is not closed");
    label = c.s.substr(c.i + 1, end - c.i - 1);
    c.i = end + 1;
    c.skip_blanks();
    if (c.s.compare(c.i, close.size(), close) != 0) c.fail("expected '" + close + "' after the label");
  } else {
    const std::size_t end = c.s.find(close, c.i);
    if (end == std::string::npos) c.fail("expected '" + close + "' to close the shape");
    label = c.s.substr(c.i, end - c.i);
    c.i = end;
  }
  c.i += close.size();
  std::string out;
  for (std::size_t k = 0; k < label.size(); ++k) {
    if (label.compare(k, 6, "#quot;") == 0) {
      out += '"';
      k += 5;
    } else if (label.compare(k, 4, "<br>") == 0 || label.compare(k, 5, "<br/>") == 0) {
      out += ' ';
      k += label[k + 3] == '>' ? 3 : 4;
    } else {
      out += label[k];
    }
  }
  // Markdown strings: "`**bold** text`".
  if (out.size() >= 2 && out.front() == '`' && out.back() == '`') out = out.substr(1, out.size() - 2);
  return trim(out);
}

// One node: ID, then an optional shape with its label, an optional ":::class" and Mermaid 11's
// "@{ shape: ..., label: "..." }".
std::string read_node(Cursor& c, Drawn& d, const std::string& zone) {
  c.skip_blanks();
  const std::string id = read_id(c);
  if (id.empty()) c.fail("expected a node id");
  Node& n = d.node(id);
  if (n.zone.empty()) n.zone = zone;
  for (const auto& [open, close] : kShapes) {
    const std::string o = open;
    if (c.s.compare(c.i, o.size(), o) == 0) {
      c.i += o.size();
      n.label = read_label(c, close);
      n.explicit_label = true;
      break;
    }
  }
  if (c.s.compare(c.i, 2, "@{") == 0) {
    const std::size_t end = c.s.find('}', c.i);
    if (end == std::string::npos) c.fail("expected '}' to close '@{'");
    const std::string body = c.s.substr(c.i + 2, end - c.i - 2);
    const std::size_t at = body.find("label:");
    if (at != std::string::npos) {
      std::size_t q1 = body.find('"', at);
      std::size_t q2 = q1 == std::string::npos ? q1 : body.find('"', q1 + 1);
      if (q2 != std::string::npos) {
        n.label = trim(body.substr(q1 + 1, q2 - q1 - 1));
        n.explicit_label = true;
      }
    }
    c.i = end + 1;
  }
  if (c.s.compare(c.i, 3, ":::") == 0) {
    c.i += 3;
    read_id(c);
  }
  return id;
}

// A link between node groups. Returns false when none starts here.
struct LinkRead {
  bool directed = true;
  bool invisible = false;
};

bool link_char(char ch) { return ch == '-' || ch == '=' || ch == '.' || ch == '~'; }

std::optional<LinkRead> read_link(Cursor& c) {
  c.skip_blanks();
  const std::size_t start = c.i;
  LinkRead r;
  bool back = false;
  if (c.peek() == '<') {
    back = true;
    ++c.i;
  } else if ((c.peek() == 'x' || c.peek() == 'o') && link_char(c.peek(1)) && link_char(c.peek(2))) {
    ++c.i;
  }
  std::size_t run_start = c.i;
  while (link_char(c.peek())) ++c.i;
  std::string run = c.s.substr(run_start, c.i - run_start);
  if (run.size() < 2) {
    c.i = start;
    return std::nullopt;
  }
  if (run.find('~') != std::string::npos) r.invisible = true;
  // "-- text -->", "== text ==>", "-. text .->": text between two runs.
  if ((run == "--" || run == "==" || run == "-.") && c.peek() != '>' && c.peek() != 'x' &&
      c.peek() != 'o') {
    std::size_t k = c.i;
    while (k < c.s.size()) {
      if (link_char(c.s[k]) && k + 1 < c.s.size() && (link_char(c.s[k + 1]) || c.s[k + 1] == '>'))
        break;
      ++k;
    }
    if (k >= c.s.size()) c.fail("a link's text is not closed (write A -- text --> B)");
    c.i = k;
    run_start = c.i;
    while (link_char(c.peek())) ++c.i;
    run = c.s.substr(run_start, c.i - run_start);
  }
  if (c.peek() == '>' || ((c.peek() == 'x' || c.peek() == 'o') && !id_char(c.peek(1)))) {
    ++c.i;
    r.directed = true;
  } else {
    r.directed = false;
  }
  if (back && !r.directed) r.directed = true;  // "<--" read as from right to left is refused below
  c.skip_blanks();
  if (c.peek() == '|') {
    const std::size_t end = c.s.find('|', c.i + 1);
    if (end == std::string::npos) c.fail("a link's |text| is not closed");
    c.i = end + 1;
  }
  if (back) {
    c.i = start;
    c.skip_blanks();
    c.fail("an arrow that points left or both ways ('<-->') is not read: draw it as A --> B");
  }
  return r;
}

std::vector<std::string> read_group(Cursor& c, Drawn& d, const std::string& zone) {
  std::vector<std::string> ids{read_node(c, d, zone)};
  for (;;) {
    c.skip_blanks();
    if (c.peek() != '&') break;
    ++c.i;
    ids.push_back(read_node(c, d, zone));
  }
  return ids;
}

bool starts_with_word(const std::string& s, const std::string& w) {
  return s.compare(0, w.size(), w) == 0 && (s.size() == w.size() || !id_char(s[w.size()]));
}

}  // namespace

Drawn read_mermaid_flowchart(const std::string& text, const std::string& file) {
  Drawn d;
  d.format = DiagramFormat::MermaidFlowchart;
  std::vector<std::string> zones;  // open subgraphs
  std::vector<int> zone_lines;     // where each opened
  bool header = false, front_matter = false;
  int line_no = 0;
  for (const std::string& line : split_lines(text)) {
    ++line_no;
    const std::string t = trim(line);
    const std::string place = std::to_string(line_no) + ":1";
    if (line_no == 1 && t == "---") {
      front_matter = true;
      continue;
    }
    if (front_matter) {
      if (t == "---") front_matter = false;
      continue;
    }
    if (t.empty()) continue;
    if (t.compare(0, 2, "%%") == 0) {
      if (t.compare(0, 3, "%%{") != 0) read_archbench_comment(t.substr(2), d, file, place);
      continue;
    }
    if (!header) {
      if (!starts_with_word(t, "flowchart") && !starts_with_word(t, "graph"))
        throw InputError(file, place, "expected 'flowchart' or 'graph' first");
      header = true;
      continue;
    }
    // Statements of the line, split at semicolons outside quotes.
    std::vector<std::pair<std::string, std::size_t>> statements;
    {
      bool quoted = false;
      std::size_t b = 0;
      for (std::size_t k = 0; k <= line.size(); ++k) {
        if (k < line.size() && line[k] == '"') quoted = !quoted;
        if (k == line.size() || (line[k] == ';' && !quoted)) {
          statements.push_back({line.substr(b, k - b), b});
          b = k + 1;
        }
      }
    }
    for (const auto& [stmt, offset] : statements) {
      const std::string s = trim(stmt);
      if (s.empty()) continue;
      if (starts_with_word(s, "subgraph")) {
        std::string rest = trim(s.substr(8));
        std::string name = rest;
        const std::size_t br = rest.find('[');
        if (br != std::string::npos) {
          name = rest.substr(br + 1, rest.rfind(']') == std::string::npos ? std::string::npos : rest.rfind(']') - br - 1);
          if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        } else if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
          name = name.substr(1, name.size() - 2);
        }
        zones.push_back(trim(name));
        zone_lines.push_back(line_no);
        continue;
      }
      if (s == "end") {
        if (zones.empty())
          throw InputError(file, std::to_string(line_no) + ":" + std::to_string(offset + 1),
                           "'end' without a subgraph");
        zones.pop_back();
        zone_lines.pop_back();
        continue;
      }
      if (starts_with_word(s, "direction") || starts_with_word(s, "classDef") ||
          starts_with_word(s, "class") || starts_with_word(s, "style") ||
          starts_with_word(s, "linkStyle") || starts_with_word(s, "click") ||
          starts_with_word(s, "accTitle") || starts_with_word(s, "accDescr"))
        continue;
      Cursor c{line, offset, file, line_no};
      const std::string zone = zones.empty() ? "" : zones.back();
      std::vector<std::string> left = read_group(c, d, zone);
      for (;;) {
        const auto link = read_link(c);
        if (!link) break;
        std::vector<std::string> right = read_group(c, d, zone);
        if (link->invisible) {
          d.notes.push_back("line " + std::to_string(line_no) + ": an invisible link (~~~) is not a call; passed over");
        } else {
          for (const auto& a : left)
            for (const auto& b : right) {
              d.edges.push_back({a, b, link->directed});
              if (!link->directed)
                d.notes.push_back("line " + std::to_string(line_no) + ": the line " + a + " --- " + b +
                                  " has no arrow; read as a call from " + a + " to " + b);
            }
        }
        left = std::move(right);
      }
      c.skip_blanks();
      if (!c.done() && c.i < offset + stmt.size())
        c.fail("cannot read '" + trim(line.substr(c.i, offset + stmt.size() - c.i)) + "'");
    }
  }
  if (!header) throw InputError(file, "1:1", "the text is empty: expected 'flowchart LR' or 'graph LR'");
  if (!zones.empty())
    throw InputError(file, std::to_string(zone_lines.back()) + ":1", "subgraph '" + zones.back() + "' has no 'end'");
  return d;
}

// --- architecture-beta ---------------------------------------------------------------------------

Drawn read_mermaid_architecture(const std::string& text, const std::string& file) {
  Drawn d;
  d.format = DiagramFormat::MermaidArchitecture;
  std::map<std::string, std::string> group_titles;
  std::vector<std::string> junctions;
  bool header = false;
  int line_no = 0;
  for (const std::string& line : split_lines(text)) {
    ++line_no;
    const std::string t = trim(line);
    const std::string place = std::to_string(line_no) + ":1";
    if (t.empty()) continue;
    if (t.compare(0, 2, "%%") == 0) {
      if (t.compare(0, 3, "%%{") != 0) read_archbench_comment(t.substr(2), d, file, place);
      continue;
    }
    if (!header) {
      if (!starts_with_word(t, "architecture-beta") && t != "architecture-beta")
        throw InputError(file, place, "expected 'architecture-beta' first");
      header = true;
      continue;
    }
    const std::size_t lead = line.find_first_not_of(" \t");
    Cursor c{line, lead, file, line_no};
    auto bracketed = [&](char open, char close) -> std::string {
      if (c.peek() != open) return {};
      const std::size_t end = c.s.find(close, c.i);
      if (end == std::string::npos) c.fail(std::string("expected '") + close + "'");
      std::string v = c.s.substr(c.i + 1, end - c.i - 1);
      c.i = end + 1;
      return v;
    };
    if (starts_with_word(t, "group") || starts_with_word(t, "service") || starts_with_word(t, "junction")) {
      const bool group = starts_with_word(t, "group");
      const bool junction = starts_with_word(t, "junction");
      c.i = lead + (group ? 5 : junction ? 8 : 7);
      c.skip_blanks();
      const std::string id = read_id(c);
      if (id.empty()) c.fail("expected an id");
      bracketed('(', ')');
      const std::string title = bracketed('[', ']');
      c.skip_blanks();
      std::string in;
      if (starts_with_word(line.substr(c.i), "in")) {
        c.i += 2;
        c.skip_blanks();
        in = read_id(c);
      }
      c.skip_blanks();
      if (!c.done()) c.fail("cannot read '" + trim(line.substr(c.i)) + "'");
      if (group) {
        group_titles[id] = title.empty() ? id : title;
        continue;
      }
      if (junction) {
        junctions.push_back(id);
        d.notes.push_back("line " + std::to_string(line_no) + ": junction " + id +
                          " is not a component; its edges are passed over");
        continue;
      }
      Node& n = d.node(id);
      if (!title.empty()) {
        n.label = title;
        n.explicit_label = true;
      }
      n.zone = in.empty() ? "" : (group_titles.count(in) ? group_titles[in] : in);
      continue;
    }
    // An edge: A{group}?:D <?--?-?>? D:B{group}?
    const std::string a = read_id(c);
    if (a.empty()) c.fail("expected group, service, junction or an edge");
    if (c.s.compare(c.i, 7, "{group}") == 0) c.i += 7;
    auto side = [&](bool colon_first) {
      const std::string sides = "TBLR";
      if (colon_first) {
        if (c.peek() != ':' || sides.find(c.peek(1)) == std::string::npos || c.peek(1) == '\0')
          c.fail("expected ':' and a side (T, B, L or R) after " + a);
      } else if (sides.find(c.peek()) == std::string::npos || c.peek() == '\0' || c.peek(1) != ':') {
        c.fail("expected a side (T, B, L or R) and ':' before the second id");
      }
      c.i += 2;
    };
    side(true);
    c.skip_blanks();
    const bool back = c.peek() == '<';
    if (back) ++c.i;
    if (c.s.compare(c.i, 2, "--") != 0) c.fail("expected '--' between the sides");
    c.i += 2;
    const bool fwd = c.peek() == '>';
    if (fwd) ++c.i;
    c.skip_blanks();
    side(false);
    const std::string b = read_id(c);
    if (b.empty()) c.fail("expected the id after the side");
    if (c.s.compare(c.i, 7, "{group}") == 0) c.i += 7;
    c.skip_blanks();
    if (!c.done()) c.fail("cannot read '" + trim(line.substr(c.i)) + "'");
    if (std::find(junctions.begin(), junctions.end(), a) != junctions.end() ||
        std::find(junctions.begin(), junctions.end(), b) != junctions.end())
      continue;
    if (back && !fwd) d.edges.push_back({b, a, true});
    else d.edges.push_back({a, b, fwd || back});
    if (!fwd && !back)
      d.notes.push_back("line " + std::to_string(line_no) + ": the edge " + a + " -- " + b +
                        " has no arrow; read as a call from " + a + " to " + b);
  }
  if (!header) throw InputError(file, "1:1", "the text is empty: expected 'architecture-beta'");
  return d;
}

}  // namespace archbench::diagram
