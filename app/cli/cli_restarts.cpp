#include "cli_restarts.h"

#include "cli_common.h"

namespace archbench::cli {

namespace {

std::optional<double> time_of(const std::string& t) {
  if (t == "0" || t == "0s") return 0.0;
  return parse_duration(t);
}

Restart parse_restart(const std::string& flag, const std::string& value) {
  const std::string where = "--" + flag + " " + value;
  const auto at = value.rfind('@');
  if (at == std::string::npos)
    throw UsageError(where + ": expected ID@START or ID=STARTUP@START, such as app@60s or "
                             "app=10s@60s");
  Restart r;
  r.rolling = flag == "rolling-restart";
  std::string head = value.substr(0, at);
  const auto start = time_of(value.substr(at + 1));
  if (!start) throw UsageError(where + ": the start needs a time such as 60s, 5m or 1h");
  r.start_s = *start;
  if (const auto eq = head.find('='); eq != std::string::npos) {
    const auto startup = parse_duration(head.substr(eq + 1));
    if (!startup || !(*startup > 0))
      throw UsageError(where + ": the start-up time needs a time above 0, such as 10s");
    r.startup_s = *startup;
    head.erase(eq);
  }
  if (head.empty()) throw UsageError(where + ": name the component to restart");
  r.component = head;
  return r;
}

}  // namespace

std::vector<Restart> take_restart_options(std::vector<std::string>& argv) {
  std::vector<Restart> out;
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    std::string flag;
    std::string value;
    for (const char* name : {"restart", "rolling-restart"}) {
      const std::string dashed = std::string("--") + name;
      if (s == dashed) {
        if (i + 1 >= argv.size()) throw UsageError(dashed + " needs a value such as app@60s");
        flag = name;
        value = argv[++i];
      } else if (s.rfind(dashed + "=", 0) == 0) {
        flag = name;
        value = s.substr(dashed.size() + 1);
      }
    }
    if (flag.empty()) {
      kept.push_back(s);
      continue;
    }
    out.push_back(parse_restart(flag, value));
  }
  argv = std::move(kept);
  return out;
}

}  // namespace archbench::cli
