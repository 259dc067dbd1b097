#include "simulate/faultrows.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

#include "archbench/format.h"

namespace {

enum Column { kType, kTarget, kValue, kFrom, kTo, kColumns };

// "slow +ms" is archbench-cli's --slow ID=+MS: a delay added to every visit, not a factor.
const QString kDelay = QStringLiteral("slow +ms");
const QStringList kTypes{"crash", "hang", "slow", kDelay, "lose", "flush", "cut", "zone", "spike"};

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// A value or time as the command line takes it: "3", "0.5", "60".
QString plain(double v) {
  return QString::number(v, 'g', 10);  // as typed on a command line: 60, 0.5, 1e+06
}

QDoubleSpinBox* spin(double min, double max, double value, int decimals, const QString& suffix) {
  auto* s = new QDoubleSpinBox;
  s->setRange(min, max);
  s->setDecimals(decimals);
  s->setValue(value);
  s->setSuffix(suffix);
  return s;
}

}  // namespace

FaultRows::FaultRows(const archbench::Version& version, const archbench::Catalog& catalog,
                     QWidget* parent)
    : QWidget(parent), version_(version), catalog_(catalog), table_(new QTableWidget(0, kColumns)) {
  table_->setObjectName(QStringLiteral("faultTable"));
  table_->setHorizontalHeaderLabels(
      {tr("Fault"), tr("Strikes"), tr("Value"), tr("From"), tr("To")});
  table_->horizontalHeader()->setSectionResizeMode(kTarget, QHeaderView::Stretch);
  table_->verticalHeader()->setVisible(false);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setMinimumHeight(120);
  auto* add = new QPushButton(tr("Add Fault"));
  add->setObjectName(QStringLiteral("addFault"));
  add->setToolTip(
      tr("A fault during a window of simulated time (crash the first component "
         "from 60 s to 120 s; change it in the row)"));
  auto* remove = new QPushButton(tr("Remove"));
  remove->setObjectName(QStringLiteral("removeFault"));
  connect(add, &QPushButton::clicked, this, [this] { addFault("crash", {}, 0, 60, 120); });
  connect(remove, &QPushButton::clicked, this, [this] {
    const int row = table_->currentRow();
    if (row >= 0) table_->removeRow(row);
  });
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add);
  buttons->addWidget(remove);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  layout->addLayout(buttons);
}

int FaultRows::count() const {
  return table_->rowCount();
}

void FaultRows::clear() {
  table_->setRowCount(0);
}

bool FaultRows::addFault(const QString& type, const QString& target, double value, double start_s,
                         double end_s) {
  if (!kTypes.contains(type)) return false;
  const int row = table_->rowCount();
  table_->insertRow(row);
  auto* types = new QComboBox;
  types->addItems(kTypes);
  types->setCurrentText(type);
  table_->setCellWidget(row, kType, types);
  table_->setCellWidget(row, kTarget, new QComboBox);
  table_->setCellWidget(row, kValue, spin(0, 1000, 1, 2, QString()));
  table_->setCellWidget(row, kFrom, spin(0, 1e7, start_s, 1, tr(" s")));
  table_->setCellWidget(row, kTo, spin(0, 1e7, end_s, 1, tr(" s")));
  fillTargets(row);
  connect(types, &QComboBox::currentTextChanged, this, [this, types] {
    for (int r = 0; r < table_->rowCount(); ++r)
      if (table_->cellWidget(r, kType) == types) fillTargets(r);
  });
  auto* targets = qobject_cast<QComboBox*>(table_->cellWidget(row, kTarget));
  if (!target.isEmpty()) {
    const int i = targets->findData(target);
    if (i < 0) {
      table_->removeRow(row);
      return false;
    }
    targets->setCurrentIndex(i);
  }
  if (type != "spike" && targets->count() == 0) {
    table_->removeRow(row);
    return false;
  }
  if (value > 0) qobject_cast<QDoubleSpinBox*>(table_->cellWidget(row, kValue))->setValue(value);
  return true;
}

