#pragma once
// Diagrams as code, in and out: a version as a Mermaid flowchart, as Mermaid architecture-beta
// (zones as groups) and as Graphviz DOT, each carrying the version's parameters in comment
// lines the target ignores ("%% archbench: ..." and "// archbench: ..."), so that export then
// import gives the same version back exactly. Import also reads diagrams people drew by hand
// (a Mermaid flowchart or a DOT digraph): each node's kind is guessed from its label and every
// guess is reported. The rules are in docs/DIAGRAMS.md.
#include <string>
#include <vector>

#include "archbench/model.h"

namespace archbench {

class Catalog;

enum class DiagramFormat { MermaidFlowchart, MermaidArchitecture, Dot };

// "mermaid", "architecture-beta", "dot"; and back (nothing for another word).
const char* diagram_format_name(DiagramFormat f);
std::optional<DiagramFormat> diagram_format_from(const std::string& name);

// The version as text in `format`; `project_name` goes into the header comment.
std::string export_diagram(const Version& version, const std::string& project_name,
                           DiagramFormat format);

struct DiagramImport {
  Project project;                  // one version, valid against the catalog
  DiagramFormat format = DiagramFormat::MermaidFlowchart;
  bool exact = false;               // every component and link came from archbench lines
  std::vector<std::string> guesses; // one line per guess made ("node lb "nginx": load_balancer")
};

// Reads a Mermaid flowchart (or graph), a Mermaid architecture-beta or a DOT digraph, told
// apart by their first statement. Throws InputError naming `file` and line:column for text
// that cannot be read, and the JSON pointer of any parameter the catalog refuses.
DiagramImport import_diagram(const std::string& text, const std::string& file, const Catalog& catalog);

// The kind a label names ("LB", "nginx", "Redis", "Postgres", "SQS", "Kafka", "CDN", "S3",
// "worker", "Lambda", ...), with the word that decided it; empty kind when nothing matched.
struct KindGuess {
  std::string kind;
  std::string because;  // the word of the label that matched
};
KindGuess guess_kind(const std::string& label);

}  // namespace archbench
