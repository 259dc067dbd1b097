// A fuzz of the whole CLI over mutated presets (issue 15): numbers set to the edges of their
// ranges and past them, calls multiplied along every link, long chains of 1,000 or 10,000
// calls per link grafted on at 1e9 requests/s, control and bidi characters in names. Every
// command in every --format must exit 0 or 1 (chaos: 3 for a failed experiment), name the file
// when it refuses it, and print no "nan" or "inf", no figure of more than 25 characters, and no
// raw control or bidi character. Seeded, so a failure reproduces.
#include <cfloat>
#include <random>

#include "cli_runner.h"

using namespace cli_test;
using nlohmann::json;

namespace {

// Values a user may type (most are refused by the ranges; some stay valid and extreme).
const double kExtremes[] = {0,    1e-9, 1e9, 1e14,   1e300, -1e300, 1e-300, 5e-324,
                            DBL_MAX, 1e6, 1e4, 3.6e6, 1e7,  0.5,    1};

void numeric_leaves(json& j, std::vector<json*>& out) {
  if (j.is_number() && !j.is_boolean()) out.push_back(&j);
  if (j.is_structured())
    for (auto& x : j) numeric_leaves(x, out);
}

void string_leaves(json& j, std::vector<json*>& out) {
  if (j.is_string()) out.push_back(&j);
  if (j.is_structured())
    for (auto& x : j) string_leaves(x, out);
}

// users → x0 → … → x(k−1): app servers, `calls` calls per link after the first, the last one
// 1e6 ms with one thread; the first class at 1e9 requests/s (the design).
void graft_chain(json& version, int k, double calls) {
  json& cls = version["workload"][0];
  cls.erase("per_day");
  cls.erase("peak_factor");
  cls["per_second"] = 1e9;
  std::string prev = cls["entry"];
  for (int i = 0; i < k; ++i) {
    const std::string id = "x" + std::to_string(i);
    const bool last = i == k - 1;
    version["components"].push_back(
        {{"id", id},
         {"kind", "app_server"},
         {"params", {{"service_ms", last ? 1e6 : 1.0}, {"concurrency", last ? 1 : 16}}}});
    version["links"].push_back({{"from", prev}, {"to", id}, {"calls", i == 0 ? 1.0 : calls}});
    prev = id;
  }
}

json mutate(json doc, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const std::size_t count = 1 + pick(3);
  for (std::size_t m = 0; m < count; ++m) {
    const std::size_t kind = pick(10);
    json& version = doc["versions"][pick(doc["versions"].size())];
    if (kind < 4) {
      std::vector<json*> leaves;
      numeric_leaves(doc["versions"], leaves);
      *leaves[pick(leaves.size())] = kExtremes[pick(std::size(kExtremes))];
    } else if (kind < 5) {
      const double calls = pick(2) ? 1e4 : 1e3;
      for (auto& l : version["links"]) l["calls"] = calls;
    } else if (kind < 6) {
      const double ms = pick(2) ? 3.6e6 : 1e-9;
      for (auto& c : version["components"])
        if (c["kind"] != "users") c["params"]["service_ms"] = ms;
    } else if (kind < 8) {
      graft_chain(version, 3 + static_cast<int>(pick(78)), pick(2) ? 1e4 : 1e3);
    } else {
      std::vector<json*> leaves;
      string_leaves(version, leaves);
      const char* inserts[] = {"\u202e", std::string_view("\0", 1).data(), "\x1b[31m", "\u2066"};
      std::string s = *leaves[pick(leaves.size())];
      const std::size_t which = pick(std::size(inserts));
      s.insert(s.size() / 2, which == 1 ? std::string(1, '\0') : std::string(inserts[which]));
      *leaves[pick(leaves.size())] = s;
    }
  }
  return doc;
}

std::vector<std::vector<std::string>> commands(const std::string& file, const json& doc) {
  const auto& versions = doc["versions"];
  const std::string first = versions.front()["name"], last = versions.back()["name"];
  const auto& comps = versions.back()["components"];
  const std::string victim = comps.back()["id"];
  std::vector<std::vector<std::string>> out;
  for (const char* f : {"table", "json", "markdown"}) {
    out.push_back({"evaluate", file, "--all", "--format", f});
    out.push_back({"sweep", file, "--format", f});
    out.push_back({"compare", file, "--format", f});
    out.push_back({"diff", file, first, last, "--format", f});
    out.push_back({"availability", file, "--all", "--format", f});
    out.push_back({"what-if", file, "--crash", victim, "--spike", "1000", "--format", f});
    out.push_back({"impact", file, "--format", f});
    out.push_back({"chaos", file, "--format", f});
  }
  out.push_back({"compare", file, "--format", "csv"});
  out.push_back({"validate", file});
  return out;
}

// A raw control character other than a line break or tab, or a bidi control (U+202A–U+202E,
// U+2066–U+2069 are E2 80 AA–AE and E2 81 A6–A9 in UTF-8).
bool has_raw_control(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
    if (c == 0xE2 && i + 2 < s.size()) {
      const auto b = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
      if ((b == 0x80 && d >= 0xAA && d <= 0xAE) || (b == 0x81 && d >= 0xA6 && d <= 0xA9)) return true;
    }
  }
  return false;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "nan", "-nan", "inf" or "infinity" as a word of its own, in any case ("info" is not one).
bool has_non_finite_token(const std::string& s) {
  std::string lower(s);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const std::string word : {"nan", "infinity", "inf"}) {
    for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      if ((at == 0 || !is_letter(lower[at - 1])) && (end == lower.size() || !is_letter(lower[end])))
        return true;
    }
  }
  return false;
}

