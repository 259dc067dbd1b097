#pragma once
// Undo commands: each changes the document's model by id in redo()/undo(). A command remembers
// the version it was made in (by the document's version uid, which survives the versions being
// renamed, moved, deleted and restored) and switches back to it before applying itself.
#include <QPointF>
#include <QUndoCommand>
#include <vector>

#include "document/document.h"

class VersionCommand : public QUndoCommand {
 public:
  VersionCommand(Document* doc, const QString& text);

 protected:
  // Makes the command's version current; false if it is gone (never, with a linear undo stack).
  bool enter();
  Document* doc_;
  quint64 uid_;
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

// Removes components (with every link that touches them) and links, and the faults that name any
// of them: the scenario's, and the experiments' (an experiment left with no fault goes too, as
// the engine refuses it); undo restores them all at their former places.
class RemoveCommand : public VersionCommand {
 public:
  RemoveCommand(Document* doc, const QStringList& components, const QList<LinkKey>& links);
  void redo() override;
  void undo() override;

 private:
  std::vector<std::pair<int, archbench::Component>> components_;  // ascending index
  std::vector<std::pair<int, archbench::Link>> links_;            // ascending index
  std::vector<archbench::Fault> faults_before_, faults_after_;
  std::vector<archbench::Experiment> experiments_before_, experiments_after_;
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

// The version's what-if scenario (its faults): each change is its own step ("Crash db").
class ChangeFaultsCommand : public VersionCommand {
 public:
  ChangeFaultsCommand(Document* doc, std::vector<archbench::Fault> before,
                      std::vector<archbench::Fault> after, const QString& what);
  void redo() override;
  void undo() override;

 private:
  std::vector<archbench::Fault> before_, after_;
};

// The version's experiments: each change is its own step.
class ChangeExperimentsCommand : public VersionCommand {
 public:
  ChangeExperimentsCommand(Document* doc, std::vector<archbench::Experiment> before,
                           std::vector<archbench::Experiment> after, const QString& what);
  void redo() override;
  void undo() override;

 private:
  std::vector<archbench::Experiment> before_, after_;
};

// The version's regions and the latency between them: each change is its own step.
class ChangeRegionsCommand : public VersionCommand {
 public:
  ChangeRegionsCommand(Document* doc, std::vector<std::string> names_after,
                       std::vector<archbench::RegionLatency> latency_after, const QString& what);
  void redo() override;
  void undo() override;

 private:
  std::vector<std::string> names_before_, names_after_;
  std::vector<archbench::RegionLatency> latency_before_, latency_after_;
};

// ---- Commands on the list of versions ----------------------------------------------------

// A copy of a version appended after the last one and made current; undo removes it and makes
// the version that was current before current again.
class DuplicateVersionCommand : public QUndoCommand {
 public:
  DuplicateVersionCommand(Document* doc, int source, archbench::Version copy);
  void redo() override;
  void undo() override;

 private:
  Document* doc_;
  archbench::Version copy_;
  int index_;
  quint64 uid_;
  quint64 current_before_;
};

class RenameVersionCommand : public QUndoCommand {
 public:
  RenameVersionCommand(Document* doc, int index, std::string before, std::string after);
  void redo() override;
  void undo() override;

 private:
  Document* doc_;
  quint64 uid_;
  std::string before_, after_;
};

// Moves one version so that it ends at index `to`; the current version stays current.
class MoveVersionCommand : public QUndoCommand {
 public:
  MoveVersionCommand(Document* doc, int from, int to);
  void redo() override;
  void undo() override;

 private:
  Document* doc_;
  int from_, to_;
};

// Deletes a version (a snapshot is kept); when it was current, the one before it (or after it)
// becomes current. Undo puts it back at its index, with its uid, and restores the current one.
class DeleteVersionCommand : public QUndoCommand {
 public:
  DeleteVersionCommand(Document* doc, int index);
  void redo() override;
  void undo() override;

 private:
  Document* doc_;
  archbench::Version version_;
  int index_;
  quint64 uid_;
  quint64 current_before_;
};

// A version's notes (its trigger and decision). Successive edits of the same version's notes
// merge into one step, so a burst of typing is one undo step.
// Renames the project; consecutive renames (typing) merge into one step.
class ProjectNameCommand : public QUndoCommand {
 public:
  ProjectNameCommand(Document* doc, std::string before, std::string after);
  void redo() override;
  void undo() override;
  int id() const override { return 7; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  Document* doc_;
  std::string before_, after_;
};

class VersionNotesCommand : public QUndoCommand {
 public:
  VersionNotesCommand(Document* doc, int index, std::string before, std::string after);
  void redo() override;
  void undo() override;
  int id() const override { return 4; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  Document* doc_;
  quint64 uid_;
  std::string before_, after_;
};
