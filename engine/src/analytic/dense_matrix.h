#pragma once
// Small dense matrices for the pool chains (pool_chain.cpp): a few dozen phases, so plain
// row-major storage and Gaussian elimination are enough, and no library is needed.
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace archbench::dense {

// Dense row-major matrices.
struct Mat {
  std::size_t n = 0, m = 0;
  std::vector<double> a;
  Mat() = default;
  Mat(std::size_t rows, std::size_t cols) : n(rows), m(cols), a(rows * cols, 0.0) {}
  double& operator()(std::size_t i, std::size_t j) { return a[i * m + j]; }
  double operator()(std::size_t i, std::size_t j) const { return a[i * m + j]; }
  static Mat identity(std::size_t k) {
    Mat x(k, k);
    for (std::size_t i = 0; i < k; ++i) x(i, i) = 1.0;
    return x;
  }
};

inline Mat operator*(const Mat& x, const Mat& y) {
  Mat z(x.n, y.m);
  for (std::size_t i = 0; i < x.n; ++i) {
    for (std::size_t k = 0; k < x.m; ++k) {
      const double v = x(i, k);
      if (v == 0) continue;
      for (std::size_t j = 0; j < y.m; ++j) z(i, j) += v * y(k, j);
    }
  }
  return z;
}

inline Mat operator+(Mat x, const Mat& y) {
  for (std::size_t i = 0; i < x.a.size(); ++i) x.a[i] += y.a[i];
  return x;
}

inline Mat scaled(Mat x, double f) {
  for (double& v : x.a) v *= f;
  return x;
}

// X with A·X = B (Gaussian elimination with partial pivoting); false when A is singular.
inline bool solve(Mat A, Mat& B) {
  const std::size_t n = A.n;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::abs(A(r, c)) > std::abs(A(p, c))) p = r;
    }
    if (!(std::abs(A(p, c)) > 1e-300)) return false;
    if (p != c) {
      for (std::size_t j = 0; j < n; ++j) std::swap(A(p, j), A(c, j));
      for (std::size_t j = 0; j < B.m; ++j) std::swap(B(p, j), B(c, j));
    }
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = A(r, c) / A(c, c);
      if (f == 0) continue;
      for (std::size_t j = c; j < n; ++j) A(r, j) -= f * A(c, j);
      for (std::size_t j = 0; j < B.m; ++j) B(r, j) -= f * B(c, j);
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    for (std::size_t j = 0; j < B.m; ++j) {
      double v = B(c, j);
      for (std::size_t k = c + 1; k < n; ++k) v -= A(c, k) * B(k, j);
      B(c, j) = v / A(c, c);
    }
  }
  return true;
}

inline bool inverse(const Mat& A, Mat& out) {
  out = Mat::identity(A.n);
  return solve(A, out);
}

}  // namespace archbench::dense
