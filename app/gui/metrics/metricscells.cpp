#include "metrics/metricscells.h"

#include <QHeaderView>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace cells {

QTableWidgetItem* textCell(const QString& text, const QString& tip) {
  auto* item = new QTableWidgetItem(text);
  item->setToolTip(tip);
  return item;
}

QTableWidgetItem* numberCell(const std::string& text, double key) {
  return new NumberItem(q(text), key);
}

QTableWidgetItem* noFigureCell() {
  return numberCell(QStringLiteral("—"), -kInf);
}

// Dark red on a light table, a lighter red on a dark one: readable either way.
QColor saturatedTextColor(const QPalette& palette) {
  return palette.color(QPalette::Base).lightnessF() > 0.5 ? QColor(0x8b, 0x00, 0x1a)
                                                          : QColor(0xff, 0x7b, 0x7b);
}

QTableWidgetItem* saturatedCell(const QString& reason, const QPalette& palette) {
  auto* item = numberCell(QStringLiteral("saturated"), kInf);
  item->setForeground(saturatedTextColor(palette));
  item->setToolTip(reason);
  return item;
}

// WCAG relative luminance, to pick black or white text on a coloured cell.
static double luminance(const QColor& c) {
  auto channel = [](double v) {
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor readableTextOn(const QColor& background) {
  const double l = luminance(background);
  const double onBlack = (l + 0.05) / 0.05;
  const double onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? QColor(Qt::black) : QColor(Qt::white);
}

void setupTable(QTableWidget* table, const QStringList& headers, const QStringList& tips,
                const QList<int>& numeric) {
  table->setColumnCount(static_cast<int>(headers.size()));
  for (int col = 0; col < headers.size(); ++col) {
    auto* header = new QTableWidgetItem(headers[col]);
    header->setToolTip(tips.value(col));
    if (numeric.contains(col)) header->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setHorizontalHeaderItem(col, header);
  }
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setAlternatingRowColors(true);
  table->setWordWrap(false);
  table->setShowGrid(false);
  table->setIconSize(QSize(16, 16));
  table->verticalHeader()->hide();
  table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
  table->horizontalHeader()->setStretchLastSection(true);
  table->horizontalHeader()->setHighlightSections(false);
  table->horizontalHeader()->setSortIndicatorClearable(true);
  table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // the report's order
  table->setSortingEnabled(true);
}

// Resizes the columns to their contents and returns their total width. A header that shows sort
// indicators reserves room for the arrow in every column; only the sorted column needs it, and
// the dock is narrow. A long name is elided (the tooltip has it whole).
int fitColumns(QTableWidget* table) {
  QHeaderView* header = table->horizontalHeader();
  header->setStretchLastSection(false);  // measure the last column's contents, not its stretch
  header->setSortIndicatorShown(false);
  table->resizeColumnsToContents();
  const int widest = table->fontMetrics().averageCharWidth() * 22;
  for (int col = 0; col < table->columnCount(); ++col) {
    if (table->columnWidth(col) > widest) table->setColumnWidth(col, widest);
  }
  header->setSortIndicatorShown(true);
  const int sorted = header->sortIndicatorSection();
  if (sorted >= 0 && sorted < header->count())
    table->setColumnWidth(sorted,
                          std::max(table->columnWidth(sorted), header->sectionSizeHint(sorted)));
  int width = 0;
  for (int col = 0; col < table->columnCount(); ++col) {
    if (!table->isColumnHidden(col)) width += table->columnWidth(col);
  }
  header->setStretchLastSection(true);
  return width;
}

QLabel* caption(const QString& text) {
  auto* label = new QLabel(text);
  QFont f = label->font();
  f.setBold(true);
  label->setFont(f);
  return label;
}

// A caption over a table (or the totals), with no margins of its own.
QWidget* titled(QLabel* title, QWidget* body) {
  auto* box = new QWidget;
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(title);
  layout->addWidget(body, 1);
  return box;
}

QTableWidgetItem* numberCell(const QString& text, double key) {
  return new NumberItem(text, key);
}

QColor tint(const QColor& solid, const QColor& base, double a) {
  return QColor::fromRgbF(static_cast<float>(a * solid.redF() + (1 - a) * base.redF()),
                          static_cast<float>(a * solid.greenF() + (1 - a) * base.greenF()),
                          static_cast<float>(a * solid.blueF() + (1 - a) * base.blueF()));
}

}  // namespace cells
