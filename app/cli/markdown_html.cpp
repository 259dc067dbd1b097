#include "markdown_html.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>
#include <vector>

#include "archbench/svg.h"

namespace archbench::cli {

namespace {

// Escapes the text, then **bold** and `code`.
std::string inline_html(const std::string& text) {
  const std::string t = xml_text(text);
  std::string out;
  bool bold = false, code = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!code && t.compare(i, 2, "**") == 0) {
      out += bold ? "</strong>" : "<strong>";
      bold = !bold;
      ++i;
    } else if (t[i] == '`') {
      out += code ? "</code>" : "<code>";
      code = !code;
    } else {
      out += t[i];
    }
  }
  if (code) out += "</code>";
  if (bold) out += "</strong>";
  return out;
}

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> out;
  std::string s = line;
  if (!s.empty() && s.front() == '|') s.erase(0, 1);
  if (!s.empty() && s.back() == '|') s.pop_back();
  std::string cell;
  std::stringstream ss(s);
  while (std::getline(ss, cell, '|')) {
    const auto b = cell.find_first_not_of(' ');
    const auto e = cell.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The leading percentage of a cell ("80%", "99.5% (100%)"), as a fraction; -1 when none.
double leading_share(const std::string& cell) {
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (end == cell.c_str() || *end != '%') return -1;
  return std::clamp(v / 100, 0.0, 1.0);
}

std::string table_html(const std::vector<std::string>& lines) {
  const auto headers = cells_of(lines[0]);
  const auto aligns = lines.size() > 1 ? cells_of(lines[1]) : std::vector<std::string>{};
  std::vector<bool> right(headers.size(), false), heat(headers.size(), false);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    right[c] = c < aligns.size() && ends_with(aligns[c], ":");
    heat[c] = ends_with(headers[c], "success");
  }
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < headers.size(); ++c)
    out += std::string(right[c] ? "<th class=\"num\">" : "<th>") + inline_html(headers[c]) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 2; r < lines.size(); ++r) {
    const auto cells = cells_of(lines[r]);
    out += "<tr>";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string attrs = c < right.size() && right[c] ? " class=\"num\"" : "";
      if (c < heat.size() && heat[c]) {
        const double share = leading_share(cells[c]);
        if (share >= 0) {
          // Red at 0% through amber to green at 100%.
          char style[64];
          std::snprintf(style, sizeof style, " style=\"background:hsl(%d,65%%,82%%)\"",
                        static_cast<int>(120 * share));
          attrs += style;
        }
      }
      out += "<td" + attrs + ">" + inline_html(cells[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string slug(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "section" : out;
}

std::string markdown_to_html(const std::string& markdown, int heading_shift) {
  std::vector<std::string> lines;
  {
    std::stringstream ss(markdown);
    std::string l;
    while (std::getline(ss, l)) lines.push_back(l);
  }
  std::string out;
  std::size_t i = 0;
  while (i < lines.size()) {
    const std::string& l = lines[i];
    if (l.find_first_not_of(' ') == std::string::npos) {
      ++i;
      continue;
    }
    if (l[0] == '#') {
      std::size_t level = l.find_first_not_of('#');
      const std::string text = l.substr(std::min(level + 1, l.size()));
      level = std::min<std::size_t>(6, level + static_cast<std::size_t>(heading_shift));
      const std::string n = std::to_string(level);
      out += "<h" + n + " id=\"" + slug(text) + "\">" + inline_html(text) + "</h" + n + ">\n";
      ++i;
    } else if (l[0] == '|') {
      std::vector<std::string> t;
      while (i < lines.size() && !lines[i].empty() && lines[i][0] == '|') t.push_back(lines[i++]);
      out += table_html(t);
    } else if (l.rfind("- ", 0) == 0) {
      out += "<ul>\n";
      while (i < lines.size() && (lines[i].rfind("- ", 0) == 0 || lines[i].rfind("  - ", 0) == 0)) {
        if (lines[i].rfind("  - ", 0) == 0) {
          out += "<ul>";
          while (i < lines.size() && lines[i].rfind("  - ", 0) == 0) out += "<li>" + inline_html(lines[i++].substr(4)) + "</li>";
          out += "</ul>\n";
        } else {
          out += "<li>" + inline_html(lines[i++].substr(2)) + "</li>\n";
        }
      }
      out += "</ul>\n";
    } else if (l[0] == '>') {
      out += "<blockquote>";
      while (i < lines.size() && !lines[i].empty() && lines[i][0] == '>') {
        const std::string& q = lines[i++];
        out += inline_html(q.substr(q.size() > 1 && q[1] == ' ' ? 2 : 1)) + " ";
      }
      out += "</blockquote>\n";
    } else {
      out += "<p>";
      bool first = true;
      while (i < lines.size() && lines[i].find_first_not_of(' ') != std::string::npos && lines[i][0] != '#' &&
             lines[i][0] != '|' && lines[i].rfind("- ", 0) != 0 && lines[i][0] != '>') {
        out += (first ? "" : "<br>\n") + inline_html(lines[i++]);
        first = false;
      }
      out += "</p>\n";
    }
  }
  return out;
}

}  // namespace archbench::cli
