#pragma once
// The main window: palette (left), versions bar over the canvas (centre), properties (right),
// metrics and experiments (bottom), menus and toolbar, and the active failure scenario in the
// status bar. It wires the widgets to the one Document and owns no model data.
#include <QMainWindow>
#include <QKeySequence>
#include <QMessageBox>
#include <functional>
#include <optional>

#include "document/document.h"

class CanvasScene;
class CanvasView;
class ComparisonWindow;
class ExperimentsView;
class ImpactWindow;
class MetricsPanel;
class Palette;
class PracticeMode;
class PropertyEditor;
class QLabel;
class Recovery;
class QMenu;
class VersionsBar;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(const archbench::Catalog& catalog, QWidget* parent = nullptr);
  ~MainWindow() override;

  Document* document() const { return doc_; }
  CanvasScene* scene() const { return scene_; }
  CanvasView* view() const { return view_; }
  Palette* componentPalette() const { return palette_; }
  PropertyEditor* propertyEditor() const { return properties_; }
  MetricsPanel* metricsPanel() const { return metrics_; }
  VersionsBar* versionsBar() const { return versions_; }
  ComparisonWindow* comparisonWindow() const { return comparison_; }  // null until first shown
  ImpactWindow* impactWindow() const { return impact_; }              // null until first shown
  ExperimentsView* experimentsView() const { return experiments_; }
  QLabel* scenarioLabel() const { return scenario_; }
  QAction* action(const QString& objectName) const;

  bool openFile(const QString& path);  // asks to save first; shows the engine's message on failure
  bool saveFile(const QString& path);
  // What Save As offers: the file's path, or a file name made from the project's name.
  QString suggestedPath() const;
  bool exportImage(const QString& path);  // .png or .svg of the whole canvas
  bool saveScreenshot(const QString& path);
  // Asks to save unsaved changes (askToSave); false when the user cancels or saving fails.
  bool maybeSave();
  PracticeMode* practice() const { return practice_; }
  Recovery* recovery() const { return recovery_; }
  // After a crash: offers the newest recovery file a dead process left (askRecover); true when
  // the document is now that unsaved state. Discarded files are removed; one kept for later or
  // that cannot be read stays.
  bool offerRecovery();

  // Dialog hooks, replaceable in tests (modal dialogs would block them).
  std::function<QMessageBox::StandardButton(const QString& question)> askToSave;
  std::function<void(const QString& message)> showError;
  std::function<bool(const QString& question)> confirm;  // true: go ahead
  // After a crash: Save recovers (the default), Discard removes the recovery file, Cancel keeps
  // it for the next start.
  std::function<QMessageBox::StandardButton(const QString& question)> askRecover;
  // A line of text (a version's name), or several when the label spans several lines (its
  // notes); nullopt when cancelled.
  std::function<std::optional<QString>(const QString& title, const QString& label,
                                       const QString& text)>
      askText;

  static QString presetsDir();

 protected:
  void closeEvent(QCloseEvent* e) override;
  // Ctrl+Z in a text field that holds no typing of its own is the document's Undo.
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void createDocks();
  void updateTitle();
  void updateVersionActions();
  void newVersion(int index);
  void renameVersion(int index);
  void deleteVersion(int index);
  void moveVersion(int index, int by);
  void editVersionNotes(int index);
  void showComparison();
  void showImpact();
  void showExperiments();
  void updateScenario();
  void showEvaluation();
  void syncSelection();
  bool loadFile(const QString& path);  // openFile without asking to save first
  void addRecent(const QString& path);
  void fillRecentMenu();
  void fillExamplesMenu();
  void newFile();
  void open();
  bool save();
  bool saveAs();
  void exportDialog();
  void cut();
  void copy();
  void paste();
  void deleteSelection();
  void selectAll();
  // Whether the Edit actions act on the canvas: it has the focus, or nothing in this window has.
  bool canvasHasFocus() const;
  // Outside the canvas, `key` goes to the focused widget instead (true: it went there).
  bool forwardToFocus(QKeySequence::StandardKey key);
  void addKindAtCentre(const QString& kind);

  Document* doc_;
  CanvasScene* scene_;
  CanvasView* view_;
  Palette* palette_;
  PropertyEditor* properties_;
  MetricsPanel* metrics_;
  VersionsBar* versions_;
  ComparisonWindow* comparison_ = nullptr;
  ImpactWindow* impact_ = nullptr;
  ExperimentsView* experiments_;
  PracticeMode* practice_ = nullptr;
  Recovery* recovery_ = nullptr;
  QLabel* scenario_;
  QMenu* recent_menu_ = nullptr;
  QMenu* examples_menu_ = nullptr;
  bool syncing_ = false;
};
