#include "document/document.h"

// The document's edits: each builds one undo command and pushes it on the document's stack.
// Apart from document.cpp (state, files, evaluation and the low-level changes the commands
// call), so that the document itself does not depend on its commands.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "archbench/project_io.h"
#include "archbench/validate.h"
#include "document/commands.h"

using archbench::Component;
using archbench::Link;

namespace {
std::string s(const QString& q) { return q.toStdString(); }
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

QString Document::addComponent(const QString& kind, QPointF pos) {
  if (refuseFrozen(version_)) return {};
  const archbench::KindDecl* k = catalog_.find(s(kind));
  if (!k) return {};
  Component c;
  c.id = s(uniqueId(kind));
  c.kind = s(kind);
  const QString suffix = q(c.id).mid(kind.size());  // "" or "_2"
  c.name = k->label + (suffix.isEmpty() ? "" : " " + s(suffix.mid(1)));
  c.pos = std::array<double, 2>{pos.x(), pos.y()};
  undo_.push(new AddComponentCommand(this, c));
  return q(c.id);
}

void Document::removeItems(const QStringList& components, const QList<LinkKey>& links) {
  if (refuseFrozen(version_)) return;
  if (components.isEmpty() && links.isEmpty()) return;
  undo_.push(new RemoveCommand(this, components, links));
}

void Document::moveComponents(const QList<QString>& ids, const QList<QPointF>& from,
                              const QList<QPointF>& to) {
  if (ids.isEmpty() || from == to) return;
  if (refuseFrozen(version_)) {
    for (const QString& id : ids) emit componentChanged(id);  // the items go back where they were
    return;
  }
  undo_.push(new MoveCommand(this, ids, from, to));
}

bool Document::arrangeComponents(const QList<QString>& ids, const QList<QPointF>& from,
                                 const QList<QPointF>& to) {
  return placeComponents(ids, from, to, tr("Arrange"));
}

bool Document::placeComponents(const QList<QString>& ids, const QList<QPointF>& from,
                               const QList<QPointF>& to, const QString& what) {
  if (refuseFrozen(version_)) return false;
  if (ids.isEmpty() || from == to) return true;  // already in place: nothing to undo
  auto* command = new MoveCommand(this, ids, from, to);
  command->setText(what);
  undo_.push(command);
  return true;
}

bool Document::canLink(const QString& from, const QString& to, QString* reason) const {
  auto refuse = [&](const QString& why) {
    if (reason) *reason = why;
    return false;
  };
  const archbench::KindDecl* a = kindOf(from);
  const archbench::KindDecl* b = kindOf(to);
  if (!a || !b) return refuse(tr("Both ends must be components."));
  if (from == to) return refuse(tr("A component cannot call itself."));
  if (link({from, to})) return refuse(tr("%1 already calls %2.").arg(nameOf(from), nameOf(to)));
  if (b->behaviour == archbench::Behaviour::Client)
    return refuse(tr("%1 is a client: requests start there, nothing calls it.").arg(nameOf(to)));
  if (a->behaviour == archbench::Behaviour::Store)
    return refuse(tr("%1 is a store: it makes no calls.").arg(nameOf(from)));
  // A link from → to closes a cycle when `to` already reaches `from`.
  std::set<std::string> seen;
  std::function<bool(const std::string&)> reaches = [&](const std::string& x) {
    if (x == s(from)) return true;
    if (!seen.insert(x).second) return false;
    for (const auto& l : version().links) {
      if (l.from == x && reaches(l.to)) return true;
    }
    return false;
  };
  if (reaches(s(to)))
    return refuse(tr("%1 already reaches %2: the link would make a cycle.").arg(nameOf(to), nameOf(from)));
  return true;
}

bool Document::addLink(const QString& from, const QString& to, QString* reason) {
  if (!canLink(from, to, reason)) return false;
  if (refuseFrozen(version_)) {
    if (reason) *reason = frozenReason(version_);
    return false;
  }
  Link l;
  l.from = s(from);
  l.to = s(to);
  // Clients reach the system over the internet; everything else sits in one data centre.
  l.latency_ms = kindOf(from)->behaviour == archbench::Behaviour::Client ? 30.0 : 0.5;
  undo_.push(new AddLinkCommand(this, l));
  return true;
}

void Document::setComponentName(const QString& id, const QString& name) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c || c->name == s(name)) return;
  Component after = *c;
  after.name = s(name);
  undo_.push(new ChangeComponentCommand(this, *c, after, tr("name")));
}

void Document::setComponentZones(const QString& id, const QStringList& zones) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c) return;
  Component after = *c;
  after.zones.clear();
  for (const QString& z : zones) after.zones.push_back(s(z));
  if (after.zones == c->zones) return;
  undo_.push(new ChangeComponentCommand(this, *c, after, tr("zones")));
}

