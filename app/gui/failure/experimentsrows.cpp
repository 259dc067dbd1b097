// The experiments view's rows (ExperimentsView::rebuild, showDetails, updateButtons): the list,
// each experiment with its last result (PASS/FAIL, ERROR, outdated), and the selected
// experiment's pane: its faults, its conditions as editable cells with each observed figure and
// ✓/✗, and its outcome; the buttons enabled for what is selected.
#include "failure/experimentsview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <algorithm>
#include <cmath>

#include "archbench/format.h"
#include "failure/experimentsview_internal.h"
#include "failure/scenariofigures.h"

using archbench::Cmp;
using archbench::Condition;
using archbench::Experiment;
using archbench::Metric;
using detail::faults_text;
using detail::names;
using detail::q;

namespace {

constexpr Metric kMetrics[] = {Metric::Success, Metric::Answered, Metric::Degraded,
                               Metric::Failed,  Metric::MeanMs,   Metric::P95Ms};

bool is_percent(Metric m) {
  return m != Metric::MeanMs && m != Metric::P95Ms;
}

QString metric_label(Metric m) {
  switch (m) {
    case Metric::Success:
      return QObject::tr("success");
    case Metric::Answered:
      return QObject::tr("answered");
    case Metric::Degraded:
      return QObject::tr("degraded");
    case Metric::Failed:
      return QObject::tr("failed");
    case Metric::MeanMs:
      return QObject::tr("mean latency");
    case Metric::P95Ms:
      return QObject::tr("p95 latency");
  }
  return {};
}

QString op_text(Cmp op) {
  return op == Cmp::AtLeast ? QStringLiteral("≥") : QStringLiteral("≤");
}

// A condition's figure in its unit: percent for rates, ms for latencies.
QString figure(Metric m, double v) {
  return is_percent(m) ? q(archbench::format_share(v / 100))
                       : q(archbench::format_ms(v)) + QStringLiteral(" ms");
}

// Enough decimals to show `v` as it is (up to 4), and at least `least`: a spin box rounds its
// value to what it shows, and leaving the field would then change the condition unasked.
int decimals_for(double v, int least) {
  for (int d = least; d < 4; ++d) {
    const double scale = std::pow(10.0, d);
    if (std::fabs(std::round(v * scale) - v * scale) < 1e-9 * std::max(1.0, std::fabs(v * scale)))
      return d;
  }
  return 4;
}

}  // namespace

void ExperimentsView::rebuild() {
  const QString keep = selected_;
  const QSignalBlocker block(list_);
  list_->clear();
  QTreeWidgetItem* current = nullptr;
  for (const auto& e : doc_->version().experiments) {
    auto* item = new QTreeWidgetItem(list_);
    const QString name = q(e.name);
    item->setText(NameColumn, name);
    item->setData(NameColumn, Qt::UserRole, name);
    item->setToolTip(NameColumn,
                     e.hypothesis.empty() ? name : tr("%1: %2").arg(name, q(e.hypothesis)));
    item->setText(FaultsColumn, faults_text(e.faults, doc_->version()));
    item->setToolTip(FaultsColumn, faults_text(e.faults, doc_->version()));
    const Run* r = lastRun(name);
    QString result = tr("not run");
    QString tip = tr("Run it to see whether the hypothesis holds");
    QColor color = palette().color(QPalette::PlaceholderText);
    if (r && !r->result) {
      result = tr("ERROR");
      tip = r->error;
      color = QColor(0xc0, 0x39, 0x2b);
    } else if (r) {
      result = r->result->passed ? tr("PASS") : tr("FAIL");
      color = r->result->passed ? QColor(0x1b, 0x7a, 0x35) : QColor(0xc0, 0x39, 0x2b);
      tip = r->result->passed ? tr("Every condition held") : tr("A condition did not hold");
    }
    if (r && !isCurrent(*r)) {
      result += tr(" (outdated)");
      tip += tr("\nThe design or the experiment changed since this run: run it again.");
      color = palette().color(QPalette::PlaceholderText);
    }
    item->setText(ResultColumn, result);
    item->setToolTip(ResultColumn, tip);
    item->setForeground(ResultColumn, color);
    QFont bold = font();
    bold.setBold(true);
    item->setFont(ResultColumn, bold);
    if (name == keep) current = item;
  }
  if (!current && list_->topLevelItemCount() > 0) current = list_->topLevelItem(0);
  list_->setCurrentItem(current);
  selected_ = current ? current->data(NameColumn, Qt::UserRole).toString() : QString();
  list_->resizeColumnToContents(NameColumn);
  showDetails();
}

