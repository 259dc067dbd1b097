#include "practice/practicesession.h"

#include <QElapsedTimer>
#include <algorithm>
#include <exception>

#include "archbench/error.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QString& q) { return q.toStdString(); }

// "V<k>" with the smallest k above the version count that no version of `p` is named.
std::string next_name(const archbench::Project& p) {
  for (std::size_t k = p.versions.size() + 1;; ++k) {
    const std::string name = "V" + std::to_string(k);
    if (!p.version(name)) return name;
  }
}
}  // namespace

PracticeSession::PracticeSession(Document* doc, QObject* parent) : QObject(parent), doc_(doc) {
  clock_.setInterval(1000);
  connect(&clock_, &QTimer::timeout, this, &PracticeSession::ticked);
  check_.setSingleShot(true);
  check_.setInterval(120);  // a burst of edits (a drag, typing) checks once
  connect(&check_, &QTimer::timeout, this, &PracticeSession::recheckNow);
  connect(doc_, &Document::practiceChanged, this, &PracticeSession::documentReplaced);
  connect(doc_, &Document::evaluated, this, &PracticeSession::scheduleCheck);
  connect(doc_, &Document::versionsChanged, this, &PracticeSession::scheduleCheck);
  connect(doc_, &Document::aboutToSave, this, &PracticeSession::recordTime);
  documentReplaced();
}

QString PracticeSession::scenariosDir() { return q(archbench::default_scenarios_dir().string()); }

archbench::PracticeRecord PracticeSession::record() const {
  return doc_->practice().value_or(archbench::PracticeRecord{});
}

// The document's practice record changed: a file opened, a new project, a session started, a
// stage submitted, or a hint, estimate or drill answer recorded.
void PracticeSession::documentReplaced() {
  const auto& rec = doc_->practice();
  const QString id = rec ? q(rec->scenario) : QString();
  const bool sameProject = ownReplace_ || doc_->projectSerial() == serial_;
  serial_ = doc_->projectSerial();
  if (sameProject && id == loadedFor_) {
    if (isFinished()) setPaused(true);
    scheduleCheck();
    emit sessionChanged();
    return;
  }
  // Another attempt (or none): set the session up afresh. A reopened attempt starts paused, so
  // that reading it costs no time; Resume goes on from the time it had.
  scenario_.reset();
  problem_.clear();
  live_.reset();
  liveError_.clear();
  loadedFor_ = id;
  estimatesSkipped_ = false;
  clock_.stop();
  paused_ = true;
  baseSeconds_ = rec ? rec->time_used_s : 0;
  if (rec) {
    try {
      scenario_ = archbench::find_scenario(rec->scenario, archbench::default_scenarios_dir(), doc_->catalog());
    } catch (const std::exception& e) {
      problem_ = tr("This attempt answers the scenario \"%1\", which cannot be loaded:\n%2")
                     .arg(id, QString::fromUtf8(e.what()));
    }
  }
  if (scenario_) clock_.start();
  recheckNow();
  emit sessionChanged();
}

void PracticeSession::start(const archbench::Scenario& scenario) {
  // The scenario is set before the document changes, so that the change is this session's.
  scenario_ = scenario;
  problem_.clear();
  loadedFor_ = q(scenario.id);
  estimatesSkipped_ = false;
  baseSeconds_ = 0;
  paused_ = true;
  ownReplace_ = true;
  doc_->replaceProject(archbench::start_attempt(scenario), false);
  ownReplace_ = false;
  setPaused(false);
  clock_.start();
  recheckNow();
  emit sessionChanged();
}

int PracticeSession::stage() const {
  const auto& rec = doc_->practice();
  return rec ? std::clamp(rec->stage_reached, 0, stageCount()) : 0;
}

int PracticeSession::stageCount() const {
  return scenario_ ? static_cast<int>(scenario_->stages.size()) : 0;
}

int PracticeSession::stageVersionIndex() const {
  if (!isActive() || isFinished()) return -1;
  return stage() < doc_->versionCount() ? stage() : -1;
}

