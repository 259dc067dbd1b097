#include "canvas/canvaslooks.h"

#include <QCoreApplication>
#include <QStringList>
#include <cmath>
#include <tuple>

#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "failure/faultmenu.h"
#include "metrics/unfinishedtext.h"
#include "window/style.h"

using archbench::Behaviour;
using archbench::ComponentResult;

namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("CanvasLooks", text);
}

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// An integer with the engine's thousands separators ("10,000").
QString count(long long n) {
  int digits = 1;
  for (long long m = std::llabs(n); m >= 10; m /= 10) ++digits;
  return q(archbench::format_significant(static_cast<double>(n), digits));
}

// "threads", "workers", "connections", "commands" from the kind's declaration of
// `concurrency` ("Threads per instance"); kinds whose label names no unit get "at once".
QString serverWord(const archbench::KindDecl* kind, long long n) {
  const archbench::ParamDecl* decl = kind ? kind->param("concurrency") : nullptr;
  const QString first = decl ? q(decl->label).section(' ', 0, 0).toLower() : QString();
  static const QStringList units{"threads", "workers", "connections", "commands"};
  if (!units.contains(first)) return QStringLiteral("at once");
  return n == 1 ? first.chopped(1) : first;
}

// The engine's stations of a component as a reader would say them, long and short:
// "×3 instances · 16 threads" / "×3 · 16 threads", "1 + 2 replicas · 2 connections" /
// "1+2 · 2 connections", "pool · 8 workers".
std::pair<QString, QString> stationSummary(const ComponentResult& r,
                                           const archbench::KindDecl* kind) {
  QString full, brief;
  long long servers = 0;
  int replicas = -1;
  for (const auto& s : r.stations) {
    if (s.shard == "others") continue;  // a shard's stations; the badge counts the shards
    if (s.role == "instance") {
      full = s.count > 1 ? QStringLiteral("×%1 instances").arg(count(s.count))
                         : QStringLiteral("1 instance");
      brief = s.count > 1 ? QStringLiteral("×%1").arg(count(s.count)) : QString();
    } else if (s.role == "pool") {
      full = brief = QStringLiteral("pool");
    } else if (s.role == "replica") {
      replicas = s.count;
      continue;  // named with the primary
    } else if (s.role != "primary") {
      full = brief = QStringLiteral("×%1 %2").arg(count(s.count), q(s.role));
    }
    servers = s.servers;
  }
  if (replicas >= 0) {
    full = replicas == 1 ? QStringLiteral("1 + 1 replica")
                         : QStringLiteral("1 + %1 replicas").arg(count(replicas));
    brief = QStringLiteral("1+%1").arg(count(replicas));
  }
  if (servers > 0) {
    const QString each = QStringLiteral("%1 %2").arg(count(servers), serverWord(kind, servers));
    full = full.isEmpty() ? each : full + QStringLiteral(" · ") + each;
    brief = brief.isEmpty() ? each : brief + QStringLiteral(" · ") + each;
  }
  return {full, brief};
}

// A link's calls per visit as the user typed them: "×3 calls", "read_post ×3, comment ×2".
QString callsText(const archbench::PerClass& calls) {
  auto number = [](double v) { return QString::number(v, 'g', 4); };
  if (!calls.is_map())
    return *calls.all == 1 ? QStringLiteral("×1 call")
                           : QStringLiteral("×%1 calls").arg(number(*calls.all));
  QStringList parts;
  for (const auto& [cls, v] : calls.by_class) {
    if (v != 0)
      parts << QStringLiteral("%1 ×%2").arg(cls == "*" ? QStringLiteral("others") : q(cls),
                                            number(v));
  }
  return parts.isEmpty() ? QStringLiteral("no calls") : parts.join(QStringLiteral(", "));
}

QString percent(double fraction) {
  return q(archbench::format_percent(fraction));
}

}  // namespace

