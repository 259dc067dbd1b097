#pragma once
// The totals panel's lines for the patterns (docs/PATTERNS.md): each a figure of the engine's
// report, formatted by the engine (archbench/pattern_figures.h), the same string as the CLI's.
#include <QColor>
#include <QString>

#include "archbench/solver.h"

class Document;

namespace pattern_rows {

// One row per rate-limited component: its name (a link that selects it) and
// "limit 100 req/s, refuses 50 req/s (429)". Empty when the version has no limit.
QString rateLimitRows(const archbench::Report& report, const Document& doc);
// One row per component with max_connections: "limit 500 per node, pools hold 1,000 …", in
// `warning` colour when connections are refused. Empty when none has a limit.
QString connectionRows(const archbench::Report& report, const Document& doc, const QColor& warning);

}  // namespace pattern_rows
