#pragma once
// A version's notes as the comparison shows them: the first line in a cell, the whole text in
// tooltips and panels, with the words that mark an evolution step ("Trigger:", "Decision:") in
// bold so that the reason for a version stands out.
#include <QString>
#include <string>

namespace version_notes {

QString first_line(const std::string& notes);
// Escaped HTML; newlines become line breaks.
QString html(const std::string& notes);
// Rich text, so that a long note wraps in the tooltip instead of running off the screen.
QString tooltip(const std::string& notes);

}  // namespace version_notes
