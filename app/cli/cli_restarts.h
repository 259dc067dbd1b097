#pragma once
// simulate's --restart and --rolling-restart (repeatable, so taken out of argv before the other
// options are parsed): ID[=STARTUP]@START, e.g. --restart app@60s (new instances ready after
// 10 s), --restart app=20s@60s, --rolling-restart app=10s@60s (one instance every 10 s).
#include <string>
#include <vector>

#include "archbench/model.h"

namespace archbench::cli {

// Removes the restart options from argv and returns them in order; UsageError on a bad value.
std::vector<Restart> take_restart_options(std::vector<std::string>& argv);

}  // namespace archbench::cli