// The targets a fault of the row's type can strike, and the value it takes.
void FaultRows::fillTargets(int row) {
  const QString t = type(row);
  auto* targets = qobject_cast<QComboBox*>(table_->cellWidget(row, kTarget));
  auto* value = qobject_cast<QDoubleSpinBox*>(table_->cellWidget(row, kValue));
  targets->clear();
  if (t == "cut") {
    for (const auto& l : version_.links)
      targets->addItem(q(l.from + " → " + l.to), q(l.from + "->" + l.to));
  } else if (t == "zone") {
    std::set<std::string> zones;
    for (const auto& c : version_.components) zones.insert(c.zones.begin(), c.zones.end());
    for (const auto& z : zones) targets->addItem(q(z), q(z));
  } else if (t != "spike") {
    for (const auto& c : version_.components) {
      const archbench::KindDecl* kind = catalog_.find(c.kind);
      if (!kind || kind->behaviour == archbench::Behaviour::Client) continue;
      if (t == "flush" && kind->behaviour != archbench::Behaviour::Cache) continue;
      const QString label = c.name.empty() || c.name == c.id
                                ? q(c.id)
                                : QStringLiteral("%1 (%2)").arg(q(c.name), q(c.id));
      targets->addItem(label, q(c.id));
    }
  }
  targets->setEnabled(t != "spike");
  // The value: × for slow and spike, ms for a delay, instances for lose, the hit ratio for flush.
  value->setEnabled(t == "slow" || t == kDelay || t == "spike" || t == "lose" || t == "flush");
  value->setDecimals(t == "lose" ? 0 : 2);
  value->setRange(t == "lose"    ? 1
                  : t == "flush" ? 0
                  : t == kDelay  ? 0.01
                                 : 1,
                  t == "flush"  ? 1
                  : t == kDelay ? 1e6
                                : 1000);
  value->setValue(t == "slow" ? 3 : t == kDelay ? 200 : t == "spike" ? 2 : t == "lose" ? 1 : 0);
  value->setPrefix(t == "slow" || t == "spike" ? QStringLiteral("×") : QString());
  value->setSuffix(t == kDelay ? tr(" ms") : QString());
}

QString FaultRows::type(int row) const {
  return qobject_cast<QComboBox*>(table_->cellWidget(row, kType))->currentText();
}

QString FaultRows::target(int row) const {
  return qobject_cast<QComboBox*>(table_->cellWidget(row, kTarget))->currentData().toString();
}

double FaultRows::number(int row, int column) const {
  return qobject_cast<QDoubleSpinBox*>(table_->cellWidget(row, column))->value();
}

std::vector<archbench::TimedFault> FaultRows::faults() const {
  using archbench::FaultType;
  std::vector<archbench::TimedFault> out;
  for (int r = 0; r < count(); ++r) {
    const QString t = type(r);
    archbench::Fault f;
    f.type = t == "hang"                  ? FaultType::Hang
             : t == "slow" || t == kDelay ? FaultType::Slow
             : t == "lose"                ? FaultType::Lose
             : t == "flush"               ? FaultType::Flush
             : t == "cut"                 ? FaultType::Cut
             : t == "zone"                ? FaultType::Zone
             : t == "spike"               ? FaultType::Spike
                                          : FaultType::Crash;
    const std::string what = target(r).toStdString();
    if (f.type == FaultType::Cut) {
      const auto arrow = what.find("->");
      f.component = what.substr(0, arrow);
      f.to = arrow == std::string::npos ? std::string() : what.substr(arrow + 2);
    } else if (f.type == FaultType::Zone) {
      f.zone = what;
    } else if (f.type != FaultType::Spike) {
      f.component = what;
    }
    const double v = number(r, kValue);
    if (t == "slow" || f.type == FaultType::Spike) f.factor = v;
    if (t == kDelay) f.add_ms = v;
    if (f.type == FaultType::Lose) f.instances = static_cast<int>(v);
    if (f.type == FaultType::Flush) f.hit_ratio = v;
    const double start = number(r, kFrom), end = number(r, kTo);
    f.duration_s = std::min(end - start, 1e7);  // as archbench-cli simulate sets it
    out.push_back({f, start, end});
  }
  return out;
}

QStringList FaultRows::spellings() const {
  QStringList out;
  for (int r = 0; r < count(); ++r) {
    const QString t = type(r);
    const double v = number(r, kValue);
    QString value = t == "spike" ? plain(v) : target(r);
    if (t == "slow") value += QStringLiteral("=%1x").arg(plain(v));
    if (t == kDelay) value += QStringLiteral("=+%1ms").arg(plain(v));
    if (t == "lose") value += QStringLiteral("=%1").arg(plain(v));
    if (t == "flush" && v > 0) value += QStringLiteral("=%1").arg(plain(v));
    out << QStringLiteral("--%1 %2@%3s-%4s")
               .arg(t == kDelay ? QStringLiteral("slow") : t, value, plain(number(r, kFrom)),
                    plain(number(r, kTo)));
  }
  return out;
}

QString FaultRows::problem(double end_of_run_s) const {
  for (int r = 0; r < count(); ++r) {
    const double start = number(r, kFrom), end = number(r, kTo);
    if (end <= start)
      return tr("Fault %1 (%2): the window must end after it starts").arg(r + 1).arg(type(r));
    if (start >= end_of_run_s)
      return tr("Fault %1 (%2): it starts after the run ends").arg(r + 1).arg(type(r));
  }
  return {};
}
