#pragma once
// Writing a whole text file so that a reader never sees half of it: the text goes to a
// temporary file beside the target, which then replaces the target in one rename.
#include <filesystem>
#include <string>

namespace archbench {

// Throws std::runtime_error naming `path` when the file cannot be written; the target is then
// unchanged and no temporary file is left behind.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace archbench
