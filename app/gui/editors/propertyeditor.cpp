#include "editors/propertyeditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QSignalBlocker>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>

#include "editors/formrows.h"
#include "editors/linkform.h"
#include "editors/numberfield.h"
#include "window/style.h"
#include "editors/workloadeditor.h"

using archbench::Component;
using archbench::KindDecl;
using archbench::ParamDecl;
using archbench::ParamType;
using archbench::ParamValue;
using archbench::RequestClass;
using form::decimals_for;
using form::dim_color;
using form::field_row;
using form::new_form;
using form::row_label;
using form::set_checked;
using form::set_dim;
using form::set_value;

// ---------------------------------------------------------------------------------------------
// Helpers

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// One arrow step: 1, or the default's order of magnitude for a fraction (0.1 for a hit ratio).
double step_for(const ParamDecl& d) {
  if (d.default_value > 0 && d.default_value < 1)
    return std::pow(10.0, std::floor(std::log10(d.default_value)));
  return 1.0;
}

int to_int(double v) {
  return static_cast<int>(std::clamp(std::round(v), double(INT_MIN), double(INT_MAX)));
}

QString suffix_for(const std::string& unit) {
  return unit.empty() ? QString() : " " + q(unit);
}

QString number_text(double v, const std::string& unit) {
  return QString::number(v, 'g', 10) + suffix_for(unit);
}

// The tooltip of a parameter: its declaration's help, range and default.
QString tooltip_for(const ParamDecl& d) {
  QString tip = q(d.tooltip);
  if (d.type == ParamType::Bool) {
    tip += PropertyEditor::tr("\nDefault: %1.")
               .arg(d.default_value != 0 ? PropertyEditor::tr("on") : PropertyEditor::tr("off"));
  } else {
    tip += PropertyEditor::tr("\nRange %1 – %2. Default: %3.")
               .arg(number_text(d.min, d.unit), number_text(d.max, d.unit),
                    number_text(d.default_value, d.unit));
  }
  return tip;
}

const ParamValue* find_param(const Component& c, const std::string& name) {
  auto it = c.params.find(name);
  return it == c.params.end() ? nullptr : &it->second;
}

// The value a per-class parameter has for classes the file does not name: "*", else the number,
// else the catalog default (the engine's rule).
double common_value(const Component& c, const ParamDecl& d) {
  const ParamValue* v = find_param(c, d.name);
  if (!v) return d.default_value;
  if (v->type == ParamValue::Type::Number) return v->number;
  if (v->type == ParamValue::Type::PerClassMap) {
    if (auto it = v->map.find("*"); it != v->map.end()) return it->second;
  }
  return d.default_value;
}

