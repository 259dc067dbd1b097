#pragma once
// The engine's messages name components by id, in double quotes ("fails at \"s3\""), as the
// CLI's users type them; where a person reads them in the app, each quoted id of a component
// of the version becomes its display name ("fails at \"S3 images\"").
#include <QString>
#include <string>

namespace archbench {
struct Version;
}

QString withNames(const std::string& engineText, const archbench::Version& version);
