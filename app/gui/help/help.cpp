#include "help/help.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QWhatsThis>
#include <algorithm>

#include "archbench/data_dir.h"
#include "canvas/canvasview.h"
#include "versions/versionsbar.h"
#include "window/mainwindow.h"
#include "window/style.h"

namespace {

// One legend row: how the swatch is drawn, and what it means.
enum class Swatch { Band, Border, Grey, Tag, Badge, Dashed };
struct Row {
  Swatch swatch;
  QColor colour;
  QString tag;  // a tag's or badge's text
  QString text;
};

QList<Row> legendRows() {
  using style::utilization_color;
  const QColor spof = style::spof_color();
  return {
      {Swatch::Band, utilization_color(0.3, false), {}, QObject::tr("under 60% busy")},
      {Swatch::Band, utilization_color(0.7, false), {}, QObject::tr("60–85% busy")},
      {Swatch::Band, utilization_color(0.9, false), {}, QObject::tr("85–100% busy")},
      {Swatch::Band, utilization_color(std::nullopt, true), {}, QObject::tr("saturated: more offered than it serves")},
      {Swatch::Tag, spof, QObject::tr("SPOF"), QObject::tr("single point of failure of a class")},
      {Swatch::Badge, {}, QObject::tr("99.9%"), QObject::tr("availability of the component")},
      {Swatch::Badge, {}, QObject::tr("eu-west"), QObject::tr("its region (→ where a database's replicas are)")},
      {Swatch::Tag, style::strained_color(), QObject::tr("429"), QObject::tr("its rate limit refuses requests")},
      {Swatch::Tag, style::strained_color(), QObject::tr("CONN"), QObject::tr("connections refused: over max_connections")},
      {Swatch::Tag, style::fault_color(), QObject::tr("CRASHED"), QObject::tr("a fault of the what-if on it")},
      {Swatch::Tag, style::strained_color(), QObject::tr("UNFINISHED"), QObject::tr("a problem to finish (see its tooltip)")},
      {Swatch::Border, style::fault_color(), {}, QObject::tr("what-if: saturated, or its visits fail")},
      {Swatch::Border, style::strained_color(), {}, QObject::tr("what-if: more load, or answers degraded")},
      {Swatch::Grey, {}, {}, QObject::tr("what-if: down")},
      {Swatch::Dashed, style::fault_color(), {}, QObject::tr("what-if: link cut")},
  };
}

constexpr int kPad = 10, kRow = 20, kSwatch = 74, kWidth = 376;

// An outline over another widget, for the tour.
class Outline : public QWidget {
 public:
  explicit Outline(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette().color(QPalette::Highlight), 4));
    p.drawRoundedRect(QRectF(rect()).adjusted(2, 2, -2, -2), 6, 6);
  }
};

}  // namespace

