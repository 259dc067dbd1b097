#pragma once
// End-to-end latency of one request class: the exact mean from the mean-value pass and the
// percentiles from the class's response-time transform, composed along its call structure.
#include <optional>
#include <vector>

#include "archbench/solver.h"
#include "analytic/compiled.h"
#include "analytic/fan_out.h"

namespace archbench {

// Z^⌊c⌋ · ((1 − f) + f·Z): the transform of ⌊c⌋ calls for sure and one more with probability
// f = frac(c), Z the transform of one call.
cplx repeat_lst(cplx z, double calls);

class ClassLatency {
 public:
  ClassLatency(const CompiledVersion& cv, const MeanState& st) : cv_(cv), st_(st) {}
  // `done`: until the last work the request caused ends (wall clock) instead of until the
  // acknowledgement.
  Latency latency(int k, bool done, bool percentiles) const;

  struct Job {
    int k;
    bool done;
    std::optional<Latency>* out;
  };
  // Computes every job; large architectures spread the jobs over the machine's cores (each job
  // is independent and the results do not depend on how they were spread).
  void run(const std::vector<Job>& jobs, bool percentiles) const;

 private:
  // The class's call structure, callees first: visit(s) = wait(s) · service(s) · downstream(s).
  struct Step {
    const WaitShape* wait = nullptr;
    const ServiceShape* shape = nullptr;
    Behaviour behaviour = Behaviour::Service;
    double hit = 0;
    std::size_t first_link = 0, links = 0;
    std::size_t own = SIZE_MAX;  // a step whose time replaces wait · service (a sharded station)
    int table = -1;              // the slowest of parallel branches: Program::tables[table]
  };
  struct StepLink {
    std::size_t child = 0;  // step index
    double calls = 1;       // service, client, cache: expected calls per visit
    double probability = 1; // split, queue: chance of taking this link
    double delay_s = 0;     // network time on this link per call (round trip, or one way)
    const std::vector<RetryDelay>* retry = nullptr;  // a lossy link's timeouts and backoffs
  };
  struct Program {
    std::vector<Step> steps;  // callees first
    std::vector<StepLink> links;
    std::size_t result = 0;   // the step whose time is the request's (the entry's visit)
    Atoms atoms;              // point masses of the whole request's time
    std::vector<MaxTable> tables;
  };
  using Values = std::array<cplx, kEulerNodes>;
  // One branch of a parallel fan-out: `calls` sequential trips to step `child` (each with a
  // network time of `delay_s`), and `copies` such branches alike.
  struct Branch {
    std::size_t child = 0;
    double calls = 1, delay_s = 0, copies = 1;
    const std::vector<RetryDelay>* retry = nullptr;
  };
  static std::size_t add_step(Program& p, std::vector<Atoms>& atoms, Step s);
  // Adds a step for the slowest of `branches` (class_latency_max.cpp).
  static std::size_t add_max(Program& p, std::vector<Atoms>& atoms, const std::vector<Branch>& branches);
  // Adds the steps of a sharded station's visit for class k at node i and returns the last.
  std::size_t add_sharded(Program& p, std::vector<Atoms>& atoms, int i, std::size_t k) const;
  // Mean time of every step, from the program (exact where a step is a tabulated maximum).
  static std::vector<double> step_means(const Program& p);
  static void delayed(const Values& child, double delay_s, double t, Values& out);
  // One call's trip on a link: the callee's time after the network's delay_s, and after the
  // timeouts and backoffs of a lossy link's retries (D_i with probability w_i) when it has them.
  static void trip_values(const Values& child, double delay_s,
                          const std::vector<RetryDelay>* retry, double t, Values& out);
  static Atoms trip_atoms(const Atoms& child, double delay_s, const std::vector<RetryDelay>* retry);
  static double retry_mean(const std::vector<RetryDelay>* retry);
  Program compile(int k, bool done) const;
  static Atoms visit_atoms(const Program& p, const Step& s, const std::vector<Atoms>& atoms);
  static void transform(const Program& p, double t, std::vector<std::array<cplx, kEulerNodes>>& vals);

  const CompiledVersion& cv_;
  const MeanState& st_;
};

}  // namespace archbench
