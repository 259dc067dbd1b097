// The exponential ziggurat's tables, built as in Marsaglia and Tsang (2000), section 4, with
// 53-bit points: 256 layers of area v under e^{-x}, the base one (layer 0) holding the tail
// beyond r. r and v are the paper's values for 256 layers.
#include "sim/random.h"

namespace archbench::sim {

namespace {

ExpZiggurat build() {
  ExpZiggurat z{};
  const double m = 0x1.0p53;
  const double v = 3.949659822581572e-3;  // each layer's area
  double x = ExpZiggurat::kR, above = x;
  const double q = v / std::exp(-x);  // the base layer's width: rectangle and tail as one
  z.k[0] = static_cast<std::uint64_t>(x / q * m);
  z.k[1] = 0;
  z.w[0] = q / m;
  z.w[255] = x / m;
  z.f[0] = 1;
  z.f[255] = std::exp(-x);
  for (int i = 254; i >= 1; --i) {
    x = -std::log(v / x + std::exp(-x));
    z.k[i + 1] = static_cast<std::uint64_t>(x / above * m);
    above = x;
    z.f[i] = std::exp(-x);
    z.w[i] = x / m;
  }
  return z;
}

}  // namespace

const ExpZiggurat kExpZiggurat = build();

}  // namespace archbench::sim
