#include "window/fileio.h"

#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>

#include "archbench/error.h"
#include "archbench/solver.h"
#include "archbench/text_file.h"
#include "cli_common.h"
#include "document/document.h"
#include "canvas/canvasview.h"
#include "window/mainwindow.h"

namespace fileio {

namespace {

std::string s(const QString& q) { return q.toStdString(); }

const char* const kDiagramFilters =
    "Mermaid flowchart (*.mmd);;Mermaid architecture-beta (*.mmd);;Graphviz DOT (*.dot *.gv)";

}  // namespace

bool importDiagram(MainWindow* window, const QString& path, QString* summary, QString* error) {
  std::ifstream in(s(path), std::ios::binary);
  if (!in) {
    if (error) *error = path + QObject::tr(": cannot read the file");
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const archbench::DiagramImport r =
        archbench::import_diagram(text.str(), s(path), window->document()->catalog());
    const archbench::Version& v = r.project.versions.front();
    const auto count = [](std::size_t n, const char* one, const char* many) {
      return QString::number(n) + " " + QObject::tr(n == 1 ? one : many);
    };
    QString out = QObject::tr("Read %1 (%2): %3, %4.")
                      .arg(path, QString::fromUtf8(archbench::diagram_format_name(r.format)),
                           count(v.components.size(), "component", "components"),
                           count(v.links.size(), "link", "links"));
    if (r.exact) {
      out += QObject::tr("\nEvery component and link came from its archbench lines: the version is as exported.");
    } else if (!r.guesses.empty()) {
      out += QObject::tr("\n\nGuesses (check them):");
      for (const auto& g : r.guesses) out += "\n• " + QString::fromStdString(g);
    }
    window->document()->replaceProject(r.project, false);
    window->view()->zoomToFit();
    if (summary) *summary = out;
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

bool exportDiagram(const MainWindow* window, const QString& path, archbench::DiagramFormat format,
                   QString* error) {
  const Document* doc = window->document();
  try {
    archbench::write_text_file(s(path), archbench::export_diagram(doc->version(), doc->project().name, format));
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

bool exportReport(const MainWindow* window, const QString& path, QString* error) {
  // The report reads a project file, as the CLI does: the document as it stands, in a
  // temporary one.
  QTemporaryDir dir;
  const QString project = dir.filePath("project.archbench.json");
  if (!dir.isValid() || !window->document()->writeCopy(project, error)) return false;
  try {
    std::ostringstream said;
    archbench::cli::cmd_report({s(project), "-o", s(path)}, said);
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

bool exportCosts(const MainWindow* window, const QString& path, archbench::CostPeriod period,
                 QString* error) {
  const Document* doc = window->document();
  if (!doc->report()) {
    if (error) *error = QObject::tr("The version has problems to fix first: there is no bill to export.");
    return false;
  }
  try {
    archbench::write_text_file(s(path), archbench::cost_csv(archbench::cost_lines(*doc->report(), period), period));
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

void install(MainWindow* window, QMenu* file) {
  auto add = [&](const char* name, const QString& text, const QString& tip, auto slot) {
    QAction* a = file->addAction(text, window, slot);
    a->setObjectName(name);
    a->setToolTip(tip);
    a->setStatusTip(tip);
  };
  add("importDiagram", QObject::tr("&Import Diagram…"),
      QObject::tr("A Mermaid flowchart, Mermaid architecture-beta or Graphviz DOT diagram as a new project"),
      [window] {
        const QString path = QFileDialog::getOpenFileName(
            window, QObject::tr("Import diagram"), QString(),
            QObject::tr("Diagrams (*.mmd *.mermaid *.dot *.gv);;All files (*)"));
        if (path.isEmpty() || !window->maybeSave()) return;
        QString summary, error;
        if (!importDiagram(window, path, &summary, &error)) {
          window->showError(QObject::tr("Could not import the diagram.\n\n%1").arg(error));
          return;
        }
        QMessageBox::information(window, QObject::tr("Diagram imported"), summary);
      });
  add("exportDiagram", QObject::tr("Export &Diagram…"),
      QObject::tr("The current version as Mermaid or DOT, its parameters kept in comments"), [window] {
        QString filter;
        const QString path = QFileDialog::getSaveFileName(window, QObject::tr("Export diagram"), QString(),
                                                          QObject::tr(kDiagramFilters), &filter);
        if (path.isEmpty()) return;
        const auto format = filter.contains("DOT") ? archbench::DiagramFormat::Dot
                            : filter.contains("architecture") ? archbench::DiagramFormat::MermaidArchitecture
                                                              : archbench::DiagramFormat::MermaidFlowchart;
        QString error;
        if (!exportDiagram(window, path, format, &error)) window->showError(error);
      });
  add("exportReport", QObject::tr("Export &Report…"),
      QObject::tr("Every version, table and chart in one HTML file (or Markdown) for a design review"),
      [window] {
        const QString path = QFileDialog::getSaveFileName(window, QObject::tr("Export report"), QString(),
                                                          QObject::tr("HTML (*.html);;Markdown (*.md)"));
        if (path.isEmpty()) return;
        QString error;
        if (!exportReport(window, path, &error)) window->showError(error);
      });
  add("exportCosts", QObject::tr("Export &Costs (CSV)…"),
      QObject::tr("The current version's bill per line item, per month, for a spreadsheet"), [window] {
        const QString path = QFileDialog::getSaveFileName(window, QObject::tr("Export costs"), QString(),
                                                          QObject::tr("CSV (*.csv)"));
        if (path.isEmpty()) return;
        QString error;
        if (!exportCosts(window, path, archbench::CostPeriod::Month, &error)) window->showError(error);
      });
}

}  // namespace fileio
