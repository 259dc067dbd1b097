#include "practice/practicemode.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include "compare/comparisonwindow.h"
#include "document/document.h"
#include "practice/drillsdialog.h"
#include "practice/newsessiondialog.h"
#include "practice/practicepanel.h"
#include "practice/practicesession.h"
#include "practice/reportcard.h"
#include "window/mainwindow.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

PracticeMode::PracticeMode(MainWindow* window)
    : QObject(window),
      window_(window),
      doc_(window->document()),
      session_(new PracticeSession(window->document(), this)),
      panel_(new PracticePanel(session_, window)),
      dock_(new QDockWidget(tr("Practice"), window)) {
  runNewSessionDialog = [](NewSessionDialog& dialog) { return dialog.exec() == QDialog::Accepted; };

  dock_->setObjectName("practiceDock");
  dock_->setWidget(panel_);
  window->addDockWidget(Qt::LeftDockWidgetArea, dock_);
  if (auto* palette = window->findChild<QDockWidget*>("paletteDock"))
    window->splitDockWidget(palette, dock_, Qt::Vertical);
  dock_->hide();  // until a session starts or the user asks for it

  auto make = [this](const QString& name, const QString& text, const QKeySequence& key, auto slot) {
    auto* a = new QAction(text, window_);
    a->setObjectName(name);
    if (!key.isEmpty()) a->setShortcut(key);
    connect(a, &QAction::triggered, this, slot);
    return a;
  };
  QMenu* menu = new QMenu(tr("&Practice"), window);
  menu->setObjectName("practiceMenu");
  menu->addAction(make("practiceNew", tr("&New Session…"), QKeySequence(), [this] { newSession(); }));
  menu->addAction(dock_->toggleViewAction());
  dock_->toggleViewAction()->setText(tr("Show Practice &Panel"));
  menu->addSeparator();
  menu->addAction(make("practiceSubmitStage", tr("&Submit Stage"), QKeySequence(), [this] { submitStage(); }));
  menu->addAction(make("practiceHintAction", tr("Take a &Hint"), QKeySequence(), [this] {
    session_->takeHint();
  }));
  menu->addAction(make("practiceDrillsAction", tr("&Drills…"), QKeySequence(), [this] { showDrills(); }));
  menu->addSeparator();
  menu->addAction(make("practiceReportAction", tr("&Report Card…"), QKeySequence(), [this] { showReportCard(); }));
  menu->addAction(make("practiceCompareAction", tr("&Compare with Reference…"), QKeySequence(),
                       [this] { compareWithReference(); }));
  // Before Help, the last menu.
  QList<QAction*> menus = window->menuBar()->actions();
  window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), menu);

  connect(panel_, &PracticePanel::newSessionRequested, this, &PracticeMode::newSession);
  connect(panel_, &PracticePanel::submitRequested, this, &PracticeMode::submitStage);
  connect(panel_, &PracticePanel::drillsRequested, this, &PracticeMode::showDrills);
  connect(panel_, &PracticePanel::reportRequested, this, &PracticeMode::showReportCard);
  connect(panel_, &PracticePanel::compareRequested, this, &PracticeMode::compareWithReference);
  connect(session_, &PracticeSession::sessionChanged, this, &PracticeMode::updateActions);
  connect(doc_, &Document::editRefused, this,
          [this](const QString& reason) { window_->statusBar()->showMessage(reason, 8000); });
  bool wasActive = false;
  connect(session_, &PracticeSession::sessionChanged, this, [this, wasActive]() mutable {
    const bool active = session_->isActive() || !session_->problem().isEmpty();
    if (active && !wasActive) {
      // The left column takes the window's height, palette above the panel, so that the
      // requirements stay in view beside the canvas.
      window_->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
      dock_->show();
      window_->resizeDocks({dock_}, {350}, Qt::Horizontal);
      if (auto* palette = window_->findChild<QDockWidget*>("paletteDock"))
        window_->resizeDocks({palette, dock_}, {230, window_->height() - 230}, Qt::Vertical);
    }
    wasActive = active;
  });
  updateActions();
}