CanvasLooks::CanvasLooks(const Document& doc, const CanvasReplay* replay)
    : doc_(doc), report_(doc.report()), what_if_(doc.faultReport()), replay_(replay) {
  if (report_) {
    for (const auto& c : report_->components) results_.emplace(c.id, &c);
    for (const auto& l : report_->links) link_rates_.emplace(std::pair(l.from, l.to), &l);
  }
  for (const auto& l : doc.version().links) {
    links_.emplace(std::pair(l.from, l.to), &l);
  }
  if (what_if_) {
    for (const auto& c : what_if_->steady.components) steady_.emplace(c.id, &c);
    for (const auto& c : what_if_->faulted.components) faulted_.emplace(c.id, &c);
    for (const auto& l : what_if_->faulted.links)
      link_outcomes_.emplace(std::pair(l.from, l.to), &l);
  }
  if (const archbench::AvailabilityReport* a = doc.availability()) {
    for (const auto& c : a->components) availability_.emplace(c.id, &c);
    for (const auto& cls : a->classes) {
      for (const auto& id : cls.single_points_of_failure) spof_classes_[id] << q(cls.name);
    }
  }
}

const ComponentResult* CanvasLooks::result(const std::string& id) const {
  const auto it = results_.find(id);
  return it == results_.end() ? nullptr : it->second;
}

