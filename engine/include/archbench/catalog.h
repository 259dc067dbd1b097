#pragma once
// The component catalog: one declaration per kind, loaded from components/*.json.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace archbench {

// What a request does at a component of this kind (see the design brief).
enum class Behaviour { Client, Split, Service, Cache, Queue, Store };

const char* to_string(Behaviour b);
std::optional<Behaviour> behaviour_from_string(const std::string& s);

enum class ParamType { Integer, Number, Bool, PerClass };

const char* to_string(ParamType t);

// One parameter of a kind: its declaration drives validation, the property editor and docs.
struct ParamDecl {
  std::string name;
  std::string label;
  std::string unit;
  ParamType type = ParamType::Number;
  double default_value = 0;  // bools: 0 or 1
  double min = 0;
  double max = 0;
  std::string tooltip;
};

// A parameter that names one of a few modes (`"type": "choice"` in the catalog file), e.g. a
// cache's "on_failure". Kept apart from ParamDecl so code that handles numbers and bools (the
// property editor) never meets a value it cannot edit.
struct ChoiceDecl {
  std::string name;
  std::string label;
  std::vector<std::string> choices;
  std::string default_value;  // one of `choices`
  std::string tooltip;
};

// Cost terms of a kind; each names one of the kind's parameters (empty when absent).
struct CostModel {
  std::string per_node_month;        // $ per node per month
  std::string per_million_requests;  // $ per million visits
  std::string per_gb_transfer;       // $ per GB of payload carried
  std::string per_gb_month;          // $ per stored GB per month ...
  std::string storage_gb;            // ... times this many GB
  std::string per_gb_second;         // $ per GB-second of memory ...
  std::string memory_mb;             // ... with this much memory per invocation
};

// A component kind: behaviour, parameters, cost model, icon and the source of its defaults.
struct KindDecl {
  std::string kind;
  std::string label;
  Behaviour behaviour = Behaviour::Service;
  std::string icon;
  std::string description;
  std::string source;
  std::vector<ParamDecl> params;
  std::vector<ChoiceDecl> choices;  // declared in the file's "params" with "type": "choice"
  CostModel cost;

  const ParamDecl* param(const std::string& name) const;
  const ChoiceDecl* choice(const std::string& name) const;
};

// All kinds known to a run, by kind name.
class Catalog {
 public:
  // Reads every *.json in `dir`; throws InputError naming the file and place of a bad one.
  static Catalog load(const std::filesystem::path& dir);
  // The directory used when none is given: $ARCHBENCH_CATALOG, else data_dir("components") (the
  // running program's own share/archbench/components, the source tree's, the configured prefix's).
  static std::filesystem::path default_dir();
  static Catalog load_default() { return load(default_dir()); }

  // Adds a kind parsed from JSON text (used by load and by tests); throws InputError.
  void add_from_json(const std::string& text, const std::string& file);

  const KindDecl* find(const std::string& kind) const;
  const std::map<std::string, KindDecl>& kinds() const { return kinds_; }

 private:
  std::map<std::string, KindDecl> kinds_;
};

}  // namespace archbench
