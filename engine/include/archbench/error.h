#pragma once
// Errors the engine raises for bad input: each names the file and the place in it.
#include <stdexcept>
#include <string>
#include <vector>

namespace archbench {

// One problem found in an input, located by a JSON pointer ("/versions/0/links/2/to") or by
// line:column for syntax errors.
struct Diagnostic {
  std::string place;    // JSON pointer or "line:column"; empty when the whole file is meant
  std::string message;  // what is wrong, in words a user understands
};

// Thrown when a project or catalog file cannot be used. what() reads
// "FILE: PLACE: MESSAGE" for the first problem, followed by the others one per line.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::vector<Diagnostic> problems);
  InputError(std::string file, std::string place, std::string message);

  const std::string& file() const { return file_; }
  const std::vector<Diagnostic>& problems() const { return problems_; }

 private:
  std::string file_;
  std::vector<Diagnostic> problems_;
};

}  // namespace archbench
