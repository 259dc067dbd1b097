// The one definition of "affected" (see affected.h and docs/FAILURE.md, "chaos").
#include "archbench/affected.h"

#include <cmath>

#include "archbench/figures.h"
#include "archbench/format.h"

namespace archbench {

std::vector<AffectedClass> affected_classes(const WhatIfReport& r, const AffectedThresholds& t) {
  std::vector<AffectedClass> out;
  for (const ClassOutcome& b : r.faulted.classes) {
    const ClassOutcome* a = r.steady.request_class(b.name);
    if (!a) continue;
    std::vector<std::string> why;
    auto share = [&](const char* what, double before, double after) {
      if (std::fabs(after - before) >= t.share)
        why.push_back(std::string(what) + " " + format_share(before) + " → " + format_share(after));
    };
    share("success", a->success, b.success);
    share("degraded", a->degraded, b.degraded);
    share("failed", a->failed, b.failed);
    const auto& p = a->answered_p95_ms;
    const auto& q = b.answered_p95_ms;
    const bool p95 = p.has_value() != q.has_value() ||
                     a->ceiling_timeout_ms.has_value() != b.ceiling_timeout_ms.has_value() ||
                     (p && q && std::fabs(*q - *p) >= t.p95_relative * *p);
    if (p95)
      why.push_back("p95 " + answered_latency_text(*a, AnsweredFigure::P95) + " → " +
                    answered_latency_text(b, AnsweredFigure::P95));
    if (b.async) {
      std::string completion;
      if (b.completion_delay_s > std::max(t.completion_delay_s, a->completion_delay_s))
        completion = format_significant(b.completion_backlog_messages, 3) +
                     " messages backed up, the oldest waits " + format_duration(b.completion_delay_s);
      if (!b.completion_blocked_by.empty() && b.completion_blocked_by != a->completion_blocked_by) {
        const ComponentOutcome* c = r.faulted.component(b.completion_blocked_by);
        completion += (completion.empty() ? "" : ": ") + b.completion_blocked_by +
                      (c && c->down ? " down" : " saturated");
      }
      if (!completion.empty()) why.push_back("completion " + completion);
    }
    if (why.empty()) continue;
    std::string text;
    for (const auto& w : why) text += (text.empty() ? "" : ", ") + w;
    out.push_back({b.name, text});
  }
  return out;
}

}  // namespace archbench
