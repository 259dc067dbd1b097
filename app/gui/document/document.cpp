#include "document/document.h"

#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "archbench/project_io.h"
#include "archbench/validate.h"

using archbench::Component;
using archbench::Link;

namespace {
std::string s(const QString& q) { return q.toStdString(); }
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

Document::Document(const archbench::Catalog& catalog, QObject* parent)
    : QObject(parent), catalog_(catalog) {
  connect(&undo_, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
  newProject();
}

QString Document::displayName() const {
  return path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).fileName();
}

void Document::setProject(archbench::Project p, const QString& path) {
  project_ = std::move(p);
  ++serial_;
  version_ = static_cast<int>(project_.versions.size()) - 1;  // the latest design
  uids_.clear();
  for (std::size_t i = 0; i < project_.versions.size(); ++i) uids_.push_back(newVersionUid());
  path_ = path;
  undo_.clear();
  undo_.setClean();
  modifiedOutsideUndo_ = false;
  reevaluate();
  emit versionsChanged();
  emit versionChanged();
  emit pathChanged();
  emit modifiedChanged(false);
  emit practiceChanged();
}

void Document::replaceProject(archbench::Project p, bool keepPath) {
  setProject(std::move(p), keepPath ? path_ : QString());
  modifiedOutsideUndo_ = true;
  emit modifiedChanged(true);
}

void Document::setPractice(const archbench::PracticeRecord& record) {
  if (project_.practice == record) return;
  project_.practice = record;
  const bool was = isModified();
  modifiedOutsideUndo_ = true;
  emit practiceChanged();
  if (!was) emit modifiedChanged(true);
}

void Document::setPracticeTime(double seconds) {
  if (project_.practice) project_.practice->time_used_s = seconds;
}

bool Document::isVersionFrozen(int index) const {
  return project_.practice && index >= 0 && index < project_.practice->stage_reached &&
         index < versionCount();
}

QString Document::frozenReason(int index) const {
  if (!isVersionFrozen(index)) return {};
  return tr("%1 was submitted for stage %2 of the practice session: its design is frozen. "
            "Work on the current stage's version.")
      .arg(q(project_.versions[index].name))
      .arg(index + 1);
}

bool Document::refuseFrozen(int index) {
  if (!isVersionFrozen(index)) return false;
  emit editRefused(frozenReason(index));
  return true;
}

void Document::newProject() {
  archbench::Project p;
  p.name = "Untitled";
  archbench::Version v;
  v.name = "V1";
  Component users;
  users.id = "users";
  users.kind = "users";
  users.name = "Users";
  users.pos = std::array<double, 2>{0, 0};
  v.components.push_back(users);
  archbench::RequestClass r;
  r.name = "requests";
  r.entry = "users";
  r.per_second = 10;
  v.workload.push_back(r);
  p.versions.push_back(v);
  setProject(std::move(p), QString());
}

bool Document::load(const QString& path, QString* error) {
  try {
    setProject(archbench::load_unfinished_project(s(path), catalog_), path);
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
}

bool Document::writeCopy(const QString& path, QString* error) const {
  QSaveFile file(path);
  const std::string text = archbench::dump_project(project_);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
      !file.commit()) {
    if (error) *error = tr("%1: cannot write: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool Document::recover(const QString& recoveryPath, const QString& originalPath, QString* error) {
  try {
    setProject(archbench::load_unfinished_project(s(recoveryPath), catalog_), originalPath);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  modifiedOutsideUndo_ = true;
  emit modifiedChanged(true);
  return true;
}

bool Document::save(const QString& path, QString* error) {
  emit aboutToSave();
  QSaveFile file(path);
  const std::string text = archbench::dump_project(project_);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
      !file.commit()) {
    if (error) *error = tr("%1: cannot save: %2").arg(path, file.errorString());
    return false;
  }
  path_ = path;
  const bool was = isModified();
  modifiedOutsideUndo_ = false;
  undo_.setClean();
  if (was && !isModified()) emit modifiedChanged(false);
  emit pathChanged();
  return true;
}

void Document::setVersionIndex(int index) {
  if (index < 0 || index >= static_cast<int>(project_.versions.size()) || index == version_) return;
  version_ = index;
  reevaluate();
  emit versionChanged();
}

int Document::versionIndexOf(quint64 uid) const {
  auto it = std::find(uids_.begin(), uids_.end(), uid);
  return it == uids_.end() ? -1 : static_cast<int>(it - uids_.begin());
}

void Document::reevaluate() {
  compute();
  emit evaluated();
}

void Document::compute() {
  const archbench::Version& v = version();
  problems_.clear();
  evaluation_.reset();
  fault_report_.reset();
  fault_problems_.clear();
  availability_.reset();
  // An unfinished design shows what can be computed; availability and faults need all of it.
  try {
    evaluation_ = archbench::evaluate_partial(v, catalog_);
  } catch (const std::exception& e) {
    problems_.push_back({"", e.what()});
    return;
  }
  for (const auto& p : evaluation_->problems) problems_.push_back({p.place, p.message});
  if (!evaluation_->complete()) return;
  // The steady figures stand without these: a failure here is reported, not fatal.
  try {
    availability_ = archbench::analyse_availability(v, catalog_);
  } catch (const std::exception& e) {
    fault_problems_.push_back({"", e.what()});
  }
  if (v.faults.empty()) return;
  const std::string base = "/versions/" + std::to_string(version_) + "/faults";
  const auto invalid = archbench::validate_faults(v, catalog_, v.faults, base);
  if (!invalid.empty()) {
    fault_problems_.insert(fault_problems_.end(), invalid.begin(), invalid.end());
    return;
  }
  try {
    fault_report_ = archbench::what_if(v, catalog_, v.faults);
  } catch (const std::exception& e) {
    fault_problems_.push_back({"", e.what()});
  }
}

const Component* Document::component(const QString& id) const { return version().component(s(id)); }

const Link* Document::link(const LinkKey& key) const {
  const std::string from = s(key.from), to = s(key.to);
  for (const auto& l : version().links) {
    if (l.from == from && l.to == to) return &l;
  }
  return nullptr;
}

const archbench::KindDecl* Document::kindOf(const QString& id) const {
  const Component* c = component(id);
  return c ? catalog_.find(c->kind) : nullptr;
}

int Document::componentIndex(const QString& id) const {
  const auto& cs = version().components;
  for (int i = 0; i < static_cast<int>(cs.size()); ++i) {
    if (cs[i].id == s(id)) return i;
  }
  return -1;
}

int Document::linkIndex(const LinkKey& key) const {
  const auto& ls = version().links;
  for (int i = 0; i < static_cast<int>(ls.size()); ++i) {
    if (ls[i].from == s(key.from) && ls[i].to == s(key.to)) return i;
  }
  return -1;
}

QString Document::nameOf(const QString& id) const {
  const archbench::Component* c = component(id);
  return c ? QString::fromStdString(c->display_name()) : id;
}

QString Document::nameOf(const LinkKey& key) const {
  return QStringLiteral("%1 → %2").arg(nameOf(key.from), nameOf(key.to));
}

QString Document::uniqueId(const QString& base) const {
  if (!component(base)) return base;
  for (int n = 2;; ++n) {
    const QString id = QStringLiteral("%1_%2").arg(base).arg(n);
    if (!component(id)) return id;
  }
}


std::vector<archbench::Diagnostic> Document::scenarioProblems() const {
  std::vector<archbench::Diagnostic> out;
  for (std::size_t i = 0; i < project_.versions.size(); ++i) {
    const auto& v = project_.versions[i];
    for (auto& d : archbench::validate_scenarios(v, catalog_, "/versions/" + std::to_string(i)))
      out.push_back(std::move(d));
  }
  return out;
}



void Document::insertComponent(const Component& c, int index) {
  auto& cs = project_.versions[version_].components;
  index = std::clamp(index, 0, static_cast<int>(cs.size()));
  cs.insert(cs.begin() + index, c);
  reevaluate();
  emit componentAdded(q(c.id));
}

void Document::eraseComponent(const QString& id) {
  auto& cs = project_.versions[version_].components;
  const int i = componentIndex(id);
  if (i < 0) return;
  cs.erase(cs.begin() + i);
  reevaluate();
  emit componentRemoved(id);
}

void Document::replaceComponent(const QString& id, const Component& c) {
  const int i = componentIndex(id);
  if (i < 0) return;
  Component& slot = project_.versions[version_].components[i];
  Component moved = slot;
  moved.pos = c.pos;
  const bool only_moved = moved == c;  // positions do not change any figure
  slot = c;
  if (!only_moved) reevaluate();
  emit componentChanged(id);
}

void Document::insertLink(const Link& l, int index) {
  auto& ls = project_.versions[version_].links;
  index = std::clamp(index, 0, static_cast<int>(ls.size()));
  ls.insert(ls.begin() + index, l);
  reevaluate();
  emit linkAdded({q(l.from), q(l.to)});
}

void Document::eraseLink(const LinkKey& key) {
  auto& ls = project_.versions[version_].links;
  const int i = linkIndex(key);
  if (i < 0) return;
  ls.erase(ls.begin() + i);
  reevaluate();
  emit linkRemoved(key);
}

void Document::replaceLink(const LinkKey& key, const Link& l) {
  const int i = linkIndex(key);
  if (i < 0) return;
  project_.versions[version_].links[i] = l;
  reevaluate();
  emit linkChanged(key);
}

void Document::replaceWorkload(const std::vector<archbench::RequestClass>& w) {
  project_.versions[version_].workload = w;
  reevaluate();
  emit workloadChanged();
}

void Document::replaceFaults(const std::vector<archbench::Fault>& f) {
  project_.versions[version_].faults = f;
  compute();
  emit faultsChanged();
  emit evaluated();
}

void Document::replaceExperiments(const std::vector<archbench::Experiment>& e) {
  project_.versions[version_].experiments = e;
  // Experiments are run on demand by their window and change no figure, but they are part of
  // the version's validity (the engine checks their faults and conditions).
  compute();
  emit experimentsChanged();
  emit evaluated();
}

void Document::replaceRegions(const std::vector<std::string>& names,
                              const std::vector<archbench::RegionLatency>& latency) {
  project_.versions[version_].regions = names;
  project_.versions[version_].region_latency = latency;
  reevaluate();
  emit regionsChanged();
}

void Document::insertVersion(int index, const archbench::Version& v, quint64 uid) {
  index = std::clamp(index, 0, versionCount());
  project_.versions.insert(project_.versions.begin() + index, v);
  uids_.insert(uids_.begin() + index, uid);
  if (index <= version_) ++version_;
  emit versionsChanged();
}

void Document::eraseVersion(int index) {
  if (index < 0 || index >= versionCount() || versionCount() == 1) return;
  const bool current = index == version_;
  project_.versions.erase(project_.versions.begin() + index);
  uids_.erase(uids_.begin() + index);
  if (index < version_ || version_ == versionCount()) --version_;
  if (current) reevaluate();
  emit versionsChanged();
  if (current) emit versionChanged();
}

void Document::moveVersionAt(int from, int to) {
  const int n = versionCount();
  if (from < 0 || from >= n || to < 0 || to >= n || from == to) return;
  const quint64 current = uids_[version_];
  auto& vs = project_.versions;
  if (from < to) {
    std::rotate(vs.begin() + from, vs.begin() + from + 1, vs.begin() + to + 1);
    std::rotate(uids_.begin() + from, uids_.begin() + from + 1, uids_.begin() + to + 1);
  } else {
    std::rotate(vs.begin() + to, vs.begin() + from, vs.begin() + from + 1);
    std::rotate(uids_.begin() + to, uids_.begin() + from, uids_.begin() + from + 1);
  }
  version_ = versionIndexOf(current);
  emit versionsChanged();
}

void Document::replaceVersionName(int index, const std::string& name) {
  if (index < 0 || index >= versionCount()) return;
  project_.versions[index].name = name;
  emit versionsChanged();
}

void Document::replaceProjectName(const std::string& name) {
  project_.name = name;
  emit projectNameChanged();
}

void Document::replaceVersionNotes(int index, const std::string& notes) {
  if (index < 0 || index >= versionCount()) return;
  project_.versions[index].notes = notes;
  emit versionsChanged();
}
