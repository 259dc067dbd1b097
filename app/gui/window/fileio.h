#pragma once
// File ▸ Import Diagram…, Export Diagram…, Export Report… and Export Costs…: the engine's and
// the CLI's own writers and readers (the report is archbench-cli report's code), so a file the
// app writes is the file the CLI writes.
#include <QString>

#include "archbench/costs.h"
#include "archbench/diagram.h"

class MainWindow;
class QMenu;

namespace fileio {

// Adds the four actions (objectNames importDiagram, exportDiagram, exportReport, exportCosts)
// to `file`, each with its file dialog.
void install(MainWindow* window, QMenu* file);

// The diagram at `path` as a new, unsaved project in the window; `summary` lists what was read
// and every guess. False with `error` (file, line and column) when it cannot be read.
bool importDiagram(MainWindow* window, const QString& path, QString* summary, QString* error);
// The current version in `format` (the file is written whole or not at all).
bool exportDiagram(const MainWindow* window, const QString& path, archbench::DiagramFormat format,
                   QString* error);
// The whole project as archbench-cli report writes it: HTML for *.html, Markdown for *.md.
bool exportReport(const MainWindow* window, const QString& path, QString* error);
// The current version's bill as CSV (archbench-cli costs --format csv).
bool exportCosts(const MainWindow* window, const QString& path, archbench::CostPeriod period,
                 QString* error);

}  // namespace fileio
