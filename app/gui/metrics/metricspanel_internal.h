#pragma once
// The columns of the metrics panel's tables, shared by metricspanel.cpp (the panel, its totals
// and its layout) and metricsrows.cpp (the classes' and components' rows).

namespace detail {

enum ClassColumn {
  ClassName,
  ClassOp,
  ClassRate,
  ClassMean,
  ClassP50,
  ClassP95,
  ClassP99,
  ClassDone,
  ClassRefused,
  ClassDuplicates,
  ClassLost,
  ClassStale,
  ClassStaleness,
  ClassAvailability,
  ClassDowntime,
  ClassSlo,
  ClassBudget
};
enum ComponentColumn {
  CompName,
  CompKind,
  CompArrival,
  CompUtil,
  CompWhatIf,
  CompWait,
  CompResponse,
  CompCost
};

}  // namespace detail
