#pragma once
// Resolving a component's parameter for a request class: the file's value, else the kind's default.
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"

namespace archbench::detail {

// Number or per-class parameter for `cls` ("" for no class); `fallback` when the kind lacks it.
double param_number(const Component& c, const KindDecl& k, const std::string& name,
                    const std::string& cls, double fallback);
bool param_bool(const Component& c, const KindDecl& k, const std::string& name, bool fallback);
// A choice parameter's mode; `fallback` when the kind does not declare it.
std::string param_choice(const Component& c, const KindDecl& k, const std::string& name,
                         const std::string& fallback);
// Cache hit ratio of a class: writes never hit unless a map names the class explicitly.
double hit_ratio(const Component& c, const KindDecl& k, const RequestClass& r);

// The same for every class of a workload at once (one look-up when the value is one number).
std::vector<double> param_per_class(const Component& c, const KindDecl& k, const std::string& name,
                                    const std::vector<RequestClass>& classes, double fallback);
std::vector<double> hit_ratios(const Component& c, const KindDecl& k,
                               const std::vector<RequestClass>& classes);

}  // namespace archbench::detail
