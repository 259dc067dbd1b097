#include "failure/faultmenu.h"

#include <QAction>
#include <QMenu>
#include <algorithm>
#include <cmath>

#include "archbench/format.h"

using archbench::Behaviour;
using archbench::Fault;
using archbench::FaultType;

namespace fault_menu {

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// A fault that sits on the component itself (a cut is the link's, a zone or spike nobody's).
bool ownedBy(const Fault& f, const std::string& id) {
  switch (f.type) {
    case FaultType::Cut:
    case FaultType::Zone:
    case FaultType::Spike:
      return false;
    default:
      return f.component == id;
  }
}

// A parameter as the engine reads it: the file's number, else the catalog default.
double paramNumber(const archbench::Component& c, const archbench::KindDecl& k,
                   const std::string& name) {
  if (auto it = c.params.find(name);
      it != c.params.end() && it->second.type == archbench::ParamValue::Type::Number)
    return it->second.number;
  const archbench::ParamDecl* d = k.param(name);
  return d ? d->default_value : 0;
}

struct Choice {
  const char* object;
  QString label;
  QString undo;  // the undo step's name
  Fault fault;
};

Fault make(FaultType type, const std::string& id) {
  Fault f;
  f.type = type;
  f.component = id;
  return f;
}

std::vector<Choice> choicesFor(const archbench::Component& c, const archbench::KindDecl& k) {
  const std::string& id = c.id;
  const QString name = q(c.display_name());
  std::vector<Choice> out;
  if (k.behaviour == Behaviour::Client) return out;  // requests start there: nothing to break
  out.push_back({"fault_crash", QObject::tr("Crash"), QObject::tr("Crash %1").arg(name),
                 make(FaultType::Crash, id)});
  out.push_back({"fault_hang", QObject::tr("Hang (accepts, never answers)"),
                 QObject::tr("Hang %1").arg(name), make(FaultType::Hang, id)});
  for (const double factor : {3.0, 10.0}) {
    Fault f = make(FaultType::Slow, id);
    f.factor = factor;
    const QString times = QStringLiteral("×%1").arg(factor);
    out.push_back({factor == 3 ? "fault_slow3" : "fault_slow10", QObject::tr("Slow %1").arg(times),
                   QObject::tr("Slow %1 %2").arg(name, times), f});
  }
  {
    Fault f = make(FaultType::Slow, id);
    f.add_ms = 200;
    out.push_back({"fault_slow_plus200", QObject::tr("Slow +200 ms"),
                   QObject::tr("Slow %1 +200 ms").arg(name), f});
  }
  const bool database = k.behaviour == Behaviour::Store && k.param("read_replicas");
  const double spare =
      database ? paramNumber(c, k, "read_replicas") : paramNumber(c, k, "instances") - 1;
  if (spare >= 1) {
    Fault f = make(FaultType::Lose, id);
    f.instances = 1;
    out.push_back(
        {"fault_lose1", database ? QObject::tr("Lose 1 replica") : QObject::tr("Lose 1 instance"),
         (database ? QObject::tr("Lose 1 replica of %1") : QObject::tr("Lose 1 instance of %1"))
             .arg(name),
         f});
  }
  if (k.behaviour == Behaviour::Cache)
    out.push_back({"fault_flush", QObject::tr("Flush cache"), QObject::tr("Flush %1").arg(name),
                   make(FaultType::Flush, id)});
  if (database && spare >= 1)
    out.push_back({"fault_partition", QObject::tr("Partition (half the requests cut off)"),
                   QObject::tr("Partition %1").arg(name), make(FaultType::Partition, id)});
  return out;
}

// The faults with the component's own replaced by `f` (one fault per component from the menu).
std::vector<Fault> withOwn(const std::vector<Fault>& faults, const std::string& id,
                           const std::vector<Fault>& own) {
  std::vector<Fault> out;
  for (const Fault& f : faults) {
    if (!ownedBy(f, id)) out.push_back(f);
  }
  out.insert(out.end(), own.begin(), own.end());
  return out;
}

bool sameLink(const Fault& f, const LinkKey& key) {
  return f.type == FaultType::Cut && q(f.component) == key.from && q(f.to) == key.to;
}

}  // namespace

