#pragma once
// A log-bucketed histogram of non-negative times, in the manner of HdrHistogram (Gil Tene):
// the bucket of a value is its binary exponent and the top kSubBits bits of its mantissa, read
// straight from the double's bits, so recording is a shift and an increment, memory is fixed
// (it does not grow with the number of samples or the simulated time), and two histograms
// merge by adding counts. Every bucket spans a relative width of 2^-kSubBits (0.78%); a
// quantile is interpolated linearly inside its bucket, so its relative error is below 0.78%
// and, for a smooth distribution, far below. Times below kMin (about 1 µs) count as kMin's
// bucket; times above kMax (about 12 days) as the last bucket. The buckets of one binary
// exponent (a page of 2^kSubBits counts, 1 KB) are allocated when a sample first falls in it:
// a class's latencies span a few powers of two, so a histogram holds a few KB, not the 40 KB
// of every exponent (zeroing those for each batch's histograms was 5% of a run).
//
// Not Boost.Accumulators' P² estimators (p_square_quantile, extended_p_square): they keep one
// marker set per quantile, cannot be merged across batches or replications, and their error
// at p99.9 has no bound; Debian has no C or C++ HdrHistogram package.
#include <cstdint>
#include <vector>

namespace archbench::sim {

class Histogram {
 public:
  static constexpr int kSubBits = 7;
  static constexpr int kMinExponent = -20;  // 2^-20 s ≈ 0.95 µs
  static constexpr int kMaxExponent = 20;   // 2^20 s ≈ 12 days

  static constexpr int kPageSize = 1 << kSubBits;
  static constexpr int kPages = kMaxExponent - kMinExponent;
  static constexpr int kBuckets = kPages * kPageSize;

  // No memory until the first sample: most of a run's histograms (failed requests,
  // completion of classes without a queue) never get one.
  Histogram() = default;

  void record(double seconds);
  void merge(const Histogram& other);
  void clear();  // no samples; keeps the buckets' memory
  std::uint64_t count() const { return total_; }
  // The q-quantile (0 < q < 1) in seconds; 0 without samples.
  double quantile(double q) const;

 private:
  std::uint64_t& bucket(int i);  // allocates its page when needed
  // page_[p]: 1 + the index of exponent p's page in counts_, 0 while it has no sample.
  std::vector<std::uint16_t> page_;
  std::vector<std::uint64_t> counts_;  // pages in the order they were first used
  std::uint64_t total_ = 0;
};

}  // namespace archbench::sim
