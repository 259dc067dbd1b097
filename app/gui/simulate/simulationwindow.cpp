#include "simulate/simulationwindow.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "archbench/format.h"
#include "canvas/canvasscene.h"
#include "simulate/simfigures.h"
#include "simulate/timelinecharts.h"
#include "simulate/tracewaterfall.h"
#include "window/closekeys.h"

namespace {

constexpr int kPlayTickMs = 40;
constexpr int kPlaySeconds = 30;  // a whole run plays in about this long

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// The run as one line: what was simulated, how, and its faults as the CLI spells them.
QString summary(const SimulationOutcome& o) {
  const archbench::SimReport& r = *o.report;
  QString s = QObject::tr(
                  "%1 at load ×%2: %3 of arrivals, the first %4 not measured; seed %5; %6; "
                  "%7 events; intervals by %8")
                  .arg(q(r.version), q(archbench::format_multiplier(r.load)),
                       q(archbench::format_duration(r.duration_s)),
                       q(archbench::format_duration(r.warmup_s)))
                  .arg(r.seed)
                  .arg(r.replications == 1 ? QObject::tr("1 replication")
                                           : QObject::tr("%1 replications").arg(r.replications),
                       q(archbench::format_significant(
                           static_cast<double>(r.events),
                           std::max(1, static_cast<int>(std::to_string(r.events).size())))),
                       q(r.interval_method));
  QStringList faults, restarts;  // the dialog adds restarts after the faults (format 5)
  for (const QString& f : o.faultSpellings)
    (f.contains(QStringLiteral("restart ")) ? restarts : faults) << f;
  if (!faults.isEmpty()) s += QObject::tr("; faults %1").arg(faults.join(QStringLiteral(", ")));
  if (!restarts.isEmpty())
    s += QObject::tr("; restarts %1").arg(restarts.join(QStringLiteral(", ")));
  return s;
}

}  // namespace

SimulationWindow::SimulationWindow(SimulationOutcome outcome, CanvasScene* scene, QWidget* parent)
    : QMainWindow(parent),
      outcome_(std::move(outcome)),
      scene_(scene),
      tabs_(new QTabWidget),
      charts_(new TimelineCharts(*outcome_.report)),
      waterfall_(new TraceWaterfall(outcome_.report->traces)),
      figures_(new SimFigures(outcome_)),
      slider_(new QSlider(Qt::Horizontal)),
      play_(new QPushButton),
      time_(new QLabel),
      timer_(new QTimer(this)) {
  setObjectName(QStringLiteral("simulationWindow"));
  setAttribute(Qt::WA_DeleteOnClose);
  setWindowTitle(tr("Simulation — %1").arg(q(outcome_.report->version)));
  tabs_->setObjectName(QStringLiteral("simulationTabs"));
  tabs_->addTab(charts_, tr("&Timeline"));
  tabs_->addTab(waterfall_, tr("T&races"));
  tabs_->addTab(figures_, tr("&Analytic vs simulated"));

  auto* caption = new QLabel(summary(outcome_));
  caption->setObjectName(QStringLiteral("summary"));
  caption->setWordWrap(true);
  caption->setTextInteractionFlags(Qt::TextSelectableByMouse);

  const archbench::SimTimeline* t =
      outcome_.report->timeline ? &*outcome_.report->timeline : nullptr;
  const int steps = t ? static_cast<int>(t->start_s.size()) : 0;
  slider_->setObjectName(QStringLiteral("timeSlider"));
  slider_->setRange(0, std::max(0, steps - 1));
  slider_->setEnabled(steps > 0);
  slider_->setToolTip(
      tr("Replay the run on the canvas: each component's utilization and queue, "
         "each link's calls per second, at this time"));
  play_->setObjectName(QStringLiteral("playButton"));
  play_->setCheckable(true);
  play_->setEnabled(steps > 0);
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  play_->setText(tr("Play"));
  play_->setToolTip(tr("Play the run on the canvas (Space pauses)"));
  play_->setShortcut(Qt::Key_Space);
  time_->setObjectName(QStringLiteral("timeLabel"));
  time_->setMinimumWidth(150);
  time_->setText(tr("Move the slider to replay on the canvas"));
  timer_->setInterval(kPlayTickMs);
  connect(timer_, &QTimer::timeout, this, &SimulationWindow::advance);
  connect(play_, &QPushButton::toggled, this, &SimulationWindow::setPlaying);
  connect(slider_, &QSlider::valueChanged, this, &SimulationWindow::showStep);
  // Another version on the canvas ends the replay: its cards are not this run's.
  if (scene_)
    connect(scene_->document(), &Document::versionChanged, this, [this] {
      setPlaying(false);
      replaying_ = false;
      slider_->setEnabled(false);
      play_->setEnabled(false);
      time_->setText(tr("Replay off: the canvas shows another version"));
    });

  auto* bar = new QHBoxLayout;
  bar->addWidget(play_);
  bar->addWidget(slider_, 1);
  bar->addWidget(time_);
  bar->addWidget(window_keys::addClose(this));
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->addWidget(caption);
  layout->addWidget(tabs_, 1);
  layout->addLayout(bar);
  setCentralWidget(central);
  resize(1180, 820);
}

