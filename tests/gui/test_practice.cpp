// GUI tests for practice mode: a session on the url-shortener scenario driven through the main
// window's practice mode and panel on the offscreen platform — the clock, the estimates form
// (bad input included), a live check that follows an edit, a hint's cost, a drill answer,
// Submit Stage (report card with the engine's figures, V2 made, V1 frozen) and a saved attempt
// that reopens where it was. Every expected figure is recomputed here with the engine's own
// functions (grade, check_stage, hint_cost), so the test checks that the app shows them.
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <cmath>
#include <optional>

#include "archbench/drills.h"
#include "archbench/practice.h"
#include "document/document.h"
#include "gui_fixture.h"
#include "practice/drillsdialog.h"
#include "practice/practicemode.h"
#include "practice/practicepanel.h"
#include "practice/practicesession.h"
#include "practice/reportcard.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

struct PracticeWindow : Window {
  QStringList confirmations;
  PracticeWindow() {
    w.confirm = [this](const QString& question) {
      confirmations << question;
      return true;
    };
  }
  Document* doc() const { return w.document(); }
  PracticeMode* mode() const { return w.practice(); }
  PracticeSession* session() const { return w.practice()->session(); }
  PracticePanel* panel() const { return w.practice()->panel(); }
};

// The check of `category` in a card whose requirement mentions `about`, or null.
const archbench::Check* find_check(const std::vector<archbench::Check>& checks, const std::string& category,
                                   const std::string& about = {}) {
  for (const auto& c : checks)
    if (c.category == category && c.requirement.find(about) != std::string::npos) return &c;
  return nullptr;
}

// One app server in front of one database, users calling the app server: the simplest design
// that serves both url-shortener classes.
void build_simple_design(Document* doc) {
  const QString app = doc->addComponent("app_server", QPointF(300, 100));
  const QString db = doc->addComponent("database", QPointF(500, 100));
  QString reason;
  QVERIFY2(doc->addLink("users", app, &reason), qPrintable(reason));
  QVERIFY2(doc->addLink(app, db, &reason), qPrintable(reason));
}

// The row of the report card's tree whose requirement column is `requirement`.
QTreeWidgetItem* card_row(QTreeWidget* tree, const QString& requirement) {
  const auto found = tree->findItems(requirement, Qt::MatchExactly | Qt::MatchRecursive, 1);
  return found.isEmpty() ? nullptr : found.front();
}

}  // namespace

class TestPractice : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void sessionStartsWithTheClockRunningAndPauses();
  void estimatesRefuseWhatIsNotAFigureAndGradeTheRest();
  void liveCheckFollowsAnEdit();
  void hintCostsItsPointsInTheSubmittedCard();
  void drillAnswerIsGradedByTheEngine();
  void submitShowsTheEnginesCardMakesV2AndFreezesV1();
  void savedAttemptReopensWhereItWas();
  void unknownScenarioIsRefusedWithItsName();
  void givenStartingDesignIsOnTheCanvas();
};

void TestPractice::initTestCase() {
  qputenv("ARCHBENCH_SCENARIOS", ARCHBENCH_TEST_PRESETS_DIR "/scenarios");
}

void TestPractice::sessionStartsWithTheClockRunningAndPauses() {
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("url-shortener"));
  PracticeSession* s = win.session();
  QVERIFY(s->isActive());
  QCOMPARE(q(s->scenario()->id), QString("url-shortener"));
  QCOMPARE(s->stage(), 0);
  QCOMPARE(s->stageCount(), 2);
  QCOMPARE(win.doc()->versionCount(), 1);
  QCOMPARE(s->stageVersionName(), QString("V1"));
  QVERIFY(win.mode()->dock()->isVisible());
  QVERIFY(win.panel()->stageLabel()->text().contains("Launch"));

  // The clock runs from the start…
  QVERIFY(!s->isPaused());
  QTRY_VERIFY(s->elapsedSeconds() > 0.05);
  QCOMPARE(s->limitSeconds(), 45.0 * 60);
  // …stops on Pause (the button), keeping the time used…
  QTest::mouseClick(win.panel()->pauseButton(), Qt::LeftButton);
  QVERIFY(s->isPaused());
  const double paused_at = s->elapsedSeconds();
  QTest::qWait(120);
  QCOMPARE(s->elapsedSeconds(), paused_at);
  QCOMPARE(win.panel()->clockLabel()->text(), PracticePanel::clockText(paused_at, s->limitSeconds()));
  // …and goes on from there on Resume.
  QTest::mouseClick(win.panel()->pauseButton(), Qt::LeftButton);
  QVERIFY(!s->isPaused());
  QTRY_VERIFY(s->elapsedSeconds() > paused_at + 0.05);

  // The clock's text: minutes and seconds of the limit, and the overrun once past it.
  QCOMPARE(PracticePanel::clockText(754, 2700), QString("12:34 / 45:00"));
  QVERIFY(PracticePanel::clockText(2830, 2700).contains("2:10 over"));
}

