#include "cli_table.h"

#include <algorithm>

namespace archbench::cli {

namespace {

// Display width in code points: our cells hold UTF-8 such as "×", "≥" and "—".
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string pad(const std::string& s, std::size_t w, bool right) {
  const std::string fill(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

std::string Table::text() const {
  std::vector<std::size_t> w(headers.size(), 0);
  for (std::size_t c = 0; c < headers.size(); ++c) w[c] = width(headers[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < w.size(); ++c) w[c] = std::max(w[c], width(r[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < headers.size(); ++c) {
      if (c) out += "  ";
      const std::string cell = c < cells.size() ? cells[c] : "";
      out += pad(cell, w[c], c < right.size() && right[c]);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(headers);
  std::vector<std::string> rule;
  for (auto x : w) rule.push_back(std::string(x, '-'));
  out += line(rule);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string Table::markdown() const {
  auto escape = [](const std::string& s) {
    std::string o;
    for (char ch : s) {
      if (ch == '|') o += "\\|";
      else o += ch;
    }
    return o;
  };
  std::string out = "|";
  for (const auto& h : headers) out += " " + escape(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < headers.size(); ++c) out += (c < right.size() && right[c]) ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& r : rows) {
    out += "|";
    for (std::size_t c = 0; c < headers.size(); ++c) out += " " + escape(c < r.size() ? r[c] : "") + " |";
    out += "\n";
  }
  return out;
}

std::string Table::csv() const {
  auto field = [](const std::string& f) {
    if (f.find_first_of(",\"\n") == std::string::npos) return f;
    std::string q = "\"";
    for (char c : f) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < headers.size(); ++c) {
      if (c) out += ',';
      out += field(c < cells.size() ? cells[c] : "");
    }
    return out + "\n";
  };
  std::string out = line(headers);
  for (const auto& r : rows) out += line(r);
  return out;
}

}  // namespace archbench::cli