SimulationWindow::~SimulationWindow() {
  if (scene_ && replaying_) scene_->setReplay(std::nullopt);
}

bool SimulationWindow::isPlaying() const {
  return timer_->isActive();
}

void SimulationWindow::setPlaying(bool on) {
  if (on == isPlaying()) return;
  if (on) {
    if (slider_->value() >= slider_->maximum()) slider_->setValue(0);
    timer_->start();
    showStep(slider_->value());
  } else {
    timer_->stop();
  }
  const QSignalBlocker block(play_);
  play_->setChecked(on);
  play_->setText(on ? tr("Pause") : tr("Play"));
  play_->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void SimulationWindow::advance() {
  const int steps = slider_->maximum() + 1;
  const int by = std::max(1, steps * kPlayTickMs / (kPlaySeconds * 1000));
  if (slider_->value() >= slider_->maximum()) {
    setPlaying(false);
    return;
  }
  slider_->setValue(std::min(slider_->maximum(), slider_->value() + by));
}

void SimulationWindow::showStep(int step) {
  const archbench::SimReport& r = *outcome_.report;
  if (!r.timeline || step < 0 || step >= static_cast<int>(r.timeline->start_s.size())) return;
  if (slider_->value() != step) {
    slider_->setValue(step);  // comes back here
    return;
  }
  const archbench::SimTimeline& t = *r.timeline;
  const auto i = static_cast<std::size_t>(step);
  CanvasReplay replay;
  replay.time_s = t.start_s[i];
  for (std::size_t c = 0; c < t.components.size(); ++c)
    replay.nodes[t.components[c]] = {t.utilization[c][i], t.queue_length[c][i],
                                     t.instances_down[c][i]};
  for (std::size_t l = 0; l < t.call_links.size(); ++l) {
    const std::string& name = t.call_links[l];
    const auto arrow = name.find(" → ");
    if (arrow == std::string::npos) continue;
    replay.link_rate[{name.substr(0, arrow), name.substr(arrow + std::string(" → ").size())}] =
        t.calls_per_s[l][i];
  }
  charts_->setCursor(t.start_s[i] + t.step_s / 2);
  time_->setText(tr("t = %1 of %2")
                     .arg(q(archbench::format_duration(t.start_s[i])),
                          q(archbench::format_duration(t.start_s.back() + t.step_s))));
  if (scene_ && slider_->isEnabled()) {
    replaying_ = true;
    scene_->setReplay(std::move(replay));
    // The canvas no longer shows the steady figures the panels do: say so where the main
    // window says what it shows.
    if (auto* main = qobject_cast<QMainWindow*>(parentWidget()))
      main->statusBar()->showMessage(tr("Canvas: the simulation replayed at %1 (close the "
                                        "simulation window for the steady figures)")
                                         .arg(q(archbench::format_duration(t.start_s[i]))));
  }
}

void SimulationWindow::closeEvent(QCloseEvent* event) {
  setPlaying(false);
  if (scene_ && replaying_) {
    scene_->setReplay(std::nullopt);
    if (auto* main = qobject_cast<QMainWindow*>(parentWidget())) main->statusBar()->clearMessage();
  }
  replaying_ = false;
  QMainWindow::closeEvent(event);
}
