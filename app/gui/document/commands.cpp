#include "document/commands.h"

#include <algorithm>

using archbench::Component;
using archbench::Link;

namespace {
LinkKey key_of(const Link& l) {
  return {QString::fromStdString(l.from), QString::fromStdString(l.to)};
}

QString name_of(const Document* doc, int index) {
  return QString::fromStdString(doc->project().versions.at(index).name);
}
}  // namespace

VersionCommand::VersionCommand(Document* doc, const QString& text)
    : doc_(doc), uid_(doc->versionUid(doc->versionIndex())) {
  setText(text);
}

bool VersionCommand::enter() {
  const int index = doc_->versionIndexOf(uid_);
  if (index < 0) return false;
  doc_->setVersionIndex(index);
  return true;
}

AddComponentCommand::AddComponentCommand(Document* doc, Component c)
    : VersionCommand(doc, QObject::tr("Add %1").arg(QString::fromStdString(c.display_name()))),
      component_(std::move(c)),
      index_(static_cast<int>(doc->version().components.size())) {}

void AddComponentCommand::redo() {
  if (!enter()) return;
  doc_->insertComponent(component_, index_);
}

void AddComponentCommand::undo() {
  if (!enter()) return;
  doc_->eraseComponent(QString::fromStdString(component_.id));
}

RemoveCommand::RemoveCommand(Document* doc, const QStringList& components, const QList<LinkKey>& links)
    : VersionCommand(doc, QString()) {
  const auto& v = doc->version();
  for (int i = 0; i < static_cast<int>(v.components.size()); ++i) {
    if (components.contains(QString::fromStdString(v.components[i].id)))
      components_.emplace_back(i, v.components[i]);
  }
  for (int i = 0; i < static_cast<int>(v.links.size()); ++i) {
    const Link& l = v.links[i];
    const bool touches = components.contains(QString::fromStdString(l.from)) ||
                         components.contains(QString::fromStdString(l.to));
    if (touches || links.contains(key_of(l))) links_.emplace_back(i, l);
  }
  // A fault on something that is gone would make the scenario invalid; it goes with it.
  faults_before_ = v.faults;
  auto gone = [&](const archbench::Fault& f) {
    for (const auto& [i, c] : components_) {
      if (f.component == c.id || (f.type == archbench::FaultType::Cut && f.to == c.id)) return true;
    }
    if (f.type == archbench::FaultType::Cut) {
      for (const auto& [i, l] : links_) {
        if (f.component == l.from && f.to == l.to) return true;
      }
    }
    return false;
  };
  for (const auto& f : faults_before_) {
    if (!gone(f)) faults_after_.push_back(f);
  }
  experiments_before_ = v.experiments;
  for (archbench::Experiment e : experiments_before_) {
    std::erase_if(e.faults, gone);
    if (!e.faults.empty()) experiments_after_.push_back(std::move(e));
  }
  if (components_.size() == 1)
    setText(QObject::tr("Delete %1").arg(QString::fromStdString(components_[0].second.display_name())));
  else if (components_.empty() && links_.size() == 1)
    setText(QObject::tr("Delete link %1").arg(doc->nameOf(key_of(links_[0].second))));
  else
    setText(QObject::tr("Delete %n item(s)", "", static_cast<int>(components_.size() + links_.size())));
}

void RemoveCommand::redo() {
  if (!enter()) return;
  if (faults_after_ != faults_before_) doc_->replaceFaults(faults_after_);
  if (experiments_after_ != experiments_before_) doc_->replaceExperiments(experiments_after_);
  for (auto it = links_.rbegin(); it != links_.rend(); ++it) doc_->eraseLink(key_of(it->second));
  for (auto it = components_.rbegin(); it != components_.rend(); ++it)
    doc_->eraseComponent(QString::fromStdString(it->second.id));
}

void RemoveCommand::undo() {
  if (!enter()) return;
  for (const auto& [i, c] : components_) doc_->insertComponent(c, i);
  for (const auto& [i, l] : links_) doc_->insertLink(l, i);
  if (experiments_after_ != experiments_before_) doc_->replaceExperiments(experiments_before_);
  if (faults_after_ != faults_before_) doc_->replaceFaults(faults_before_);
}

MoveCommand::MoveCommand(Document* doc, QList<QString> ids, QList<QPointF> from, QList<QPointF> to)
    : VersionCommand(doc, ids.size() == 1 ? QObject::tr("Move %1").arg(doc->nameOf(ids[0]))
                                          : QObject::tr("Move %n components", "", static_cast<int>(ids.size()))),
      ids_(std::move(ids)),
      from_(std::move(from)),
      to_(std::move(to)) {}

