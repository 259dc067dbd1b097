#include "editors/workloadeditor.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "editors/classform.h"
#include "editors/formrows.h"
#include "editors/numberfield.h"

using archbench::RequestClass;
using form::set_value;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// A cell's widget, cast to what createRow() put there.
template <class W>
W* cell(QTableWidget* table, int row, int column) {
  return static_cast<W*>(table->cellWidget(row, column));
}

// The clients a class may enter at: display name, and the id as the item's data.
QList<std::pair<QString, QString>> clients(const Document& doc) {
  QList<std::pair<QString, QString>> out;
  for (const auto& c : doc.version().components) {
    const archbench::KindDecl* k = doc.catalog().find(c.kind);
    if (k && k->behaviour == archbench::Behaviour::Client) out.push_back({q(c.display_name()), q(c.id)});
  }
  return out;
}

// Beside a client's name in the entry column: the combo's arrow and padding.
constexpr int kEntryMargin = 44;

// Cell editors look like cells: no frame, no arrows (the arrow keys still step).
void compact(QDoubleSpinBox* box) {
  box->setFrame(false);
  box->setButtonSymbols(QAbstractSpinBox::NoButtons);
}

}  // namespace

WorkloadEditor::WorkloadEditor(Document* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  table_ = new QTableWidget(0, ColumnCount, this);
  table_->setObjectName("workload_table");
  table_->setHorizontalHeaderLabels({tr("Name"), tr("Rate"), tr("Entry")});
  const QStringList tips = {
      tr("The class's name; per-class values elsewhere follow a rename."),
      tr("Requests per second (/s), or per day (/day: the peak factor below gives the design "
         "rate). Accepts 1e6 and 2k."),
      tr("The client component where the class's requests enter.")};
  for (int c = 0; c < ColumnCount; ++c) table_->horizontalHeaderItem(c)->setToolTip(tips[c]);
  table_->verticalHeader()->hide();
  // The columns share the dock's width: the name takes what the rate and the entry leave. The
  // table never scrolls sideways, so an edit never moves a column under the cursor.
  QHeaderView* header = table_->horizontalHeader();
  header->setSectionResizeMode(Name, QHeaderView::Stretch);
  header->setSectionResizeMode(Rate, QHeaderView::Fixed);
  header->setSectionResizeMode(Entry, QHeaderView::Fixed);
  header->setMinimumSectionSize(36);
  const QFontMetrics fm = table_->fontMetrics();
  table_->setColumnWidth(Rate, fm.horizontalAdvance(QStringLiteral("10000000 /day")) + 10);
  table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  connect(table_->horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int v) {
    if (v != 0) table_->horizontalScrollBar()->setValue(0);
  });
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
  connect(table_, &QTableWidget::itemChanged, this, &WorkloadEditor::itemEdited);
  // Editing a cell's widget makes its row current, so "Remove class" removes the class the user
  // was working on.
  connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
    for (QWidget* w = now; w; w = w->parentWidget()) {
      if (w->parentWidget() != table_->viewport()) continue;
      const int row = table_->indexAt(w->geometry().center()).row();
      if (row >= 0 && row != table_->currentRow()) {
        const QSignalBlocker block(table_);
        table_->setCurrentCell(row, table_->currentColumn() < 0 ? 0 : table_->currentColumn());
        form_->showClass(row);
      }
      return;
    }
  });

  add_ = new QPushButton(tr("Add class"), this);
  add_->setToolTip(tr("Add a request class entering at a client"));
  remove_ = new QPushButton(tr("Remove class"), this);
  remove_->setToolTip(tr("Remove the selected request class (a version keeps at least one)"));
  connect(add_, &QPushButton::clicked, this, &WorkloadEditor::addClass);
  connect(remove_, &QPushButton::clicked, this, &WorkloadEditor::removeClass);

  form_ = new ClassForm(
      doc_, [this](const std::vector<RequestClass>& after, const QString& what) { apply(after, what); },
      this);
  connect(table_, &QTableWidget::currentCellChanged, this,
          [this](int row) { form_->showClass(row); });

  problem_ = new QLabel(this);
  problem_->setObjectName("workload_problem");
  problem_->setWordWrap(true);
  problem_->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
  problem_->hide();

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add_);
  buttons->addWidget(remove_);
  buttons->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  layout->addWidget(problem_);
  layout->addLayout(buttons);
  layout->addWidget(form_);
  layout->addStretch(1);

  // The document's own changes (undo, open, another widget); ours are shown by apply().
  auto changed = [this] {
    if (!updating_) refresh();
  };
  connect(doc_, &Document::workloadChanged, this, changed);
  connect(doc_, &Document::versionChanged, this, changed);
  connect(doc_, &Document::componentAdded, this, changed);
  connect(doc_, &Document::componentRemoved, this, changed);
  connect(doc_, &Document::componentChanged, this, changed);  // a client's name
  refresh();
}

