#include "model/validate_scaling.h"

#include <cmath>

#include "archbench/scaling.h"
#include "model/json_util.h"

namespace archbench::detail {

namespace {

// Every field inside its declared range; `exclusive` names fields whose bounds 0 and 1 are not
// allowed themselves (a target utilization of 0 or 1 scales to no or infinite instances).
template <typename T>
void check_ranges(const T& value, const std::vector<ParamDecl>& fields, const std::string& at,
                  std::vector<Diagnostic>& out) {
  for (const auto& f : fields) {
    const double x = field_value(value, f.name);
    const std::string place = pointer_join(at, f.name);
    if (f.name == "target_utilization") {
      if (!(x > 0 && x < 1))
        out.push_back({place, "target_utilization " + number_text(x) +
                                  " must lie strictly between 0 and 1 (e.g. 0.7)"});
      continue;
    }
    if (!std::isfinite(x) || x < f.min || x > f.max)
      out.push_back({place, f.name + " " + number_text(x) + " is outside " + number_text(f.min) +
                                "–" + number_text(f.max) +
                                (f.unit.empty() ? std::string() : " " + f.unit)});
  }
}

}  // namespace

std::vector<Diagnostic> check_scaling(const Version& v, const Catalog& catalog,
                                      const std::string& prefix) {
  std::vector<Diagnostic> out;
  if (v.mesh) check_ranges(*v.mesh, mesh_fields(), pointer_join(prefix, "mesh"), out);
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    const Component& c = v.components[i];
    const std::string at = pointer_join(pointer_join(prefix, "components"), i);
    const KindDecl* k = catalog.find(c.kind);
    if (c.autoscale) {
      const std::string place = pointer_join(at, "autoscale");
      if (k && !runs_instances(*k)) {
        out.push_back({place, "a " + k->label + " does not run instances to scale; autoscale "
                                                "needs a kind with instances (app server, "
                                                "worker pool, gateway, balancer, cache, pooler)"});
      } else {
        check_ranges(*c.autoscale, autoscale_fields(), place, out);
        if (c.autoscale->max < c.autoscale->min)
          out.push_back({pointer_join(place, "max"),
                         "max " + std::to_string(c.autoscale->max) + " is below min " +
                             std::to_string(c.autoscale->min)});
      }
    }
    if (c.mesh) {
      const std::string place = pointer_join(at, "mesh");
      if (k && !runs_instances(*k))
        out.push_back({place, "a " + k->label + " runs no instances of yours to put a sidecar "
                                                "beside; a mesh needs a kind with instances"});
      else
        check_ranges(*c.mesh, mesh_fields(), place, out);
    }
  }
  return out;
}

}  // namespace archbench::detail
