#include "simulate/simulationrun.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

namespace {

constexpr int kPollMs = 50;

// Runs on a worker thread on its own copy of the version; the catalog never changes while the
// application runs.
SimulationOutcome runSimulation(SimulationOutcome in, const archbench::Catalog* catalog) {
  SimulationOutcome out = std::move(in);
  try {
    archbench::EvaluateOptions e;
    e.load = out.options.load;
    e.max_throughput = false;
    out.analytic = archbench::evaluate(out.version, *catalog, e);
  } catch (const std::exception&) {
    // The simulation's own error below says what is wrong with the version.
  }
  try {
    out.report = archbench::simulate(out.version, *catalog, out.options);
  } catch (const archbench::SimulationCancelled&) {
    out.cancelled = true;
  } catch (const std::exception& ex) {
    out.error = QString::fromUtf8(ex.what());
  }
  out.options.control = nullptr;  // the run's control does not outlive it
  return out;
}

}  // namespace

SimulationRun::SimulationRun(QObject* parent)
    : QObject(parent),
      control_(std::make_unique<archbench::SimControl>()),
      poll_(new QTimer(this)) {
  poll_->setInterval(kPollMs);
  connect(poll_, &QTimer::timeout, this, [this] { emit progressed(fraction()); });
  connect(&watcher_, &QFutureWatcher<SimulationOutcome>::finished, this, [this] {
    poll_->stop();
    outcome_ = watcher_.result();
    emit progressed(fraction());
    emit finished();
  });
}

SimulationRun::~SimulationRun() {
  control_->cancel = true;
  watcher_.waitForFinished();
}

void SimulationRun::start(const archbench::Version& version, const archbench::Catalog& catalog,
                          archbench::SimulateOptions options, const QStringList& faultSpellings) {
  if (isRunning()) return;
  control_->cancel = false;
  control_->simulated_us = 0;
  control_->total_us = 0;
  options.control = control_.get();
  SimulationOutcome in;
  in.version = version;
  in.options = options;
  in.faultSpellings = faultSpellings;
  outcome_ = {};
  poll_->start();
  watcher_.setFuture(QtConcurrent::run(runSimulation, std::move(in), &catalog));
}

bool SimulationRun::isRunning() const {
  return watcher_.isRunning();
}

void SimulationRun::cancel() {
  control_->cancel = true;
}

double SimulationRun::fraction() const {
  return control_->fraction();
}