// The longest run of a digit followed by digits, dots and (outside CSV) thousands commas.
std::string longest_figure(const std::string& s, bool csv) {
  std::string best;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || (!csv && s[j] == ',')))
      ++j;
    if (j - i > best.size()) best = s.substr(i, j - i);
    i = j;
  }
  return best;
}

void fuzz_preset(const std::string& preset, unsigned seed, int mutants) {
  namespace fs = std::filesystem;
  const json original = json::parse(slurp(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/" + preset));
  std::mt19937 rng(seed);
  int valid = 0, refused = 0;
  for (int m = 0; m < mutants; ++m) {
    const json doc = mutate(original, rng);
    const fs::path file = fs::temp_directory_path() /
                          ("archbench_fuzz_" + std::to_string(::getpid()) + "_" + std::to_string(seed) +
                           "_" + std::to_string(m) + ".archbench.json");
    std::ofstream(file, std::ios::binary) << doc.dump();
    for (const auto& args : commands(file.string(), doc)) {
      const CliRun r = run_cli(args);
      INFO("seed " << seed << " mutant " << m << ": " << describe(args) << "\nstderr: " << r.err);
      REQUIRE(r.exited);
      // evaluate exits 5 on an unfinished version (a mutant that cut a route), after its figures.
      const bool ok = r.code == 0 || r.code == 1 || (args[0] == "chaos" && r.code == 3) ||
                      (args[0] == "evaluate" && r.code == 5);
      CHECK(ok);
      if (r.code == 1) CHECK(r.err.rfind(file.string() + ":", 0) == 0);
      CHECK_FALSE(has_non_finite_token(r.out));
      CHECK_FALSE(has_non_finite_token(r.err));
      const std::string all = r.out + r.err;
      const std::string figure = longest_figure(all, args.back() == "csv");  // commas split CSV cells
      INFO("longest figure: " << figure);
      CHECK(figure.size() <= 25);
      CHECK_FALSE(has_raw_control(all));
      if (args[0] == "validate") (r.code == 0 ? valid : refused)++;
    }
    fs::remove(file);
  }
  // Both kinds of mutant ran: some stayed valid (their figures were printed), some were refused.
  CHECK(valid > 0);
  CHECK(refused > 0);
}

}  // namespace

TEST_CASE("archbench-cli fuzz: mutated blog presets print only finite figures", "[cli][fuzz]") {
  fuzz_preset("blog.archbench.json", 15, 10);
}

TEST_CASE("archbench-cli fuzz: mutated image pipeline presets print only finite figures", "[cli][fuzz]") {
  fuzz_preset("image-pipeline.archbench.json", 1515, 10);
}