NodeItem::Look CanvasLooks::node(const archbench::Component& c) const {
  const archbench::KindDecl* kind = doc_.catalog().find(c.kind);
  const QString kindLabel = kind ? q(kind->label) : q(c.kind);
  NodeItem::Look look;
  look.kind = q(c.kind);
  look.name = q(c.display_name());
  look.client = kind && kind->behaviour == Behaviour::Client;
  const ComponentResult* r = result(c.id);
  if (!r) {
    // No report (the version is invalid): neutral card, no figure.
    look.detail = kindLabel;
    look.figure = QStringLiteral("—");
  } else if (look.client) {
    look.detail = kindLabel;
    look.figure = q(archbench::format_rate(r->arrival_per_s));  // what it sends
  } else {
    std::tie(look.detail, look.shortDetail) = stationSummary(*r, kind);
    // Autoscaling and the mesh (docs/PATTERNS.md): a badge in the card's detail line.
    if (c.autoscale) {
      const QString badge = q(archbench::autoscale_badge(*c.autoscale));
      look.detail.prepend(badge + QStringLiteral(" · "));
      // Short: the instances it runs now and its range, "×3 (auto 2–16)"; the rest in the tooltip.
      const long long now = r->autoscale ? r->autoscale->instances : c.autoscale->min;
      look.shortDetail = QStringLiteral("×%1 (%2)").arg(count(now), badge);
    }
    if (r->mesh) {
      look.detail += QStringLiteral(" · mesh");
      if (!look.shortDetail.isEmpty()) look.shortDetail += QStringLiteral(" · mesh");
    }
    look.utilization = r->utilization;
    look.saturated = r->saturated;
    if (r->saturated) {
      look.figure = QStringLiteral("saturated");
    } else {
      QStringList parts;
      if (r->utilization) parts << percent(*r->utilization);
      if (r->response_ms) parts << q(archbench::format_ms(*r->response_ms)) + QStringLiteral(" ms");
      look.figure = parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(" · "));
    }
  }
  // Its region (docs/REGIONS.md) in a tag of its own, and a database's replicas elsewhere.
  if (!c.region.empty()) {
    look.region = q(c.region);
    if (!c.replica_regions.empty()) {
      QStringList replicas;
      for (const auto& rr : c.replica_regions) replicas << q(rr);
      replicas.removeDuplicates();
      look.region += QStringLiteral(" → ") + replicas.join(QStringLiteral(", "));
    }
  }
  // An unfinished design: the problems that concern it, and what its figures leave out.
  const QStringList problems = unfinished::problemsAt(doc_, c.id);
  const archbench::PartialEvaluation* evaluation = doc_.evaluation();
  const archbench::ComponentNote* note = evaluation ? evaluation->note(c.id) : nullptr;
  if (!problems.isEmpty())
    look.problem = problems.size() == 1 ? tr("UNFINISHED") : tr("%1 PROBLEMS").arg(problems.size());
  if (note && !look.client && note->kind != archbench::ComponentNote::Kind::Partial) {
    const bool idle = note->kind == archbench::ComponentNote::Kind::NoTraffic;
    look.figure = idle ? tr("no traffic") : tr("not computed");
    look.utilization.reset();  // a neutral band: there is no load to colour
  }
  QStringList tip{
      QStringLiteral("<b>%1</b> (%2)").arg(look.name.toHtmlEscaped(), kindLabel.toHtmlEscaped())};
  for (const QString& p : problems)
    tip << tr("<b>unfinished:</b> %1").arg(p.toHtmlEscaped());
  if (note) tip << unfinished::noteAt(doc_, c.id).toHtmlEscaped();
  if (!look.detail.isEmpty() && look.detail != kindLabel) tip << look.detail.toHtmlEscaped();
  if (!look.region.isEmpty()) tip << tr("region %1").arg(look.region.toHtmlEscaped());
  if (r && !look.client && !r->saturated) {
    if (r->utilization) tip << tr("utilization %1").arg(percent(*r->utilization));
    if (r->response_ms)
      tip << tr("response %1 ms per visit").arg(q(archbench::format_ms(*r->response_ms)));
    tip << tr("arrivals %1").arg(q(archbench::format_rate(r->arrival_per_s)));
  } else if (r && r->saturated) {
    tip << tr("saturated: %1").arg(q(r->reason).toHtmlEscaped());
  } else if (r) {
    tip << tr("sends %1").arg(look.figure);
  }
  // The patterns (docs/PATTERNS.md), in the engine's words; a tag when something is refused.
  if (r && r->rate_limit_per_s) {
    tip << tr("rate %1").arg(q(archbench::rate_limit_text(*r)).toHtmlEscaped());
    if (r->refused_per_s > 0) look.pattern = QStringLiteral("429");
  }
  if (r && r->shards) {
    tip << tr("shards: %1").arg(q(archbench::shards_text(*r)).toHtmlEscaped());
    look.pattern = q(archbench::shards_badge(*r));
  }
  if (r && r->parallel_links > 0) {
    tip << tr("fan-out: %1").arg(q(archbench::fan_out_text(*r)).toHtmlEscaped());
    look.pattern = tr("∥ fan-out");
  }
  if (r && r->autoscale)
    tip << tr("autoscaled: %1")
               .arg(q(archbench::autoscale_text(*r->autoscale, r->utilization)).toHtmlEscaped());
  if (r && r->mesh) tip << q(archbench::mesh_text(*r->mesh)).toHtmlEscaped();
  if (r && r->connections) {
    tip << tr("connections: %1").arg(q(archbench::connections_text(*r)).toHtmlEscaped());
    if (archbench::connections_refused(*r)) look.pattern = tr("CONN");
  }
  if (!look.client) {
    if (const auto it = availability_.find(c.id); it != availability_.end()) {
      const archbench::ComponentAvailability& a = *it->second;
      if (a.saturated) {
        // Saturation is a state of the load, not 0% available.
        look.availability = tr("saturated");
        tip << tr("availability: saturated (even all %1 instances up cannot carry the load)")
                   .arg(a.instances);
      } else {
        look.availability = style::availability_text(a.availability);
        tip << tr("availability %1 (%2 of %3 needed up, %4 each)")
                   .arg(look.availability)
                   .arg(a.needed)
                   .arg(a.instances)
                   .arg(style::availability_text(a.per_instance));
      }
    }
    if (const auto it = spof_classes_.find(c.id); it != spof_classes_.end()) {
      look.spof = true;
      tip << tr("<b>single point of failure</b> of %1")
                 .arg(it->second.join(QStringLiteral(", ")).toHtmlEscaped());
      // Several instances and still a single point: the load needs every one of them.
      if (const auto a = availability_.find(c.id);
          a != availability_.end() && a->second->instances > 1 &&
          a->second->needed >= a->second->instances)
        tip << tr("the load needs all %1 instances: one more would be a spare")
                   .arg(a->second->instances);
    }
  }
  if (replay_)
    replayLook(c, look, tip);
  else
    scenarioLook(c, look, tip);
  look.tooltip = tip.join(QStringLiteral("<br>"));
  return look;
}