void Document::setComponentAutoscale(const QString& id,
                                     const std::optional<archbench::Autoscale>& a,
                                     const QString& field) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c || c->autoscale == a) return;
  Component after = *c;
  after.autoscale = a;
  undo_.push(new ChangeComponentCommand(this, *c, after, field));
}

void Document::setComponentMesh(const QString& id, const std::optional<archbench::Mesh>& m,
                                const QString& field) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c || c->mesh == m) return;
  Component after = *c;
  after.mesh = m;
  undo_.push(new ChangeComponentCommand(this, *c, after, field));
}

void Document::setComponentRegion(const QString& id, const QString& region) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c || c->region == s(region)) return;
  Component after = *c;
  after.region = s(region);
  undo_.push(new ChangeComponentCommand(this, *c, after, tr("region")));
}

bool Document::setComponentReplicaRegions(const QString& id, const QStringList& regions, QString* why) {
  if (refuseFrozen(version_)) return false;
  const Component* c = component(id);
  if (!c) return false;
  const auto& declared = version().regions;
  Component after = *c;
  after.replica_regions.clear();
  for (const QString& r : regions) {
    if (std::find(declared.begin(), declared.end(), s(r)) == declared.end()) {
      if (why) {
        QStringList names;
        for (const auto& d : declared) names << q(d);
        *why = tr("unknown region %1 (declared: %2)").arg(r, names.join(QStringLiteral(", ")));
      }
      return false;
    }
    after.replica_regions.push_back(s(r));
  }
  if (after.replica_regions == c->replica_regions) return true;
  undo_.push(new ChangeComponentCommand(this, *c, after, tr("replica regions")));
  return true;
}

namespace {

// The parameter as the form labels it ("hit ratio", not "hit_ratio"), for the undo text.
QString param_words(const archbench::Catalog& catalog, const Component& c, const QString& param) {
  const archbench::KindDecl* kind = catalog.find(c.kind);
  if (!kind) return param;
  std::string words;
  if (const archbench::ParamDecl* decl = kind->param(param.toStdString())) words = decl->label;
  if (const archbench::ChoiceDecl* decl = kind->choice(param.toStdString())) words = decl->label;
  if (words.empty()) return param;
  QString label = QString::fromStdString(words);
  // Lower-case the first word unless it is an acronym ("SCV", "TTL").
  if (label.size() > 1 && label[0].isUpper() && !label[1].isUpper()) label[0] = label[0].toLower();
  return label;
}

}  // namespace

void Document::setParam(const QString& id, const QString& param, const archbench::ParamValue& value) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c) return;
  auto it = c->params.find(s(param));
  if (it != c->params.end() && it->second == value) return;
  Component after = *c;
  after.params[s(param)] = value;
  undo_.push(new ChangeComponentCommand(this, *c, after, param_words(catalog_, *c, param)));
}

void Document::resetParam(const QString& id, const QString& param) {
  if (refuseFrozen(version_)) return;
  const Component* c = component(id);
  if (!c || !c->params.count(s(param))) return;
  Component after = *c;
  after.params.erase(s(param));
  undo_.push(new ChangeComponentCommand(this, *c, after, param_words(catalog_, *c, param)));
}

void Document::setLink(const LinkKey& key, const Link& after, const QString& what) {
  if (refuseFrozen(version_)) return;
  const Link* l = link(key);
  if (!l || *l == after) return;
  undo_.push(new ChangeLinkCommand(this, *l, after, what));
}

void Document::setWorkload(const std::vector<archbench::RequestClass>& after, const QString& what) {
  if (refuseFrozen(version_)) return;
  if (version().workload == after) return;
  undo_.push(new ChangeWorkloadCommand(this, version().workload, after, what));
}

void Document::setFaults(const std::vector<archbench::Fault>& after, const QString& what) {
  if (version().faults == after) return;
  undo_.push(new ChangeFaultsCommand(this, version().faults, after, what));
}

void Document::setExperiments(const std::vector<archbench::Experiment>& after,
                              const QString& what) {
  if (version().experiments == after) return;
  undo_.push(new ChangeExperimentsCommand(this, version().experiments, after, what));
}

