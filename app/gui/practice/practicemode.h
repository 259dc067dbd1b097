#pragma once
// Practice mode in the main window: the Practice menu, the practice panel (a dock under the
// component palette), the dialogs (new session, drills, report card) and the comparison of the
// attempt with the reference solution. The session itself is PracticeSession.
#include <QObject>
#include <functional>

class ComparisonWindow;
class Document;
class DrillsDialog;
class MainWindow;
class NewSessionDialog;
class PracticePanel;
class PracticeSession;
class QDockWidget;
class ReportCardDialog;

class PracticeMode : public QObject {
  Q_OBJECT

 public:
  explicit PracticeMode(MainWindow* window);

  PracticeSession* session() const { return session_; }
  PracticePanel* panel() const { return panel_; }
  QDockWidget* dock() const { return dock_; }
  ReportCardDialog* reportDialog() const { return report_; }    // null until a card is shown
  DrillsDialog* drillsDialog() const { return drills_; }        // null until drills are shown
  ComparisonWindow* referenceWindow() const { return compare_; }  // null until shown

  // Replaceable in tests: runs the modal dialog and says whether Start was pressed.
  std::function<bool(NewSessionDialog& dialog)> runNewSessionDialog;

  void newSession();                     // asks to save, then the dialog
  bool startScenario(const QString& id);  // without the dialog (asks to save first)
  void submitStage();
  void showDrills();
  void showReportCard();
  void compareWithReference();

 private:
  void updateActions();

  MainWindow* window_;
  Document* doc_;
  PracticeSession* session_;
  PracticePanel* panel_;
  QDockWidget* dock_;
  ReportCardDialog* report_ = nullptr;
  DrillsDialog* drills_ = nullptr;
  Document* referenceDoc_ = nullptr;
  ComparisonWindow* compare_ = nullptr;
};