void PracticeMode::updateActions() {
  const bool working = session_->isActive() && !session_->isFinished();
  window_->action("practiceSubmitStage")->setEnabled(working);
  window_->action("practiceHintAction")->setEnabled(working && session_->hintsTaken() < session_->hintCount());
  window_->action("practiceDrillsAction")->setEnabled(working);
  window_->action("practiceReportAction")->setEnabled(session_->isActive());
  window_->action("practiceCompareAction")->setEnabled(session_->isFinished());
}

void PracticeMode::newSession() {
  if (!window_->maybeSave()) return;
  NewSessionDialog dialog(doc_->catalog(), PracticeSession::scenariosDir(), window_);
  if (!dialog.problem().isEmpty() && dialog.scenarios().empty()) return window_->showError(dialog.problem());
  if (!runNewSessionDialog(dialog) || !dialog.selected()) return;
  session_->start(*dialog.selected());
  window_->statusBar()->showMessage(
      tr("Practice: %1 — the clock runs. Estimate, then design V1.").arg(q(dialog.selected()->title)), 8000);
}

bool PracticeMode::startScenario(const QString& id) {
  if (!window_->maybeSave()) return false;
  NewSessionDialog dialog(doc_->catalog(), PracticeSession::scenariosDir(), window_);
  dialog.selectScenario(id);
  const archbench::Scenario* s = dialog.selected();
  if (!s || q(s->id) != id) {
    window_->showError(dialog.problem().isEmpty() ? tr("There is no practice scenario \"%1\".").arg(id)
                                                  : dialog.problem());
    return false;
  }
  session_->start(*s);
  return true;
}

void PracticeMode::submitStage() {
  if (!session_->isActive() || session_->isFinished()) return;
  const auto& st = session_->scenario()->stages[static_cast<std::size_t>(session_->stage())];
  const QString version = session_->stageVersionName();
  if (!window_->confirm(tr("Submit %1 for stage \"%2\"? Its design is then frozen and graded.")
                            .arg(version, q(st.name))))
    return;
  QString error;
  const auto card = session_->submitStage(&error);
  if (!card) return window_->showError(error);
  QString next;
  if (session_->isFinished()) {
    next = tr("That was the last stage. Practice ▸ Report Card shows the whole attempt, and Compare "
              "with Reference puts your versions beside the reference solution.");
  } else {
    const auto& ns = session_->scenario()->stages[static_cast<std::size_t>(session_->stage())];
    next = tr("Stage %1 — %2 starts from %3, a copy of %4 at the new traffic.")
               .arg(session_->stage() + 1)
               .arg(q(ns.name), session_->stageVersionName(), version);
  }
  if (!report_) report_ = new ReportCardDialog(window_);
  report_->showStage(q(session_->scenario()->title), *card, session_->scenario()->pass_mark, next);
  report_->show();
  report_->raise();
}

void PracticeMode::showDrills() {
  if (!session_->isActive() || session_->isFinished()) return;
  delete drills_;
  drills_ = new DrillsDialog(session_, window_);
  drills_->show();
  drills_->raise();
}

void PracticeMode::showReportCard() {
  QString error;
  const auto card = session_->reportCard(&error);
  if (!card) {
    if (!error.isEmpty()) window_->showError(tr("The attempt cannot be graded yet. %1").arg(error));
    return;
  }
  if (!report_) report_ = new ReportCardDialog(window_);
  report_->showCard(q(session_->scenario()->title), *card);
  report_->show();
  report_->raise();
}

void PracticeMode::compareWithReference() {
  if (!session_->isFinished()) return;
  if (!referenceDoc_) referenceDoc_ = new Document(doc_->catalog(), this);
  referenceDoc_->replaceProject(session_->comparisonProject(), false);
  if (!compare_) {
    compare_ = new ComparisonWindow(referenceDoc_, window_);
    compare_->setObjectName("referenceComparison");
  }
  compare_->setWindowTitle(tr("%1 — your attempt beside the reference").arg(q(session_->scenario()->title)));
  compare_->show();
  compare_->raise();
  compare_->activateWindow();
}
