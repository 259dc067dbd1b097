#include "simulate/simulatedialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/simulate.h"
#include "document/document.h"
#include "simulate/faultrows.h"

namespace {

// A timeline keeps about 20 numbers per step and series; a million steps is already ~200 MB.
constexpr double kMaxSteps = 1e6;

QDoubleSpinBox* seconds(const QString& name, double min, double max, double value) {
  auto* s = new QDoubleSpinBox;
  s->setObjectName(name);
  s->setRange(min, max);
  s->setDecimals(1);
  s->setValue(value);
  s->setSuffix(QObject::tr(" s"));
  return s;
}

QString plain(double v) {
  return QString::number(v, 'g', 10);  // as typed on a command line: 60, 0.5, 1e+06
}

}  // namespace

SimulateDialog::SimulateDialog(Document* doc, QWidget* parent)
    : QDialog(parent),
      doc_(doc),
      load_(new QDoubleSpinBox),
      duration_(seconds(QStringLiteral("duration"), 1, 1e7, 600)),
      warmup_(seconds(QStringLiteral("warmup"), 0, 1e7, 60)),
      step_(seconds(QStringLiteral("step"), 0.1, 3600, 1)),
      seed_(new QSpinBox),
      replications_(new QSpinBox),
      traces_(new QSpinBox),
      faults_(new FaultRows(doc->version(), doc->catalog(), this)),
      message_(new QLabel),
      progress_(new QProgressBar),
      run_button_(new QPushButton(tr("&Run"))),
      cancel_button_(new QPushButton(tr("Cancel"))),
      buttons_(new QDialogButtonBox),
      run_(new SimulationRun(this)) {
  setObjectName(QStringLiteral("simulateDialog"));
  setWindowTitle(tr("Simulate %1").arg(QString::fromStdString(doc->version().name)));
  load_->setObjectName(QStringLiteral("load"));
  load_->setRange(0.01, 1000);
  load_->setDecimals(2);
  load_->setValue(1);
  load_->setPrefix(QStringLiteral("×"));
  load_->setToolTip(tr("Every class's peak rate is multiplied by this"));
  duration_->setToolTip(tr("Simulated time in which requests arrive, warm-up included"));
  warmup_->setToolTip(tr("Requests arriving before this are not measured"));
  step_->setToolTip(tr("The timeline's step: one point per step in the charts and the replay"));
  seed_->setObjectName(QStringLiteral("seed"));
  seed_->setRange(0, 2147483647);
  seed_->setValue(1);
  seed_->setToolTip(tr("The same seed gives the same run"));
  replications_->setObjectName(QStringLiteral("replications"));
  replications_->setRange(1, 1000);
  replications_->setToolTip(
      tr("Independent runs (on every core); with one, the intervals come "
         "from batch means. The timeline and traces are the first run's"));
  traces_->setObjectName(QStringLiteral("traces"));
  traces_->setRange(0, 1000);
  traces_->setValue(20);
  traces_->setToolTip(tr("Whole requests recorded as span trees, evenly over the measured time"));

  auto* form = new QFormLayout;
  form->addRow(tr("&Load:"), load_);
  form->addRow(tr("&Duration:"), duration_);
  form->addRow(tr("&Warm-up:"), warmup_);
  form->addRow(tr("S&eed:"), seed_);
  form->addRow(tr("Re&plications:"), replications_);
  form->addRow(tr("&Traces:"), traces_);
  form->addRow(tr("Timeline &step:"), step_);
  auto* faultBox = new QGroupBox(tr("Faults in time"));
  auto* faultLayout = new QVBoxLayout(faultBox);
  faultLayout->addWidget(faults_);

  message_->setObjectName(QStringLiteral("message"));
  message_->setWordWrap(true);
  message_->setVisible(false);
  progress_->setObjectName(QStringLiteral("progress"));
  progress_->setRange(0, 1000);
  progress_->setFormat(tr("%p% of the simulated time"));
  progress_->setVisible(false);
  run_button_->setObjectName(QStringLiteral("runButton"));
  run_button_->setDefault(true);
  cancel_button_->setObjectName(QStringLiteral("cancelButton"));
  buttons_->addButton(run_button_, QDialogButtonBox::AcceptRole);
  buttons_->addButton(cancel_button_, QDialogButtonBox::RejectRole);
  connect(run_button_, &QPushButton::clicked, this, &SimulateDialog::start);
  connect(cancel_button_, &QPushButton::clicked, this, &SimulateDialog::reject);
  connect(run_, &SimulationRun::progressed, this,
          [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
  connect(run_, &SimulationRun::finished, this, &SimulateDialog::runFinished);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(faultBox, 1);
  restarts_label_ = new QLabel;
  restarts_label_->setObjectName(QStringLiteral("restarts"));
  restarts_label_->setWordWrap(true);
  restarts_label_->setVisible(false);
  layout->addWidget(restarts_label_);
  layout->addWidget(message_);
  layout->addWidget(progress_);
  layout->addWidget(buttons_);
  resize(560, 520);
}

archbench::SimulateOptions SimulateDialog::options() const {
  archbench::SimulateOptions o;
  o.load = load_->value();
  o.duration_s = duration_->value();
  o.warmup_s = warmup_->value();
  o.seed = static_cast<std::uint64_t>(seed_->value());
  o.replications = replications_->value();
  o.traces = traces_->value();
  o.timeline_step_s = step_->value();
  o.faults = faults_->faults();
  o.restarts = restarts_;
  return o;
}

void SimulateDialog::setRestarts(std::vector<archbench::Restart> restarts) {
  restarts_ = std::move(restarts);
  QStringList lines;
  for (const auto& r : restarts_) lines << QString::fromStdString(archbench::restart_spelling(r));
  restarts_label_->setText(tr("Restarts: %1").arg(lines.join(QStringLiteral(", "))));
  restarts_label_->setVisible(!restarts_.empty());
}

bool SimulateDialog::loadStored(const archbench::StoredSimulation& stored) {
  const archbench::SimulateOptions o = archbench::simulation_options(stored);
  duration_->setValue(o.duration_s);
  warmup_->setValue(o.warmup_s);
  load_->setValue(o.load);
  seed_->setValue(static_cast<int>(std::min<std::uint64_t>(o.seed, 2147483647)));
  step_->setValue(o.timeline_step_s);
  faults_->clear();
  bool ok = true;
  for (const auto& tf : o.faults) {
    const archbench::Fault& f = tf.fault;
    using archbench::FaultType;
    QString type = QString::fromLatin1(archbench::to_string(f.type));
    QString target = QString::fromStdString(f.component);
    double value = 0;
    switch (f.type) {
      case FaultType::Cut: target = QString::fromStdString(f.component + "->" + f.to); break;
      case FaultType::Zone: target = QString::fromStdString(f.zone); break;
      case FaultType::Spike: target.clear(); value = f.factor; break;
      case FaultType::Lose: value = f.instances; break;
      case FaultType::Flush: value = f.hit_ratio; break;
      case FaultType::Slow:
        if (f.add_ms > 0) {
          type = QStringLiteral("slow +ms");
          value = f.add_ms;
        } else {
          value = f.factor;
        }
        break;
      default: break;
    }
    ok = faults_->addFault(type, target, value, tf.start_s, tf.end_s) && ok;
  }
  setRestarts(o.restarts);
  return ok;
}

QStringList SimulateDialog::commandLine() const {
  QStringList args{QStringLiteral("--load"),         plain(load_->value()),
                   QStringLiteral("--duration"),     plain(duration_->value()) + "s",
                   QStringLiteral("--warmup"),       plain(warmup_->value()) + "s",
                   QStringLiteral("--seed"),         QString::number(seed_->value()),
                   QStringLiteral("--replications"), QString::number(replications_->value())};
  for (const QString& f : faults_->spellings()) args << f.split(' ');
  for (const auto& r : restarts_)
    args << QString::fromStdString(archbench::restart_spelling(r)).split(' ');
  return args;
}

bool SimulateDialog::start() {
  if (run_->isRunning()) return false;
  auto refuse = [this](const QString& why) {
    message_->setText(why);
    message_->setVisible(true);
    return false;
  };
  if (warmup_->value() >= duration_->value())
    return refuse(tr("The warm-up must be shorter than the duration."));
  const double end = duration_->value() + std::max(duration_->value() - warmup_->value(), 60.0);
  if (end / step_->value() > kMaxSteps)
    return refuse(tr("The timeline would have more than %1 steps: make its step longer.")
                      .arg(QString::fromStdString(archbench::format_significant(kMaxSteps, 1))));
  if (const QString p = faults_->problem(end); !p.isEmpty()) return refuse(p);
  // What archbench-cli simulate refuses, the dialog refuses too, in the engine's words (a second
  // fault of one type on one component, more instances lost than it has, …).
  std::vector<archbench::Fault> faults;
  for (const auto& tf : faults_->faults()) faults.push_back(tf.fault);
  const auto problems = archbench::validate_faults(doc_->version(), doc_->catalog(), faults, "");
  if (!problems.empty()) {
    QStringList lines;
    for (const auto& p : problems) lines << QString::fromStdString(p.message);
    return refuse(lines.join('\n'));
  }
  message_->setVisible(false);
  setRunning(true);
  QStringList spellings = faults_->spellings();
  for (const auto& r : restarts_) spellings << QString::fromStdString(archbench::restart_spelling(r));
  run_->start(doc_->version(), doc_->catalog(), options(), spellings);
  return true;
}

void SimulateDialog::setRunning(bool on) {
  progress_->setValue(0);
  progress_->setVisible(on);
  run_button_->setEnabled(!on);
  for (QWidget* w : std::initializer_list<QWidget*>{load_, duration_, warmup_, step_, seed_,
                                                    replications_, traces_, faults_})
    w->setEnabled(!on);
  cancel_button_->setToolTip(on ? tr("Stop the simulation") : tr("Close without simulating"));
}

void SimulateDialog::runFinished() {
  setRunning(false);
  const SimulationOutcome& o = run_->outcome();
  if (o.report) {
    emit simulated(o);
    accept();
    return;
  }
  message_->setText(o.cancelled ? tr("Cancelled: nothing to show.")
                                : tr("The simulation failed: %1").arg(o.error));
  message_->setVisible(true);
}

QString SimulateDialog::message() const {
  return message_->isVisible() ? message_->text() : QString();
}

void SimulateDialog::reject() {
  if (run_->isRunning()) {
    run_->cancel();  // runFinished follows, and the dialog stays open with the reason
    return;
  }
  QDialog::reject();
}
