#pragma once
// What each request class gets when one component crashes: the engine's impact matrix of the
// version being edited as a heatmap (see ImpactTable), with a legend. It is computed off the GUI
// thread on a copy of the version whenever the document is re-evaluated; a result that the
// document has moved past is discarded (and its computation cancelled). A progress bar counts
// the crashes solved; Cancel stops the computation and keeps the figures on show. Double-clicking a row applies that crash as the
// document's scenario (undoable). The table exports as CSV (the engine's numbers) or PNG.
#include <QFutureWatcher>
#include <QMainWindow>
#include <atomic>
#include <optional>

#include "archbench/faults.h"
#include "document/document.h"

class ImpactTable;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

class ImpactWindow : public QMainWindow {
  Q_OBJECT

 public:
  // What one background computation hands back.
  struct Outcome {
    archbench::Version version;  // the copy it was computed on
    std::optional<archbench::ImpactMatrix> matrix;
    QString error;  // the engine's message when the version cannot be evaluated
    bool cancelled = false;  // stopped before every crash was solved: nothing to show
  };

  explicit ImpactWindow(Document* doc, QWidget* parent = nullptr);
  ~ImpactWindow() override;

  // The matrix on show; null before the first result and when the last one failed.
  const archbench::ImpactMatrix* matrix() const { return matrix_ ? &*matrix_ : nullptr; }
  QString errorMessage() const { return error_; }
  ImpactTable* table() const { return table_; }
  // A computation runs or is due; the figures on show may be older than the document.
  bool isUpdating() const;
  int computations() const { return computations_; }  // started so far (results shown or not)

  // By the path's extension: .csv writes the matrix's numbers, anything else a PNG of the table.
  bool exportTo(const QString& path, QString* error = nullptr);
  // The table with its title and legend, every row and column in view.
  QImage render() const;

 public slots:
  void refresh();  // start a computation now (or right after the running one)
  void cancel();   // stop the running computation; the figures on show stay

 signals:
  void computationStarted();
  void progressed(int done, int total);  // crashes solved so far, of all to solve
  void refreshed();  // a current result (figures or an error) is on show

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void scheduleRefresh();
  void computationFinished();
  void showProgress(int done, int total);
  void showResult();
  void fitToContents();
  void showApplied();
  void applyCrash(const QString& component);
  void exportDialog();
  bool writeCsv(const QString& path, QString* error) const;

  Document* doc_;
  QLabel* caption_;
  QLabel* banner_;
  QLabel* busy_;
  QPushButton* export_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QWidget* sheet_;  // caption, table and legend: what a PNG shows
  ImpactTable* table_;
  QLabel* hint_;

  QTimer* refreshTimer_;
  QFutureWatcher<Outcome> watcher_;
  std::atomic<bool> cancelRequested_{false};  // read by the running computation
  bool computing_ = false;
  bool stale_ = true;  // the document changed since the running (or last) computation began
  int computations_ = 0;
  bool fitted_ = false;  // sized to the first result; after that the size is the user's
  std::optional<archbench::Version> shownVersion_;  // what the matrix on show was computed on
  std::optional<archbench::ImpactMatrix> matrix_;
  QString error_;
};