// The scenario being looked at: the component's own fault (from the document, so it shows even
// when the scenario cannot be evaluated), and what the engine says the faults do to it.
void CanvasLooks::scenarioLook(const archbench::Component& c, NodeItem::Look& look,
                               QStringList& tip) const {
  const auto& faults = doc_.version().faults;
  if (faults.empty() || look.client) return;
  const archbench::KindDecl* kind = doc_.catalog().find(c.kind);
  const bool database = kind && kind->behaviour == Behaviour::Store && kind->param("read_replicas");
  look.fault = fault_menu::badge(faults, c.id, database);
  const auto fit = faulted_.find(c.id);
  const archbench::ComponentOutcome* f = fit == faulted_.end() ? nullptr : fit->second;
  if (!f) {
    // No evaluated scenario: a crash still greys the card.
    for (const auto& x : faults) {
      if (x.type == archbench::FaultType::Crash && x.component == c.id) look.down = true;
    }
    return;
  }
  const auto sit = steady_.find(c.id);
  const archbench::ComponentOutcome* s = sit == steady_.end() ? nullptr : sit->second;
  // A zone outage is nobody's own fault: the tag says what it does to the component in short,
  // the tooltip in the engine's words ("zone us-east-1a down (−1)").
  QString fault = look.fault;
  if (look.fault.isEmpty() && f->faulted && !f->fault.empty() && inDownZone(c)) {
    fault = q(f->fault);
    const int lost = s ? s->instances_up - f->instances_up : 0;
    look.fault = f->down ? tr("ZONE DOWN") : lost > 0 ? tr("−%1 (zone)").arg(lost) : tr("zone");
  }
  // A region outage (docs/REGIONS.md), told the same way.
  if (look.fault.isEmpty() && f->faulted && !f->fault.empty()) {
    bool hit = false;
    for (const auto& x : doc_.version().faults) {
      if (x.type != archbench::FaultType::Region) continue;
      hit = hit || c.region == x.zone;
      for (const auto& r : c.replica_regions) hit = hit || r == x.zone;
    }
    if (hit) {
      fault = q(f->fault);
      const int lost = s ? s->instances_up - f->instances_up : 0;
      look.fault = f->down ? tr("REGION DOWN") : lost > 0 ? tr("−%1 (region)").arg(lost) : tr("region");
    }
  }
  const bool own = !look.fault.isEmpty();
  QStringList what;
  if (f->down) {
    look.down = true;
    look.utilization.reset();
    look.saturated = false;
    look.figure = tr("down");
    what << tr("down");
  } else if (f->saturated) {
    look.saturated = true;
    look.utilization.reset();
    look.figure = tr("saturated");
    what << tr("saturated: %1").arg(q(f->reason).toHtmlEscaped());
    if (!own && !(s && s->saturated)) look.impact = NodeItem::Look::Impact::Saturated;
  } else {
    look.saturated = false;
    look.utilization = f->utilization;
    if (s && s->utilization && f->utilization &&
        percent(*s->utilization) != percent(*f->utilization)) {
      look.figure =
          QStringLiteral("%1 → %2").arg(percent(*s->utilization), percent(*f->utilization));
      what << tr("utilization %1").arg(look.figure);
    }
    const bool rose = s && f->offered_utilization - s->offered_utilization >= kStrainedRise;
    if (!own && (rose || f->retry_amplification >= 1.2))
      look.impact = NodeItem::Look::Impact::Strained;
  }
  // How the visits that reach it end: the canvas shows a component whose requests fail (by its
  // own fault or downstream) in the fault colour, and one answering by fallback as strained.
  if (!f->down && (f->visit_failed >= kShownShare || f->visit_degraded >= kShownShare)) {
    QStringList shares;
    if (f->visit_failed >= kShownShare) shares << tr("%1 fail").arg(percent(f->visit_failed));
    if (f->visit_degraded >= kShownShare)
      shares << tr("%1 degraded").arg(percent(f->visit_degraded));
    look.figure = shares.join(QStringLiteral(" · "));
    what << tr("of the visits that reach it: %1").arg(look.figure);
    if (!own && look.impact != NodeItem::Look::Impact::Saturated)
      look.impact = f->visit_failed >= kShownShare ? NodeItem::Look::Impact::Failing
                                                   : NodeItem::Look::Impact::Degraded;
  }
  if (f->retry_amplification > 1.005)
    what << tr("retries: ×%1 load").arg(q(archbench::format_multiplier(f->retry_amplification)));
  if (!f->down && f->served < 0.9995) what << tr("serves %1 of its visits").arg(percent(f->served));
  if (!f->reason.empty() && !f->saturated) what << q(f->reason).toHtmlEscaped();
  if (own) what.prepend(QStringLiteral("<b>%1</b>").arg(fault.toHtmlEscaped()));
  if (!what.isEmpty()) tip << tr("<b>What-if:</b> %1").arg(what.join(QStringLiteral("; ")));
}

