#pragma once
// Practice ▸ New Session…: the scenarios (title, difficulty, topics, stages, time limit) with
// the statement of the one selected; Start begins an attempt at it.
#include <QDialog>
#include <optional>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/scenario.h"

class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;

class NewSessionDialog : public QDialog {
  Q_OBJECT

 public:
  // Reads every scenario of `dir`; when one cannot be read, the dialog says which and why.
  NewSessionDialog(const archbench::Catalog& catalog, const QString& dir, QWidget* parent = nullptr);

  const std::vector<archbench::Scenario>& scenarios() const { return scenarios_; }
  QString problem() const { return problem_; }  // why no scenario could be listed
  QTableWidget* table() const { return table_; }
  void selectScenario(const QString& id);
  const archbench::Scenario* selected() const;

 private:
  void showSelected();

  std::vector<archbench::Scenario> scenarios_;
  QString problem_;
  QTableWidget* table_;
  QTextBrowser* statement_;
  QPushButton* start_ = nullptr;
};