namespace help {

QPoint besideTarget(const QRect& target, const QRect& area, const QSize& box) {
  constexpr int gap = 12;
  const int x_mid = target.x() + (target.width() - box.width()) / 2;
  const int y_mid = target.y() + (target.height() - box.height()) / 2;
  // Below, above, right of, left of the panel, each kept inside the window.
  const QPoint candidates[] = {{x_mid, target.bottom() + gap},
                               {x_mid, target.top() - gap - box.height()},
                               {target.right() + gap, y_mid},
                               {target.left() - gap - box.width(), y_mid}};
  auto clamped = [&](QPoint p) {
    p.setX(std::clamp(p.x(), area.left(), std::max(area.left(), area.right() - box.width())));
    p.setY(std::clamp(p.y(), area.top(), std::max(area.top(), area.bottom() - box.height())));
    return p;
  };
  for (const QPoint& c : candidates) {
    const QPoint p = clamped(c);
    if (!QRect(p, box).intersects(target)) return p;
  }
  // No room outside it (a window filled by the panel): its bottom-right corner, where a design
  // drawn from the top left leaves most room.
  return clamped({target.right() - gap - box.width(), target.bottom() - gap - box.height()});
}

QString docsDir() { return QString::fromStdString(archbench::data_dir("docs").string()); }

QList<Step> tourSteps() {
  return {
      {"canvas", QObject::tr("The design"),
       QObject::tr("Drag a kind from Components onto the canvas; Shift-drag from one card to another, or drag from "
                   "a card's port, to connect them. Each card's colour is how busy it is and each link shows the "
                   "rate it carries (Help → Legend). Edit → Arrange lays the design out.")},
      {"paletteDock", QObject::tr("Components"),
       QObject::tr("Users, CDN, load balancer, gateway, app servers, caches, queues, workers, functions, "
                   "databases, storage and external APIs. Filter them by name.")},
      {"propertiesDock", QObject::tr("Properties"),
       QObject::tr("The selected card's or link's parameters, with units and ranges; with nothing selected, the "
                   "version's request classes (rates, entry, operation) and its notes.")},
      {"metricsDock", QObject::tr("Metrics"),
       QObject::tr("Recomputed on every edit: each class's latency (mean, p50, p95, p99), availability and SLO, "
                   "each component's utilization, wait and cost, and the totals: cost, bottleneck, max throughput.")},
      {"versions", QObject::tr("Versions"),
       QObject::tr("V1, V2, V3 … of the same system. Versions → New Version from This copies the current one; "
                   "Compare Versions shows them side by side in tables and charts, with the diff.")},
      {"toolbar", QObject::tr("What happens if…"),
       QObject::tr("Right-click a card or link for a what-if (crash, slow, lose an instance, cut …): the canvas "
                   "and the metrics show the scenario. Failure → Impact Heatmap crashes each component in turn; "
                   "Practice → New Session starts an interview exercise.")},
  };
}

void install(MainWindow* window) {
  QMenu* menu = window->menuBar()->findChild<QMenu*>("helpMenu");
  if (!menu) return;
  QAction* about = menu->actions().isEmpty() ? nullptr : menu->actions().first();

  auto* legend = new LegendOverlay(window->view()->viewport());
  legend->hide();

  auto add = [&](const QString& name, const QString& text, const QKeySequence& key) {
    auto* a = new QAction(text, window);
    a->setObjectName(name);
    if (!key.isEmpty()) a->setShortcut(key);
    menu->insertAction(about, a);
    return a;
  };
  QObject::connect(add("tour", QObject::tr("Take the &Tour"), {}), &QAction::triggered, window, [window] {
    auto* tour = new TourDialog(window);
    tour->setAttribute(Qt::WA_DeleteOnClose);
    tour->show();
  });
  QAction* showLegend = add("legend", QObject::tr("&Legend"), QKeySequence(QObject::tr("Ctrl+Shift+G")));
  showLegend->setCheckable(true);
  showLegend->setToolTip(QObject::tr("What the canvas's colours, badges and tags mean"));
  QObject::connect(showLegend, &QAction::toggled, legend, &QWidget::setVisible);
  QObject::connect(add("shortcuts", QObject::tr("&Keyboard Shortcuts"), QKeySequence(QObject::tr("Ctrl+/"))),
                   &QAction::triggered, window, [window] {
                     auto* d = shortcutsDialog(window);
                     d->setAttribute(Qt::WA_DeleteOnClose);
                     d->show();
                   });
  QMenu* docs = new QMenu(QObject::tr("&Documentation"), menu);
  docs->setObjectName("docsMenu");
  for (const QFileInfo& f : QDir(docsDir()).entryInfoList({"*.md"}, QDir::Files, QDir::Name)) {
    const QString path = f.absoluteFilePath();
    QAction* a = docs->addAction(f.completeBaseName(), window, [window, path] {
      auto* d = new DocDialog(path, window);
      d->setAttribute(Qt::WA_DeleteOnClose);
      d->show();
    });
    a->setData(path);
  }
  if (docs->isEmpty()) docs->addAction(QObject::tr("(no documentation installed)"))->setEnabled(false);
  menu->insertMenu(about, docs);
  QAction* whatsThis = QWhatsThis::createAction(window);
  whatsThis->setObjectName("whatsThis");
  menu->insertAction(about, whatsThis);
  menu->insertSeparator(about);

  // What's This on each panel: Shift+F1, then a click on it.
  for (const Step& s : tourSteps()) {
    QWidget* w = s.target == "canvas"     ? static_cast<QWidget*>(window->view())
                 : s.target == "versions" ? static_cast<QWidget*>(window->versionsBar())
                                          : window->findChild<QDockWidget*>(s.target);
    if (w) w->setWhatsThis(QStringLiteral("<b>%1</b><p>%2</p>").arg(s.title.toHtmlEscaped(), s.text.toHtmlEscaped()));
  }
  if (auto* d = window->findChild<QDockWidget*>("experimentsDock"))
    d->setWhatsThis(QObject::tr("<b>Experiments</b><p>Chaos experiments: a hypothesis, the faults, the blast "
                                "radius and the conditions that must hold, checked against the model.</p>"));
}

QDialog* shortcutsDialog(MainWindow* window) {
  auto* d = new QDialog(window);
  d->setObjectName("shortcutsDialog");
  d->setWindowTitle(QObject::tr("Keyboard Shortcuts"));
  auto* table = new QTableWidget(0, 2, d);
  table->setObjectName("shortcutsTable");
  table->setHorizontalHeaderLabels({QObject::tr("Keys"), QObject::tr("Does")});
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  auto row = [&](const QString& keys, const QString& what) {
    const int r = table->rowCount();
    table->insertRow(r);
    table->setItem(r, 0, new QTableWidgetItem(keys));
    table->setItem(r, 1, new QTableWidgetItem(what));
  };
  // The window's own actions, so the list cannot drift from what the keys do.
  for (QAction* a : window->findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (a->shortcut().isEmpty()) continue;
    row(a->shortcut().toString(QKeySequence::NativeText), a->text().remove('&').remove(QStringLiteral("…")));
  }
  // Gestures on the canvas.
  row(QObject::tr("Wheel"), QObject::tr("Zoom around the cursor"));
  row(QObject::tr("Shift + drag card to card"), QObject::tr("Connect (or drag from a card's port)"));
  row(QObject::tr("Space + drag, middle or right drag"), QObject::tr("Pan"));
  row(QObject::tr("Right click"), QObject::tr("What-if faults of the card or link"));
  row(QObject::tr("Esc"), QObject::tr("Cancel a connection being drawn; close a secondary window"));
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  auto* close = new QPushButton(QObject::tr("Close"), d);
  QObject::connect(close, &QPushButton::clicked, d, &QDialog::close);
  auto* layout = new QVBoxLayout(d);
  layout->addWidget(table);
  layout->addWidget(close, 0, Qt::AlignRight);
  d->resize(520, 560);
  return d;
}

}  // namespace help

