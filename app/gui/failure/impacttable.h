#pragma once
// The impact heatmap: one row per component that carries traffic, as the engine ranks them (the
// crash that leaves the most requests unanswered on top), under a steady-state reference row;
// one column per request class after a "not answered" column (the row's criticality). A cell
// shows the class's success % and p95 with that component crashed, on a colour band of its
// answered %. Every figure is the engine's ImpactMatrix.
#include <QColor>
#include <QString>
#include <QTableWidget>
#include <vector>

#include "archbench/faults.h"
#include "archbench/model.h"

namespace impact_band {

// Bands of the answered fraction, best first. Green at ≥ 99.9% through amber to red below 50%.
struct Band {
  double from;  // lowest answered fraction in the band
  QString label;
  QColor color;
};
const std::vector<Band>& bands();
int of(double answered);      // index into bands()
QColor text_color(int band);  // readable on the band's colour
// A share of requests as a percentage that never rounds a loss away: "100%" only when nothing
// is lost, ">99.99%" for 0.99996, "<0.1%" for 0.0004, else format_percent's one decimal.
QString share_text(double fraction);

}  // namespace impact_band

class ImpactTable : public QTableWidget {
  Q_OBJECT

 public:
  static constexpr int ComponentRole = Qt::UserRole + 1;  // component id (crash rows)
  static constexpr int BandRole = Qt::UserRole + 2;       // int band of a class cell
  static constexpr int AnsweredRole = Qt::UserRole + 3;   // the engine's answered fraction
  static constexpr int CriticalityColumn = 0;
  static constexpr int SteadyRow = 0;

  explicit ImpactTable(QWidget* parent = nullptr);

  // `version` is the one the matrix was computed on: it gives the components' names.
  void showMatrix(const archbench::ImpactMatrix& matrix, const archbench::Version& version);
  void clearMatrix();
  // The crash row of a component, or -1.
  int rowOf(const QString& component) const;
  QString componentAt(int row) const;
  // Marks the row whose crash is the document's scenario (empty: none).
  void setAppliedComponent(const QString& component);
  // Width and height that show every cell without scrolling.
  QSize fullSize() const;

 signals:
  void crashRequested(const QString& component);  // a crash row was double-clicked

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fitColumns();

  QString applied_;
};
