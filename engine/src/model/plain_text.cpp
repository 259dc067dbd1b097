#include "model/plain_text.h"

#include <cstdio>

namespace archbench::detail {

namespace {

// One UTF-8 sequence at `i`: its code point and length, or length 0 when the bytes are not a
// well-formed sequence (overlong forms, surrogates and values past U+10FFFF included).
struct Decoded {
  char32_t cp = 0;
  std::size_t length = 0;
};

Decoded decode(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return {b0, 1};
  std::size_t n = 0;
  char32_t cp = 0, min = 0;
  if ((b0 & 0xE0) == 0xC0) n = 2, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) n = 3, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) n = 4, cp = b0 & 0x07, min = 0x10000;
  else return {};
  if (i + n > s.size()) return {};
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, n};
}

// What kind of character a printed name must not hold, or nullptr.
const char* refused(char32_t cp, bool multiline) {
  if (multiline && (cp == '\n' || cp == '\t')) return nullptr;
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return "a control character";
  if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069))
    return "a bidirectional control (it reorders how the text around it is displayed)";
  if (cp == 0x2028 || cp == 0x2029) return "a line or paragraph separator";
  return nullptr;
}

std::string code_point_text(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

std::optional<std::string> text_problem(const std::string& text, bool multiline) {
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    if (d.length == 0) return std::string("is not valid UTF-8");
    if (const char* what = refused(d.cp, multiline))
      return "contains " + std::string(what) + ", " + code_point_text(d.cp) +
             (multiline ? "; only printable text, tabs and line breaks are allowed"
                        : "; ids and names must be printable text on one line");
    i += d.length;
  }
  return std::nullopt;
}

std::string printable_text(const std::string& text, bool multiline) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    char buf[16];
    if (d.length == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[i]));
      out += buf;
      ++i;
      continue;
    }
    if (refused(d.cp, multiline)) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(d.cp));
      out += buf;
    } else {
      out.append(text, i, d.length);
    }
    i += d.length;
  }
  return out;
}

}  // namespace archbench::detail