LegendOverlay::LegendOverlay(QWidget* viewport) : QWidget(viewport) {
  setObjectName("legend");
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setFixedSize(kWidth, 2 * kPad + kRow * (static_cast<int>(legendRows().size()) + 1));
  viewport->installEventFilter(this);
  place();
}

QStringList LegendOverlay::entries() const {
  QStringList out;
  for (const Row& r : legendRows()) out << (r.tag.isEmpty() ? r.text : r.tag + QStringLiteral(": ") + r.text);
  return out;
}

bool LegendOverlay::eventFilter(QObject* watched, QEvent* e) {
  if (watched == parentWidget() && e->type() == QEvent::Resize) place();
  return QWidget::eventFilter(watched, e);
}

void LegendOverlay::showEvent(QShowEvent* e) {
  place();
  raise();
  QWidget::showEvent(e);
}

void LegendOverlay::place() {
  if (parentWidget()) move(parentWidget()->width() - width() - 12, 12);
}

void LegendOverlay::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  const QColor base = pal.color(QPalette::Base), text = pal.color(QPalette::Text);
  QColor back = base;
  back.setAlpha(240);
  p.setPen(QPen(style::mix(base, text, 0.3), 1));
  p.setBrush(back);
  p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.setPen(text);
  p.drawText(QRect(kPad, kPad, width() - 2 * kPad, kRow), Qt::AlignVCenter, tr("Legend"));
  QFont small = font();
  small.setPixelSize(9);
  small.setBold(true);
  int y = kPad + kRow;
  for (const Row& r : legendRows()) {
    const QRectF sw(kPad, y + 4, kSwatch, kRow - 8);
    p.setPen(Qt::NoPen);
    switch (r.swatch) {
      case Swatch::Band:
        p.setBrush(r.colour);
        p.drawRoundedRect(sw, 2, 2);
        break;
      case Swatch::Border:
        p.setBrush(style::mix(base, r.colour, 0.13));
        p.setPen(QPen(r.colour, 2));
        p.drawRoundedRect(sw, 3, 3);
        break;
      case Swatch::Grey:
        p.setBrush(style::mix(base, text, 0.16));
        p.setPen(QPen(style::mix(base, text, 0.28), 1));
        p.drawRoundedRect(sw, 3, 3);
        break;
      case Swatch::Tag:
      case Swatch::Badge: {
        const bool tag = r.swatch == Swatch::Tag;
        p.setBrush(tag ? r.colour : base);
        p.setPen(tag ? Qt::NoPen : QPen(style::mix(base, text, 0.35), 1));
        p.drawRoundedRect(sw, 3, 3);
        p.setFont(small);
        // White on the dark tags, black on the amber one, as the cards draw them.
        const double bright =
            (0.299 * r.colour.redF() + 0.587 * r.colour.greenF() + 0.114 * r.colour.blueF());
        p.setPen(!tag ? text : bright > 0.55 ? QColor(Qt::black) : QColor(Qt::white));
        p.drawText(sw, Qt::AlignCenter, r.tag);
        break;
      }
      case Swatch::Dashed:
        p.setPen(QPen(r.colour, 2, Qt::DashLine));
        p.drawLine(QPointF(sw.left(), sw.center().y()), QPointF(sw.right(), sw.center().y()));
        break;
    }
    p.setFont(font());
    p.setPen(text);
    p.drawText(QRect(kPad + kSwatch + 8, y, width() - 2 * kPad - kSwatch - 8, kRow), Qt::AlignVCenter, r.text);
    y += kRow;
  }
}

