// Canvas speed with a large design: 500 components (bench::generated_architecture(50, 10), 502
// components and 551 links) on a grid of 25 columns, 220 × 140 px apart, in a 1400 × 900
// CanvasView on the offscreen platform. A frame is the whole view rendered into a QImage, the
// worst case of a repaint (zooming repaints everything; a real pan repaints only the strip
// that scrolled in). 16 ms is a 60 fps frame.
#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <benchmark/benchmark.h>

#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document/document.h"
#include "generated_architecture.h"

namespace {

using namespace archbench;

constexpr int kColumns = 25;
constexpr double kStepX = 220, kStepY = 140;
constexpr int kViewWidth = 1400, kViewHeight = 900;

[[noreturn]] void fail(const QString& why) {
  std::fprintf(stderr, "bench_canvas: %s\n", qPrintable(why));
  std::exit(1);
}

const Catalog& catalog() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

// The design laid out row by row: a domain's ten components sit next to each other.
Project largeProject() {
  Version v = bench::generated_architecture(50, 10);
  v.name = "V1";
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    const auto col = static_cast<double>(i % kColumns), row = static_cast<double>(i / kColumns);
    v.components[i].pos = std::array<double, 2>{col * kStepX, row * kStepY};
  }
  Project p;
  p.name = "generated 500";
  p.versions.push_back(std::move(v));
  return p;
}

// One document, scene and view for all benchmarks, loaded through the engine's writer and the
// document's reader as opening a file would.
struct Canvas {
  Document doc{catalog()};
  std::unique_ptr<CanvasScene> scene;
  std::unique_ptr<CanvasView> view;

  Canvas() {
    QTemporaryDir dir;
    if (!dir.isValid()) fail("cannot create a temporary directory");
    const QString path = dir.filePath("generated.archbench.json");
    save_project(largeProject(), path.toStdString());
    QString error;
    if (!doc.load(path, &error)) fail(error);
    if (!doc.report()) fail("the generated design does not evaluate");
    scene = std::make_unique<CanvasScene>(&doc);
    view = std::make_unique<CanvasView>(scene.get());
    view->resize(kViewWidth, kViewHeight);
    view->show();
    QApplication::processEvents();
  }

  // Made by the first benchmark that needs it; main destroys it while QApplication lives.
  static std::unique_ptr<Canvas>& slot() {
    static std::unique_ptr<Canvas> c;
    return c;
  }
  static Canvas& get() {
    if (!slot()) slot() = std::make_unique<Canvas>();
    return *slot();
  }

  void atFit() {
    view->zoomToFit();
    QApplication::processEvents();
  }
  void at100() {
    view->setZoom(1);
    view->centerOn(scene->contentRect().center());
    QApplication::processEvents();
  }
};

// One frame: the viewport's own paint event (what the screen gets) into an image of its size.
// Not view.render(&painter): that name resolves to QGraphicsView::render, the scene-to-device
// path of printing and export (its own clip path and item options), which at 100% took three
// times as long as a repaint and is not what a user waits for.
void renderFrame(CanvasView& view, QImage& image) {
  QPainter painter(&image);
  view.viewport()->render(&painter);
  painter.end();
  benchmark::DoNotOptimize(image.constBits());
}

