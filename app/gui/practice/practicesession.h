#pragma once
// An interview-practice session on the open document: the scenario the attempt answers, the
// stage being worked on, the clock, the live check of the stage's version, hints, drills,
// estimates, Submit Stage and the final report card. Every figure and verdict is the engine's
// (archbench/practice.h, archbench/drills.h); the attempt's record lives in the document's
// project, so saving the document saves the session and opening it resumes it.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <optional>
#include <vector>

#include "archbench/drills.h"
#include "archbench/practice.h"
#include "archbench/scenario.h"
#include "document/document.h"

class PracticeSession : public QObject {
  Q_OBJECT

 public:
  explicit PracticeSession(Document* doc, QObject* parent = nullptr);

  // Where the scenarios are read from: archbench::default_scenarios_dir().
  static QString scenariosDir();

  // The document is an attempt whose scenario could be loaded.
  bool isActive() const { return scenario_.has_value(); }
  const archbench::Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  // Why the open attempt has no session (its scenario is missing or broken); empty otherwise.
  QString problem() const { return problem_; }

  // Starts a new attempt at `scenario` in the document (a new, unsaved project).
  void start(const archbench::Scenario& scenario);

  // The stage being worked on, 0-based; equal to stageCount() once every stage is submitted.
  int stage() const;
  int stageCount() const;
  bool isFinished() const { return isActive() && stage() >= stageCount(); }
  // The version answering the current stage (index stage()); -1 when finished or missing.
  int stageVersionIndex() const;
  QString stageVersionName() const;  // its name, or empty

  // The clock: time used in the attempt, counted while the session is active and not paused.
  double elapsedSeconds() const;
  double limitSeconds() const;
  bool isPaused() const { return paused_; }
  void setPaused(bool paused);

  // The live check of the current stage's version (check_stage), recomputed shortly after each
  // edit; null when there is none, and then liveError() says why (an invalid design).
  const archbench::StageCard* liveCard() const { return live_ ? &*live_ : nullptr; }
  QString liveError() const { return liveError_; }
  double liveMilliseconds() const { return liveMs_; }
  void recheckNow();  // the live check at once (tests; the panel waits for the debounce)

  // Back-of-the-envelope estimates (before the first stage's design).
  bool needsEstimates() const;  // the scenario asks for estimates, none given and not skipped
  std::vector<archbench::Check> submitEstimates(const std::map<std::string, double>& given);
  std::vector<archbench::Check> estimateChecks() const;  // of the recorded estimates
  void skipEstimates();

  // Hints of the current stage, in order: shown ones cost points.
  int hintsTaken() const;
  int hintCount() const;
  double nextHintCost() const;  // 0 when none is left
  QString takeHint();           // records it and returns its text
  QStringList shownHints() const;

  // Failure drills on the current stage's version; answers are recorded once each.
  std::vector<archbench::Drill> drills(QString* error = nullptr) const;
  std::optional<QString> answerOf(const QString& drillId) const;
  bool answerDrill(const archbench::Drill& drill, const QString& answer);  // true: correct

  // Freezes the current stage and grades it (the stage's card of grade(), with hint costs);
  // the next stage starts from a copy of its version at the next stage's traffic. nullopt when
  // the design cannot be graded (invalid): `error` says why and nothing changes.
  std::optional<archbench::StageCard> submitStage(QString* error = nullptr);
  // The whole attempt's report card (grade()); nullopt with `error` when it cannot be graded.
  std::optional<archbench::ReportCard> reportCard(QString* error = nullptr) const;
  // The attempt beside the reference: for each stage "Vn (you)" then "Vn (reference)", both at
  // the stage's traffic, for the comparison window.
  archbench::Project comparisonProject() const;

 signals:
  void sessionChanged();  // started, resumed, ended, stage or record changed
  void liveCheckUpdated();
  void ticked();  // once a second while the clock runs

 private:
  void documentReplaced();
  void scheduleCheck();
  void recordTime();
  archbench::PracticeRecord record() const;

  Document* doc_;
  std::optional<archbench::Scenario> scenario_;
  QString problem_;
  QString loadedFor_;  // the scenario id the session was set up for
  quint64 serial_ = 0;  // the document's project it was set up for (Document::projectSerial)
  bool ownReplace_ = false;  // the session itself is replacing the project
  double baseSeconds_ = 0;
  QElapsedTimer running_;
  bool paused_ = false;
  bool estimatesSkipped_ = false;
  QTimer clock_;
  QTimer check_;
  std::optional<archbench::StageCard> live_;
  QString liveError_;
  double liveMs_ = 0;
};