TourDialog::TourDialog(MainWindow* window)
    : QDialog(window), window_(window), steps_(help::tourSteps()) {
  setObjectName("tourDialog");
  setWindowTitle(tr("Tour of ArchBench"));
  title_ = new QLabel(this);
  QFont f = title_->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.2);
  title_->setFont(f);
  text_ = new QLabel(this);
  text_->setWordWrap(true);
  text_->setMinimumWidth(380);
  count_ = new QLabel(this);
  back_ = new QPushButton(tr("&Back"), this);
  next_ = new QPushButton(tr("&Next"), this);
  next_->setDefault(true);
  auto* skip = new QPushButton(tr("&Close"), this);
  connect(back_, &QPushButton::clicked, this, [this] { go(step_ - 1); });
  connect(next_, &QPushButton::clicked, this, [this] {
    if (step_ + 1 < stepCount())
      go(step_ + 1);
    else
      close();
  });
  connect(skip, &QPushButton::clicked, this, &QDialog::close);
  connect(this, &QDialog::finished, this, [this] {
    if (frame_) frame_->hide();
  });
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(count_);
  buttons->addStretch();
  buttons->addWidget(skip);
  buttons->addWidget(back_);
  buttons->addWidget(next_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(text_);
  layout->addLayout(buttons);
  frame_ = new Outline(window);
  go(0);
}

TourDialog::~TourDialog() { delete frame_; }

int TourDialog::stepCount() const { return static_cast<int>(steps_.size()); }

void TourDialog::go(int step) {
  step_ = std::clamp(step, 0, stepCount() - 1);
  const help::Step& s = steps_[step_];
  title_->setText(s.title);
  text_->setText(s.text);
  count_->setText(tr("%1 of %2").arg(step_ + 1).arg(stepCount()));
  back_->setEnabled(step_ > 0);
  next_->setText(step_ + 1 < stepCount() ? tr("&Next") : tr("&Done"));
  target_ = s.target == "canvas"     ? static_cast<QWidget*>(window_->view())
            : s.target == "versions" ? static_cast<QWidget*>(window_->versionsBar())
            : s.target == "toolbar"  ? window_->findChild<QWidget*>("mainToolBar")
                                     : window_->findChild<QDockWidget*>(s.target);
  if (target_ && target_->isVisible()) {
    const QPoint at = target_->mapTo(window_, QPoint(0, 0));
    frame_->setGeometry(QRect(at, target_->size()));
    frame_->raise();
    frame_->show();
    adjustSize();  // each step's text has its own height
    // move() places the frame: the box's size with the window manager's title bar and borders.
    const QSize box = size() + (frameGeometry().size() - geometry().size());
    move(help::besideTarget(QRect(target_->mapToGlobal(QPoint(0, 0)), target_->size()),
                            window_->frameGeometry(), box));
  } else {
    frame_->hide();
  }
}

DocDialog::DocDialog(const QString& path, QWidget* parent) : QDialog(parent), browser_(new QTextBrowser(this)) {
  setObjectName("docDialog");
  QFile f(path);
  QString markdown;
  if (f.open(QIODevice::ReadOnly)) markdown = QString::fromUtf8(f.readAll());
  else markdown = tr("%1: cannot read: %2").arg(path, f.errorString());
  browser_->setSearchPaths({QFileInfo(path).absolutePath()});
  browser_->setOpenExternalLinks(true);
  browser_->setMarkdown(markdown);
  QString title = QFileInfo(path).completeBaseName();
  for (const QString& line : markdown.split('\n'))
    if (line.startsWith("# ")) {
      title = line.mid(2).trimmed();
      break;
    }
  setWindowTitle(title);
  auto* close = new QPushButton(tr("Close"), this);
  connect(close, &QPushButton::clicked, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(browser_);
  layout->addWidget(close, 0, Qt::AlignRight);
  resize(820, 700);
}