void MoveCommand::apply(const QList<QPointF>& where) {
  if (!enter()) return;
  for (int i = 0; i < ids_.size(); ++i) {
    const Component* c = doc_->component(ids_[i]);
    if (!c) continue;
    Component moved = *c;
    moved.pos = std::array<double, 2>{where[i].x(), where[i].y()};
    doc_->replaceComponent(ids_[i], moved);
  }
}

void MoveCommand::redo() { apply(to_); }
void MoveCommand::undo() { apply(from_); }

AddLinkCommand::AddLinkCommand(Document* doc, Link l)
    : VersionCommand(doc, QObject::tr("Connect %1").arg(doc->nameOf(key_of(l)))),
      link_(std::move(l)) {}

void AddLinkCommand::redo() {
  if (!enter()) return;
  doc_->insertLink(link_, static_cast<int>(doc_->version().links.size()));
}

void AddLinkCommand::undo() {
  if (!enter()) return;
  doc_->eraseLink(key_of(link_));
}

ChangeComponentCommand::ChangeComponentCommand(Document* doc, Component before, Component after,
                                               const QString& field)
    : VersionCommand(doc, QObject::tr("Change %1 of %2")
                              .arg(field, QString::fromStdString(before.display_name()))),
      before_(std::move(before)),
      after_(std::move(after)),
      field_(field) {}

void ChangeComponentCommand::redo() {
  if (!enter()) return;
  doc_->replaceComponent(QString::fromStdString(before_.id), after_);
}

void ChangeComponentCommand::undo() {
  if (!enter()) return;
  doc_->replaceComponent(QString::fromStdString(after_.id), before_);
}

bool ChangeComponentCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeComponentCommand*>(other);
  if (o->uid_ != uid_ || o->field_ != field_ || o->before_.id != after_.id) return false;
  after_ = o->after_;
  return true;
}

ChangeLinkCommand::ChangeLinkCommand(Document* doc, Link before, Link after, const QString& field)
    : VersionCommand(doc, QObject::tr("Change %1 of link %2").arg(field, doc->nameOf(key_of(before)))),
      before_(std::move(before)),
      after_(std::move(after)),
      field_(field) {}

void ChangeLinkCommand::redo() {
  if (!enter()) return;
  doc_->replaceLink(key_of(before_), after_);
}

void ChangeLinkCommand::undo() {
  if (!enter()) return;
  doc_->replaceLink(key_of(after_), before_);
}

bool ChangeLinkCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeLinkCommand*>(other);
  if (o->uid_ != uid_ || o->field_ != field_ || !(key_of(o->before_) == key_of(after_)))
    return false;
  after_ = o->after_;
  return true;
}

ChangeWorkloadCommand::ChangeWorkloadCommand(Document* doc, std::vector<archbench::RequestClass> before,
                                             std::vector<archbench::RequestClass> after,
                                             const QString& field)
    : VersionCommand(doc, field), before_(std::move(before)), after_(std::move(after)), field_(field) {}

void ChangeWorkloadCommand::redo() {
  if (!enter()) return;
  doc_->replaceWorkload(after_);
}

void ChangeWorkloadCommand::undo() {
  if (!enter()) return;
  doc_->replaceWorkload(before_);
}

bool ChangeWorkloadCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeWorkloadCommand*>(other);
  if (o->uid_ != uid_ || o->field_ != field_) return false;
  after_ = o->after_;
  return true;
}

ChangeFaultsCommand::ChangeFaultsCommand(Document* doc, std::vector<archbench::Fault> before,
                                         std::vector<archbench::Fault> after, const QString& what)
    : VersionCommand(doc, what), before_(std::move(before)), after_(std::move(after)) {}

void ChangeFaultsCommand::redo() {
  if (!enter()) return;
  doc_->replaceFaults(after_);
}

void ChangeFaultsCommand::undo() {
  if (!enter()) return;
  doc_->replaceFaults(before_);
}

ChangeExperimentsCommand::ChangeExperimentsCommand(Document* doc,
                                                   std::vector<archbench::Experiment> before,
                                                   std::vector<archbench::Experiment> after,
                                                   const QString& what)
    : VersionCommand(doc, what), before_(std::move(before)), after_(std::move(after)) {}

void ChangeExperimentsCommand::redo() {
  if (!enter()) return;
  doc_->replaceExperiments(after_);
}

void ChangeExperimentsCommand::undo() {
  if (!enter()) return;
  doc_->replaceExperiments(before_);
}

// ---- Commands on the list of versions ----------------------------------------------------

ChangeRegionsCommand::ChangeRegionsCommand(Document* doc, std::vector<std::string> names_after,
                                           std::vector<archbench::RegionLatency> latency_after,
                                           const QString& what)
    : VersionCommand(doc, what),
      names_before_(doc->version().regions),
      names_after_(std::move(names_after)),
      latency_before_(doc->version().region_latency),
      latency_after_(std::move(latency_after)) {}