bool CanvasLooks::inDownZone(const archbench::Component& c) const {
  for (const auto& f : doc_.version().faults) {
    if (f.type != archbench::FaultType::Zone) continue;
    for (const auto& z : c.zones) {
      if (z == f.zone) return true;
    }
  }
  return false;
}

std::optional<CanvasLooks::LinkLook> CanvasLooks::link(const LinkKey& key) const {
  const auto it = links_.find({key.from.toStdString(), key.to.toStdString()});
  if (it == links_.end()) return std::nullopt;
  const archbench::Link& l = *it->second;
  LinkLook look;
  // The visits per second this link brings its callee (the engine's Report::links: calls per
  // visit, a cache's misses, a split's share, retries of a lossy link); before an evaluation,
  // the calls per visit as typed. The tooltip always says the calls per visit.
  const auto found = link_rates_.find(it->first);
  const archbench::LinkResult* rate = found != link_rates_.end() ? found->second : nullptr;
  look.label = rate ? q(archbench::format_rate(rate->calls_per_s)) : callsText(l.calls);
  QStringList notes{tr("calls per visit: %1").arg(callsText(l.calls))};
  // A callee only left-out classes reach has no rate to show (an unfinished design).
  if (const archbench::PartialEvaluation* e = doc_.evaluation())
    if (const archbench::ComponentNote* n = e->note(l.to);
        n && n->kind == archbench::ComponentNote::Kind::NotComputed)
      look.label = tr("not computed");
  look.latency =
      l.latency_ms > 0 ? q(archbench::format_ms(l.latency_ms)) + QStringLiteral(" ms") : QString();
  // Under a scenario, the visits the callee actually serves over this link (steady → scenario);
  // the scenario lists only the links with traffic, so a missing one carries nothing.
  const auto outcome = link_outcomes_.find(it->first);
  if (rate && what_if_) {
    const QString then = q(archbench::format_rate(rate->calls_per_s));
    const double now = outcome != link_outcomes_.end() ? outcome->second->carried_per_s : 0.0;
    const QString carried = q(archbench::format_rate(now));
    if (carried != then) look.label = QStringLiteral("%1 → %2").arg(then, carried);
  }
  if (replay_) {
    replayLink(key, look);
    return look;
  }
  look.cut = fault_menu::isCut(doc_.version().faults, key);
  if (look.cut) look.label = tr("cut");
  if (outcome != link_outcomes_.end()) {
    const archbench::LinkOutcome& x = *outcome->second;
    QStringList what;
    if (x.offered_per_s > x.carried_per_s * 1.0005 + 1e-9)
      what << tr("%1 sent, %2 served")
                  .arg(q(archbench::format_rate(x.offered_per_s)),
                       q(archbench::format_rate(x.carried_per_s)));
    if (x.attempts_per_call > 1.0005)
      what << tr("%1 attempts per call")
                  .arg(q(archbench::format_significant(x.attempts_per_call, 3)));
    if (x.attempt_failure > 0.0005)
      what << tr("%1 of attempts fail").arg(percent(x.attempt_failure));
    if (x.timed_out > 0.0005) what << tr("%1 time out").arg(percent(x.timed_out));
    if (x.breaker_admitted < 0.9995)
      what << tr("breaker lets %1 through").arg(percent(x.breaker_admitted));
    if (x.bulkhead_rejected > 0.0005)
      what << tr("bulkhead rejects %1").arg(percent(x.bulkhead_rejected));
    if (!what.isEmpty()) notes << tr("What-if: %1").arg(what.join(QStringLiteral(", ")));
  }
  look.note = notes.join(QStringLiteral("\n"));
  return look;
}
