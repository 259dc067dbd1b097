#pragma once
// The failure-analysis figures of the metrics panel, all from the engine's reports: the what-if
// scenario per request class (steady → scenario, side by side), its summary (fixed point,
// saturated cascade, backlogs, partitions), and the availability summary (single points of
// failure).
#include <QPalette>
#include <QString>
#include <vector>

#include "document/document.h"

class QTableWidget;

namespace scenario_figures {

enum ScenarioColumn { SName, SRate, SSuccess, SDegraded, SFailed, SMean, SP95, SDone, SWhy };

// "99.9% → 62.0%", or one figure when both read the same.
QString change(const QString& steady, const QString& faulted);
// The faults as the engine describes them, with the components' names: "crash PostgreSQL,
// slow Redis ×3".
QString title(const std::vector<archbench::Fault>& faults, const archbench::Version& version);

// The status bar's line for an active scenario: its faults and the class that loses the most
// requests (or, when none does, is slowed the most); every class's outcome in the tooltip.
struct StatusLine {
  QString text, tip;
};
StatusLine statusLine(const std::vector<archbench::Fault>& faults,
                      const archbench::Version& version, const archbench::WhatIfReport* report,
                      const std::vector<archbench::Diagnostic>& problems);

void setupTable(QTableWidget* table);
// One row per class: success, degraded, failed (%), answered mean and p95 (ms), each as
// steady → scenario, in the engine's words (figures.h: "≈" estimates, timeout ceilings); the
// completion of queued work (only when a class queues any); the reason a class fails. Empty
// without a report.
void fillTable(QTableWidget* table, const archbench::WhatIfReport* report, const archbench::Version& version,
               const QPalette& palette);

// Rich-text table rows (<tr>…</tr>): the fixed point's status, what is down, the saturated
// components in cascade order (links to their rows), backlogs and partitions.
QString summaryRows(const archbench::WhatIfReport& report, const Document& doc,
                    const QPalette& palette);
// The engine's cascade (figures.h) with the components' names, plain text: "PostgreSQL (down) →
// Gunicorn (saturated)"; empty when nothing cascades.
QString cascadeText(const archbench::WhatIfReport& report, const Document& doc);
// Why the scenario cannot be evaluated, as rows.
QString problemRows(const Document& doc, const QPalette& palette);
// The single points of failure and the classes they fail, as a row (links to their rows).
QString spofRow(const archbench::AvailabilityReport& availability, const Document& doc);

}  // namespace scenario_figures