void TestPractice::estimatesRefuseWhatIsNotAFigureAndGradeTheRest() {
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("url-shortener"));
  PracticeSession* s = win.session();
  QVERIFY(s->needsEstimates());
  PracticePanel* p = win.panel();
  QVERIFY(p->estimatesBox()->isVisible());
  QLineEdit* qps = p->estimateField("peak_qps");
  QLineEdit* storage = p->estimateField("storage_per_year");
  QLineEdit* bandwidth = p->estimateField("bandwidth");
  QVERIFY(qps && storage && bandwidth);

  // Bad input is refused with what was typed and the question, and nothing is recorded.
  for (const QString bad : {"abc", "-5", "3.5x", "1e999"}) {
    qps->setText(bad);
    QTest::mouseClick(p->checkEstimatesButton(), Qt::LeftButton);
    QVERIFY2(p->estimatesResult()->text().contains("\"" + bad + "\""), qPrintable(p->estimatesResult()->text()));
    QVERIFY(s->needsEstimates());
    QVERIFY(!qps->isReadOnly());
  }
  // Nothing typed at all: asked for one figure.
  qps->clear();
  QTest::mouseClick(p->checkEstimatesButton(), Qt::LeftButton);
  QVERIFY(p->estimatesResult()->text().contains("at least one"));
  QVERIFY(s->needsEstimates());

  // "3.5k" is 3,500 req/s: within 25% of 100M/86,400 s × 3 ≈ 3,472. "1e3" GB a year is far from
  // 1M × 365 × 0.5 KB ≈ 182.5 GB; bandwidth left blank is a missing estimate.
  qps->setText("3.5k");
  storage->setText("1e3");
  QTest::mouseClick(p->checkEstimatesButton(), Qt::LeftButton);
  QVERIFY(!s->needsEstimates());
  const auto checks = s->estimateChecks();
  const auto expected = archbench::grade_estimates(*s->scenario(), {{"peak_qps", 3500}, {"storage_per_year", 1000}});
  QCOMPARE(checks.size(), std::size_t{3});
  QCOMPARE(checks.size(), expected.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    QCOMPARE(checks[i].passed, expected[i].passed);
    QCOMPARE(checks[i].points, expected[i].points);
    QVERIFY(p->estimatesResult()->text().contains(q(expected[i].reason)));
  }
  QVERIFY(checks[0].passed);
  QVERIFY(!checks[1].passed);
  QVERIFY(!checks[2].passed);
  QVERIFY(qps->isReadOnly());
  QVERIFY(!p->checkEstimatesButton()->isEnabled());
}

void TestPractice::liveCheckFollowsAnEdit() {
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("url-shortener"));
  PracticeSession* s = win.session();
  s->recheckNow();
  // V1 holds only the users: nothing answers redirect.
  QVERIFY(s->liveCard());
  const archbench::Check* served = find_check(s->liveCard()->checks, "served", "redirect");
  QVERIFY(served);
  QVERIFY(!served->passed);
  const QString before = win.panel()->checksLabel()->text();
  QVERIFY2(before.contains("✗"), qPrintable(before));

  build_simple_design(win.doc());
  // The live check follows without being asked (after its short debounce).
  QTRY_VERIFY(s->liveCard() && find_check(s->liveCard()->checks, "served", "redirect")->passed);
  // It is check_stage on the document's version, figure for figure.
  const archbench::StageCard expected =
      archbench::check_stage(*s->scenario(), 0, win.doc()->version(), catalog());
  const archbench::StageCard& live = *s->liveCard();
  QCOMPARE(live.checks.size(), expected.checks.size());
  for (std::size_t i = 0; i < live.checks.size(); ++i) {
    QCOMPARE(q(live.checks[i].requirement), q(expected.checks[i].requirement));
    QCOMPARE(live.checks[i].passed, expected.checks[i].passed);
    QCOMPARE(live.checks[i].figure.has_value(), expected.checks[i].figure.has_value());
  }
  const archbench::Check* p99 = find_check(live.checks, "latency", "redirect p99");
  QVERIFY(p99 && p99->figure);
  // The panel shows the requirement and the figure as the engine words them.
  const QString after = win.panel()->checksLabel()->text();
  QVERIFY(after != before);
  QVERIFY2(after.contains(q(p99->requirement).toHtmlEscaped()), qPrintable(after));
  QVERIFY2(after.contains(q(archbench::check_figure_text(*p99))), qPrintable(after));
  QVERIFY(win.panel()->scoreLabel()->text().contains(q(archbench::score_text(live.score))));
}

