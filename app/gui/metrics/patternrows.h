#pragma once
// The totals panel's lines for the patterns (docs/PATTERNS.md): each a figure of the engine's
// report, formatted by the engine (archbench/pattern_figures.h), the same string as the CLI's.
#include <QString>

#include "archbench/solver.h"

class Document;

namespace pattern_rows {

// One row per rate-limited component: its name (a link that selects it) and
// "limit 100 req/s, refuses 50 req/s (429)". Empty when the version has no limit.
QString rateLimitRows(const archbench::Report& report, const Document& doc);

}  // namespace pattern_rows
