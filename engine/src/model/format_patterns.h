#pragma once
// Which parts of a project need format_version 4: the parameters of the patterns described in
// docs/PATTERNS.md (rate limits, connection limits and the connection pooler kind, …). A file declaring an older version cannot carry them (an
// older build would refuse them as unknown), and the writer writes 4 only when one is used.
#include <string>

#include "archbench/model.h"
#include "model/format_versions.h"

namespace archbench::detail {


// Whether a component parameter of this name first appeared in format_version 4.
bool is_format4_param(const std::string& name);
// Whether a kind of this name first appeared in format_version 4.
bool is_format4_kind(const std::string& kind);
// Whether the version uses anything of format_version 4.
bool uses_format4(const Version& v);

// Format 5: sharding and parallel fan-out (docs/PATTERNS.md#sharding).
bool is_format5_param(const std::string& name);
bool uses_format5(const Version& v);

}  // namespace archbench::detail