void TestPractice::hintCostsItsPointsInTheSubmittedCard() {
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("url-shortener"));
  PracticeSession* s = win.session();
  s->skipEstimates();
  build_simple_design(win.doc());
  s->recheckNow();
  const double plain = s->liveCard()->score;

  QCOMPARE(s->hintsTaken(), 0);
  QCOMPARE(s->hintCount(), 2);
  const double cost = archbench::hint_cost(*s->scenario(), 0, 1);
  QCOMPARE(cost, 2.0);  // the first Launch hint costs 2 points (url-shortener.json)
  QCOMPARE(s->nextHintCost(), cost);
  QTest::mouseClick(win.panel()->hintButton(), Qt::LeftButton);
  QCOMPARE(s->hintsTaken(), 1);
  QVERIFY(win.panel()->hintsLabel()->text().contains("start simple"));

  const auto card = s->submitStage();
  QVERIFY(card);
  const archbench::Check* hint = find_check(card->checks, "hint");
  QVERIFY(hint);
  QCOMPARE(hint->points, -cost);
  // The same design scored without the hint, less the hint's points out of the same maximum.
  double max = 0;
  for (const auto& c : card->checks) max += c.max_points;
  QVERIFY(max > 0);
  QVERIFY(std::abs(card->score - (plain - 100.0 * cost / max)) < 1e-9);
}

void TestPractice::drillAnswerIsGradedByTheEngine() {
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("url-shortener"));
  PracticeSession* s = win.session();
  build_simple_design(win.doc());
  win.mode()->showDrills();
  DrillsDialog* d = win.mode()->drillsDialog();
  QVERIFY(d && d->isVisible());
  const auto expected = archbench::generate_drills(*s->scenario(), 0, win.doc()->version(), catalog());
  QCOMPARE(d->drills().size(), expected.size());
  QVERIFY(d->drills().size() >= 2);
  // The first drill answered right, the second wrong: each revealed with the engine's answer.
  const archbench::Drill first = d->drills()[0];
  QVERIFY(d->answer(0, q(first.answer)));
  QVERIFY(d->resultLabel(0)->text().startsWith("✓"));
  QCOMPARE(s->answerOf(q(first.id)), std::optional<QString>(q(first.answer)));
  const archbench::Drill second = d->drills()[1];
  QString wrong;
  for (const auto& c : second.choices)
    if (!archbench::drill_answer_correct(second, c)) wrong = q(c);
  if (wrong.isEmpty()) wrong = "none of these";
  QVERIFY(!d->answer(1, wrong));
  QVERIFY(d->resultLabel(1)->text().contains(q(second.answer)));
  // An answer is recorded once: answering again does not change it.
  d->answer(1, q(second.answer));
  QCOMPARE(s->answerOf(q(second.id)), std::optional<QString>(wrong));

  // The report card counts them: the drills section of grade() on the document's project.
  QString error;
  const auto card = s->reportCard(&error);
  QVERIFY2(card, qPrintable(error));
  const auto graded = archbench::grade(*s->scenario(), win.doc()->project(), catalog());
  QCOMPARE(card->drills.size(), graded.drills.size());
  QCOMPARE(card->drills.size(), std::size_t{2});
  QVERIFY(card->drills[0].passed != card->drills[1].passed);
}

