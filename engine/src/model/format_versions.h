#pragma once
// The format_version that first carries each group of fields (docs/FORMAT.md). One constant per
// version, not per feature: format 5 brought sharding and fan-out, the simulator's fields,
// consistency and regions, and autoscaling and the mesh together.
namespace archbench::detail {

// Rate limits, connection limits and the pooler, loss and duplicates (docs/PATTERNS.md).
inline constexpr int kPatternsFormatVersion = 4;
// Sharding, fan-out, stored simulations and jitter kinds, consistency and regions, autoscale
// and mesh.
inline constexpr int kFormat5Version = 5;

}  // namespace archbench::detail