void WorkloadEditor::createRow(int row) {
  // Each widget edits the class at its row: refresh() keeps row i showing workload[i].
  auto* name = new QTableWidgetItem;
  table_->setItem(row, Name, name);

  auto* rate = new NumberField(0, 1e12, 6);
  compact(rate);
  rate->setShortMultiples(true);  // 2M /day, not 2000000 /day
  rate->setToolTip(table_->horizontalHeaderItem(Rate)->toolTip());
  rate->setProblemLabel(problem_);
  connect(rate, &QDoubleSpinBox::valueChanged, this, [this, row](double v) {
    auto after = doc_->version().workload;
    if (row >= static_cast<int>(after.size())) return;
    auto& r = after[static_cast<std::size_t>(row)];
    (r.per_day ? r.per_day : r.per_second) = v;
    apply(after, tr("Change rate of %1").arg(q(r.name)));
  });
  table_->setCellWidget(row, Rate, rate);

  auto* entry = new QComboBox;
  entry->setFrame(false);
  entry->setToolTip(table_->horizontalHeaderItem(Entry)->toolTip());
  connect(entry, &QComboBox::activated, this, [this, row, entry](int index) {
    auto after = doc_->version().workload;
    if (row >= static_cast<int>(after.size()) || index < 0) return;
    after[static_cast<std::size_t>(row)].entry = entry->itemData(index).toString().toStdString();
    apply(after, tr("Change entry of %1").arg(q(after[static_cast<std::size_t>(row)].name)));
  });
  table_->setCellWidget(row, Entry, entry);
}

void WorkloadEditor::refresh() {
  const auto& w = doc_->version().workload;
  const int rows = static_cast<int>(w.size());
  const auto entries = clients(*doc_);
  const QSignalBlocker block(table_);
  const int old_rows = table_->rowCount();
  table_->setRowCount(rows);
  for (int row = old_rows; row < rows; ++row) createRow(row);

  for (int row = 0; row < rows; ++row) {
    const RequestClass& r = w[static_cast<std::size_t>(row)];
    table_->item(row, Name)->setText(q(r.name));
    table_->item(row, Name)->setToolTip(
        tr("Class %1: design rate %2 requests/s").arg(q(r.name)).arg(r.peak_rate(), 0, 'g', 4));

    auto* entry = cell<QComboBox>(table_, row, Entry);
    {
      const QSignalBlocker b(entry);
      auto items = entries;
      // Keep showing an entry that is no longer a client; the document's problems name it.
      bool found = false;
      for (const auto& [label, id] : items) found = found || id == q(r.entry);
      if (!found) items.push_back({q(r.entry), q(r.entry)});
      bool same = entry->count() == items.size();
      for (int i = 0; same && i < entry->count(); ++i)
        same = entry->itemText(i) == items[i].first && entry->itemData(i).toString() == items[i].second;
      if (!same) {
        entry->clear();
        for (const auto& [label, id] : items) entry->addItem(label, id);
      }
      entry->setCurrentIndex(entry->findData(q(r.entry)));
      // A name cut short in a narrow panel is whole in the tooltip.
      entry->setToolTip(QStringLiteral("%1\n%2").arg(entry->currentText(),
                                                       table_->horizontalHeaderItem(Entry)->toolTip()));
    }
    const bool per_day = r.per_day.has_value();
    auto* rate = cell<QDoubleSpinBox>(table_, row, Rate);
    rate->setObjectName(QStringLiteral("class_rate:") + q(r.name));
    rate->setSuffix(per_day ? tr(" /day") : tr(" /s"));
    set_value(rate, per_day ? *r.per_day : r.per_second.value_or(0));
  }
  remove_->setEnabled(rows > 1);
  // The form follows the current row; with none, the first class.
  if (table_->currentRow() < 0 && rows > 0) table_->setCurrentCell(0, Name);
  form_->showClass(std::min(table_->currentRow(), rows - 1));

  // As tall as its rows (up to a dozen), so the buttons sit right under the last class.
  const int shown = std::clamp(rows, 1, 12);
  int height = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
  for (int row = 0; row < shown; ++row) height += table_->rowHeight(row < rows ? row : 0);
  table_->setFixedHeight(height);
  fitEntryColumn();  // after the height: more than a dozen rows bring a scroll bar
}

