#include "failure/impacttable.h"

#include <QHeaderView>
#include <algorithm>

#include "archbench/figures.h"
#include "archbench/format.h"
#include "window/style.h"

namespace impact_band {

const std::vector<Band>& bands() {
  static const std::vector<Band> b{
      {0.999, QObject::tr("≥ 99.9%"), QColor(0x5c, 0xb8, 0x5c)},
      {0.99, QObject::tr("99–99.9%"), QColor(0xb5, 0xd3, 0x34)},
      {0.9, QObject::tr("90–99%"), QColor(0xff, 0xc1, 0x07)},
      {0.5, QObject::tr("50–90%"), QColor(0xf5, 0x7c, 0x00)},
      {0.0, QObject::tr("< 50%"), QColor(0xd2, 0x2f, 0x36)},
  };
  return b;
}

int of(double answered) {
  const auto& b = bands();
  for (std::size_t i = 0; i + 1 < b.size(); ++i)
    if (answered >= b[i].from) return static_cast<int>(i);
  return static_cast<int>(b.size()) - 1;
}

QString share_text(double f) { return QString::fromStdString(archbench::format_share(f)); }

QColor text_color(int band) {
  const QColor c = bands().at(static_cast<std::size_t>(band)).color;
  // Perceived lightness (Rec. 601 weights): dark text on the light bands.
  const double y = 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF();
  return y > 0.45 ? QColor(0x1a, 0x1a, 0x1a) : QColor(Qt::white);
}

}  // namespace impact_band

namespace {

using impact_band::share_text;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// The engine's text: "≈382 ms" (an estimate), "timed out (3 s + 60 ms)", "124 ms", "—".
QString p95_text(const archbench::ImpactCell& c) {
  const QString text = q(archbench::impact_p95_text(c));
  return c.p95_ms && !c.ceiling_timeout_ms ? text + QStringLiteral(" ms") : text;
}

// Success and p95; answers from a fallback are named, or a cell coloured by its answered share
// would read "0%" on green.
QString cell_text(const archbench::ImpactCell& c) {
  QString text = share_text(c.success);
  if (c.answered - c.success >= 0.0005)
    text += QObject::tr(" (+%1 degraded)").arg(share_text(c.answered - c.success));
  return text + QStringLiteral(" · ") + p95_text(c);
}

QString figures(const archbench::ImpactCell& c) {
  QString text = QObject::tr("%1 answered").arg(share_text(c.answered));
  if (c.answered > c.success)
    text += QObject::tr(" (%1 success, %2 degraded)")
                .arg(share_text(c.success), share_text(c.answered - c.success));
  return text + QObject::tr(", p95 %1").arg(p95_text(c));
}

QTableWidgetItem* class_cell(const archbench::ImpactCell& c, const QString& tip) {
  auto* item = new QTableWidgetItem(cell_text(c));
  const int band = impact_band::of(c.answered);
  item->setData(ImpactTable::BandRole, band);
  item->setData(ImpactTable::AnsweredRole, c.answered);
  item->setBackground(impact_band::bands().at(static_cast<std::size_t>(band)).color);
  item->setForeground(impact_band::text_color(band));
  item->setTextAlignment(Qt::AlignCenter);
  item->setToolTip(tip);
  return item;
}

}  // namespace

ImpactTable::ImpactTable(QWidget* parent) : QTableWidget(parent) {
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  setWordWrap(false);
  horizontalHeader()->setHighlightSections(false);
  horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
  verticalHeader()->setHighlightSections(false);
  verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
  connect(this, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    if (const QString id = componentAt(row); !id.isEmpty()) emit crashRequested(id);
  });
  connect(verticalHeader(), &QHeaderView::sectionDoubleClicked, this, [this](int row) {
    if (const QString id = componentAt(row); !id.isEmpty()) emit crashRequested(id);
  });
}

void ImpactTable::clearMatrix() {
  clear();
  setRowCount(0);
  setColumnCount(0);
}

