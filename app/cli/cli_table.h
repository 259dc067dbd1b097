#pragma once
// A column-aligned table rendered as plain text, Markdown or CSV.
#include <string>
#include <vector>

namespace archbench::cli {

struct Table {
  std::vector<std::string> headers;
  std::vector<bool> right;  // right-align this column (numbers)
  std::vector<std::vector<std::string>> rows;

  std::string text() const;
  std::string markdown() const;
  std::string csv() const;  // RFC 4180: fields with a comma, quote or newline are quoted
};

}  // namespace archbench::cli