void ExperimentsView::showDetails() {
  const Experiment* e = selected();
  details_->setEnabled(e != nullptr);
  conditions_->setRowCount(0);
  if (!e) {
    title_->setText(doc_->version().experiments.empty()
                        ? tr("<i>No experiments in %1. Apply a scenario (Failure menu) and make "
                             "one with “New from scenario…”.</i>")
                              .arg(q(doc_->version().name).toHtmlEscaped())
                        : QString());
    faults_->clear();
    outcome_->clear();
    updateButtons();
    return;
  }
  title_->setText(QStringLiteral("<b>%1</b>%2")
                      .arg(q(e->name).toHtmlEscaped(),
                           e->hypothesis.empty()
                               ? QString()
                               : QStringLiteral(" — ") + q(e->hypothesis).toHtmlEscaped()));
  faults_->setText(tr("Faults: %1").arg(faults_text(e->faults, doc_->version())));

  const Run* run = lastRun(q(e->name));
  const bool current = run && run->result && isCurrent(*run);
  const archbench::ExperimentResult* result = current ? &*run->result : nullptr;

  QStringList classes;
  for (const auto& c : doc_->version().workload) classes << q(c.name);
  conditions_->setRowCount(static_cast<int>(e->conditions.size()));
  for (int row = 0; row < conditions_->rowCount(); ++row) {
    const Condition& c = e->conditions[static_cast<std::size_t>(row)];

    auto* cls = new QComboBox(conditions_);
    cls->addItems(classes);
    if (!classes.contains(q(c.request_class))) cls->addItem(q(c.request_class));
    cls->setCurrentText(q(c.request_class));
    connect(cls, &QComboBox::currentTextChanged, this, [this, row, c](const QString& text) {
      Condition after = c;
      after.request_class = text.toStdString();
      setCondition(row, after);
    });
    conditions_->setCellWidget(row, ClassColumn, cls);

    auto* metric = new QComboBox(conditions_);
    for (Metric m : kMetrics) metric->addItem(metric_label(m), static_cast<int>(m));
    metric->setCurrentIndex(metric->findData(static_cast<int>(c.metric)));
    connect(metric, &QComboBox::currentIndexChanged, this, [this, row, c, metric] {
      Condition after = c;
      after.metric = static_cast<Metric>(metric->currentData().toInt());
      // A rate and a latency do not share a scale: a switch starts from a plausible bound.
      if (is_percent(after.metric) != is_percent(c.metric)) {
        after.value = is_percent(after.metric) ? 99 : 500;
        after.op = is_percent(after.metric) ? Cmp::AtLeast : Cmp::AtMost;
      }
      setCondition(row, after);
    });
    conditions_->setCellWidget(row, MetricColumn, metric);

    auto* op = new QComboBox(conditions_);
    op->addItem(op_text(Cmp::AtLeast), static_cast<int>(Cmp::AtLeast));
    op->addItem(op_text(Cmp::AtMost), static_cast<int>(Cmp::AtMost));
    op->setCurrentIndex(op->findData(static_cast<int>(c.op)));
    connect(op, &QComboBox::currentIndexChanged, this, [this, row, c, op] {
      Condition after = c;
      after.op = static_cast<Cmp>(op->currentData().toInt());
      setCondition(row, after);
    });
    conditions_->setCellWidget(row, OpColumn, op);

    auto* value = new QDoubleSpinBox(conditions_);
    value->setDecimals(decimals_for(c.value, is_percent(c.metric) ? 2 : 1));
    value->setRange(0, is_percent(c.metric) ? 100 : 1e7);
    value->setSuffix(is_percent(c.metric) ? QStringLiteral(" %") : QStringLiteral(" ms"));
    value->setValue(c.value);
    value->setKeyboardTracking(false);
    connect(value, &QDoubleSpinBox::editingFinished, this, [this, row, c, value] {
      Condition after = c;
      after.value = value->value();
      setCondition(row, after);
    });
    conditions_->setCellWidget(row, ValueColumn, value);

    auto* observed = new QTableWidgetItem;
    auto* holds = new QTableWidgetItem;
    holds->setTextAlignment(Qt::AlignCenter);
    const archbench::ConditionResult* cr =
        result && row < static_cast<int>(result->conditions.size())
            ? &result->conditions[static_cast<std::size_t>(row)]
            : nullptr;
    if (cr) {
      observed->setText(cr->observed ? figure(c.metric, *cr->observed) : QStringLiteral("—"));
      observed->setToolTip(q(cr->text));
      holds->setText(cr->holds ? QStringLiteral("✓") : QStringLiteral("✗"));
      holds->setForeground(cr->holds ? QColor(0x1b, 0x7a, 0x35) : QColor(0xc0, 0x39, 0x2b));
      QFont bold = font();
      bold.setBold(true);
      holds->setFont(bold);
      holds->setToolTip(q(cr->text));
    } else {
      observed->setToolTip(tr("Run the experiment to see the figure"));
    }
    conditions_->setItem(row, ObservedColumn, observed);
    conditions_->setItem(row, HoldsColumn, holds);
  }

  if (run && !run->result) {
    outcome_->setText(tr("<b>It could not run:</b> %1").arg(run->error.toHtmlEscaped()));
  } else if (!result) {
    outcome_->setText(run ? tr("<i>The design or the experiment changed since the last run.</i>")
                          : tr("<i>Not run yet.</i>"));
  } else {
    QString html = result->passed ? tr("<b style='color:#1b7a35'>PASS</b>")
                                  : tr("<b style='color:#c0392b'>FAIL</b>");
    // The engine's affected classes, each with what changed (affected.h), as the CLI lists them.
    QStringList affected;
    for (std::size_t i = 0; i < result->affected.size(); ++i) {
      QString a = q(result->affected[i]);
      if (i < result->affected_why.size()) a += QStringLiteral(" (%1)").arg(q(result->affected_why[i]));
      affected << a.toHtmlEscaped();
    }
    html += tr(" · affected: %1")
                .arg(affected.isEmpty() ? tr("none") : affected.join(QStringLiteral(", ")));
    if (!e->blast_radius.empty()) {
      html += tr(" · blast radius: %1").arg(names(e->blast_radius).toHtmlEscaped());
      html += result->outside_blast_radius.empty()
                  ? tr(" (kept within it)")
                  : tr(" · <b style='color:#c0392b'>outside it: %1</b>")
                        .arg(names(result->outside_blast_radius).toHtmlEscaped());
    }
    if (!result->report.cascade.empty())
      html += tr("<br>Cascade, the first cause first: %1")
                  .arg(scenario_figures::cascadeText(result->report, *doc_).toHtmlEscaped());
    outcome_->setText(html);
  }
  updateButtons();
}

void ExperimentsView::updateButtons() {
  const Experiment* e = selected();
  const bool any = !doc_->version().experiments.empty();
  runAll_->setEnabled(any && !running_);
  runSelected_->setEnabled(e && !running_);
  edit_->setEnabled(e);
  apply_->setEnabled(e && e->faults != doc_->version().faults);
  delete_->setEnabled(e);
  addCondition_->setEnabled(e && !doc_->version().workload.empty());
  removeCondition_->setEnabled(e && conditions_->currentRow() >= 0);
}
