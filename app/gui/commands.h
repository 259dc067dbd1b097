#pragma once
// Undo commands: each changes the document's model by id in redo()/undo(). A command remembers
// the version it was made in and switches back to it before applying itself.
#include <QPointF>
#include <QUndoCommand>
#include <vector>

#include "document.h"

class VersionCommand : public QUndoCommand {
 public:
  VersionCommand(Document* doc, const QString& text);

 protected:
  void enter();  // make the command's version current
  Document* doc_;
  int version_;
};

class AddComponentCommand : public VersionCommand {
 public:
  AddComponentCommand(Document* doc, archbench::Component c);
  void redo() override;
  void undo() override;

 private:
  archbench::Component component_;
  int index_;
};

// Removes components (with every link that touches them) and links; undo restores them all at
// their former places.
class RemoveCommand : public VersionCommand {
 public:
  RemoveCommand(Document* doc, const QStringList& components, const QList<LinkKey>& links);
  void redo() override;
  void undo() override;

 private:
  std::vector<std::pair<int, archbench::Component>> components_;  // ascending index
  std::vector<std::pair<int, archbench::Link>> links_;            // ascending index
};

class MoveCommand : public VersionCommand {
 public:
  MoveCommand(Document* doc, QList<QString> ids, QList<QPointF> from, QList<QPointF> to);
  void redo() override;
  void undo() override;

 private:
  void apply(const QList<QPointF>& where);
  QList<QString> ids_;
  QList<QPointF> from_, to_;
};

class AddLinkCommand : public VersionCommand {
 public:
  AddLinkCommand(Document* doc, archbench::Link l);
  void redo() override;
  void undo() override;

 private:
  archbench::Link link_;
};

// Any change of one component (name or a parameter). Successive edits of the same field of the
// same component merge into one step, so typing a number is one undo step.
class ChangeComponentCommand : public VersionCommand {
 public:
  ChangeComponentCommand(Document* doc, archbench::Component before, archbench::Component after,
                         const QString& field);
  void redo() override;
  void undo() override;
  int id() const override { return 1; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  archbench::Component before_, after_;
  QString field_;
};

class ChangeLinkCommand : public VersionCommand {
 public:
  ChangeLinkCommand(Document* doc, archbench::Link before, archbench::Link after, const QString& field);
  void redo() override;
  void undo() override;
  int id() const override { return 2; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  archbench::Link before_, after_;
  QString field_;
};

class ChangeWorkloadCommand : public VersionCommand {
 public:
  ChangeWorkloadCommand(Document* doc, std::vector<archbench::RequestClass> before,
                        std::vector<archbench::RequestClass> after, const QString& field);
  void redo() override;
  void undo() override;
  int id() const override { return 3; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  std::vector<archbench::RequestClass> before_, after_;
  QString field_;
};
