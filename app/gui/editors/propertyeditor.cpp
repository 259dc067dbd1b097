#include "editors/propertyeditor.h"

#include <QApplication>
#include <QComboBox>
#include <QSignalBlocker>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "editors/formrows.h"
#include "editors/linkform.h"
#include "window/style.h"
#include "editors/regionseditor.h"
#include "editors/workloadeditor.h"

using archbench::Component;
using archbench::KindDecl;
using archbench::ParamDecl;
using form::dim_color;
using form::new_form;
using form::row_label;

// ---------------------------------------------------------------------------------------------
// Helpers

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// PropertyEditor

PropertyEditor::PropertyEditor(Document* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  title_icon_ = new QLabel(this);
  title_icon_->setFixedSize(32, 32);
  title_ = new QLabel(this);
  title_->setTextFormat(Qt::RichText);
  title_->setWordWrap(true);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* header = new QHBoxLayout;
  header->setContentsMargins(8, 8, 8, 4);
  header->setSpacing(8);
  header->addWidget(title_icon_);
  header->addWidget(title_, 1);

  scroll_ = new QScrollArea(this);
  scroll_->setWidgetResizable(true);
  scroll_->setFrameShape(QFrame::NoFrame);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(header);
  layout->addWidget(scroll_, 1);

  // Kept across forms: it follows the document itself, and its table keeps its place.
  workload_ = new WorkloadEditor(doc_, this);
  workload_->hide();

  // Changes of the shown item are shown in place: the form keeps its focus and scroll position,
  // and a field being typed into is never rebuilt under the cursor.
  connect(doc_, &Document::componentChanged, this, [this](const QString& id) {
    if ((mode_ == Mode::Component && id == id_) ||
        (mode_ == Mode::Link && (id == link_.from || id == link_.to)))
      sync();
  });
  connect(doc_, &Document::linkChanged, this, [this](const LinkKey& key) {
    if (mode_ == Mode::Link && key == link_) sync();
  });
  connect(doc_, &Document::componentRemoved, this, [this](const QString& id) {
    if (mode_ == Mode::Component && id == id_) showVersion();
  });
  connect(doc_, &Document::linkRemoved, this, [this](const LinkKey& key) {
    if (mode_ == Mode::Link && key == link_) showVersion();
  });
  connect(doc_, &Document::workloadChanged, this, [this] {
    if (mode_ == Mode::Version) return;  // the workload editor follows the document itself
    // New or renamed classes need their own per-class rows.
    if (!editing_ && classNames() != shown_classes_)
      rebuild();
    else
      sync();
  });
  // A component's region choice lists the version's regions.
  connect(doc_, &Document::regionsChanged, this, [this] {
    if (mode_ == Mode::Component && !editing_) rebuild();
  });
  // Names and notes of versions (the version view shows the current one's).
  connect(doc_, &Document::versionsChanged, this, [this] {
    if (mode_ == Mode::Version) sync();
  });
  connect(doc_, &Document::projectNameChanged, this, [this] {
    if (mode_ == Mode::Version) sync();
  });
  connect(doc_, &Document::versionChanged, this, [this] {
    if (editing_) return sync();
    if ((mode_ == Mode::Component && !doc_->component(id_)) ||
        (mode_ == Mode::Link && !doc_->link(link_)))
      return showVersion();
    rebuild();
  });
  rebuild();
}

PropertyEditor::~PropertyEditor() {
  // The notes editor loses its focus as it is destroyed; nothing may commit from then on.
  commit_notes_ = nullptr;
}

QStringList PropertyEditor::classNames() const {
  QStringList names;
  for (const auto& r : doc_->version().workload) names << q(r.name);
  return names;
}

// Showing what is already shown keeps the form as it is (a selection refresh must not take the
// focus from a field being typed into); the document's signals keep it current.
void PropertyEditor::showComponent(const QString& id) {
  if (!doc_->component(id)) return showVersion();
  if (mode_ == Mode::Component && id_ == id && form_host_) return;
  commitPending();
  mode_ = Mode::Component;
  id_ = id;
  rebuild();
}

void PropertyEditor::showLink(const LinkKey& key) {
  if (!doc_->link(key)) return showVersion();
  if (mode_ == Mode::Link && link_ == key && form_host_) return;
  commitPending();
  mode_ = Mode::Link;
  link_ = key;
  rebuild();
}

