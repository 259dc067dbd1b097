#pragma once
// Help on screen: the Help menu's legend (an overlay on the canvas saying what its colours,
// badges and tags mean), the keyboard shortcuts (from the window's own actions), the bundled
// docs (docs/*.md, rendered), a short tour of the window's parts, and What's This on each panel.
#include <QDialog>
#include <QString>
#include <QWidget>

class MainWindow;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace help {

// Adds the Help menu's entries before "About", What's This texts on the panels, and the legend
// overlay (hidden until asked for) to `window`.
void install(MainWindow* window);

// Where the bundled docs are: the source tree's docs/ or the installed share/archbench/docs.
QString docsDir();

// The tour's steps: the panel each one is about (a dock's objectName, "canvas" or "toolbar"),
// its title and its text.
struct Step {
  QString target;
  QString title;
  QString text;
};
QList<Step> tourSteps();

// Where the tour's box of size `box` goes so that it does not hide `target` (screen
// coordinates): below, above, right of or left of it, inside `area` (the window); its
// bottom-right corner when none of those has room.
QPoint besideTarget(const QRect& target, const QRect& area, const QSize& box);

// The keyboard shortcuts, read from the window's actions, and the canvas's gestures.
QDialog* shortcutsDialog(MainWindow* window);

}  // namespace help

// The legend, drawn over the canvas's top-right corner: the utilization scale, the scenario
// colours, and the badges and tags a card can carry, each drawn as the canvas draws it.
class LegendOverlay : public QWidget {
  Q_OBJECT

 public:
  explicit LegendOverlay(QWidget* viewport);
  // The entries, top to bottom, as (swatch kind, text): for tests and the accessible text.
  QStringList entries() const;

 protected:
  void paintEvent(QPaintEvent*) override;
  void showEvent(QShowEvent* e) override;
  bool eventFilter(QObject* watched, QEvent* e) override;  // follows the viewport's size

 private:
  void place();
};

// The tour: one step at a time, with the panel it is about outlined in the window.
class TourDialog : public QDialog {
  Q_OBJECT

 public:
  explicit TourDialog(MainWindow* window);
  ~TourDialog() override;
  int step() const { return step_; }
  int stepCount() const;
  void go(int step);
  QWidget* highlighted() const { return target_; }  // the panel outlined now

 private:
  MainWindow* window_;
  QList<help::Step> steps_;
  int step_ = 0;
  QLabel* title_;
  QLabel* text_;
  QLabel* count_;
  QPushButton* back_;
  QPushButton* next_;
  QWidget* frame_ = nullptr;  // the outline drawn over the target
  QWidget* target_ = nullptr;
};

// A bundled doc, rendered from its Markdown.
class DocDialog : public QDialog {
  Q_OBJECT

 public:
  DocDialog(const QString& path, QWidget* parent);
  QTextBrowser* browser() const { return browser_; }

 private:
  QTextBrowser* browser_;
};
