#include "compare/diffview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <functional>

#include "archbench/diff.h"
#include "versions/versionnotes.h"

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

enum Column { What, From, To };

// Fields of links and classes, which no catalog declares.
QString plain_field(const std::string& field) {
  if (field == "kind") return QObject::tr("Kind");
  if (field == "name") return QObject::tr("Name");
  if (field == "calls") return QObject::tr("Calls per visit");
  if (field == "latency_ms") return QObject::tr("Network latency (ms)");
  if (field == "weight") return QObject::tr("Weight");
  if (field == "entry") return QObject::tr("Entry");
  if (field == "op") return QObject::tr("Operation");
  if (field == "rate") return QObject::tr("Rate");
  if (field == "payload_kb") return QObject::tr("Payload (KB)");
  if (field == "sync") return QObject::tr("Caller waits");
  return q(field);
}

void fill_changes(QTreeWidgetItem* parent, const archbench::ItemChange& change,
                  const std::function<QString(const std::string&)>& label) {
  for (const archbench::FieldChange& f : change.changes) {
    auto* row = new QTreeWidgetItem(parent, {label(f.field), q(f.from), q(f.to)});
    row->setToolTip(What, q(f.field));
    row->setToolTip(From, q(f.from));
    row->setToolTip(To, q(f.to));
  }
}

}  // namespace

DiffView::DiffView(Document* doc, QWidget* parent)
    : QWidget(parent),
      doc_(doc),
      from_(new QComboBox(this)),
      to_(new QComboBox(this)),
      notes_(new QTextBrowser(this)),
      tree_(new QTreeWidget(this)) {
  from_->setObjectName(QStringLiteral("diffFrom"));
  to_->setObjectName(QStringLiteral("diffTo"));
  tree_->setObjectName(QStringLiteral("diffTree"));
  notes_->setObjectName(QStringLiteral("diffNotes"));
  from_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  to_->setSizeAdjustPolicy(QComboBox::AdjustToContents);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("From"), this));
  bar->addWidget(from_);
  bar->addWidget(new QLabel(QStringLiteral("→"), this));
  bar->addWidget(new QLabel(tr("To"), this));
  bar->addWidget(to_);
  bar->addStretch(1);

  tree_->setColumnCount(3);
  tree_->setHeaderLabels({tr("Change"), tr("From"), tr("To")});
  tree_->setRootIsDecorated(true);
  tree_->setAlternatingRowColors(true);
  tree_->setUniformRowHeights(true);
  tree_->header()->setStretchLastSection(true);
  tree_->header()->setSectionResizeMode(QHeaderView::Interactive);
  notes_->setOpenLinks(false);
  notes_->setFrameShape(QFrame::StyledPanel);

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(notes_);
  split->addWidget(tree_);
  split->setStretchFactor(0, 0);
  split->setStretchFactor(1, 1);
  split->setSizes({fontMetrics().lineSpacing() * 6, 400});
  split->setChildrenCollapsible(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(bar);
  layout->addWidget(split, 1);

  connect(from_, &QComboBox::currentIndexChanged, this, &DiffView::showDiff);
  connect(to_, &QComboBox::currentIndexChanged, this, &DiffView::showDiff);
  refresh();
}

void DiffView::refresh() {
  const QString from = from_->currentText();
  const QString to = to_->currentText();
  QStringList names;
  for (const auto& v : doc_->project().versions) names << q(v.name);
  const bool same = [&] {
    if (names.size() != from_->count()) return false;
    for (int i = 0; i < names.size(); ++i)
      if (from_->itemText(i) != names[i]) return false;
    return true;
  }();
  if (!same) {
    const QSignalBlocker b1(from_);
    const QSignalBlocker b2(to_);
    from_->clear();
    to_->clear();
    from_->addItems(names);
    to_->addItems(names);
    // The chosen pair by name; at first (or when it is gone), the latest step.
    const int n = static_cast<int>(names.size());
    const auto f = static_cast<int>(names.indexOf(from));
    const auto t = static_cast<int>(names.indexOf(to));
    from_->setCurrentIndex(f >= 0 ? f : std::max(0, n - 2));
    to_->setCurrentIndex(t >= 0 ? t : std::max(0, n - 1));
  }
  showDiff();
}

QTreeWidgetItem* DiffView::group(const QString& title, int count) {
  auto* item = new QTreeWidgetItem(tree_, {QStringLiteral("%1 (%2)").arg(title).arg(count)});
  QFont bold = tree_->font();
  bold.setBold(true);
  item->setFont(What, bold);
  item->setFirstColumnSpanned(true);
  return item;
}

QString DiffView::fieldLabel(const std::string& kind, const std::string& field) const {
  const archbench::KindDecl* decl = doc_->catalog().find(kind);
  const archbench::ParamDecl* param = decl ? decl->param(field) : nullptr;
  if (!param) return plain_field(field);
  QString label = q(param->label);
  if (!param->unit.empty()) label += QStringLiteral(" (%1)").arg(q(param->unit));
  return label;
}