void PropertyEditor::showVersion() {
  if (mode_ == Mode::Version && form_host_) return;
  commitPending();
  mode_ = Mode::Version;
  id_.clear();
  link_ = {};
  rebuild();
}

void PropertyEditor::commitPending() {
  if (commit_notes_) commit_notes_();
  // Focus-out commits a half-typed number to the item it was typed for (its row captured the id).
  QWidget* focus = QApplication::focusWidget();
  if (focus && form_host_ && form_host_->isAncestorOf(focus)) focus->clearFocus();
}

void PropertyEditor::apply(const std::function<void()>& change) {
  const bool was = editing_;
  editing_ = true;
  change();
  editing_ = was;
}

void PropertyEditor::sync() {
  for (const auto& f : syncers_) f();
}

void PropertyEditor::rebuild() {
  commitPending();
  syncers_.clear();
  if (workload_->parentWidget() != this) {
    workload_->hide();
    workload_->setParent(this);
  }
  // The old form leaves the editor at once (findChild sees only the new one) but is deleted
  // later: we may be inside one of its widgets' signals.
  if (QWidget* old = scroll_->takeWidget()) {
    old->hide();
    old->deleteLater();
  }
  form_host_ = new QWidget;
  shown_classes_ = classNames();
  notes_ = nullptr;
  commit_notes_ = nullptr;

  const QString dim = dim_color().name();
  switch (mode_) {
    case Mode::Component: {
      const Component* c = doc_->component(id_);
      const KindDecl* k = doc_->kindOf(id_);
      const QString kind = c ? q(c->kind) : QString();
      title_icon_->setPixmap(style::kind_icon(kind).pixmap(QSize(32, 32), devicePixelRatioF()));
      title_icon_->show();
      // The id is what the file and archbench-cli name it by; it says so.
      title_->setText(QStringLiteral("<b>%1</b><br><span style=\"color:%2\">%3</span>")
                          .arg(k ? q(k->label).toHtmlEscaped() : kind.toHtmlEscaped(), dim,
                               tr("id in the file: %1").arg(id_).toHtmlEscaped()));
      title_->setToolTip(k ? q(k->description) : QString());
      buildComponent(new_form(form_host_));
      break;
    }
    case Mode::Link: {
      title_icon_->hide();
      title_->setText(
          QStringLiteral("<b>%1</b><br><span style=\"color:%2\">%3 → %4</span>")
              .arg(tr("Link"), dim, doc_->nameOf(link_.from).toHtmlEscaped(),
                   doc_->nameOf(link_.to).toHtmlEscaped()));
      title_->setToolTip(QString());
      buildLink(new_form(form_host_));
      break;
    }
    case Mode::Version: {
      title_icon_->hide();
      title_->setText(QStringLiteral("<b>%1</b><br><span style=\"color:%2\">%3</span>")
                          .arg(tr("Version"), dim, tr("Select a component or a link to edit it.")));
      title_->setToolTip(QString());
      auto* v = new QVBoxLayout(form_host_);
      auto* form = new_form(nullptr);
      auto* version = new QLabel;
      version->setTextInteractionFlags(Qt::TextSelectableByMouse);
      auto* project = new QLineEdit;
      project->setObjectName("projectName");
      project->setToolTip(tr("The project's name: the title bar, the comparison and the reports show it"));
      connect(project, &QLineEdit::editingFinished, this, [this, project] {
        // A blank name is refused (the document says why); the field shows the name kept.
        if (!doc_->setProjectName(project->text())) project->setText(q(doc_->project().name));
        project->setModified(false);  // committed: from now on the field follows the document
      });
      form->addRow(tr("Version"), version);
      form->addRow(tr("Project"), project);
      v->addLayout(form);
      auto* heading = new QLabel(tr("<b>Request classes</b>"));
      heading->setToolTip(
          tr("The traffic this version is designed for. Double-click a name to "
             "rename a class; its per-class values follow it."));
      v->addSpacing(6);
      v->addWidget(heading);
      v->addWidget(workload_);
      workload_->show();
      workload_->refresh();
      v->addSpacing(6);
      v->addWidget(new RegionsEditor(doc_));
      buildNotes(v);
      syncers_.push_back([this, version, project] {
        version->setText(QStringLiteral("<b>%1</b>").arg(q(doc_->version().name).toHtmlEscaped()));
        if (!project->isModified()) {  // never over typing
          project->setText(q(doc_->project().name));
          if (!project->hasFocus()) project->setCursorPosition(0);  // a long name shows its start
        }
      });
      break;
    }
  }
  scroll_->setWidget(form_host_);
  sync();
}

