#include "archbench/text_file.h"

#include <fstream>
#include <random>
#include <stdexcept>
#include <system_error>

namespace archbench {

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw std::runtime_error(path.string() + ": cannot write (cannot create a temporary file beside it)");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(tmp);
      throw std::runtime_error(path.string() + ": cannot write (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw std::runtime_error(path.string() + ": cannot replace the file: " + ec.message());
  }
}

}  // namespace archbench
