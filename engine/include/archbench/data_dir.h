#pragma once
// Where ArchBench's shared data lives: the component catalog (components), the example projects
// and interview scenarios (presets) and the documentation (docs).
#include <filesystem>
#include <string>

namespace archbench {

// The folder `sub` of ArchBench's data, the first that exists of:
//   1. <prefix>/share/archbench/<sub>, where <prefix> is the folder above the running program's
//      own folder (read from /proc/self/exe): an installed copy finds its own data wherever it
//      was installed (`cmake --install build --prefix ANY`, the .deb's /usr);
//   2. the source tree's <sub> folder: a program run from its build tree finds its sources' data;
//   3. <CMAKE_INSTALL_PREFIX>/share/archbench/<sub>, the prefix configured at build time.
// When none exists the last is returned, so that a message names where the data should be.
std::filesystem::path data_dir(const std::string& sub);

// The candidates data_dir tries, in order (for messages and tests).
std::filesystem::path installed_data_dir(const std::string& sub);  // 1., empty if unknown
std::filesystem::path source_data_dir(const std::string& sub);     // 2.
std::filesystem::path prefix_data_dir(const std::string& sub);     // 3.

}  // namespace archbench
