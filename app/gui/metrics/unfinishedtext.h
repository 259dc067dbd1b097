#pragma once
// What the app says about an unfinished version, from the engine's partial evaluation
// (archbench/partial.h): the problems in the metrics panel, and at each component on the canvas
// and in the components table, with components named as the user named them. No figure here.
#include <QPalette>
#include <QString>
#include <QStringList>
#include <string>

class Document;
class QTableWidget;

namespace unfinished {

// The engine's message with each quoted component id ("app_server_3") read as the component's
// name ("API 3"): ids are the file's, names are what a person reads.
QString readable(const Document& doc, const std::string& message);
// The problems that concern the component, one line each (empty when none).
QStringList problemsAt(const Document& doc, const std::string& id);
// Its note (no traffic, not computed, partial), or empty.
QString noteAt(const Document& doc, const std::string& id);
// The rows under the totals: "Unfinished: 2 problems; …" and each problem at what it concerns,
// as HTML; empty when the version is complete. When the evaluation could not run at all, the
// engine's messages with their places.
QString problemsHtml(const Document& doc, const QPalette& palette);

// Rows for the classes left out, after the computed ones from `row` on: name, operation and
// rate, and "not computed" with the reason in each latency column from `first` to `last`.
void addLeftOutRows(QTableWidget* table, const Document& doc, int row, int nameColumn,
                    int opColumn, int rateColumn, int first, int last);
// A component's row: its problems and note in the name's tooltip (the name marked when it has a
// problem); "not computed" or "no traffic" in the utilization cell, as its note says.
void markComponentRow(QTableWidget* table, const Document& doc, int row, const std::string& id,
                      int nameColumn, int arrivalColumn, int utilColumn);

}  // namespace unfinished