void WorkloadEditor::fitEntryColumn() {
  const QFontMetrics fm = table_->fontMetrics();
  int widest = fm.horizontalAdvance(QStringLiteral("users"));
  // The class's names keep their own width (at least a few letters' worth).
  int names = fm.horizontalAdvance(QStringLiteral("browse"));
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (const QTableWidgetItem* item = table_->item(row, Name))
      names = std::max(names, fm.horizontalAdvance(item->text()));
    auto* entry = cell<QComboBox>(table_, row, Entry);
    if (!entry) continue;
    int longest = 0;
    for (int i = 0; i < entry->count(); ++i)
      longest = std::max(longest, fm.horizontalAdvance(entry->itemText(i)));
    entry->view()->setMinimumWidth(longest + kEntryMargin);
    widest = std::max(widest, longest);
  }
  const int room = table_->viewport()->width() - table_->columnWidth(Rate) - names - 16;
  const int least = fm.horizontalAdvance(QStringLiteral("users")) + kEntryMargin;
  table_->setColumnWidth(Entry, std::max(least, std::min(widest + kEntryMargin, room)));
}

void WorkloadEditor::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  fitEntryColumn();
}

void WorkloadEditor::apply(const std::vector<RequestClass>& after, const QString& what) {
  updating_ = true;
  doc_->setWorkload(after, what);
  updating_ = false;
  refresh();  // a unit switch converts the rate; show the model as it now is
}

void WorkloadEditor::itemEdited(QTableWidgetItem* item) {
  const int row = item->row();
  if (row < 0 || row >= static_cast<int>(doc_->version().workload.size())) return;
  if (item->column() == Name) rename(row, item->text());
}

void WorkloadEditor::refuse(int row, int column, const QString& why) {
  refresh();  // puts the model's value back into the cell
  QTableWidgetItem* item = table_->item(row, column);
  const QRect rect = item ? table_->visualItemRect(item) : QRect();
  QToolTip::showText(table_->viewport()->mapToGlobal(rect.bottomLeft()), why, table_);
}

void WorkloadEditor::rename(int row, const QString& text) {
  const auto& w = doc_->version().workload;
  const std::string from = w[static_cast<std::size_t>(row)].name;
  const std::string to = text.trimmed().toStdString();
  if (to == from) {
    refresh();  // drop surrounding spaces
    return;
  }
  if (to.empty()) return refuse(row, Name, tr("A request class needs a name."));
  if (to == "*")
    return refuse(row, Name,
                  tr("\"*\" is reserved: in a per-class map it means every other class."));
  for (const auto& r : w) {
    if (r.name == to) return refuse(row, Name, tr("There is already a class named %1.").arg(q(to)));
  }
  auto after = w;
  after[static_cast<std::size_t>(row)].name = to;
  // Per-class values keyed by the old name follow it, in the same undo step, so the version
  // stays valid.
  updating_ = true;
  doc_->undoStack()->beginMacro(tr("Rename class %1 to %2").arg(q(from), q(to)));
  rekeyMaps(from, to);
  doc_->setWorkload(after, tr("Rename class %1").arg(q(from)));
  doc_->undoStack()->endMacro();
  updating_ = false;
  refresh();
}

