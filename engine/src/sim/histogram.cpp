#include "sim/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace archbench::sim {

namespace {

constexpr int kShift = 52 - Histogram::kSubBits;
// Bits of 2^e shifted as a bucket key: the biased exponent followed by kSubBits zero bits.
constexpr std::int64_t key_of_power(int e) {
  return static_cast<std::int64_t>(e + 1023) << Histogram::kSubBits;
}
constexpr std::int64_t kFirstKey = key_of_power(Histogram::kMinExponent);

// The lower edge of bucket i, in seconds.
double lower_edge(int i) {
  const auto bits = static_cast<std::uint64_t>(kFirstKey + i) << kShift;
  return std::bit_cast<double>(bits);
}

}  // namespace

std::uint64_t& Histogram::bucket(int i) {
  if (page_.empty()) page_.assign(kPages, 0);
  const auto p = static_cast<std::size_t>(i >> kSubBits);
  if (page_[p] == 0) {
    page_[p] = static_cast<std::uint16_t>(counts_.size() / kPageSize + 1);
    counts_.resize(counts_.size() + kPageSize, 0);
  }
  return counts_[(page_[p] - 1u) * std::size_t{kPageSize} + static_cast<std::size_t>(i & (kPageSize - 1))];
}

void Histogram::record(double seconds) {
  // A positive finite double's bits increase with its value; its key is exponent and top bits.
  const auto key = static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(seconds) >> kShift);
  std::int64_t i = key - kFirstKey;
  if (!(seconds > 0) || i < 0) i = 0;
  if (i >= kBuckets) i = kBuckets - 1;
  ++bucket(static_cast<int>(i));
  ++total_;
}

void Histogram::merge(const Histogram& other) {
  if (other.total_ == 0) return;
  for (int p = 0; p < kPages; ++p) {
    const std::uint16_t from = other.page_[static_cast<std::size_t>(p)];
    if (from == 0) continue;
    const std::uint64_t* src = &other.counts_[(from - 1u) * std::size_t{kPageSize}];
    std::uint64_t* dst = &bucket(p * kPageSize);
    for (int j = 0; j < kPageSize; ++j) dst[j] += src[j];
  }
  total_ += other.total_;
}

void Histogram::clear() {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = 0;
}

double Histogram::quantile(double q) const {
  if (total_ == 0) return 0;
  // The value below which a fraction q of the samples lie, samples spread evenly in a bucket.
  const double rank = q * static_cast<double>(total_);
  double below = 0;
  for (int p = 0; p < kPages; ++p) {
    const std::uint16_t at = page_[static_cast<std::size_t>(p)];
    if (at == 0) continue;
    const std::uint64_t* counts = &counts_[(at - 1u) * std::size_t{kPageSize}];
    for (int j = 0; j < kPageSize; ++j) {
      const auto c = static_cast<double>(counts[j]);
      if (c == 0) continue;
      if (below + c >= rank) {
        const int i = p * kPageSize + j;
        const double lo = lower_edge(i), hi = lower_edge(i + 1);
        return lo + (hi - lo) * std::clamp((rank - below) / c, 0.0, 1.0);
      }
      below += c;
    }
  }
  return lower_edge(kBuckets);
}

}  // namespace archbench::sim
