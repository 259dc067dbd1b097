#include "model/json_util.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <unordered_set>
#include <sstream>

#include "model/plain_text.h"

namespace archbench {

namespace {
// Messages quote what the file says (ids, keys, class names): escape control and bidirectional
// characters so that printing a message cannot hide or reorder its text on a terminal.
std::vector<Diagnostic> printable(std::vector<Diagnostic> problems) {
  for (auto& d : problems) {
    d.place = detail::printable_text(d.place);
    d.message = detail::printable_text(d.message, true);
  }
  return problems;
}

std::string join_problems(const std::string& file, const std::vector<Diagnostic>& problems) {
  std::string out;
  for (const auto& d : problems) {
    if (!out.empty()) out += '\n';
    out += file;
    if (!d.place.empty()) out += ": " + d.place;
    out += ": " + d.message;
  }
  if (out.empty()) out = file + ": invalid input";
  return out;
}
}  // namespace

InputError::InputError(std::string file, std::vector<Diagnostic> problems)
    : std::runtime_error(join_problems(detail::printable_text(file), printable(problems))),
      file_(std::move(file)),
      problems_(printable(std::move(problems))) {}

InputError::InputError(std::string file, std::string place, std::string message)
    : InputError(std::move(file), std::vector<Diagnostic>{{std::move(place), std::move(message)}}) {}

namespace detail {

std::string pointer_join(const std::string& base, const std::string& key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') escaped += "~0";
    else if (c == '/') escaped += "~1";
    else escaped += c;
  }
  return base + "/" + escaped;
}

std::string pointer_join(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(path.string(), "", "is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path.string(), "", std::string("cannot open file: ") + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(path.string(), "", "cannot read file");
  return ss.str();
}

namespace {
std::string line_col(const std::string& text, std::size_t byte) {
  if (byte > text.size()) byte = text.size();
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}
}  // namespace

// The JSON pointer of a duplicated key: nlohmann keeps the last value silently, which would
// hide a typo such as two "per_second" in one class. A SAX pass of its own over the text: the
// DOM parser's callback form erases discarded values by scanning the parent at every object's
// end, which is quadratic in an array's length (a 100,000-component file took seconds).
class DuplicateKeyFinder : public nlohmann::json_sax<json> {
 public:
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    stack_.push_back({false, 0, {}, {}});
    return true;
  }
  bool key(string_t& k) override {
    Frame& f = stack_.back();
    f.key = k;
    if (f.keys.insert(k).second) return true;
    duplicate_ = pointer();
    return false;  // the first duplicate is enough
  }
  bool end_object() override { return end(); }
  bool start_array(std::size_t) override {
    stack_.push_back({true, 0, {}, {}});
    return true;
  }
  bool end_array() override { return end(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;  // the DOM parse has reported syntax errors already
  }
  const std::string& duplicate() const { return duplicate_; }

 private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::unordered_set<std::string> keys;
  };
  bool value() {
    if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
    return true;
  }
  bool end() {
    stack_.pop_back();
    return value();
  }
  std::string pointer() const {
    std::string out;
    for (const Frame& f : stack_) out = f.array ? pointer_join(out, f.index) : pointer_join(out, f.key);
    return out;
  }
  std::vector<Frame> stack_;
  std::string duplicate_;
};

json parse_json_text(const std::string& text, const std::string& file) {
  try {
    json j = json::parse(text);
    DuplicateKeyFinder finder;
    json::sax_parse(text, &finder);
    if (!finder.duplicate().empty())
      throw InputError(file, finder.duplicate(), "this key appears twice in its object; keep one");
    return j;
  } catch (const json::out_of_range& e) {
    // "number overflow parsing '1e999'": locate the number to name its line and column.
    const std::string what = e.what();
    std::string place;
    auto q1 = what.find('\'');
    auto q2 = q1 == std::string::npos ? q1 : what.find('\'', q1 + 1);
    if (q2 != std::string::npos) {
      auto at = text.find(what.substr(q1 + 1, q2 - q1 - 1));
      if (at != std::string::npos) place = line_col(text, at);
    }
    throw InputError(file, place, "a number is too large to represent" +
                                      (q2 != std::string::npos ? ": " + what.substr(q1, q2 - q1 + 1) : ""));
  } catch (const json::parse_error& e) {
    const std::size_t byte = e.byte == 0 ? 0 : e.byte - 1;
    std::string what = e.what();
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1, ...: "
    auto pos = what.find(": syntax error");
    std::string detail = pos == std::string::npos ? what : what.substr(pos + 2);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) detail = "the file is empty";
    throw InputError(file, line_col(text, byte), "not valid JSON: " + detail);
  }
}

const char* json_type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

std::string number_text(double v) {
  std::ostringstream ss;
  ss.precision(12);
  ss << v;
  return ss.str();
}

bool get_string(const json& obj, const char* key, const std::string& at, Problems& p,
                std::string& out, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) p.add(at, std::string("missing \"") + key + "\"");
    return false;
  }
  if (!it->is_string()) {
    p.add(pointer_join(at, key), std::string("expected a string, found ") + json_type_name(*it));
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool get_number(const json& obj, const char* key, const std::string& at, Problems& p,
                double& out, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) p.add(at, std::string("missing \"") + key + "\"");
    return false;
  }
  if (!it->is_number()) {
    p.add(pointer_join(at, key), std::string("expected a number, found ") + json_type_name(*it));
    return false;
  }
  double v = it->get<double>();
  if (!std::isfinite(v)) {
    p.add(pointer_join(at, key), "the number is too large");
    return false;
  }
  out = v;
  return true;
}

bool get_bool(const json& obj, const char* key, const std::string& at, Problems& p, bool& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (!it->is_boolean()) {
    p.add(pointer_join(at, key), std::string("expected true or false, found ") +
                                     json_type_name(*it));
    return false;
  }
  out = it->get<bool>();
  return true;
}

bool get_int(const json& obj, const char* key, const std::string& at, Problems& p, int& out) {
  double v = 0;
  if (!get_number(obj, key, at, p, v, false)) return false;
  if (std::floor(v) != v) {
    p.add(pointer_join(at, key), "expected a whole number, found " + number_text(v));
    return false;
  }
  // Beyond ±1e9 no count in a project makes sense, and the value must fit an int.
  if (std::fabs(v) > 1e9) {
    p.add(pointer_join(at, key), "the number is too large");
    return false;
  }
  out = static_cast<int>(v);
  return true;
}

bool get_string_array(const json& obj, const char* key, const std::string& at, Problems& p,
                      std::vector<std::string>& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return false;
  const std::string where = pointer_join(at, key);
  if (!it->is_array()) {
    p.add(where, std::string("expected an array of strings, found ") + json_type_name(*it));
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    if (!e.is_string()) {
      p.add(pointer_join(where, i), std::string("expected a string, found ") + json_type_name(e));
      ok = false;
      continue;
    }
    out.push_back(e.get<std::string>());
  }
  return ok;
}

void reject_unknown_keys(const json& obj, std::initializer_list<const char*> allowed,
                         const std::string& at, Problems& p, const char* what) {
  reject_unknown_keys(obj, std::vector<const char*>(allowed), at, p, std::string(what));
}

void reject_unknown_keys(const json& obj, const std::vector<const char*>& allowed,
                         const std::string& at, Problems& p, const std::string& what) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      p.add(pointer_join(at, it.key()),
            std::string("unknown field \"") + it.key() + "\" in " + what + " (allowed: " + list +
                ")");
    }
  }
}

}  // namespace detail
}  // namespace archbench