// The value the engine uses for one class. A cache's writes never hit unless the map names them
// (the engine's cache rule), so a write class shows 0 there.
double class_value(const Component& c, const ParamDecl& d, const RequestClass& r, bool cache) {
  const ParamValue* v = find_param(c, d.name);
  const bool is_map = v && v->type == ParamValue::Type::PerClassMap;
  if (is_map) {
    if (auto it = v->map.find(r.name); it != v->map.end()) return it->second;
  }
  if (cache && d.name == "hit_ratio" && r.op == archbench::Op::Write) return 0.0;
  return common_value(c, d);
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
  // Names and notes of versions (the version view shows the current one's).
  connect(doc_, &Document::versionsChanged, this, [this] {
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
      title_->setText(QStringLiteral("<b>%1</b><br><span style=\"color:%2\">%3</span>")
                          .arg(k ? q(k->label).toHtmlEscaped() : kind.toHtmlEscaped(), dim,
                               id_.toHtmlEscaped()));
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
      auto* project = new QLabel;
      project->setTextInteractionFlags(Qt::TextSelectableByMouse);
      project->setWordWrap(true);
      project->setToolTip(tr("The project's name is not edited here."));
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
      buildNotes(v);
      syncers_.push_back([this, version, project] {
        version->setText(QStringLiteral("<b>%1</b>").arg(q(doc_->version().name).toHtmlEscaped()));
        project->setText(q(doc_->project().name));
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
    if (now && !name->isModified() && name->text() != q(now->name)) name->setText(q(now->name));
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
    if (zones->text() != text) zones->setText(text);
  });

  for (const ParamDecl& d : k->params)
    addParamRow(form, d, k->behaviour == archbench::Behaviour::Cache);
  for (const archbench::ChoiceDecl& choice : k->choices) addChoiceRow(form, choice);
}

void PropertyEditor::addChoiceRow(QFormLayout* form, const archbench::ChoiceDecl& decl) {
  const archbench::ChoiceDecl* d = &decl;  // the catalog outlives every form
  const QString id = id_;
  const QString pname = q(d->name);
  const QString tip = q(d->tooltip);
  QLabel* label = row_label(q(d->label), tip);
  auto* box = new QComboBox;
  box->setObjectName("param_" + pname);
  box->setToolTip(tip);
  for (const std::string& c : d->choices) box->addItem(q(c), q(c));
  auto* reset = new QToolButton;
  reset->setObjectName("reset_" + pname);
  reset->setText(QStringLiteral("↺"));
  reset->setAutoRaise(true);
  reset->setToolTip(tr("Reset to the catalog default (%1)").arg(q(d->default_value)));
  QSizePolicy keep = reset->sizePolicy();
  keep.setRetainSizeWhenHidden(true);
  reset->setSizePolicy(keep);
  connect(reset, &QToolButton::clicked, this,
          [this, id, pname] { apply([&] { doc_->resetParam(id, pname); }); });
  connect(box, &QComboBox::activated, this, [this, id, pname, box](int index) {
    const std::string value = box->itemData(index).toString().toStdString();
    apply([&] { doc_->setParam(id, pname, ParamValue::of_text(value)); });
  });
  form->addRow(label, field_row({box, reset}));
  syncers_.push_back([this, id, d, box, label, reset] {
    const Component* now = doc_->component(id);
    if (!now) return;
    const ParamValue* v = find_param(*now, d->name);
    const bool given = v && v->type == ParamValue::Type::Text;
    const int index = box->findData(q(given ? v->text : d->default_value));
    if (index >= 0 && box->currentIndex() != index) {
      const QSignalBlocker quiet(box);
      box->setCurrentIndex(index);
    }
    set_dim(box, !given);
    set_dim(label, !given);
    reset->setVisible(given);
  });
}

void PropertyEditor::addParamRow(QFormLayout* form, const ParamDecl& decl, bool cache) {
  const ParamDecl* d = &decl;  // the catalog outlives every form
  const QString id = id_;
  const QString pname = q(d->name);
  const QString tip = tooltip_for(*d);
  QLabel* label = row_label(q(d->label), tip);

  auto* reset = new QToolButton;
  reset->setObjectName("reset_" + pname);
  reset->setText(QStringLiteral("↺"));
  reset->setAutoRaise(true);
  reset->setToolTip(tr("Reset to the catalog default (%1)")
                        .arg(d->type == ParamType::Bool
                                 ? (d->default_value != 0 ? tr("on") : tr("off"))
                                 : number_text(d->default_value, d->unit)));
  QSizePolicy keep = reset->sizePolicy();
  keep.setRetainSizeWhenHidden(true);  // rows stay aligned whether set or not
  reset->setSizePolicy(keep);
  connect(reset, &QToolButton::clicked, this,
          [this, id, pname] { apply([&] { doc_->resetParam(id, pname); }); });

  // Enough decimals for every value the row may show (the default and what the file sets).
  int decimals = decimals_for({d->default_value});
  if (const ParamValue* v = find_param(*doc_->component(id), d->name)) {
    decimals = std::max(decimals, decimals_for({v->number}));
    for (const auto& [cls, x] : v->map) decimals = std::max(decimals, decimals_for({x}));
  }
  auto number_field = [&](const QString& object_name) {
    auto* box = new NumberField(d->min, d->max, decimals);
    box->setObjectName(object_name);
    box->setSuffix(suffix_for(d->unit));
    box->setSingleStep(step_for(*d));
    box->setToolTip(tip);
    return box;
  };
  auto set = [this, id, pname](const ParamValue& v) {
    apply([&] { doc_->setParam(id, pname, v); });
  };

  // `show` puts the model's value into the row's editor; the label dims and the reset button
  // hides when the file does not set the parameter.
  std::function<void(const Component&, const ParamValue*)> show;
  switch (d->type) {
    case ParamType::Integer: {
      auto* box = new IntegerField(to_int(d->min), to_int(d->max));
      box->setObjectName("param_" + pname);
      box->setSuffix(suffix_for(d->unit));
      box->setToolTip(tip);
      connect(box, &QSpinBox::valueChanged, this, [set](int v) { set(ParamValue::of(v)); });
      form->addRow(label, field_row({box, reset}));
      show = [d, box](const Component&, const ParamValue* v) {
        const bool given = v && v->type == ParamValue::Type::Number;
        set_value(box, to_int(given ? v->number : d->default_value));
        set_dim(box, !given);
      };
      break;
    }
    case ParamType::Number: {
      auto* box = number_field("param_" + pname);
      connect(box, &QDoubleSpinBox::valueChanged, this,
              [set](double v) { set(ParamValue::of(v)); });
      form->addRow(label, field_row({box, reset}));
      show = [d, box](const Component&, const ParamValue* v) {
        const bool given = v && v->type == ParamValue::Type::Number;
        set_value(box, given ? v->number : d->default_value);
        set_dim(box, !given);
      };
      break;
    }
    case ParamType::Bool: {
      auto* box = new QCheckBox;
      box->setObjectName("param_" + pname);
      box->setToolTip(tip);
      connect(box, &QCheckBox::toggled, this, [set](bool on) { set(ParamValue::of_bool(on)); });
      form->addRow(label, field_row({box, reset}));
      show = [d, box](const Component&, const ParamValue* v) {
        const bool given = v && v->type == ParamValue::Type::Bool;
        set_checked(box, given ? v->flag : d->default_value != 0);
      };
      break;
    }
    case ParamType::PerClass: {
      auto* common = number_field("param_" + pname);
      QSizePolicy hold = common->sizePolicy();
      hold.setRetainSizeWhenHidden(true);  // per class, the toggle keeps its place
      common->setSizePolicy(hold);
      auto* per = new QToolButton;
      per->setObjectName("param_" + pname + "_per_class");
      per->setText(tr("per class…"));
      per->setCheckable(true);
      per->setToolTip(tr("Give each request class its own value."));
      form->addRow(label, field_row({common, per, reset}));

      // The map after setting one class: a map written for the first time names every class
      // with the value it has now, so no figure changes but the edited one.
      auto map_with = [this, id, d, cache](const std::string& cls, double x) {
        std::map<std::string, double> m;
        const Component* now = doc_->component(id);
        if (!now) return m;
        const ParamValue* v = find_param(*now, d->name);
        if (v && v->type == ParamValue::Type::PerClassMap) {
          m = v->map;
        } else {
          for (const auto& r : doc_->version().workload)
            m[r.name] = class_value(*now, *d, r, cache);
        }
        if (!cls.empty()) m[cls] = x;
        return m;
      };
      connect(common, &QDoubleSpinBox::valueChanged, this,
              [set](double x) { set(ParamValue::of(x)); });
      // Per class on: a map with every class's present value. Off: the value shown for the
      // other classes becomes the value of all.
      connect(per, &QToolButton::toggled, this, [set, common, map_with](bool on) {
        set(on ? ParamValue::of_map(map_with(std::string(), 0)) : ParamValue::of(common->value()));
      });

      auto* classes = new QWidget;
      auto* cf = new QFormLayout(classes);
      // Indented under the row, and ending where its field ends (before the reset column).
      cf->setContentsMargins(16, 0, reset->sizeHint().width() + 4, 4);
      cf->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      std::vector<std::pair<QLabel*, NumberField*>> boxes;
      for (const QString& cls : shown_classes_) {
        auto* box = number_field("param_" + pname + ":" + cls);
        box->setToolTip(tr("%1 for class %2").arg(q(d->label), cls));
        connect(box, &QDoubleSpinBox::valueChanged, this,
                [set, map_with, c = cls.toStdString()](double x) {
                  set(ParamValue::of_map(map_with(c, x)));
                });
        auto* class_label = new QLabel(cls);
        cf->addRow(class_label, box);
        boxes.push_back({class_label, box});
      }
      // "*" in the map: the value of every class the map does not name (and of classes added
      // later); without it, the catalog default.
      auto* others = number_field("param_" + pname + ":*");
      others->setToolTip(tr("%1 for every class the map does not name (\"*\"); without it, the "
                            "catalog default.")
                             .arg(q(d->label)));
      connect(others, &QDoubleSpinBox::valueChanged, this,
              [set, map_with](double x) { set(ParamValue::of_map(map_with("*", x))); });
      auto* others_label = new QLabel(tr("other classes"));
      others_label->setToolTip(others->toolTip());
      cf->addRow(others_label, others);
      form->addRow(classes);

      show = [this, d, cache, common, per, classes, boxes, others, others_label](
                 const Component& now, const ParamValue* v) {
        const bool is_map = v && v->type == ParamValue::Type::PerClassMap;
        // One value, or (per class) one row per class plus "other classes".
        set_value(common, common_value(now, *d));
        set_dim(common, !v);
        common->setVisible(!is_map);
        set_checked(per, is_map);
        classes->setVisible(is_map);
        for (const auto& [class_label, box] : boxes) {
          const RequestClass* r = doc_->version().request_class(class_label->text().toStdString());
          if (!r) continue;  // renamed or removed: the form is rebuilt next
          set_value(box, class_value(now, *d, *r, cache));
          const bool named = is_map && v->map.count(r->name);
          set_dim(box, !named);
          set_dim(class_label, !named);
        }
        set_value(others, common_value(now, *d));
        const bool star = is_map && v->map.count("*");
        set_dim(others, !star);
        set_dim(others_label, !star);
      };
      break;
    }
  }
  syncers_.push_back([this, id, d, show, label, reset] {
    const Component* now = doc_->component(id);
    if (!now) return;
    const ParamValue* v = find_param(*now, d->name);
    show(*now, v);
    set_dim(label, !v);
    reset->setVisible(v != nullptr);
  });
}

void PropertyEditor::buildLink(QFormLayout* form) {
  if (!doc_->link(link_)) return;
  auto* link = new LinkForm(
      doc_, link_, shown_classes_, [this](const std::function<void()>& change) { apply(change); },
      form);
  syncers_.push_back([link] { link->sync(); });
}
