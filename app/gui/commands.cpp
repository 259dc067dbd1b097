#include "commands.h"

#include <algorithm>

using archbench::Component;
using archbench::Link;

namespace {
LinkKey key_of(const Link& l) {
  return {QString::fromStdString(l.from), QString::fromStdString(l.to)};
}
}  // namespace

VersionCommand::VersionCommand(Document* doc, const QString& text)
    : doc_(doc), version_(doc->versionIndex()) {
  setText(text);
}

void VersionCommand::enter() {
  if (doc_->versionIndex() != version_) doc_->setVersionIndex(version_);
}

AddComponentCommand::AddComponentCommand(Document* doc, Component c)
    : VersionCommand(doc, QObject::tr("Add %1").arg(QString::fromStdString(c.display_name()))),
      component_(std::move(c)),
      index_(static_cast<int>(doc->version().components.size())) {}

void AddComponentCommand::redo() {
  enter();
  doc_->insertComponent(component_, index_);
}

void AddComponentCommand::undo() {
  enter();
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
  if (components_.size() == 1)
    setText(QObject::tr("Delete %1").arg(QString::fromStdString(components_[0].second.display_name())));
  else if (components_.empty() && links_.size() == 1)
    setText(QObject::tr("Delete link %1 → %2").arg(QString::fromStdString(links_[0].second.from),
                                                  QString::fromStdString(links_[0].second.to)));
  else
    setText(QObject::tr("Delete %n item(s)", "", static_cast<int>(components_.size() + links_.size())));
}

void RemoveCommand::redo() {
  enter();
  for (auto it = links_.rbegin(); it != links_.rend(); ++it) doc_->eraseLink(key_of(it->second));
  for (auto it = components_.rbegin(); it != components_.rend(); ++it)
    doc_->eraseComponent(QString::fromStdString(it->second.id));
}

void RemoveCommand::undo() {
  enter();
  for (const auto& [i, c] : components_) doc_->insertComponent(c, i);
  for (const auto& [i, l] : links_) doc_->insertLink(l, i);
}

MoveCommand::MoveCommand(Document* doc, QList<QString> ids, QList<QPointF> from, QList<QPointF> to)
    : VersionCommand(doc, ids.size() == 1 ? QObject::tr("Move %1").arg(ids[0])
                                          : QObject::tr("Move %n components", "", static_cast<int>(ids.size()))),
      ids_(std::move(ids)),
      from_(std::move(from)),
      to_(std::move(to)) {}

void MoveCommand::apply(const QList<QPointF>& where) {
  enter();
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
    : VersionCommand(doc, QObject::tr("Connect %1 → %2").arg(QString::fromStdString(l.from),
                                                            QString::fromStdString(l.to))),
      link_(std::move(l)) {}

void AddLinkCommand::redo() {
  enter();
  doc_->insertLink(link_, static_cast<int>(doc_->version().links.size()));
}

void AddLinkCommand::undo() {
  enter();
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
  enter();
  doc_->replaceComponent(QString::fromStdString(before_.id), after_);
}

void ChangeComponentCommand::undo() {
  enter();
  doc_->replaceComponent(QString::fromStdString(after_.id), before_);
}

bool ChangeComponentCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeComponentCommand*>(other);
  if (o->version_ != version_ || o->field_ != field_ || o->before_.id != after_.id) return false;
  after_ = o->after_;
  return true;
}

ChangeLinkCommand::ChangeLinkCommand(Document* doc, Link before, Link after, const QString& field)
    : VersionCommand(doc, QObject::tr("Change %1 of link %2 → %3")
                              .arg(field, QString::fromStdString(before.from),
                                   QString::fromStdString(before.to))),
      before_(std::move(before)),
      after_(std::move(after)),
      field_(field) {}

void ChangeLinkCommand::redo() {
  enter();
  doc_->replaceLink(key_of(before_), after_);
}

void ChangeLinkCommand::undo() {
  enter();
  doc_->replaceLink(key_of(after_), before_);
}

bool ChangeLinkCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeLinkCommand*>(other);
  if (o->version_ != version_ || o->field_ != field_ || !(key_of(o->before_) == key_of(after_)))
    return false;
  after_ = o->after_;
  return true;
}

ChangeWorkloadCommand::ChangeWorkloadCommand(Document* doc, std::vector<archbench::RequestClass> before,
                                             std::vector<archbench::RequestClass> after,
                                             const QString& field)
    : VersionCommand(doc, field), before_(std::move(before)), after_(std::move(after)), field_(field) {}

void ChangeWorkloadCommand::redo() {
  enter();
  doc_->replaceWorkload(after_);
}

void ChangeWorkloadCommand::undo() {
  enter();
  doc_->replaceWorkload(before_);
}

bool ChangeWorkloadCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeWorkloadCommand*>(other);
  if (o->version_ != version_ || o->field_ != field_) return false;
  after_ = o->after_;
  return true;
}
