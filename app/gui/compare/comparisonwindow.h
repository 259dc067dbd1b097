#pragma once
// Versions side by side: the comparison table (one column per version, change against the
// previous one), charts (latency against load, cost by kind, utilization, evolution) and the
// diff between two versions. Every figure comes from archbench::compare_versions, computed off
// the GUI thread on a copy of the project so that the window and the editor stay responsive;
// a burst of edits recomputes once.
#include <QFutureWatcher>
#include <QMainWindow>
#include <QSet>
#include <initializer_list>
#include <optional>

#include "archbench/compare.h"
#include "document/document.h"

class ComparisonTable;
class DiffView;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTextBrowser;
class QTimer;

class ComparisonWindow : public QMainWindow {
  Q_OBJECT

 public:
  // What one background computation hands back.
  struct Outcome {
    std::optional<archbench::Comparison> comparison;
    QString error;  // the engine's message when a version cannot be evaluated
    double milliseconds = 0;
  };

  static constexpr int kSweepPoints = 60;

  explicit ComparisonWindow(Document* doc, QWidget* parent = nullptr);
  ~ComparisonWindow() override;

  // The comparison on show; null before the first result and when the last one failed.
  const archbench::Comparison* comparison() const { return comparison_ ? &*comparison_ : nullptr; }
  QString errorMessage() const { return error_; }
  // A computation runs or is due; the figures on show may be older than the document.
  bool isUpdating() const;
  double lastComputeMilliseconds() const { return lastMs_; }

  // The chart of the current tab (null on the table and diff tabs), and its export to PNG or
  // SVG by the path's extension.
  QChartView* currentChartView() const;
  bool exportChart(const QString& path, QString* error = nullptr);

 public slots:
  void refresh();  // start a computation now (or right after the running one)

 signals:
  void computationStarted();
  void refreshed();  // a result (figures or an error) is on show

 protected:
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void scheduleRefresh();
  void computationFinished();
  void updateTitle();
  void updateWorkloadBox();
  void showResult();
  void updateClassBox();
  void updateUtilizationBox();
  void invalidateCharts(std::initializer_list<QChartView*> views);
  void buildVisibleChart();
  void updateNotes();
  void fitTableSplit();
  void updateControls();
  void exportDialog();
  bool darkCharts() const;

  Document* doc_;
  QComboBox* workload_;
  QComboBox* class_;
  QComboBox* percentile_;
  QComboBox* utilizationVersion_;
  QLabel* busy_;
  QLabel* banner_;
  QLabel* adapted_;
  QPushButton* export_;
  QTabWidget* tabs_;
  ComparisonTable* table_;
  QSplitter* tableSplit_;
  bool userSizedSplit_ = false;
  QTextBrowser* notes_;
  QChartView* latency_;
  QChartView* cost_;
  QChartView* utilization_;
  QChartView* evolution_;
  DiffView* diff_;

  QTimer* refreshTimer_;
  QFutureWatcher<Outcome> watcher_;
  bool computing_ = false;
  bool stale_ = true;  // the document changed since the running (or last) computation began
  bool restylePending_ = false;
  QSet<QChartView*> staleCharts_;  // to rebuild from comparison_ when next on show
  std::optional<archbench::Comparison> comparison_;
  QString error_;
  double lastMs_ = 0;
};