QString PracticeSession::stageVersionName() const {
  const int index = stageVersionIndex();
  return index < 0 ? QString() : q(doc_->project().versions[index].name);
}

double PracticeSession::elapsedSeconds() const {
  return baseSeconds_ + (paused_ || !running_.isValid() ? 0.0 : static_cast<double>(running_.elapsed()) / 1000.0);
}

double PracticeSession::limitSeconds() const { return scenario_ ? scenario_->time_limit_min * 60 : 0; }

void PracticeSession::setPaused(bool paused) {
  if (paused == paused_) return;
  if (!paused && (!isActive() || isFinished())) return;  // a finished attempt's clock has stopped
  if (paused) {
    baseSeconds_ = elapsedSeconds();
    paused_ = true;
  } else {
    running_.restart();
    paused_ = false;
  }
  emit sessionChanged();
}

void PracticeSession::recordTime() {
  if (isActive()) doc_->setPracticeTime(elapsedSeconds());
}

void PracticeSession::scheduleCheck() {
  if (isActive()) check_.start();
}

void PracticeSession::recheckNow() {
  check_.stop();
  live_.reset();
  liveError_.clear();
  const int index = stageVersionIndex();
  if (isActive() && !isFinished()) {
    if (index < 0) {
      liveError_ = tr("The attempt has no version for stage %1; it needs V%1.").arg(stage() + 1);
    } else {
      QElapsedTimer t;
      t.start();
      const auto& versions = doc_->project().versions;
      try {
        live_ = archbench::check_stage(*scenario_, static_cast<std::size_t>(index), versions[index],
                                       doc_->catalog(), index > 0 ? &versions[index - 1] : nullptr);
      } catch (const std::exception& e) {
        liveError_ = QString::fromUtf8(e.what());
      }
      liveMs_ = static_cast<double>(t.nsecsElapsed()) / 1e6;
    }
  }
  emit liveCheckUpdated();
}

bool PracticeSession::needsEstimates() const {
  return isActive() && !scenario_->estimates.empty() && record().estimates.empty() && stage() == 0 &&
         !estimatesSkipped_;
}

std::vector<archbench::Check> PracticeSession::submitEstimates(const std::map<std::string, double>& given) {
  if (!isActive()) return {};
  auto rec = record();
  rec.estimates = given;
  doc_->setPractice(rec);
  return estimateChecks();
}

std::vector<archbench::Check> PracticeSession::estimateChecks() const {
  if (!isActive()) return {};
  return archbench::grade_estimates(*scenario_, record().estimates);
}

void PracticeSession::skipEstimates() {
  estimatesSkipped_ = true;
  emit sessionChanged();
}

int PracticeSession::hintsTaken() const {
  const auto rec = record();
  const auto i = static_cast<std::size_t>(stage());
  return i < rec.hints_taken.size() ? rec.hints_taken[i] : 0;
}

int PracticeSession::hintCount() const {
  if (!isActive() || isFinished()) return 0;
  return static_cast<int>(scenario_->stages[static_cast<std::size_t>(stage())].hints.size());
}

double PracticeSession::nextHintCost() const {
  const int taken = hintsTaken();
  if (taken >= hintCount()) return 0;
  const auto i = static_cast<std::size_t>(stage());
  return archbench::hint_cost(*scenario_, i, taken + 1) - archbench::hint_cost(*scenario_, i, taken);
}

QString PracticeSession::takeHint() {
  const int taken = hintsTaken();
  if (taken >= hintCount()) return {};
  auto rec = record();
  const auto i = static_cast<std::size_t>(stage());
  if (rec.hints_taken.size() <= i) rec.hints_taken.resize(i + 1, 0);
  rec.hints_taken[i] = taken + 1;
  doc_->setPractice(rec);
  return shownHints().value(taken);
}

QStringList PracticeSession::shownHints() const {
  QStringList out;
  const int index = stageVersionIndex();
  const archbench::Version* v = index >= 0 ? &doc_->project().versions[index] : nullptr;
  for (int k = 0; k < hintsTaken() && k < hintCount(); ++k) {
    try {
      out << q(archbench::hint_text(*scenario_, static_cast<std::size_t>(stage()), static_cast<std::size_t>(k), v,
                                    doc_->catalog()));
    } catch (const std::exception& e) {
      out << tr("(This hint needs a valid design: %1)").arg(QString::fromUtf8(e.what()));
    }
  }
  return out;
}

