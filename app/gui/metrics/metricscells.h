#pragma once
// Table cells and captions shared by the metrics panel's tables: number cells that sort by the
// engine's figure, "saturated" and "—" cells, tints that keep text readable, column fitting.
#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>
#include <QStringList>
#include <QTableWidgetItem>
#include <limits>
#include <string>

class QLabel;
class QTableWidget;
class QWidget;

namespace cells {

constexpr int kIdRole = Qt::UserRole;        // component id, on a row's first cell
constexpr int kSortRole = Qt::UserRole + 1;  // the engine's figure behind a number cell
constexpr double kInf = std::numeric_limits<double>::infinity();

inline QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Sorts by the figure a cell shows, not by its text ("9.5" < "10"); a saturated cell sorts as
// +infinity and a cell with no figure ("—") below every number.
class NumberItem : public QTableWidgetItem {
 public:
  NumberItem(const QString& text, double key) : QTableWidgetItem(text) {
    setData(kSortRole, key);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  bool operator<(const QTableWidgetItem& other) const override {
    const QVariant a = data(kSortRole);
    const QVariant b = other.data(kSortRole);
    if (a.isValid() && b.isValid()) return a.toDouble() < b.toDouble();
    return QTableWidgetItem::operator<(other);
  }
};

QTableWidgetItem* textCell(const QString& text, const QString& tip = {});
QTableWidgetItem* numberCell(const std::string& text, double key);
QTableWidgetItem* numberCell(const QString& text, double key);
QTableWidgetItem* noFigureCell();
// Dark red on a light table, a lighter red on a dark one: readable either way.
QColor saturatedTextColor(const QPalette& palette);
QTableWidgetItem* saturatedCell(const QString& reason, const QPalette& palette);
// Black or white, whichever contrasts more with `background` (WCAG luminance).
QColor readableTextOn(const QColor& background);
// a of `solid` over `base`: a tint that keeps the table's text readable in either theme.
QColor tint(const QColor& solid, const QColor& base, double a);

void setupTable(QTableWidget* table, const QStringList& headers, const QStringList& tips,
                const QList<int>& numeric);
// Resizes the columns to their contents and returns their total width.
int fitColumns(QTableWidget* table);
QLabel* caption(const QString& text);
// A caption over a table (or the totals), with no margins of its own.
QWidget* titled(QLabel* title, QWidget* body);

}  // namespace cells