void addComponentActions(QMenu* menu, Document* doc, const QString& qid) {
  const archbench::Component* c = doc->component(qid);
  const archbench::KindDecl* k = doc->kindOf(qid);
  if (!c || !k) return;
  const std::string id = c->id;
  const QString name = q(c->display_name());
  std::vector<Fault> own;
  for (const Fault& f : doc->version().faults) {
    if (ownedBy(f, id)) own.push_back(f);
  }
  for (const Choice& choice : choicesFor(*c, *k)) {
    QAction* a = menu->addAction(choice.label);
    a->setObjectName(choice.object);
    a->setCheckable(true);
    const bool on = own.size() == 1 && own.front() == choice.fault;
    a->setChecked(on);
    const Fault fault = choice.fault;
    const QString undo = on ? QObject::tr("Restore %1").arg(name) : choice.undo;
    QObject::connect(a, &QAction::triggered, doc, [doc, id, fault, on, undo] {
      const auto& now = doc->version().faults;
      doc->setFaults(on ? withOwn(now, id, {}) : withOwn(now, id, {fault}), undo);
    });
  }
  if (!own.empty()) {
    menu->addSeparator();
    QAction* a = menu->addAction(QObject::tr("Restore %1").arg(name));
    a->setObjectName("fault_restore");
    QObject::connect(a, &QAction::triggered, doc, [doc, id, name] {
      doc->setFaults(withOwn(doc->version().faults, id, {}), QObject::tr("Restore %1").arg(name));
    });
  }
  addClearAction(menu, doc);
}

void addLinkActions(QMenu* menu, Document* doc, const LinkKey& key) {
  if (!doc->link(key)) return;
  const bool cut = isCut(doc->version().faults, key);
  const QString route = doc->nameOf(key);
  QAction* a = menu->addAction(cut ? QObject::tr("Restore link") : QObject::tr("Cut link"));
  a->setObjectName(cut ? "fault_restore_link" : "fault_cut");
  QObject::connect(a, &QAction::triggered, doc, [doc, key, cut, route] {
    std::vector<Fault> after;
    for (const Fault& f : doc->version().faults) {
      if (!sameLink(f, key)) after.push_back(f);
    }
    if (!cut) {
      Fault f = make(FaultType::Cut, key.from.toStdString());
      f.to = key.to.toStdString();
      after.push_back(f);
    }
    doc->setFaults(after, cut ? QObject::tr("Restore link %1").arg(route)
                              : QObject::tr("Cut link %1").arg(route));
  });
  addClearAction(menu, doc);
}

void addClearAction(QMenu* menu, Document* doc) {
  if (doc->version().faults.empty()) return;
  if (!menu->isEmpty()) menu->addSeparator();
  QAction* a = menu->addAction(QObject::tr("Clear all faults"));
  a->setObjectName("fault_clear");
  QObject::connect(a, &QAction::triggered, doc,
                   [doc] { doc->setFaults({}, QObject::tr("Clear faults")); });
}

QString badge(const std::vector<Fault>& faults, const std::string& id, bool replicas) {
  QStringList parts;
  for (const Fault& f : faults) {
    if (!ownedBy(f, id)) continue;
    switch (f.type) {
      case FaultType::Crash:
        parts << QObject::tr("CRASHED");
        break;
      case FaultType::Hang:
        parts << QObject::tr("HUNG");
        break;
      case FaultType::Slow: {
        QStringList s;
        if (f.factor != 1) s << QObject::tr("×%1 slower").arg(QString::number(f.factor, 'g', 3));
        if (f.add_ms != 0) s << QStringLiteral("+%1 ms").arg(q(archbench::format_ms(f.add_ms)));
        parts << (s.isEmpty() ? QObject::tr("slow") : s.join(' '));
        break;
      }
      case FaultType::Lose:
        if (replicas)
          parts << (f.instances == 1 ? QObject::tr("−1 replica")
                                     : QObject::tr("−%1 replicas").arg(f.instances));
        else
          parts << (f.instances == 1 ? QObject::tr("−1 instance")
                                     : QObject::tr("−%1 instances").arg(f.instances));
        break;
      case FaultType::Flush:
        parts << QObject::tr("flushed");
        break;
      case FaultType::Partition:
        parts << QObject::tr("partitioned");
        break;
      default:
        break;
    }
  }
  return parts.join(QStringLiteral(" · "));
}

bool isCut(const std::vector<Fault>& faults, const LinkKey& key) {
  return std::any_of(faults.begin(), faults.end(),
                     [&](const Fault& f) { return sameLink(f, key); });
}

}  // namespace fault_menu
