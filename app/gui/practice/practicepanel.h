#pragma once
// The practice panel: the scenario and the stage being worked on (Markdown), the clock (pause,
// hide), the back-of-the-envelope estimates before the first design, the stage's requirements
// with their live checks (✓/✗ and the engine's figure; hideable for a blind attempt), hints,
// drills, Submit Stage, and at the end the report card and the comparison with the reference.
#include <QWidget>

#include "archbench/practice.h"

class PracticeSession;
class QCheckBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

class PracticePanel : public QWidget {
  Q_OBJECT

 public:
  explicit PracticePanel(PracticeSession* session, QWidget* parent = nullptr);

  QLabel* clockLabel() const { return clock_; }
  QPushButton* pauseButton() const { return pause_; }
  QLabel* checksLabel() const { return checks_; }  // the live checks, one row each
  QLabel* scoreLabel() const { return score_; }
  QLabel* stageLabel() const { return stage_; }
  QPushButton* submitButton() const { return submit_; }
  QPushButton* hintButton() const { return hint_; }
  QLabel* hintsLabel() const { return hints_; }
  QGroupBox* estimatesBox() const { return estimatesBox_; }
  QLineEdit* estimateField(const QString& id) const;
  QPushButton* checkEstimatesButton() const { return checkEstimates_; }
  QLabel* estimatesResult() const { return estimatesResult_; }

  // "12:34 / 45:00", "47:10 / 45:00 — 2:10 over" or "timer hidden".
  static QString clockText(double seconds, double limit);

 signals:
  void newSessionRequested();
  void submitRequested();
  void drillsRequested();
  void reportRequested();
  void compareRequested();

 private:
  void rebuild();  // the scenario or stage changed
  void refreshClock();
  void refreshChecks();
  void refreshHints();
  void buildEstimates();
  void checkEstimates();

  PracticeSession* session_;
  QStackedWidget* pages_;
  QLabel* idle_;
  QLabel* title_;
  QLabel* clock_;
  QPushButton* pause_;
  QToolButton* hideClock_;
  QLabel* stage_;
  QLabel* stageText_;
  QToolButton* statementToggle_;
  QTextBrowser* statement_;
  QGroupBox* estimatesBox_;
  QFormLayout* estimatesForm_;
  QPushButton* checkEstimates_;
  QPushButton* skipEstimates_;
  QLabel* estimatesResult_;
  QGroupBox* checksBox_;
  QCheckBox* hideChecks_;
  QLabel* checks_;
  QLabel* blind_;
  QLabel* score_;
  QPushButton* hint_;
  QPushButton* drills_;
  QPushButton* submit_;
  QLabel* hints_;
  QWidget* finished_;
  QString builtFor_;  // scenario id the estimates form was built for
};