std::vector<archbench::Drill> PracticeSession::drills(QString* error) const {
  const int index = stageVersionIndex();
  if (index < 0) {
    if (error) *error = tr("There is no stage being worked on.");
    return {};
  }
  try {
    return archbench::generate_drills(*scenario_, static_cast<std::size_t>(index),
                                      doc_->project().versions[index], doc_->catalog());
  } catch (const std::exception& e) {
    if (error) *error = tr("Drills need a valid design. %1").arg(QString::fromUtf8(e.what()));
    return {};
  }
}

std::optional<QString> PracticeSession::answerOf(const QString& drillId) const {
  for (const auto& a : record().drills)
    if (q(a.id) == drillId) return q(a.answer);
  return std::nullopt;
}

bool PracticeSession::answerDrill(const archbench::Drill& drill, const QString& answer) {
  if (!answerOf(q(drill.id))) {
    auto rec = record();
    rec.drills.push_back({drill.id, s(answer)});
    doc_->setPractice(rec);
  }
  return archbench::drill_answer_correct(drill, s(*answerOf(q(drill.id))));
}

std::optional<archbench::StageCard> PracticeSession::submitStage(QString* error) {
  auto fail = [&](const QString& why) -> std::optional<archbench::StageCard> {
    if (error) *error = why;
    return std::nullopt;
  };
  const int index = stageVersionIndex();
  if (index < 0) return fail(isFinished() ? tr("Every stage is submitted.") : liveError_);
  archbench::Project p = doc_->project();
  p.practice = record();
  p.practice->time_used_s = elapsedSeconds();
  std::optional<archbench::StageCard> card;
  try {
    card = archbench::grade(*scenario_, p, doc_->catalog()).stages.at(static_cast<std::size_t>(index));
  } catch (const std::exception& e) {
    return fail(tr("%1 cannot be graded yet. %2")
                    .arg(q(p.versions[index].name), QString::fromUtf8(e.what())));
  }
  p.practice->stage_reached = index + 1;
  const auto next = static_cast<std::size_t>(index + 1);
  if (next < scenario_->stages.size() && p.versions.size() <= next)
    p.versions.push_back(archbench::next_stage_version(*scenario_, next, p.versions[index], next_name(p)));
  const bool wasPaused = paused_;
  baseSeconds_ = elapsedSeconds();
  paused_ = true;
  ownReplace_ = true;
  doc_->replaceProject(std::move(p), true);
  ownReplace_ = false;
  if (!isFinished() && !wasPaused) setPaused(false);
  if (isFinished()) clock_.stop();
  recheckNow();
  emit sessionChanged();
  return card;
}

std::optional<archbench::ReportCard> PracticeSession::reportCard(QString* error) const {
  if (!isActive()) return std::nullopt;
  archbench::Project p = doc_->project();
  p.practice = record();
  p.practice->time_used_s = elapsedSeconds();
  try {
    return archbench::grade(*scenario_, p, doc_->catalog());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return std::nullopt;
  }
}

archbench::Project PracticeSession::comparisonProject() const {
  archbench::Project out;
  if (!isActive()) return out;
  const auto& attempt = doc_->project();
  out.name = scenario_->title + " — your attempt and the reference";
  for (std::size_t i = 0; i < scenario_->stages.size(); ++i) {
    if (i < attempt.versions.size()) {
      auto v = archbench::stage_version(*scenario_, i, attempt.versions[i]);
      v.name = attempt.versions[i].name + " (you)";
      out.versions.push_back(std::move(v));
    }
    if (i < scenario_->reference.versions.size()) {
      auto r = archbench::stage_version(*scenario_, i, scenario_->reference.versions[i]);
      r.name = scenario_->reference.versions[i].name + " (reference)";
      out.versions.push_back(std::move(r));
    }
  }
  return out;
}
