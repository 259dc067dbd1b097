#include "archbench/data_dir.h"

#include <system_error>

namespace archbench {

namespace fs = std::filesystem;

fs::path installed_data_dir(const std::string& sub) {
  std::error_code ec;
  // /proc/self/exe names the program with its symbolic links resolved: <prefix>/bin/archbench.
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || !exe.has_parent_path()) return {};
  return exe.parent_path().parent_path() / "share" / "archbench" / sub;
}

fs::path source_data_dir(const std::string& sub) { return fs::path(ARCHBENCH_SOURCE_DIR) / sub; }

fs::path prefix_data_dir(const std::string& sub) {
  return fs::path(ARCHBENCH_INSTALL_PREFIX) / "share" / "archbench" / sub;
}

fs::path data_dir(const std::string& sub) {
  std::error_code ec;
  for (const fs::path& dir : {installed_data_dir(sub), source_data_dir(sub)}) {
    if (!dir.empty() && fs::is_directory(dir, ec)) return dir;
  }
  return prefix_data_dir(sub);
}

}  // namespace archbench
