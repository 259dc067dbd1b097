#pragma once
// A report card on screen: the score against the pass mark, then every check — passed or not,
// the requirement, the engine's figure, the points and the reason naming the component — per
// stage, then the estimates and the drills. Texts follow the CLI's rules (score_text,
// check_figure_text, check_points_text), so the two read alike.
#include <QDialog>

#include "archbench/practice.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

class ReportCardDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ReportCardDialog(QWidget* parent = nullptr);

  void showStage(const QString& scenarioTitle, const archbench::StageCard& card, double passMark,
                 const QString& next);  // `next`: what happens now ("Stage 2 starts from V2")
  void showCard(const QString& scenarioTitle, const archbench::ReportCard& card);

  QLabel* headline() const { return headline_; }
  QTreeWidget* checks() const { return checks_; }

  // One row per check under `parent` (shared with the practice panel's live list).
  static void addChecks(QTreeWidgetItem* parent, const std::vector<archbench::Check>& checks);
  static QTreeWidgetItem* checkItem(const archbench::Check& check);

 private:
  void addStage(const archbench::StageCard& card);
  void finish();

  QLabel* headline_;
  QLabel* notes_;
  QTreeWidget* checks_;
};