void ChangeRegionsCommand::redo() {
  if (!enter()) return;
  doc_->replaceRegions(names_after_, latency_after_);
}

void ChangeRegionsCommand::undo() {
  if (!enter()) return;
  doc_->replaceRegions(names_before_, latency_before_);
}

DuplicateVersionCommand::DuplicateVersionCommand(Document* doc, int source, archbench::Version copy)
    : doc_(doc),
      copy_(std::move(copy)),
      index_(doc->versionCount()),
      uid_(doc->newVersionUid()),
      current_before_(doc->versionUid(doc->versionIndex())) {
  setText(QObject::tr("New version %1 from %2")
              .arg(QString::fromStdString(copy_.name), name_of(doc, source)));
}

void DuplicateVersionCommand::redo() {
  doc_->insertVersion(index_, copy_, uid_);
  doc_->setVersionIndex(doc_->versionIndexOf(uid_));
}

void DuplicateVersionCommand::undo() {
  // Switch first, so the erase does not also switch to a neighbour.
  doc_->setVersionIndex(doc_->versionIndexOf(current_before_));
  doc_->eraseVersion(doc_->versionIndexOf(uid_));
}

RenameVersionCommand::RenameVersionCommand(Document* doc, int index, std::string before,
                                           std::string after)
    : doc_(doc),
      uid_(doc->versionUid(index)),
      before_(std::move(before)),
      after_(std::move(after)) {
  setText(QObject::tr("Rename version %1 to %2")
              .arg(QString::fromStdString(before_), QString::fromStdString(after_)));
}

void RenameVersionCommand::redo() { doc_->replaceVersionName(doc_->versionIndexOf(uid_), after_); }
void RenameVersionCommand::undo() { doc_->replaceVersionName(doc_->versionIndexOf(uid_), before_); }

MoveVersionCommand::MoveVersionCommand(Document* doc, int from, int to)
    : doc_(doc), from_(from), to_(to) {
  const QString name = name_of(doc, from);
  if (to == from - 1)
    setText(QObject::tr("Move version %1 left").arg(name));
  else if (to == from + 1)
    setText(QObject::tr("Move version %1 right").arg(name));
  else
    setText(QObject::tr("Move version %1 to position %2").arg(name).arg(to + 1));
}

void MoveVersionCommand::redo() { doc_->moveVersionAt(from_, to_); }
void MoveVersionCommand::undo() { doc_->moveVersionAt(to_, from_); }

DeleteVersionCommand::DeleteVersionCommand(Document* doc, int index)
    : doc_(doc),
      version_(doc->project().versions.at(index)),
      index_(index),
      uid_(doc->versionUid(index)),
      current_before_(doc->versionUid(doc->versionIndex())) {
  setText(QObject::tr("Delete version %1").arg(QString::fromStdString(version_.name)));
}

void DeleteVersionCommand::redo() {
  if (doc_->versionIndex() == index_) doc_->setVersionIndex(index_ > 0 ? index_ - 1 : index_ + 1);
  doc_->eraseVersion(index_);
}

void DeleteVersionCommand::undo() {
  doc_->insertVersion(index_, version_, uid_);
  doc_->setVersionIndex(doc_->versionIndexOf(current_before_));
}

ProjectNameCommand::ProjectNameCommand(Document* doc, std::string before, std::string after)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)) {
  setText(QObject::tr("Rename project to %1").arg(QString::fromStdString(after_)));
}

void ProjectNameCommand::redo() { doc_->replaceProjectName(after_); }
void ProjectNameCommand::undo() { doc_->replaceProjectName(before_); }

bool ProjectNameCommand::mergeWith(const QUndoCommand* other) {
  after_ = static_cast<const ProjectNameCommand*>(other)->after_;
  setText(QObject::tr("Rename project to %1").arg(QString::fromStdString(after_)));
  return true;
}

VersionNotesCommand::VersionNotesCommand(Document* doc, int index, std::string before,
                                         std::string after)
    : doc_(doc),
      uid_(doc->versionUid(index)),
      before_(std::move(before)),
      after_(std::move(after)) {
  setText(QObject::tr("Edit notes of %1").arg(name_of(doc, index)));
}

void VersionNotesCommand::redo() { doc_->replaceVersionNotes(doc_->versionIndexOf(uid_), after_); }
void VersionNotesCommand::undo() { doc_->replaceVersionNotes(doc_->versionIndexOf(uid_), before_); }

bool VersionNotesCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const VersionNotesCommand*>(other);
  if (o->uid_ != uid_) return false;
  after_ = o->after_;
  return true;
}