// The version's notes: the trigger that justified it and the decision. Typing commits after a
// short pause and on focus-out; the document merges successive edits into one undo step.
void PropertyEditor::buildNotes(QVBoxLayout* layout) {
  auto* heading = new QLabel(tr("<b>Notes</b>"));
  heading->setToolTip(tr("Why this version exists: the symptom and the measured figure that "
                         "triggered it, and the decision taken. Shown in the comparison."));
  auto* notes = new QPlainTextEdit;
  notes->setObjectName("version_notes");
  notes->setPlaceholderText(
      tr("Trigger: the symptom and the figure that justified this version (e.g. DB CPU 80%, p95 "
         "page load 3 s).\nDecision: what changed and why."));
  notes->setToolTip(heading->toolTip());
  notes->setTabChangesFocus(true);
  notes->setMinimumHeight(notes->fontMetrics().lineSpacing() * 6);
  notes->installEventFilter(this);
  layout->addSpacing(6);
  layout->addWidget(heading);
  layout->addWidget(notes, 1);
  notes_ = notes;

  // The version the form was built for, by identity: a switch, move or delete may come between
  // the typing and the commit.
  const quint64 uid = doc_->versionUid(doc_->versionIndex());
  auto* pause = new QTimer(notes);
  pause->setSingleShot(true);
  pause->setInterval(800);
  commit_notes_ = [this, notes, pause, uid] {
    pause->stop();
    if (!notes->document()->isModified()) return;
    notes->document()->setModified(false);
    const int index = doc_->versionIndexOf(uid);
    if (index >= 0) apply([&] { doc_->setVersionNotes(index, notes->toPlainText()); });
  };
  connect(pause, &QTimer::timeout, this, [this] {
    if (commit_notes_) commit_notes_();
  });
  connect(notes, &QPlainTextEdit::textChanged, pause, qOverload<>(&QTimer::start));
  syncers_.push_back([this, notes, uid] {
    const int index = doc_->versionIndexOf(uid);
    // Text typed and not yet committed stays; anything else shows the model.
    if (index < 0 || notes->document()->isModified()) return;
    const QString text = q(doc_->project().versions[index].notes);
    if (notes->toPlainText() == text) return;
    {
      const QSignalBlocker quiet(notes);
      notes->setPlainText(text);
    }
    notes->document()->setModified(false);
  });
}

bool PropertyEditor::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::FocusOut && watched == notes_ && commit_notes_) commit_notes_();
  return QWidget::eventFilter(watched, event);
}