void TestPractice::submitShowsTheEnginesCardMakesV2AndFreezesV1() {
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("url-shortener"));
  PracticeSession* s = win.session();
  s->skipEstimates();
  build_simple_design(win.doc());
  const archbench::Project before = win.doc()->project();

  QTest::mouseClick(win.panel()->submitButton(), Qt::LeftButton);
  QCOMPARE(win.confirmations.size(), 1);
  QVERIFY(win.confirmations[0].contains("V1"));
  ReportCardDialog* report = win.mode()->reportDialog();
  QVERIFY(report && report->isVisible());

  // The card is grade()'s first stage on the submitted project, and reads as the CLI's does.
  const archbench::ReportCard graded = archbench::grade(*s->scenario(), before, catalog());
  const archbench::StageCard& expected = graded.stages.at(0);
  QVERIFY(report->headline()->text().contains(q(archbench::score_text(expected.score)) + "/100"));
  for (const auto& c : expected.checks) {
    QTreeWidgetItem* row = card_row(report->checks(), q(c.requirement));
    QVERIFY2(row, c.requirement.c_str());
    QCOMPARE(row->text(2), q(archbench::check_figure_text(c)));
    QCOMPARE(row->text(3), q(archbench::check_points_text(c)));
  }

  // Stage 2 starts from V2, a copy of V1 at the next stage's traffic; V1 is frozen.
  QCOMPARE(s->stage(), 1);
  QCOMPARE(win.doc()->versionCount(), 2);
  QCOMPARE(win.doc()->versionIndex(), 1);
  QCOMPARE(s->stageVersionName(), QString("V2"));
  const archbench::Version next = archbench::next_stage_version(*s->scenario(), 1, before.versions[0], "V2");
  QCOMPARE(win.doc()->version().components.size(), next.components.size());
  QCOMPARE(win.doc()->version().workload.size(), next.workload.size());
  for (std::size_t i = 0; i < next.workload.size(); ++i)
    QCOMPARE(win.doc()->version().workload[i].peak_rate(), next.workload[i].peak_rate());
  QVERIFY(win.doc()->isVersionFrozen(0));
  QVERIFY(!win.doc()->isVersionFrozen(1));

  // An edit of the frozen V1 is refused with the reason, and changes nothing.
  win.doc()->setVersionIndex(0);
  QSignalSpy refused(win.doc(), &Document::editRefused);
  const auto components = win.doc()->version().components.size();
  win.doc()->addComponent("cache", QPointF(200, 300));
  QCOMPARE(refused.count(), 1);
  QVERIFY(refused.front().front().toString().contains("V1"));
  QCOMPARE(win.doc()->version().components.size(), components);
}

void TestPractice::savedAttemptReopensWhereItWas() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString file = dir.filePath("attempt.archbench.json");
  double used = 0;
  {
    PracticeWindow win;
    QVERIFY(win.mode()->startScenario("url-shortener"));
    PracticeSession* s = win.session();
    s->skipEstimates();
    build_simple_design(win.doc());
    s->takeHint();
    QVERIFY(s->submitStage());
    s->setPaused(true);
    used = s->elapsedSeconds();
    QString error;
    QVERIFY2(win.doc()->save(file, &error), qPrintable(error));
  }
  PracticeWindow win;
  QVERIFY(win.w.openFile(file));
  PracticeSession* s = win.session();
  QVERIFY(s->isActive());
  QCOMPARE(q(s->scenario()->id), QString("url-shortener"));
  QCOMPARE(s->stage(), 1);
  QCOMPARE(s->stageVersionName(), QString("V2"));
  QVERIFY(win.doc()->isVersionFrozen(0));
  // Reopened paused at the time it was saved with (to the file's precision).
  QVERIFY(s->isPaused());
  QVERIFY(std::abs(s->elapsedSeconds() - used) < 0.01);
  // The hint was taken at stage 1; stage 2 has none taken yet.
  QCOMPARE(s->hintsTaken(), 0);
  QCOMPARE(win.doc()->practice()->hints_taken.at(0), 1);
  QVERIFY(win.mode()->dock()->isVisible());
}

void TestPractice::unknownScenarioIsRefusedWithItsName() {
  PracticeWindow win;
  QVERIFY(!win.mode()->startScenario("no-such-scenario"));
  QCOMPARE(win.errors.size(), 1);
  QVERIFY(win.errors[0].contains("no-such-scenario"));
  QVERIFY(!win.session()->isActive());
}

void TestPractice::givenStartingDesignIsOnTheCanvas() {
  // checkout-rescue starts from a given V1 that saturates: the canvas holds it, and the live
  // check says so, naming the saturated component.
  PracticeWindow win;
  QVERIFY(win.mode()->startScenario("checkout-rescue"));
  const archbench::Scenario* sc = win.session()->scenario();
  QVERIFY(sc && sc->start);
  QCOMPARE(win.doc()->version().components.size(), sc->start->components.size());
  QVERIFY(win.doc()->version().component("app"));
  QVERIFY(win.doc()->version() == archbench::start_attempt(*sc).versions[0]);
  win.session()->recheckNow();
  QVERIFY(win.session()->liveCard());
  QVERIFY(win.session()->liveCard()->saturated);
  const archbench::Check* head = find_check(win.session()->liveCard()->checks, "headroom");
  QVERIFY(head && !head->passed && head->component == "app");
  const QString shown = win.panel()->checksLabel()->text();
  QVERIFY2(shown.contains(q(head->reason).toHtmlEscaped()), qPrintable(shown));
}

QTEST_MAIN(TestPractice)
#include "test_practice.moc"
