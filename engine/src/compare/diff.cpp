#include "archbench/diff.h"

#include <set>

#include "archbench/catalog.h"
#include "archbench/scaling.h"
#include "model/json_util.h"

namespace archbench {

using detail::number_text;

namespace {

std::string map_text(const std::map<std::string, double>& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) out += (out.size() > 1 ? ", " : "") + k + ": " + number_text(v);
  return out + "}";
}

std::string param_text(const ParamValue& v) {
  switch (v.type) {
    case ParamValue::Type::Number: return number_text(v.number);
    case ParamValue::Type::Bool: return v.flag ? "true" : "false";
    case ParamValue::Type::Text: return v.text;
    case ParamValue::Type::PerClassMap: return map_text(v.map);
  }
  return "?";
}

std::string default_text(const Catalog* catalog, const std::string& kind, const std::string& param) {
  const KindDecl* k = catalog ? catalog->find(kind) : nullptr;
  const ParamDecl* d = k ? k->param(param) : nullptr;
  if (const ChoiceDecl* c = k && !d ? k->choice(param) : nullptr) return "default (" + c->default_value + ")";
  if (!d) return "default";
  if (d->type == ParamType::Bool) return std::string("default (") + (d->default_value != 0 ? "true" : "false") + ")";
  return "default (" + number_text(d->default_value) + ")";
}

std::string calls_text(const PerClass& c) { return c.all ? number_text(*c.all) : map_text(c.by_class); }

std::string rate_text(const RequestClass& r) {
  if (r.per_second) return number_text(*r.per_second) + "/s";
  std::string s = number_text(r.per_day.value_or(0)) + "/day";
  if (r.peak_factor) s += " × peak " + number_text(*r.peak_factor);
  return s;
}

std::string link_id(const Link& l) { return l.from + " → " + l.to; }

void field(std::vector<FieldChange>& out, const std::string& name, const std::string& a,
           const std::string& b) {
  if (a != b) out.push_back({name, a, b});
}

}  // namespace

bool VersionDiff::empty() const {
  return components_added.empty() && components_removed.empty() && components_changed.empty() &&
         links_added.empty() && links_removed.empty() && links_changed.empty() &&
         classes_added.empty() && classes_removed.empty() && classes_changed.empty();
}

VersionDiff diff_versions(const Version& a, const Version& b, const Catalog* catalog) {
  VersionDiff d;
  d.from_version = a.name;
  d.to_version = b.name;

  for (const auto& cb : b.components) {
    const Component* ca = a.component(cb.id);
    if (!ca) {
      d.components_added.push_back(cb.id);
      continue;
    }
    ItemChange ch{cb.id, {}};
    field(ch.changes, "kind", ca->kind, cb.kind);
    field(ch.changes, "name", ca->display_name(), cb.display_name());
    std::set<std::string> names;
    for (const auto& [k, v] : ca->params) names.insert(k);
    for (const auto& [k, v] : cb.params) names.insert(k);
    for (const auto& name : names) {
      auto ia = ca->params.find(name);
      auto ib = cb.params.find(name);
      const std::string from = ia != ca->params.end() ? param_text(ia->second) : default_text(catalog, ca->kind, name);
      const std::string to = ib != cb.params.end() ? param_text(ib->second) : default_text(catalog, cb.kind, name);
      // "16" and "default (16)" describe the same design.
      if (from == to || from == "default (" + to + ")" || to == "default (" + from + ")") continue;
      ch.changes.push_back({name, from, to});
    }
    // Format 5: autoscaling and the sidecar (its own, or the version's mesh where it applies).
    auto autoscale_of = [](const Component& c) {
      if (!c.autoscale) return std::string("none");
      return std::to_string(c.autoscale->min) + "–" + std::to_string(c.autoscale->max) + " at " +
             number_text(c.autoscale->target_utilization) + ", delay " +
             number_text(c.autoscale->scale_up_delay_s) + " s";
    };
    auto mesh_of = [&](const Version& v, const Component& c) {
      std::optional<Mesh> m = c.mesh;
      if (!m && catalog) m = effective_mesh(v, c, *catalog);
      if (!m) return std::string("none");
      return number_text(m->latency_ms_per_hop) + " ms per hop, CPU +" +
             number_text(m->cpu_overhead) + ", $" + number_text(m->cost_per_instance_month) +
             " per instance";
    };
    field(ch.changes, "autoscale", autoscale_of(*ca), autoscale_of(cb));
    field(ch.changes, "mesh", mesh_of(a, *ca), mesh_of(b, cb));
    if (!ch.changes.empty()) d.components_changed.push_back(std::move(ch));
  }
  for (const auto& ca : a.components) {
    if (!b.component(ca.id)) d.components_removed.push_back(ca.id);
  }

  auto find_link = [](const Version& v, const Link& l) -> const Link* {
    for (const auto& x : v.links) {
      if (x.from == l.from && x.to == l.to) return &x;
    }
    return nullptr;
  };
  for (const auto& lb : b.links) {
    const Link* la = find_link(a, lb);
    if (!la) {
      d.links_added.push_back(link_id(lb));
      continue;
    }
    ItemChange ch{link_id(lb), {}};
    field(ch.changes, "calls", calls_text(la->calls), calls_text(lb.calls));
    field(ch.changes, "latency_ms", number_text(la->latency_ms), number_text(lb.latency_ms));
    field(ch.changes, "weight", number_text(la->weight), number_text(lb.weight));
    field(ch.changes, "loss", number_text(la->loss), number_text(lb.loss));
    field(ch.changes, "duplicate", number_text(la->duplicate), number_text(lb.duplicate));
    field(ch.changes, "idempotent", la->idempotent ? "true" : "false", lb.idempotent ? "true" : "false");
    if (!ch.changes.empty()) d.links_changed.push_back(std::move(ch));
  }
  for (const auto& la : a.links) {
    if (!find_link(b, la)) d.links_removed.push_back(link_id(la));
  }

  for (const auto& rb : b.workload) {
    const RequestClass* ra = a.request_class(rb.name);
    if (!ra) {
      d.classes_added.push_back(rb.name);
      continue;
    }
    ItemChange ch{rb.name, {}};
    field(ch.changes, "entry", ra->entry, rb.entry);
    field(ch.changes, "op", to_string(ra->op), to_string(rb.op));
    field(ch.changes, "rate", rate_text(*ra), rate_text(rb));
    field(ch.changes, "payload_kb", number_text(ra->payload_kb), number_text(rb.payload_kb));
    field(ch.changes, "sync", ra->sync ? "true" : "false", rb.sync ? "true" : "false");
    field(ch.changes, "idempotent", ra->idempotent ? "true" : "false", rb.idempotent ? "true" : "false");
    if (!ch.changes.empty()) d.classes_changed.push_back(std::move(ch));
  }
  for (const auto& ra : a.workload) {
    if (!b.request_class(ra.name)) d.classes_removed.push_back(ra.name);
  }
  return d;
}

}  // namespace archbench
