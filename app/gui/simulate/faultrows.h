#pragma once
// The faults of a simulation, one row each: the what-if fault, what it strikes (chosen from the
// version's components, links or zones, never typed), its value (slow ×, lose N, flush hit
// ratio, spike ×) and its window of simulated time. Each row reads as the command line spells it
// (`--crash db@60s-300s`), the same option archbench-cli simulate takes.
#include <QWidget>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/simulate.h"

class QTableWidget;

class FaultRows : public QWidget {
  Q_OBJECT

 public:
  FaultRows(const archbench::Version& version, const archbench::Catalog& catalog,
            QWidget* parent = nullptr);

  // Adds a row (the fault's type as archbench-cli spells it: "crash", "slow", "cut", …, or
  // "slow +ms" for a delay added to each visit, --slow ID=+MS; target
  // an id, "from->to" for a cut, a zone's name; empty: the first that fits). False when the type
  // is unknown or has nothing to strike in this version.
  bool addFault(const QString& type, const QString& target, double value, double start_s,
                double end_s);
  int count() const;
  void clear();
  QTableWidget* table() const { return table_; }

  // The faults in the engine's terms (each lasting its window, as the CLI sets them).
  std::vector<archbench::TimedFault> faults() const;
  // As archbench-cli simulate's options, e.g. "--crash db@60s-300s", "--slow app=3x@10s-20s".
  QStringList spellings() const;
  // Empty when every row is usable; otherwise which row and why.
  QString problem(double end_of_run_s) const;

 private:
  void fillTargets(int row);
  QString type(int row) const;
  QString target(int row) const;
  double number(int row, int column) const;

  const archbench::Version& version_;
  const archbench::Catalog& catalog_;
  QTableWidget* table_;
};
