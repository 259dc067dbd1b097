#pragma once
// The open project: the engine model, its undo stack, its path, and the engine's report of the
// version being edited. Widgets read it and ask it for changes; it speaks in ids and signals.
#include <QObject>
#include <QPointF>
#include <QString>
#include <QUndoStack>
#include <memory>
#include <optional>
#include <vector>

#include "archbench/availability.h"
#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/faults.h"
#include "archbench/model.h"
#include "archbench/partial.h"
#include "archbench/solver.h"

// A link is identified by its two ends (the engine refuses duplicate links).
struct LinkKey {
  QString from;
  QString to;
  bool operator==(const LinkKey&) const = default;
};

class Document : public QObject {
  Q_OBJECT

 public:
  explicit Document(const archbench::Catalog& catalog, QObject* parent = nullptr);

  const archbench::Catalog& catalog() const { return catalog_; }
  const archbench::Project& project() const { return project_; }
  int versionIndex() const { return version_; }
  const archbench::Version& version() const { return project_.versions.at(version_); }
  int versionCount() const { return static_cast<int>(project_.versions.size()); }
  // A version's identity for as long as the document is open (not saved): it survives renames,
  // moves, deletes and their undo, so commands and widgets that refer to a version keep meaning
  // the same one while the list changes around it.
  quint64 versionUid(int index) const { return uids_.at(index); }
  int versionIndexOf(quint64 uid) const;  // -1 when no version has it
  QUndoStack* undoStack() { return &undo_; }
  QString path() const { return path_; }
  bool isModified() const { return !undo_.isClean() || modifiedOutsideUndo_; }
  QString displayName() const;  // file name, or "Untitled"

  // Files, through the engine's reader and writer. On failure the document is untouched and
  // `error` holds the engine's message (file and place).
  void newProject();
  bool load(const QString& path, QString* error);
  bool save(const QString& path, QString* error);  // atomic (QSaveFile)
  // The project written to `path` (atomic) without becoming that file: the document keeps its
  // path and its unsaved state (autosave to a recovery file).
  bool writeCopy(const QString& path, QString* error) const;
  // Opens a recovery file as the unsaved state of `originalPath` (empty: an untitled project):
  // saving writes the original, and the document is modified until then.
  bool recover(const QString& recoveryPath, const QString& originalPath, QString* error);
  void setVersionIndex(int index);                // switch the version being edited
  // Replaces the whole project (a practice session starting or moving to its next stage): the
  // undo history is cleared, the latest version made current, and the document is modified.
  // `keepPath`: it stays the same file; otherwise it is a new, unsaved one.
  void replaceProject(archbench::Project p, bool keepPath);
  // Changes each time the whole project is replaced (new, open, replaceProject).
  quint64 projectSerial() const { return serial_; }

  // Interview practice: the attempt's record (archbench/attempt.h), if the project is one.
  // Setting it marks the document modified; setPracticeTime only keeps the clock current (the
  // timer ticks, which is no edit). The first `stage_reached` versions are submitted stages:
  // frozen, every edit of their design refused with editRefused().
  const std::optional<archbench::PracticeRecord>& practice() const { return project_.practice; }
  void setPractice(const archbench::PracticeRecord& record);
  void setPracticeTime(double seconds);
  bool isVersionFrozen(int index) const;
  QString frozenReason(int index) const;

  // The engine's figures for the current version: of all of it, or, when it is unfinished, of
  // what can be computed (archbench/partial.h); null only when nothing can be. problems() lists
  // what is unfinished or invalid (empty when the version is complete).
  const archbench::Report* report() const {
    return evaluation_ && evaluation_->report ? &*evaluation_->report : nullptr;
  }
  const std::vector<archbench::Diagnostic>& problems() const { return problems_; }
  // The same evaluation with each problem at its component, the classes left out and the notes
  // (no traffic, not computed, partial); null when it could not run.
  const archbench::PartialEvaluation* evaluation() const {
    return evaluation_ ? &*evaluation_ : nullptr;
  }
  // The what-if scenario of the current version (its faults) against the steady state; null
  // when the version has no faults or cannot be evaluated (then faultProblems() says why, if the
  // version itself is valid).
  const archbench::WhatIfReport* faultReport() const {
    return fault_report_ ? &*fault_report_ : nullptr;
  }
  const std::vector<archbench::Diagnostic>& faultProblems() const { return fault_problems_; }
  // Saved faults and experiments, in any version, that no longer fit their design (a later edit
  // took away what they name): a file holding them would not open. Places are JSON pointers.
  std::vector<archbench::Diagnostic> scenarioProblems() const;
  // Removes those faults and experiments, one undo step per version, all in one macro.
  void dropInvalidScenarios();
  // Steady-state availability per class and the single points of failure; null when the version
  // is unfinished or invalid.
  const archbench::AvailabilityReport* availability() const {
    return availability_ ? &*availability_ : nullptr;
  }

