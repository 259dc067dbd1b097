#include "window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

#include "archbench/data_dir.h"
#include "archbench/faults.h"
#include "archbench/format.h"
#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "compare/comparisonwindow.h"
#include "failure/experimentsview.h"
#include "failure/impacttable.h"
#include "failure/impactwindow.h"
#include "help/help.h"
#include "metrics/metricspanel.h"
#include "practice/practicemode.h"
#include "canvas/nodeitem.h"
#include "canvas/palette.h"
#include "failure/scenariofigures.h"
#include "editors/propertyeditor.h"
#include "versions/versionsbar.h"
#include "window/recovery.h"

namespace {
constexpr int kMaxRecent = 8;
constexpr const char* kFilter = "ArchBench projects (*.archbench.json *.json)";
}  // namespace

MainWindow::MainWindow(const archbench::Catalog& catalog, QWidget* parent)
    : QMainWindow(parent),
      doc_(new Document(catalog, this)),
      scene_(new CanvasScene(doc_, this)),
      view_(new CanvasView(scene_, this)),
      palette_(new Palette(catalog, this)),
      properties_(new PropertyEditor(doc_, this)),
      metrics_(new MetricsPanel(doc_, this)),
      versions_(new VersionsBar(doc_, this)),
      experiments_(new ExperimentsView(doc_, this)),
      scenario_(new QLabel(this)) {
  askToSave = [this](const QString& question) {
    return QMessageBox::warning(this, tr("Unsaved changes"), question,
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                QMessageBox::Save);
  };
  showError = [this](const QString& message) {
    QMessageBox::critical(this, tr("ArchBench"), message);
  };
  confirm = [this](const QString& question) {
    return QMessageBox::question(this, tr("ArchBench"), question,
                                 QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
  };
  askRecover = [this](const QString& question) {
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved changes"), question, QMessageBox::NoButton, this);
    QPushButton* recover = box.addButton(tr("&Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("&Not Now"), QMessageBox::RejectRole);
    box.setDefaultButton(recover);
    box.exec();
    return box.clickedButton() == recover   ? QMessageBox::Save
           : box.clickedButton() == discard ? QMessageBox::Discard
                                            : QMessageBox::Cancel;
  };
  askText = [this](const QString& title, const QString& label,
                   const QString& text) -> std::optional<QString> {
    QInputDialog dialog(this);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    const bool lines = label.contains('\n');
    dialog.setOption(QInputDialog::UsePlainTextEditForTextInput, lines);
    dialog.setTextValue(text);
    if (lines) dialog.resize(560, 360);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return dialog.textValue();
  };
  // Through this window's hooks as they are when called: tests replace them after construction.
  experiments_->askText = [this](const QString& title, const QString& label, const QString& text) {
    return askText(title, label, text);
  };
  experiments_->showError = [this](const QString& message) { showError(message); };
  auto* centre = new QWidget(this);
  auto* column = new QVBoxLayout(centre);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  column->addWidget(versions_);
  column->addWidget(view_, 1);
  setCentralWidget(centre);
  createActions();
  createMenus();
  createDocks();
  help::install(this);  // the Help menu's entries, What's This, the legend overlay
  practice_ = new PracticeMode(this);
  recovery_ = new Recovery(doc_, this);
  scenario_->setObjectName("scenarioLabel");
  scenario_->setContentsMargins(6, 0, 6, 0);
  statusBar()->addPermanentWidget(scenario_);
  statusBar()->showMessage(tr(
      "Drag a component from the palette; Shift-drag from one node to another to connect them."));

  connect(doc_, &Document::modifiedChanged, this, &MainWindow::updateTitle);
  connect(doc_, &Document::pathChanged, this, &MainWindow::updateTitle);
  connect(doc_, &Document::projectNameChanged, this, &MainWindow::updateTitle);
  connect(doc_, &Document::versionChanged, this, [this] {
    properties_->showVersion();
    updateVersionActions();
  });
  connect(doc_, &Document::versionsChanged, this, &MainWindow::updateVersionActions);
  connect(doc_, &Document::faultsChanged, this, &MainWindow::updateScenario);
  connect(doc_, &Document::versionChanged, this, &MainWindow::updateScenario);
  connect(doc_, &Document::evaluated, this, &MainWindow::updateScenario);
  connect(versions_, &VersionsBar::renameRequested, this, &MainWindow::renameVersion);
  connect(versions_, &VersionsBar::deleteRequested, this, &MainWindow::deleteVersion);
  connect(versions_, &VersionsBar::notesRequested, this, &MainWindow::editVersionNotes);
  connect(scene_, &QGraphicsScene::selectionChanged, this, &MainWindow::syncSelection);
  connect(scene_, &CanvasScene::linkRefused, this, [this](const QString& reason) {
    statusBar()->showMessage(tr("Link refused: %1").arg(reason), 6000);
  });
  connect(metrics_, &MetricsPanel::componentActivated, this, [this](const QString& id) {
    scene_->selectComponents({id});
    if (NodeItem* item = scene_->node(id)) view_->ensureVisible(item);
  });
  connect(palette_, &Palette::kindActivated, this, &MainWindow::addKindAtCentre);
  connect(doc_, &Document::evaluated, this, &MainWindow::showEvaluation);

  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  if (!settings.contains("window/geometry")) resize(1400, 860);
  updateVersionActions();
  updateScenario();
  updateTitle();
  view_->setFocus();  // the Edit keys start on the canvas
  qApp->installEventFilter(this);
}

MainWindow::~MainWindow() {
  // A field being typed into commits on focus-out: let it happen while the document lives.
  if (QWidget* focus = QApplication::focusWidget(); focus && isAncestorOf(focus))
    focus->clearFocus();
  // The scene clears its selection while it is destroyed; nothing here may react any more.
  disconnect(scene_, nullptr, this, nullptr);
  disconnect(doc_, nullptr, this, nullptr);
  // Widgets, the scene and the comparison window keep a Document*: delete them first, so the
  // document (also a child, created first) outlives everything that can still reach it.
  qDeleteAll(findChildren<ComparisonWindow*>(QString(), Qt::FindDirectChildrenOnly));
  qDeleteAll(findChildren<ImpactWindow*>(QString(), Qt::FindDirectChildrenOnly));
  qDeleteAll(findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly));
  delete takeCentralWidget();
  delete scene_;
}

QString MainWindow::presetsDir() { return QString::fromStdString(archbench::data_dir("presets").string()); }

QAction* MainWindow::action(const QString& objectName) const {
  // Direct children only: the comparison window is a child with actions of its own.
  return findChild<QAction*>(objectName, Qt::FindDirectChildrenOnly);
}

void MainWindow::createDocks() {
  auto dock = [this](const QString& title, const QString& name, QWidget* w,
                     Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(area, d);
    if (QMenu* view = menuBar()->findChild<QMenu*>("viewMenu"))
      view->addAction(d->toggleViewAction());
    return d;
  };
  dock(tr("Components"), "paletteDock", palette_, Qt::LeftDockWidgetArea);
  dock(tr("Properties"), "propertiesDock", properties_, Qt::RightDockWidgetArea);
  QDockWidget* metricsDock = dock(tr("Metrics"), "metricsDock", metrics_, Qt::BottomDockWidgetArea);
  QDockWidget* experimentsDock =
      dock(tr("Experiments"), "experimentsDock", experiments_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(metricsDock, experimentsDock);
  experimentsDock->hide();  // until asked for; the metrics stay in front
  resizeDocks({findChild<QDockWidget*>("paletteDock")}, {190}, Qt::Horizontal);
  resizeDocks({findChild<QDockWidget*>("propertiesDock")}, {340}, Qt::Horizontal);
  resizeDocks({findChild<QDockWidget*>("metricsDock")}, {250}, Qt::Vertical);
}

void MainWindow::updateTitle() {
  // The project's name, then its file once it has one ("Untitled — Untitled" said nothing).
  const QString project = QString::fromStdString(doc_->project().name);
  setWindowTitle(doc_->path().isEmpty()
                     ? tr("%1[*] — ArchBench").arg(project)
                     : tr("%1 — %2[*] — ArchBench").arg(project, doc_->displayName()));
  setWindowModified(doc_->isModified());
}

void MainWindow::updateVersionActions() {
  const int i = doc_->versionIndex();
  action("moveVersionLeft")->setEnabled(i > 0);
  action("moveVersionRight")->setEnabled(i < doc_->versionCount() - 1);
}

void MainWindow::newVersion(int index) {
  if (doc_->duplicateVersion(index) < 0) return;
  statusBar()->showMessage(tr("%1 is a copy of %2: edit it, and note what triggered it.")
                               .arg(QString::fromStdString(doc_->version().name),
                                    QString::fromStdString(doc_->project().versions[index].name)),
                           6000);
}

void MainWindow::renameVersion(int index) {
  if (index < 0 || index >= doc_->versionCount()) return;
  const QString old = QString::fromStdString(doc_->project().versions[index].name);
  const std::optional<QString> name =
      askText(tr("Rename Version"), tr("New name for %1:").arg(old), old);
  if (!name) return;
  QString reason;
  if (!doc_->renameVersion(index, *name, &reason))
    showError(tr("%1 was not renamed. %2").arg(old, reason));
}

void MainWindow::deleteVersion(int index) {
  QString reason;
  if (!doc_->canDeleteVersion(index, &reason)) return showError(reason);
  const QString name = QString::fromStdString(doc_->project().versions[index].name);
  if (!confirm(tr("Delete version %1 with its design and notes? Undo brings it back.").arg(name)))
    return;
  doc_->deleteVersion(index);
}

void MainWindow::moveVersion(int index, int by) {
  doc_->moveVersion(index, index + by);
}

void MainWindow::editVersionNotes(int index) {
  if (index < 0 || index >= doc_->versionCount()) return;
  const auto& v = doc_->project().versions[index];
  const std::optional<QString> notes =
      askText(tr("Notes of %1").arg(QString::fromStdString(v.name)),
              tr("Trigger: the symptom and the figure that justified this version.\n"
                 "Decision: what changed and why."),
              QString::fromStdString(v.notes));
  if (notes) doc_->setVersionNotes(index, *notes);
}

void MainWindow::showComparison() {
  if (!comparison_) comparison_ = new ComparisonWindow(doc_, this);
  comparison_->show();
  comparison_->raise();
  comparison_->activateWindow();
}

void MainWindow::showImpact() {
  if (!impact_) impact_ = new ImpactWindow(doc_, this);
  impact_->show();
  impact_->raise();
  impact_->activateWindow();
}

void MainWindow::showExperiments() {
  auto* dock = findChild<QDockWidget*>("experimentsDock");
  dock->show();
  dock->raise();
}

// What the last evaluation gave, for a few seconds: never a count left over from a design that
// is gone.
void MainWindow::showEvaluation() {
  const auto* r = doc_->report();
  const std::size_t n = doc_->version().components.size();
  QString text;
  if (n == 0)
    text = tr("Nothing to evaluate: the version has no components.");
  else if (!r)
    text = tr("Not evaluated: the Metrics panel says what to fix.");
  else if (const archbench::PartialEvaluation* e = doc_->evaluation(); e && !e->complete())
    text = tr("Unfinished: %1 — the Metrics panel lists what to finish.")
               .arg(QString::fromStdString(
                   archbench::partial_summary(*e, doc_->version().workload.size())));
  else if (r->totals.saturated)
    text = tr("Saturated at this load");
  else
    text = n == 1 ? tr("Evaluated 1 component") : tr("Evaluated %1 components").arg(n);
  statusBar()->showMessage(text, 3000);
}

// The scenario being looked at, in the status bar (scenario_figures::statusLine).
void MainWindow::updateScenario() {
  const auto& faults = doc_->version().faults;
  action("clearFaults")->setEnabled(!faults.empty());
  if (faults.empty()) {
    scenario_->setText(tr("Steady state"));
    scenario_->setToolTip(
        tr("No faults: the figures are the steady state. Failure ▸ Impact "
           "Heatmap… shows what each crash would do."));
    scenario_->setStyleSheet(QString());
    return;
  }
  const auto [text, tip] = scenario_figures::statusLine(faults, doc_->version(), doc_->faultReport(),
                                                         doc_->faultProblems());
  scenario_->setText(text);
  scenario_->setToolTip(tip);
  scenario_->setStyleSheet(
      QStringLiteral("QLabel { background: #ffe08a; color: #3d2b00; border-radius: 3px; }"));
}

void MainWindow::syncSelection() {
  if (syncing_) return;
  syncing_ = true;
  const QStringList ids = scene_->selectedComponentIds();
  const QList<LinkKey> links = scene_->selectedLinks();
  if (ids.size() == 1 && links.isEmpty()) {
    properties_->showComponent(ids.front());
    metrics_->selectComponent(ids.front());
  } else if (ids.isEmpty() && links.size() == 1) {
    properties_->showLink(links.front());
  } else {
    properties_->showVersion();
    metrics_->selectComponent(QString());
  }
  syncing_ = false;
}

bool MainWindow::maybeSave() {
  if (!doc_->isModified()) return true;
  switch (askToSave(tr("%1 has unsaved changes. Save them?").arg(doc_->displayName()))) {
    case QMessageBox::Save:
      return save();
    case QMessageBox::Discard:
      return true;
    default:
      return false;
  }
}

void MainWindow::closeEvent(QCloseEvent* e) {
  if (!maybeSave()) {
    e->ignore();
    return;
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  recovery_->discard();  // saved, or its changes discarded by the user
  e->accept();
}

bool MainWindow::offerRecovery() {
  const QList<Recovery::Entry> left = Recovery::orphans();
  if (left.isEmpty()) return false;
  const Recovery::Entry& e = left.front();
  const QString when = QLocale().toString(e.saved, QLocale::ShortFormat);
  const auto answer = askRecover(
      tr("ArchBench closed without saving \"%1\" (autosaved %2). Recover the unsaved changes?\n\n"
         "Not Now keeps them for the next start; Discard deletes them.")
          .arg(e.name, when));
  if (answer == QMessageBox::Discard) Recovery::remove(e);
  if (answer != QMessageBox::Save) return false;
  QString error;
  if (!doc_->recover(e.file, e.original, &error)) {
    showError(tr("%1\n\nThe recovery file is kept at %2.").arg(error, e.file));
    return false;
  }
  Recovery::remove(e);  // this process autosaves it from now on
  view_->zoomToFit();
  statusBar()->showMessage(tr("Recovered the unsaved changes of %1").arg(e.name), 6000);
  return true;
}

void MainWindow::newFile() {
  if (!maybeSave()) return;
  doc_->newProject();
}

void MainWindow::open() {
  if (!maybeSave()) return;
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open project"), QString(), tr(kFilter));
  if (!path.isEmpty()) loadFile(path);  // already asked about unsaved changes
}

bool MainWindow::openFile(const QString& path) {
  if (!maybeSave()) return false;
  return loadFile(path);
}

bool MainWindow::loadFile(const QString& path) {
  QString error;
  if (!doc_->load(path, &error)) {
    showError(tr("Could not open the project.\n\n%1").arg(error));
    return false;
  }
  addRecent(path);
  view_->zoomToFit();
  return true;
}

bool MainWindow::save() {
  if (doc_->path().isEmpty()) return saveAs();
  return saveFile(doc_->path());
}

QString MainWindow::suggestedPath() const {
  if (!doc_->path().isEmpty()) return doc_->path();
  // "URL shortener" → "url-shortener.archbench.json", in the folder the dialog opens on.
  QString stem = QString::fromStdString(doc_->project().name).toLower();
  stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
  stem.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
  const QString file =
      (stem.isEmpty() ? QStringLiteral("untitled") : stem) + QStringLiteral(".archbench.json");
  // In the folder of the last project opened or saved, else Documents, else home: never the
  // folder the program happened to be started from (a source tree, say).
  QString folder;
  const QStringList recent = QSettings().value("recentFiles").toStringList();
  if (!recent.isEmpty()) {
    const QFileInfo last(recent.front());
    if (QFileInfo(last.absolutePath()).isWritable()) folder = last.absolutePath();
  }
  if (folder.isEmpty()) {
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    folder = !documents.isEmpty() && QDir(documents).exists() ? documents : QDir::homePath();
  }
  return QDir(folder).filePath(file);
}

bool MainWindow::saveAs() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save project"), suggestedPath(), tr(kFilter));
  if (path.isEmpty()) return false;
  if (!path.endsWith(".json")) path += ".archbench.json";
  return saveFile(path);
}

bool MainWindow::saveFile(const QString& path) {
  // The reader refuses a file whose saved faults or experiments name what the design no longer
  // has: rather than write a file that will not open, offer to remove them first.
  if (const auto problems = doc_->scenarioProblems(); !problems.empty()) {
    const QString first = QString::fromStdString(problems.front().place + ": " + problems.front().message);
    if (!confirm(tr("%n saved fault(s) or experiment(s) no longer fit the design (%1). A file holding "
                    "them would not open. Remove them and save? (Undo brings them back.)",
                    nullptr, static_cast<int>(problems.size()))
                     .arg(first)))
      return false;
    doc_->dropInvalidScenarios();
  }
  QString error;
  if (!doc_->save(path, &error)) {
    showError(error);
    return false;
  }
  addRecent(path);
  statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
  return true;
}

void MainWindow::addRecent(const QString& path) {
  QSettings settings;
  QStringList list = settings.value("recentFiles").toStringList();
  const QString abs = QFileInfo(path).absoluteFilePath();
  list.removeAll(abs);
  list.prepend(abs);
  while (list.size() > kMaxRecent) list.removeLast();
  settings.setValue("recentFiles", list);
}

void MainWindow::fillRecentMenu() {
  recent_menu_->clear();
  const QStringList list = QSettings().value("recentFiles").toStringList();
  for (const QString& path : list) {
    recent_menu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })
        ->setToolTip(path);
  }
  if (list.isEmpty()) recent_menu_->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::fillExamplesMenu() {
  const QDir dir(presetsDir());
  for (const QFileInfo& f : dir.entryInfoList({"*.archbench.json"}, QDir::Files, QDir::Name)) {
    const QString path = f.absoluteFilePath();
    // Listed by the project's own name ("Ticket flash sale"), its description as the tooltip;
    // the file's name where it has none (or cannot be read: opening it will say why).
    QString title = f.fileName().section('.', 0, 0), about;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
      const QJsonObject project = QJsonDocument::fromJson(file.readAll()).object();
      if (const QString name = project.value(QStringLiteral("name")).toString(); !name.isEmpty())
        title = name;
      about = project.value(QStringLiteral("description")).toString();
    }
    QAction* a = examples_menu_->addAction(title, this, [this, path] { openFile(path); });
    a->setObjectName(QStringLiteral("example:") + f.fileName());
    a->setToolTip(about.isEmpty() ? f.fileName() : about);
  }
  examples_menu_->setToolTipsVisible(true);
  if (examples_menu_->isEmpty())
    examples_menu_->addAction(tr("(no examples installed)"))->setEnabled(false);
}

void MainWindow::addKindAtCentre(const QString& kind) {
  const QPointF centre = view_->mapToScene(view_->viewport()->rect().center());
  scene_->dropKind(kind, centre);
}