void PropertyEditor::buildComponent(QFormLayout* form) {
  const Component* c = doc_->component(id_);
  const KindDecl* k = doc_->kindOf(id_);
  if (!c || !k) return;
  const QString id = id_;  // captured: a late commit (focus-out) must reach this component

  auto* name = new QLineEdit;
  name->setObjectName("component_name");
  name->setPlaceholderText(id);
  name->setToolTip(
      tr("Display name on the canvas and in reports; empty shows the id (%1).").arg(id));
  connect(name, &QLineEdit::editingFinished, this, [this, id, name] {
    apply([&] { doc_->setComponentName(id, name->text().trimmed()); });
    name->setModified(false);  // committed: later changes from the document may replace it
  });
  form->addRow(tr("Name"), name);
  syncers_.push_back([this, id, name] {
    const Component* now = doc_->component(id);
    // Text being typed (not yet committed) stays; anything else shows the model.
    if (now && !name->isModified() && name->text() != q(now->name)) {
      name->setText(q(now->name));
      if (!name->hasFocus()) name->setCursorPosition(0);  // a long name shows its start
    }
  });

  auto* zones = new QLineEdit;
  zones->setObjectName("component_zones");
  zones->setPlaceholderText(tr("none (e.g. eu-west-1a, eu-west-1b)"));
  zones->setToolTip(
      tr("Availability zones, comma-separated: instances (a database's primary, "
         "then its replicas) are spread over them in turn. A zone outage takes "
         "down what is in it."));
  connect(zones, &QLineEdit::editingFinished, this, [this, id, zones] {
    QStringList list;
    for (const QString& z : zones->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
      if (!z.trimmed().isEmpty()) list << z.trimmed();
    apply([&] { doc_->setComponentZones(id, list); });
    zones->setModified(false);
  });
  form->addRow(row_label(tr("Zones"), zones->toolTip()), zones);
  syncers_.push_back([this, id, zones] {
    const Component* now = doc_->component(id);
    if (!now || zones->isModified()) return;
    QStringList list;
    for (const auto& z : now->zones) list << q(z);
    const QString text = list.join(QStringLiteral(", "));
    if (zones->text() == text) return;
    zones->setText(text);
    zones->setCursorPosition(0);  // a long list shows its first zones, not its last
  });

  // A region, when the version declares some (in the version's form, with their latencies).
  if (!doc_->version().regions.empty()) {
    auto* region = new QComboBox;
    region->setObjectName("component_region");
    region->addItem(tr("none"), QString());
    for (const auto& r : doc_->version().regions) region->addItem(q(r), q(r));
    region->setToolTip(
        tr("The region it runs in (a database: its primary). A link to a component in another "
           "region adds the latency between the regions; a region outage takes down what is "
           "in it; replicas in another region lag by the latency too."));
    region->setCurrentIndex(std::max(0, region->findData(q(c->region))));
    connect(region, &QComboBox::activated, this, [this, id, region](int index) {
      apply([&] { doc_->setComponentRegion(id, region->itemData(index).toString()); });
    });
    form->addRow(row_label(tr("Region"), region->toolTip()), region);
    syncers_.push_back([this, id, region] {
      const Component* now = doc_->component(id);
      if (!now) return;
      const QSignalBlocker block(region);
      region->setCurrentIndex(std::max(0, region->findData(q(now->region))));
    });
  }

  const bool has_replicas = std::any_of(k->params.begin(), k->params.end(),
                                        [](const ParamDecl& d) { return d.name == "read_replicas"; });
  if (has_replicas && !doc_->version().regions.empty()) addReplicaRegionsRow(form, id);

  for (const ParamDecl& d : k->params)
    addParamRow(form, d, k->behaviour == archbench::Behaviour::Cache);
  for (const archbench::ChoiceDecl& choice : k->choices) addChoiceRow(form, choice);
  if (archbench::runs_instances(*k)) addScalingRows(form);
}

// A database's replica regions: declared region names, comma-separated, in order (replicas are
// spread over them in turn). A name the version does not declare is refused with the list, and
// the text stays as typed to be corrected.
void PropertyEditor::addReplicaRegionsRow(QFormLayout* form, const QString& id) {
  auto* regions = new QLineEdit;
  regions->setObjectName("component_replica_regions");
  regions->setPlaceholderText(tr("with the primary"));
  regions->setToolTip(
      tr("The regions its read replicas stand in, comma-separated: replicas are spread over "
         "them in turn. A replica in another region than the primary lags by the latency "
         "between them too; a region outage takes down the replicas there."));
  auto* problem = new QLabel;
  problem->setObjectName("component_replica_regions_problem");
  problem->setWordWrap(true);
  problem->setStyleSheet(QStringLiteral("color: #c62828"));
  problem->hide();
  auto shown = [](const Component& c) {
    QStringList list;
    for (const auto& r : c.replica_regions) list << q(r);
    return list.join(QStringLiteral(", "));
  };
  if (const Component* c = doc_->component(id)) regions->setText(shown(*c));
  connect(regions, &QLineEdit::editingFinished, this, [this, id, regions, problem] {
    if (!regions->isModified()) return;
    QStringList list;
    for (const QString& r : regions->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
      if (!r.trimmed().isEmpty()) list << r.trimmed();
    QString why;
    bool ok = true;
    apply([&] { ok = doc_->setComponentReplicaRegions(id, list, &why); });
    problem->setText(why);
    problem->setVisible(!ok);
    if (ok) regions->setModified(false);
  });
  form->addRow(row_label(tr("Replica regions"), regions->toolTip()), regions);
  form->addRow(QString(), problem);
  syncers_.push_back([this, id, regions, shown] {
    const Component* now = doc_->component(id);
    if (!now || regions->isModified()) return;
    const QString text = shown(*now);
    if (regions->text() != text) regions->setText(text);
  });
}

void PropertyEditor::buildLink(QFormLayout* form) {
  if (!doc_->link(link_)) return;
  auto* link = new LinkForm(
      doc_, link_, shown_classes_, [this](const std::function<void()>& change) { apply(change); },
      form);
  syncers_.push_back([link] { link->sync(); });
}
