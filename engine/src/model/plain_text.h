#pragma once
// Text a user wrote that the engine prints back: ids, names, notes. Control characters and
// bidirectional controls are refused in them, and escaped wherever they would be printed.
#include <optional>
#include <string>

namespace archbench::detail {

// Why `text` cannot be an id or a name (or, with `multiline`, a note that may hold tabs and
// line breaks), naming the first offending character; nothing when it is plain text.
// Refused: C0 and C1 control characters and DEL, the bidirectional controls (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069), line and paragraph separators, and invalid UTF-8.
std::optional<std::string> text_problem(const std::string& text, bool multiline = false);

// `text` with every character text_problem would refuse written as \u202E (or \xFF for a
// byte that is not UTF-8), so that a message quoting it cannot reorder or hide what follows.
// Tabs and line breaks stay when `multiline`.
std::string printable_text(const std::string& text, bool multiline = false);

}  // namespace archbench::detail