  // Look-ups by id.
  const archbench::Component* component(const QString& id) const;
  const archbench::Link* link(const LinkKey& key) const;
  const archbench::KindDecl* kindOf(const QString& id) const;
  QString uniqueId(const QString& base) const;
  // What a person reads for a component: its display name (the id when it has none, or when
  // the id names no component); a link as "name → name".
  QString nameOf(const QString& id) const;
  QString nameOf(const LinkKey& key) const;

  // Edits: each pushes one undo command.
  QString addComponent(const QString& kind, QPointF pos);
  // Components go with their links; faults that name a removed component or link go with them,
  // in the same undo step.
  void removeItems(const QStringList& components, const QList<LinkKey>& links);
  void moveComponents(const QList<QString>& ids, const QList<QPointF>& from, const QList<QPointF>& to);
  // The same move as one undo step named "Arrange"; false when the version is frozen (refused).
  bool arrangeComponents(const QList<QString>& ids, const QList<QPointF>& from, const QList<QPointF>& to);
  // The same as one undo step named `what` ("Align left", "Distribute horizontally").
  bool placeComponents(const QList<QString>& ids, const QList<QPointF>& from,
                       const QList<QPointF>& to, const QString& what);
  bool canLink(const QString& from, const QString& to, QString* reason) const;
  bool addLink(const QString& from, const QString& to, QString* reason = nullptr);
  void setComponentName(const QString& id, const QString& name);
  void setComponentZones(const QString& id, const QStringList& zones);
  // Autoscaling and the sidecar of a component (format 5; nullopt: off), one undo step each;
  // `field` names the edited field so typing merges.
  void setComponentAutoscale(const QString& id, const std::optional<archbench::Autoscale>& a,
                             const QString& field);
  void setComponentMesh(const QString& id, const std::optional<archbench::Mesh>& m,
                        const QString& field);
  // One of the version's declared regions, or "" for none (docs/REGIONS.md).
  void setComponentRegion(const QString& id, const QString& region);
  // A database's replica regions, in order (replicas spread over them in turn; empty: with the
  // primary). False, with `why`, when one is not a declared region.
  bool setComponentReplicaRegions(const QString& id, const QStringList& regions, QString* why = nullptr);
  void setParam(const QString& id, const QString& param, const archbench::ParamValue& value);
  void resetParam(const QString& id, const QString& param);
  void setLink(const LinkKey& key, const archbench::Link& after, const QString& what);
  void setWorkload(const std::vector<archbench::RequestClass>& after, const QString& what);
  // The scenario being looked at: one undo step each, named `what` ("Crash db", "Clear faults").
  void setFaults(const std::vector<archbench::Fault>& after, const QString& what);
  void setExperiments(const std::vector<archbench::Experiment>& after, const QString& what);