namespace {

// The index N of ".../NAME/N/..." in a JSON pointer below `base`, if the pointer is there.
std::optional<std::size_t> item_index(const std::string& place, const std::string& base) {
  if (place.rfind(base + "/", 0) != 0) return std::nullopt;
  const std::string rest = place.substr(base.size() + 1);
  const std::size_t end = rest.find('/');
  try {
    return static_cast<std::size_t>(std::stoul(rest.substr(0, end)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void Document::dropInvalidScenarios() {
  const int current = version_;
  bool open = false;
  for (std::size_t i = 0; i < project_.versions.size(); ++i) {
    const std::string base = "/versions/" + std::to_string(i);
    std::set<std::size_t> faults, experiments;
    for (const auto& d : archbench::validate_scenarios(project_.versions[i], catalog_, base)) {
      if (auto n = item_index(d.place, base + "/faults")) faults.insert(*n);
      if (auto n = item_index(d.place, base + "/experiments")) experiments.insert(*n);
    }
    if (faults.empty() && experiments.empty()) continue;
    if (!open) undo_.beginMacro(tr("Remove faults and experiments that no longer fit"));
    open = true;
    setVersionIndex(static_cast<int>(i));
    const auto& v = version();
    std::vector<archbench::Fault> kept_faults;
    for (std::size_t n = 0; n < v.faults.size(); ++n)
      if (!faults.count(n)) kept_faults.push_back(v.faults[n]);
    std::vector<archbench::Experiment> kept_experiments;
    for (std::size_t n = 0; n < v.experiments.size(); ++n)
      if (!experiments.count(n)) kept_experiments.push_back(v.experiments[n]);
    if (!faults.empty()) setFaults(kept_faults, tr("Remove faults that no longer fit"));
    if (!experiments.empty())
      setExperiments(kept_experiments, tr("Remove experiments that no longer fit"));
  }
  if (!open) return;
  setVersionIndex(current);
  undo_.endMacro();
}

// ---- Versions ----------------------------------------------------------------------------

QString Document::nextVersionName() const {
  auto taken = [this](const std::string& name) { return project_.version(name) != nullptr; };
  for (int k = versionCount() + 1;; ++k) {
    const std::string name = "V" + std::to_string(k);
    if (!taken(name)) return q(name);
  }
}

int Document::duplicateVersion(int index) {
  if (index < 0 || index >= versionCount()) return -1;
  archbench::Version copy = project_.versions[index];
  copy.name = s(nextVersionName());
  // The notes say why a version exists; the new one gets its own trigger and decision.
  copy.notes.clear();
  undo_.push(new DuplicateVersionCommand(this, index, std::move(copy)));
  return version_;
}

bool Document::renameVersion(int index, const QString& name, QString* reason) {
  auto refuse = [&](const QString& why) {
    if (reason) *reason = why;
    return false;
  };
  if (index < 0 || index >= versionCount()) return refuse(tr("No such version."));
  const QString trimmed = name.trimmed();
  if (trimmed.isEmpty()) return refuse(tr("A version needs a name."));
  const std::string before = project_.versions[index].name;
  if (s(trimmed) == before) return true;
  if (project_.version(s(trimmed)))
    return refuse(tr("There is already a version named %1.").arg(trimmed));
  undo_.push(new RenameVersionCommand(this, index, before, s(trimmed)));
  return true;
}

bool Document::moveVersion(int from, int to) {
  const int n = versionCount();
  if (from < 0 || from >= n || to < 0 || to >= n || from == to) return false;
  if (refuseFrozen(from) || refuseFrozen(to)) return false;
  undo_.push(new MoveVersionCommand(this, from, to));
  return true;
}

bool Document::canDeleteVersion(int index, QString* reason) const {
  if (index < 0 || index >= versionCount()) {
    if (reason) *reason = tr("No such version.");
    return false;
  }
  if (isVersionFrozen(index)) {
    if (reason) *reason = frozenReason(index);
    return false;
  }
  if (versionCount() == 1) {
    if (reason)
      *reason = tr("%1 is the only version, and a project needs one: it cannot be deleted.")
                    .arg(q(project_.versions[index].name));
    return false;
  }
  return true;
}

bool Document::deleteVersion(int index, QString* reason) {
  if (!canDeleteVersion(index, reason)) return false;
  undo_.push(new DeleteVersionCommand(this, index));
  return true;
}

bool Document::setProjectName(const QString& name) {
  if (name.trimmed().isEmpty()) {
    emit editRefused(tr("A project needs a name: the name was left as \"%1\".").arg(q(project_.name)));
    return false;
  }
  if (s(name) == project_.name) return true;
  undo_.push(new ProjectNameCommand(this, project_.name, s(name)));
  return true;
}

bool Document::setVersionRegions(const std::vector<std::string>& names,
                                 const std::vector<archbench::RegionLatency>& latency,
                                 const QString& what, QString* why) {
  if (refuseFrozen(version_)) return false;
  const archbench::Version& v = version();
  if (v.regions == names && v.region_latency == latency) return true;
  auto declared = [&](const std::string& r) {
    return r.empty() || std::find(names.begin(), names.end(), r) != names.end();
  };
  for (const auto& c : v.components) {
    std::vector<std::string> used = c.replica_regions;
    used.push_back(c.region);
    for (const auto& r : used) {
      if (declared(r)) continue;
      if (why)
        *why = tr("%1 stands in region %2: move it first").arg(q(c.display_name()), q(r));
      return false;
    }
  }
  undo_.push(new ChangeRegionsCommand(this, names, latency, what));
  return true;
}

void Document::setVersionNotes(int index, const QString& notes) {
  if (index < 0 || index >= versionCount() || refuseFrozen(index)) return;
  const std::string& before = project_.versions[index].notes;
  if (before == s(notes)) return;
  undo_.push(new VersionNotesCommand(this, index, before, s(notes)));
}

QString Document::copy(const QStringList& ids) const {
  std::vector<Component> cs;
  std::vector<Link> ls;
  for (const auto& c : version().components) {
    if (ids.contains(q(c.id))) cs.push_back(c);
  }
  for (const auto& l : version().links) {
    if (ids.contains(q(l.from)) && ids.contains(q(l.to))) ls.push_back(l);
  }
  return cs.empty() ? QString() : q(archbench::dump_fragment(cs, ls));
}

QStringList Document::paste(const QString& fragment, QPointF step) {
  if (refuseFrozen(version_)) return {};
  std::vector<Component> cs;
  std::vector<Link> ls;
  try {
    archbench::parse_fragment(s(fragment), cs, ls);
  } catch (const std::exception&) {
    return {};
  }
  // One step from the originals, or as many more as it takes for no copy to cover a card
  // already there: repeated pastes cascade down the diagonal.
  auto occupied = [this](const std::array<double, 2>& p) {
    for (const auto& c : version().components) {
      if (c.pos && std::abs((*c.pos)[0] - p[0]) < 1 && std::abs((*c.pos)[1] - p[1]) < 1)
        return true;
    }
    return false;
  };
  QPointF offset = step;
  for (int n = 1; n < 1000; ++n) {
    offset = step * n;
    bool clear = true;
    for (const auto& c : cs) {
      if (c.pos && occupied({(*c.pos)[0] + offset.x(), (*c.pos)[1] + offset.y()})) clear = false;
    }
    if (clear) break;
  }
  // New ids for the pasted components, and only links among them. A copy gets a name of its
  // own ("cache 2"), so the canvas and the reports can tell it from the original.
  std::map<std::string, std::string> renamed;
  archbench::Version trial = version();
  auto name_taken = [&trial](const std::string& name) {
    for (const auto& c : trial.components) {
      if (c.display_name() == name) return true;
    }
    return false;
  };
  for (auto& c : cs) {
    if (!catalog_.find(c.kind)) return {};
    std::string id = c.id;
    for (int n = 2; trial.component(id); ++n) id = c.id + "_" + std::to_string(n);
    renamed[c.id] = id;
    if (name_taken(c.display_name())) {
      // "cache 2" pasted again is "cache 3", not "cache 2 2".
      std::string base = c.display_name();
      const auto space = base.find_last_of(' ');
      if (space != std::string::npos && space + 1 < base.size() &&
          base.find_first_not_of("0123456789", space + 1) == std::string::npos)
        base.erase(space);
      std::string name;
      for (int n = 2; name.empty() || name_taken(name); ++n) name = base + " " + std::to_string(n);
      c.name = name;
    }
    c.id = id;
    if (c.pos) c.pos = std::array<double, 2>{(*c.pos)[0] + offset.x(), (*c.pos)[1] + offset.y()};
    trial.components.push_back(c);
  }
  std::vector<Link> kept;
  for (auto& l : ls) {
    if (!renamed.count(l.from) || !renamed.count(l.to)) continue;
    l.from = renamed[l.from];
    l.to = renamed[l.to];
    kept.push_back(l);
    trial.links.push_back(l);
  }
  // Nothing invalid reaches the model: refuse a fragment whose parameters or links are wrong.
  // Compared as sets of messages: a paste may not add any problem, even to a version that
  // already has some (their places are the same, the pasted items come last).
  std::set<std::string> before;
  for (const auto& d : archbench::validate_version(version(), catalog_)) before.insert(d.place + d.message);
  for (const auto& d : archbench::validate_version(trial, catalog_)) {
    if (!before.count(d.place + d.message)) return {};
  }
  QStringList ids;
  undo_.beginMacro(tr("Paste %n component(s)", "", static_cast<int>(cs.size())));
  for (const auto& c : cs) {
    undo_.push(new AddComponentCommand(this, c));
    ids << q(c.id);
  }
  for (const auto& l : kept) undo_.push(new AddLinkCommand(this, l));
  undo_.endMacro();
  return ids;
}