void DiffView::showDiff() {
  tree_->clear();
  const archbench::Project& project = doc_->project();
  const archbench::Version* a = project.version(from_->currentText().toStdString());
  const archbench::Version* b = project.version(to_->currentText().toStdString());
  notes_->setHtml(b ? QStringLiteral("<b>%1</b> — %2")
                          .arg(q(b->name).toHtmlEscaped(), b->notes.empty()
                                                               ? tr("<i>no notes</i>")
                                                               : version_notes::html(b->notes))
                    : QString());
  if (!a || !b || a == b) {
    new QTreeWidgetItem(
        tree_, {project.versions.size() < 2 ? tr("The project has one version: nothing to compare.")
                                            : tr("Choose two different versions.")});
    return;
  }
  const archbench::VersionDiff d = archbench::diff_versions(*a, *b, &doc_->catalog());
  if (d.empty()) {
    new QTreeWidgetItem(tree_, {tr("No differences in the design (positions on the canvas are "
                                   "not changes).")});
    return;
  }
  auto kind_label = [this](const std::string& kind) {
    const archbench::KindDecl* decl = doc_->catalog().find(kind);
    return decl ? q(decl->label) : q(kind);
  };
  // People read names: a component by its display name in the version that has it, a link as
  // "name → name"; the ids the file uses are in the tooltip.
  auto name_in = [](const archbench::Version& v, const std::string& id) {
    const archbench::Component* c = v.component(id);
    return c ? q(c->display_name()) : q(id);
  };
  auto link_name = [&](const archbench::Version& v, const std::string& route) {
    const QStringList ends = q(route).split(QStringLiteral(" → "));
    if (ends.size() != 2) return q(route);
    return QStringLiteral("%1 → %2").arg(name_in(v, ends[0].toStdString()),
                                         name_in(v, ends[1].toStdString()));
  };
  auto items = [&](const QString& title, const std::vector<std::string>& ids, Column side,
                   const std::function<QString(const std::string&)>& text,
                   const std::function<QString(const std::string&)>& name) {
    if (ids.empty()) return;
    QTreeWidgetItem* g = group(title, static_cast<int>(ids.size()));
    for (const auto& id : ids) {
      auto* row = new QTreeWidgetItem(g, {name(id)});
      row->setToolTip(What, tr("In the file: %1").arg(q(id)));
      row->setText(side, text(id));
    }
  };
  auto changed =
      [&](const QString& title, const std::vector<archbench::ItemChange>& list,
          const std::function<QString(const archbench::ItemChange&)>& name,
          const std::function<QString(const archbench::ItemChange&, const std::string&)>& label) {
        if (list.empty()) return;
        QTreeWidgetItem* g = group(title, static_cast<int>(list.size()));
        for (const auto& ch : list) {
          auto* row = new QTreeWidgetItem(g, {name(ch)});
          row->setToolTip(What, tr("In the file: %1").arg(q(ch.id)));
          row->setFirstColumnSpanned(true);
          fill_changes(row, ch, [&](const std::string& f) { return label(ch, f); });
        }
      };
  const auto none = [](const std::string&) { return QString(); };

  const auto in_a = [&](const std::string& id) { return name_in(*a, id); };
  const auto in_b = [&](const std::string& id) { return name_in(*b, id); };
  const auto link_in_a = [&](const std::string& id) { return link_name(*a, id); };
  const auto link_in_b = [&](const std::string& id) { return link_name(*b, id); };
  const auto as_is = [](const std::string& id) { return q(id); };
  // The name is in the first column; the side column says what kind it is.
  auto kind_in = [&](const archbench::Version& v, const std::string& id) {
    const archbench::Component* c = v.component(id);
    return c ? kind_label(c->kind) : QString();
  };
  items(tr("Components added"), d.components_added, To,
        [&](const std::string& id) { return kind_in(*b, id); }, in_b);
  items(tr("Components removed"), d.components_removed, From,
        [&](const std::string& id) { return kind_in(*a, id); }, in_a);
  changed(
      tr("Components changed"), d.components_changed,
      [&](const archbench::ItemChange& ch) { return name_in(*b, ch.id); },
      [&](const archbench::ItemChange& ch, const std::string& f) {
        const archbench::Component* c = b->component(ch.id);
        return fieldLabel(c ? c->kind : std::string(), f);
      });
  items(tr("Links added"), d.links_added, To, none, link_in_b);
  items(tr("Links removed"), d.links_removed, From, none, link_in_a);
  changed(
      tr("Links changed"), d.links_changed,
      [&](const archbench::ItemChange& ch) { return link_name(*b, ch.id); },
      [](const archbench::ItemChange&, const std::string& f) { return plain_field(f); });
  items(tr("Workload: classes added"), d.classes_added, To, none, as_is);
  items(tr("Workload: classes removed"), d.classes_removed, From, none, as_is);
  changed(
      tr("Workload: classes changed"), d.classes_changed,
      [](const archbench::ItemChange& ch) { return q(ch.id); },
      [](const archbench::ItemChange&, const std::string& f) { return plain_field(f); });
  tree_->expandAll();
  tree_->resizeColumnToContents(What);
  tree_->resizeColumnToContents(From);
}
