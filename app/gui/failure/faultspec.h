#pragma once
// A fault written on the command line, as the app's --fault option takes it:
//   crash:db   hang:db   lose:app=1   slow:db=3 (or 3x)   slow:db+20 (or db=+20ms, db=+0.02s)
//   flush:cache   flush:cache=0.2   cut:app->db (or app-db)   zone:eu-west-1a   spike:3
//   partition:db=0.3
// Values are spelt as archbench-cli what-if reads them, and a cut "a-b" is resolved as it does,
// against the version's links, so that a hyphen inside an id still splits it right.
#include <QString>
#include <optional>

#include "archbench/model.h"

namespace fault_spec {

// The fault, or nullopt with `error` saying what is wrong with the text.
std::optional<archbench::Fault> parse(const QString& spec, const archbench::Version& version,
                                      QString* error);

// The syntax above, for --help.
QString help();

}  // namespace fault_spec