void WorkloadEditor::rekeyMaps(const std::string& from, const std::string& to) {
  // Collect first: each change replaces the version's vectors.
  std::vector<std::pair<QString, std::pair<QString, archbench::ParamValue>>> params;
  std::vector<std::pair<QString, QString>> resets;  // a map left empty falls back to the default
  for (const auto& c : doc_->version().components) {
    for (const auto& [name, value] : c.params) {
      if (value.type != archbench::ParamValue::Type::PerClassMap) continue;
      auto it = value.map.find(from);
      if (it == value.map.end()) continue;
      auto map = value.map;
      const double x = it->second;
      map.erase(from);
      if (!to.empty()) map[to] = x;
      if (map.empty())
        resets.push_back({q(c.id), q(name)});
      else
        params.push_back({q(c.id), {q(name), archbench::ParamValue::of_map(std::move(map))}});
    }
  }
  std::vector<std::pair<LinkKey, archbench::Link>> links;
  for (const auto& l : doc_->version().links) {
    auto it = l.calls.by_class.find(from);
    if (it == l.calls.by_class.end()) continue;
    archbench::Link after = l;
    const double x = it->second;
    after.calls.by_class.erase(from);
    if (!to.empty()) after.calls.by_class[to] = x;
    links.push_back({{q(l.from), q(l.to)}, after});
  }
  // Experiments name classes in their conditions and blast radius: renamed with the class, or
  // dropped with it, so the saved file stays valid.
  auto experiments = doc_->version().experiments;
  bool experiments_changed = false;
  for (auto& e : experiments) {
    std::vector<archbench::Condition> conditions;
    for (auto c : e.conditions) {
      if (c.request_class == from) {
        experiments_changed = true;
        if (to.empty()) continue;
        c.request_class = to;
      }
      conditions.push_back(c);
    }
    e.conditions = std::move(conditions);
    std::vector<std::string> radius;
    for (const auto& name : e.blast_radius) {
      if (name != from) {
        radius.push_back(name);
        continue;
      }
      experiments_changed = true;
      if (!to.empty() && std::find(radius.begin(), radius.end(), to) == radius.end()) radius.push_back(to);
    }
    e.blast_radius = std::move(radius);
  }
  for (const auto& [id, change] : params) doc_->setParam(id, change.first, change.second);
  for (const auto& [id, name] : resets) doc_->resetParam(id, name);
  for (const auto& [key, after] : links) doc_->setLink(key, after, QStringLiteral("calls"));
  if (experiments_changed) doc_->setExperiments(experiments, tr("Experiments"));
}

void WorkloadEditor::addClass() {
  auto after = doc_->version().workload;
  std::string name = "requests";
  auto taken = [&](const std::string& n) {
    for (const auto& r : after) {
      if (r.name == n) return true;
    }
    return false;
  };
  for (int n = 2; taken(name); ++n) name = "requests_" + std::to_string(n);
  RequestClass r;
  r.name = name;
  const auto entries = clients(*doc_);
  r.entry = !after.empty() ? after.back().entry
                           : (entries.isEmpty() ? std::string() : entries.front().second.toStdString());
  r.per_second = 1;
  after.push_back(r);
  apply(after, tr("Add class %1").arg(q(name)));
  table_->setCurrentCell(static_cast<int>(after.size()) - 1, Name);
}

void WorkloadEditor::removeClass() {
  const auto& w = doc_->version().workload;
  if (w.size() <= 1) {
    QToolTip::showText(remove_->mapToGlobal(QPoint(0, remove_->height())),
                       tr("A version needs at least one request class."), remove_);
    return;
  }
  int row = table_->currentRow();
  if (row < 0 || row >= static_cast<int>(w.size())) row = static_cast<int>(w.size()) - 1;
  const std::string name = w[static_cast<std::size_t>(row)].name;
  auto after = w;
  after.erase(after.begin() + row);
  // Values kept for the removed class would name an unknown class: drop them in the same step.
  updating_ = true;
  doc_->undoStack()->beginMacro(tr("Remove class %1").arg(q(name)));
  rekeyMaps(name, std::string());
  doc_->setWorkload(after, tr("Remove class %1").arg(q(name)));
  doc_->undoStack()->endMacro();
  updating_ = false;
  refresh();
}