QImage frameImage(const CanvasView& view) {
  return QImage(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
}

void addCounters(benchmark::State& state, const Canvas& c, bool view = true) {
  state.counters["components"] = static_cast<double>(c.doc.version().components.size());
  state.counters["links"] = static_cast<double>(c.doc.version().links.size());
  if (view) state.counters["zoom"] = c.view->zoom();
}

void BM_CanvasFullRepaint_Fit(benchmark::State& state) {
  Canvas& c = Canvas::get();
  c.atFit();
  QImage image = frameImage(*c.view);
  renderFrame(*c.view, image);  // items' caches at this zoom
  for (auto _ : state) renderFrame(*c.view, image);
  addCounters(state, c);
}
BENCHMARK(BM_CanvasFullRepaint_Fit)->Unit(benchmark::kMillisecond);

void BM_CanvasFullRepaint_100(benchmark::State& state) {
  Canvas& c = Canvas::get();
  c.at100();
  QImage image = frameImage(*c.view);
  renderFrame(*c.view, image);
  for (auto _ : state) renderFrame(*c.view, image);
  addCounters(state, c);
}
BENCHMARK(BM_CanvasFullRepaint_100)->Unit(benchmark::kMillisecond);

void BM_CanvasPanStep(benchmark::State& state) {
  Canvas& c = Canvas::get();
  c.at100();
  QScrollBar* bar = c.view->horizontalScrollBar();
  const int start = bar->value();
  QImage image = frameImage(*c.view);
  renderFrame(*c.view, image);
  int sign = 1;
  for (auto _ : state) {
    bar->setValue(bar->value() + sign * 40);
    sign = -sign;
    renderFrame(*c.view, image);
  }
  bar->setValue(start);
  addCounters(state, c);
}
BENCHMARK(BM_CanvasPanStep)->Unit(benchmark::kMillisecond);

// Not a full frame: what a pan step costs on screen. The view scrolls what it has already
// drawn and repaints only the 40-px strip that comes into view, when the event loop delivers
// the repaint. `paints` counts the viewport's paint events per step (1 = the repaint happened).
class PaintCounter : public QObject {
 public:
  int paints = 0;

 protected:
  bool eventFilter(QObject* watched, QEvent* e) override {
    if (e->type() == QEvent::Paint) ++paints;
    return QObject::eventFilter(watched, e);
  }
};

void BM_CanvasPanStep_Incremental(benchmark::State& state) {
  Canvas& c = Canvas::get();
  c.at100();
  QScrollBar* bar = c.view->horizontalScrollBar();
  const int start = bar->value();
  PaintCounter counter;
  c.view->viewport()->installEventFilter(&counter);
  int sign = 1;
  for (auto _ : state) {
    bar->setValue(bar->value() + sign * 40);
    sign = -sign;
    QApplication::processEvents();
  }
  c.view->viewport()->removeEventFilter(&counter);
  bar->setValue(start);
  addCounters(state, c);
  state.counters["paints"] =
      static_cast<double>(counter.paints) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_CanvasPanStep_Incremental)->Unit(benchmark::kMillisecond);

// A zoom frame: every card in view is drawn again at the new scale (their cached pixmaps are
// per scale), then the frame. About 60 cards are in view at 80-92%.
void zoomSteps(benchmark::State& state, double a, double b) {
  Canvas& c = Canvas::get();
  c.at100();
  QImage image = frameImage(*c.view);
  bool first = true;
  for (auto _ : state) {
    c.view->setZoom(first ? a : b);
    first = !first;
    renderFrame(*c.view, image);
  }
  addCounters(state, c);
}

void BM_CanvasZoomStep(benchmark::State& state) {
  zoomSteps(state, 0.8, 0.92);
}
BENCHMARK(BM_CanvasZoomStep)->Unit(benchmark::kMillisecond);

// The same around the whole-design zoom (25%): all 502 cards are in view and drawn again.
void BM_CanvasZoomStep_Overview(benchmark::State& state) {
  zoomSteps(state, 0.22, 0.25);
}
BENCHMARK(BM_CanvasZoomStep_Overview)->Unit(benchmark::kMillisecond);

// What opening the file costs the canvas (the engine's load and evaluation are not included).
void BM_RebuildScene(benchmark::State& state) {
  Canvas& c = Canvas::get();
  for (auto _ : state) {
    auto scene = std::make_unique<CanvasScene>(&c.doc);
    benchmark::DoNotOptimize(scene.get());
    state.PauseTiming();
    scene.reset();
    state.ResumeTiming();
  }
  addCounters(state, c, false);
}
BENCHMARK(BM_RebuildScene)->Unit(benchmark::kMillisecond);

// A property edit: undo command, re-evaluation of the whole design and every card's and
// link's look refreshed (the view is not rendered).
void BM_EvaluateAndRefresh(benchmark::State& state) {
  Canvas& c = Canvas::get();
  const QString id = QStringLiteral("d25_app");
  if (!c.doc.component(id)) fail("no component " + id);
  int instances = 4;
  for (auto _ : state) {
    c.doc.setParam(id, QStringLiteral("instances"), ParamValue::of(instances));
    instances = instances == 4 ? 5 : 4;
  }
  if (!c.doc.report()) fail("the edited design does not evaluate");
  addCounters(state, c, false);
}
BENCHMARK(BM_EvaluateAndRefresh)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  // The icons come from archbench_gui's resources; without them the cards would be cheaper
  // to draw than in the app.
  if (!QFile::exists(QStringLiteral(":/icons/app_server.svg")))
    fail("the icon resources are not linked in");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  Canvas::slot().reset();  // widgets must go before the application
  return 0;
}
