#include "editors/regionseditor.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "editors/formrows.h"
#include "editors/numberfield.h"

using archbench::RegionLatency;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

bool same_pair(const RegionLatency& r, const std::string& a, const std::string& b) {
  return (r.a == a && r.b == b) || (r.a == b && r.b == a);
}

// The names typed, trimmed, in order, each once.
std::vector<std::string> parse_names(const QString& text) {
  std::vector<std::string> out;
  for (const QString& part : text.split(QLatin1Char(','))) {
    const std::string name = part.trimmed().toStdString();
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

QString joined(const std::vector<std::string>& names) {
  QStringList list;
  for (const auto& n : names) list << q(n);
  return list.join(QStringLiteral(", "));
}

}  // namespace

RegionsEditor::RegionsEditor(Document* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* heading = new QLabel(tr("<b>Regions</b>"));
  heading->setToolTip(tr("The regions components may stand in, and the one-way latency between "
                         "each pair: a link between two regions adds it, each way; replicas in "
                         "another region than their primary lag by it too (docs/REGIONS.md)."));
  layout->addWidget(heading);
  names_ = new QLineEdit;
  names_->setObjectName("regions_names");
  names_->setPlaceholderText(tr("none (e.g. us-east, eu-west)"));
  names_->setToolTip(tr("Region names, separated by commas. A region a component stands in "
                        "cannot be removed until the component moves."));
  connect(names_, &QLineEdit::editingFinished, this, &RegionsEditor::commitNames);
  layout->addWidget(names_);
  table_ = new QTableWidget(0, 2, this);
  table_->setObjectName("regions_latency");
  table_->setHorizontalHeaderLabels({tr("Between"), tr("One-way latency")});
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setToolTip(tr("One-way latency between two regions, in ms. A pair that a link crosses "
                        "must be stated: the design is unfinished until it is."));
  layout->addWidget(table_);
  problem_ = new QLabel;
  problem_->setObjectName("regions_problem");
  problem_->setWordWrap(true);
  problem_->setStyleSheet(QStringLiteral("color: #c62828"));
  problem_->hide();
  layout->addWidget(problem_);
  connect(doc_, &Document::regionsChanged, this, &RegionsEditor::refresh);
  connect(doc_, &Document::versionChanged, this, &RegionsEditor::refresh);
  refresh();
}

void RegionsEditor::commitNames() {
  if (!names_->isModified()) return;
  const std::vector<std::string> names = parse_names(names_->text());
  // Latencies of pairs that are still both declared are kept.
  std::vector<RegionLatency> latency;
  for (const auto& r : doc_->version().region_latency) {
    const bool kept = std::find(names.begin(), names.end(), r.a) != names.end() &&
                      std::find(names.begin(), names.end(), r.b) != names.end();
    if (kept) latency.push_back(r);
  }
  QString why;
  if (!doc_->setVersionRegions(names, latency, tr("Change regions"), &why)) {
    problem_->setText(why.isEmpty() ? tr("This version cannot be edited.") : why);
    problem_->show();
    return;  // the text stays as typed, to be corrected
  }
  problem_->hide();
  names_->setModified(false);
  refresh();
}

void RegionsEditor::setLatency(const std::string& a, const std::string& b, double ms) {
  std::vector<RegionLatency> latency = doc_->version().region_latency;
  auto it = std::find_if(latency.begin(), latency.end(),
                         [&](const RegionLatency& r) { return same_pair(r, a, b); });
  if (it != latency.end()) {
    if (it->ms == ms) return;
    it->ms = ms;
  } else {
    latency.push_back({a, b, ms});
  }
  doc_->setVersionRegions(doc_->version().regions, latency,
                          tr("Change latency between %1 and %2").arg(q(a), q(b)));
}

void RegionsEditor::refresh() {
  const archbench::Version& v = doc_->version();
  if (!names_->isModified()) {
    names_->setText(joined(v.regions));
    names_->setCursorPosition(0);
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < v.regions.size(); ++i)
    for (std::size_t j = i + 1; j < v.regions.size(); ++j) pairs.emplace_back(v.regions[i], v.regions[j]);
  table_->setRowCount(static_cast<int>(pairs.size()));
  for (int row = 0; row < static_cast<int>(pairs.size()); ++row) {
    const auto& [a, b] = pairs[static_cast<std::size_t>(row)];
    auto* label = new QTableWidgetItem(QStringLiteral("%1 ↔ %2").arg(q(a), q(b)));
    table_->setItem(row, 0, label);
    auto* field = dynamic_cast<NumberField*>(table_->cellWidget(row, 1));
    if (!field) {
      field = new NumberField(0, 1e6, 3);
      field->setSuffix(QStringLiteral(" ms"));
      table_->setCellWidget(row, 1, field);
    }
    field->disconnect(this);
    field->setObjectName(QStringLiteral("region_ms:%1|%2").arg(q(a), q(b)));
    const auto it = std::find_if(v.region_latency.begin(), v.region_latency.end(),
                                 [&](const RegionLatency& r) { return same_pair(r, a, b); });
    const bool stated = it != v.region_latency.end();
    form::set_value(field, stated ? it->ms : 0.0);
    form::set_dim(field, !stated);
    field->setToolTip(stated ? tr("One-way latency between %1 and %2. Range 0 – 1e6 ms.").arg(q(a), q(b))
                             : tr("Not stated: a link between %1 and %2 leaves the design "
                                  "unfinished until it is. Range 0 – 1e6 ms.").arg(q(a), q(b)));
    const std::string ka = a, kb = b;
    connect(field, &QDoubleSpinBox::valueChanged, this, [this, ka, kb](double ms) { setLatency(ka, kb, ms); });
  }
  table_->setVisible(!pairs.empty());
  // As tall as its rows, up to six; the dock scrolls past that.
  int height = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth();
  for (int row = 0; row < std::min(table_->rowCount(), 6); ++row) height += table_->rowHeight(row);
  table_->setFixedHeight(height);
}