void ImpactTable::showMatrix(const archbench::ImpactMatrix& m, const archbench::Version& version) {
  clear();
  const int classes = static_cast<int>(m.classes.size());
  setColumnCount(classes + 1);
  setRowCount(static_cast<int>(m.rows.size()) + 1);

  auto* critical = new QTableWidgetItem(tr("Not answered"));
  critical->setToolTip(
      tr("Share of all requests (weighted by each class's rate) left unanswered when the "
         "component crashes: the rows are ranked by it"));
  setHorizontalHeaderItem(CriticalityColumn, critical);
  for (int c = 0; c < classes; ++c) {
    const std::string& name = m.classes[static_cast<std::size_t>(c)];
    auto* header = new QTableWidgetItem(q(name));
    if (const archbench::RequestClass* rc = version.request_class(name)) {
      header->setToolTip(tr("%1: %2, %3 at peak")
                             .arg(q(name), QString::fromLatin1(archbench::to_string(rc->op)),
                                  q(archbench::format_rate(rc->peak_rate()))));
    }
    setHorizontalHeaderItem(c + 1, header);
  }

  QFont bold = font();
  bold.setBold(true);
  auto* steady = new QTableWidgetItem(tr("Steady state"));
  steady->setFont(bold);
  steady->setToolTip(tr("No fault: the reference every crash row is read against"));
  setVerticalHeaderItem(SteadyRow, steady);
  auto* none = new QTableWidgetItem(QStringLiteral("—"));
  none->setTextAlignment(Qt::AlignCenter);
  none->setToolTip(tr("The reference row: nothing crashed"));
  setItem(SteadyRow, CriticalityColumn, none);
  for (int c = 0; c < classes && c < static_cast<int>(m.steady.size()); ++c) {
    const auto& cell = m.steady[static_cast<std::size_t>(c)];
    auto* item = class_cell(
        cell,
        tr("steady state: %1 %2").arg(q(m.classes[static_cast<std::size_t>(c)]), figures(cell)));
    item->setFont(bold);
    setItem(SteadyRow, c + 1, item);
  }

  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const archbench::ImpactRow& row = m.rows[r];
    const int at = static_cast<int>(r) + 1;
    const archbench::Component* comp = version.component(row.component);
    const QString id = q(row.component);
    const QString name = comp ? q(comp->display_name()) : id;
    archbench::Fault crash;
    crash.type = archbench::FaultType::Crash;
    crash.component = row.component;
    const QString what = q(archbench::describe(crash, version));

    auto* header = new QTableWidgetItem(name);
    header->setData(ComponentRole, id);
    if (comp) header->setIcon(style::kind_icon(q(comp->kind)));
    header->setToolTip(tr("%1 leaves %2 of all requests unanswered.\n"
                          "Double-click to apply this crash as the scenario.")
                           .arg(what, share_text(row.criticality)));
    setVerticalHeaderItem(at, header);

    auto* crit = new QTableWidgetItem(share_text(row.criticality));
    crit->setData(ComponentRole, id);
    crit->setData(AnsweredRole, 1 - row.criticality);
    crit->setTextAlignment(Qt::AlignCenter);
    crit->setToolTip(header->toolTip());
    setItem(at, CriticalityColumn, crit);

    for (int c = 0; c < classes && c < static_cast<int>(row.cells.size()); ++c) {
      const auto& cell = row.cells[static_cast<std::size_t>(c)];
      const auto& steadyCell = m.steady.at(static_cast<std::size_t>(c));
      const QString cls = q(m.classes[static_cast<std::size_t>(c)]);
      auto* item = class_cell(
          cell,
          tr("%1: %2 %3\nsteady state: %4").arg(what, cls, figures(cell), figures(steadyCell)));
      item->setData(ComponentRole, id);
      setItem(at, c + 1, item);
    }
  }
  setAppliedComponent(applied_);
  fitColumns();
}

int ImpactTable::rowOf(const QString& component) const {
  for (int r = 0; r < rowCount(); ++r)
    if (componentAt(r) == component) return r;
  return -1;
}

QString ImpactTable::componentAt(int row) const {
  const QTableWidgetItem* h = verticalHeaderItem(row);
  return row > SteadyRow && h ? h->data(ComponentRole).toString() : QString();
}

void ImpactTable::setAppliedComponent(const QString& component) {
  applied_ = component;
  for (int r = SteadyRow + 1; r < rowCount(); ++r) {
    QTableWidgetItem* h = verticalHeaderItem(r);
    if (!h) continue;
    QFont f = font();
    const bool on = !component.isEmpty() && h->data(ComponentRole).toString() == component;
    f.setBold(on);
    f.setUnderline(on);
    h->setFont(f);
  }
}

QSize ImpactTable::fullSize() const {
  int w = verticalHeader()->width() + 2 * frameWidth();
  for (int c = 0; c < columnCount(); ++c) w += columnWidth(c);
  int h = horizontalHeader()->height() + 2 * frameWidth();
  for (int r = 0; r < rowCount(); ++r) h += rowHeight(r);
  return {w, h};
}

void ImpactTable::resizeEvent(QResizeEvent* event) {
  QTableWidget::resizeEvent(event);
  fitColumns();
}

// Class columns all as wide as the widest of them (a heatmap reads as a grid of equal cells),
// widened to fill the viewport so that no empty band opens on the right.
void ImpactTable::fitColumns() {
  const int n = columnCount();
  if (n == 0) return;
  resizeColumnsToContents();
  const int pad = fontMetrics().averageCharWidth() * 2;
  setColumnWidth(CriticalityColumn, columnWidth(CriticalityColumn) + pad);
  if (n < 2) return;
  int widest = 0;
  for (int c = 1; c < n; ++c) widest = std::max(widest, columnWidth(c) + pad);
  const int fill = (viewport()->width() - columnWidth(CriticalityColumn)) / (n - 1);
  for (int c = 1; c < n; ++c) setColumnWidth(c, std::max(widest, fill));
}