  // Version edits: each pushes one undo command. The project always keeps one version.
  int duplicateVersion(int index);  // a copy after the last one, made current; its index or -1
  QString nextVersionName() const;  // "V(n+1)", or the next free "V<k>"
  bool renameVersion(int index, const QString& name, QString* reason = nullptr);
  bool moveVersion(int from, int to);  // `to` is the index it ends at
  bool canDeleteVersion(int index, QString* reason = nullptr) const;
  bool deleteVersion(int index, QString* reason = nullptr);
  void setVersionNotes(int index, const QString& notes);
  // The current version's regions and the latency between pairs of them (docs/REGIONS.md), one
  // undoable step named `what`. Refused (false, with `why`) when a region it drops is still
  // named by a component's region or replica_regions.
  bool setVersionRegions(const std::vector<std::string>& names,
                         const std::vector<archbench::RegionLatency>& latency, const QString& what,
                         QString* why = nullptr);
  // The project's name (title bar, reports); one undo step, merged while typing. An empty or
  // blank name is refused with editRefused's message.
  bool setProjectName(const QString& name);  // successive edits merge
  // Copy/paste as a JSON fragment {"components": [...], "links": [...]} of the project format.
  // A paste lands `step` from the originals (n × step when copies are already there), with new
  // ids and, where the name is taken, a numbered name ("cache 2"); it returns the new ids.
  QString copy(const QStringList& ids) const;
  QStringList paste(const QString& fragment, QPointF step);

  // Low-level changes used by the undo commands; each emits the matching signal.
  void insertComponent(const archbench::Component& c, int index);
  void eraseComponent(const QString& id);
  void replaceComponent(const QString& id, const archbench::Component& c);
  void insertLink(const archbench::Link& l, int index);
  void eraseLink(const LinkKey& key);
  void replaceLink(const LinkKey& key, const archbench::Link& l);
  void replaceWorkload(const std::vector<archbench::RequestClass>& w);
  void replaceFaults(const std::vector<archbench::Fault>& f);
  void replaceExperiments(const std::vector<archbench::Experiment>& e);
  void replaceRegions(const std::vector<std::string>& names,
                      const std::vector<archbench::RegionLatency>& latency);
  int componentIndex(const QString& id) const;
  int linkIndex(const LinkKey& key) const;
  // The current version stays the same version through inserts, erases (unless it is the one
  // erased: then its neighbour) and moves; its index follows.
  void insertVersion(int index, const archbench::Version& v, quint64 uid);
  void eraseVersion(int index);
  void moveVersionAt(int from, int to);
  void replaceVersionName(int index, const std::string& name);
  void replaceVersionNotes(int index, const std::string& notes);
  void replaceProjectName(const std::string& name);
  quint64 newVersionUid() { return next_uid_++; }

 signals:
  void componentAdded(const QString& id);
  void componentRemoved(const QString& id);
  void componentChanged(const QString& id);  // name, params or position
  void linkAdded(const LinkKey& key);
  void linkRemoved(const LinkKey& key);
  void linkChanged(const LinkKey& key);
  void workloadChanged();
  // The current version's faults or experiments changed: emitted before evaluated(), with the
  // reports already recomputed (experiments change no figure, but the version's validity).
  // versionChanged() means that both may have changed too.
  void faultsChanged();
  void experimentsChanged();
  void regionsChanged();  // the current version's regions or their latencies
  void versionChanged();   // the current version was replaced: new, open, switch, delete
  void versionsChanged();  // the list of versions: count, order, names or notes
  void evaluated();       // report() / problems() were recomputed
  void pathChanged();
  void modifiedChanged(bool modified);
  void practiceChanged();           // the practice record was set or replaced
  void projectNameChanged();
  void aboutToSave();               // last chance to bring the practice clock up to date
  void editRefused(const QString& reason);  // an edit of a frozen (submitted) version

 private:
  void reevaluate();  // compute(), then evaluated()
  void compute();     // the reports of the current version, without a signal
  void setProject(archbench::Project p, const QString& path);
  bool refuseFrozen(int index);  // emits editRefused and says true when `index` is frozen

  const archbench::Catalog& catalog_;
  archbench::Project project_;
  int version_ = 0;
  std::vector<quint64> uids_;  // one per version, in the same order
  quint64 next_uid_ = 1;
  quint64 serial_ = 0;
  QString path_;
  QUndoStack undo_;
  bool modifiedOutsideUndo_ = false;  // a replaced project or a practice record, not yet saved
  std::optional<archbench::PartialEvaluation> evaluation_;
  std::vector<archbench::Diagnostic> problems_;
  std::optional<archbench::WhatIfReport> fault_report_;
  std::vector<archbench::Diagnostic> fault_problems_;
  std::optional<archbench::AvailabilityReport> availability_;
};
