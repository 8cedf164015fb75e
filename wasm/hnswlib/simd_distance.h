// Distance kernels in wasm SIMD (128-bit, four f32 lanes) and the hnswlib spaces that use them.
// hnswlib's own kernels are SSE/AVX only; without them it falls back to scalar loops, which the
// compiler does not vectorize (a float sum cannot be reordered without -ffast-math). Four
// independent accumulators over 16 floats per step keep the adds from waiting on each other.
#pragma once

#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "hnswlib/hnswlib.h"

namespace quiver {

inline float qv_hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) +
         wasm_f32x4_extract_lane(v, 3);
}

// Squared Euclidean distance.
inline float l2_sqr(const float* a, const float* b, size_t d) {
  v128_t s0 = wasm_f32x4_splat(0.f), s1 = s0, s2 = s0, s3 = s0;
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    v128_t d0 = wasm_f32x4_sub(wasm_v128_load(a + i), wasm_v128_load(b + i));
    v128_t d1 = wasm_f32x4_sub(wasm_v128_load(a + i + 4), wasm_v128_load(b + i + 4));
    v128_t d2 = wasm_f32x4_sub(wasm_v128_load(a + i + 8), wasm_v128_load(b + i + 8));
    v128_t d3 = wasm_f32x4_sub(wasm_v128_load(a + i + 12), wasm_v128_load(b + i + 12));
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(d0, d0));
    s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(d1, d1));
    s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(d2, d2));
    s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(d3, d3));
  }
  for (; i + 4 <= d; i += 4) {
    v128_t d0 = wasm_f32x4_sub(wasm_v128_load(a + i), wasm_v128_load(b + i));
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(d0, d0));
  }
  float s = qv_hsum(wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3)));
  for (; i < d; i++) {
    float t = a[i] - b[i];
    s += t * t;
  }
  return s;
}

// Dot product.
inline float dot(const float* a, const float* b, size_t d) {
  v128_t s0 = wasm_f32x4_splat(0.f), s1 = s0, s2 = s0, s3 = s0;
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(a + i + 4), wasm_v128_load(b + i + 4)));
    s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(wasm_v128_load(a + i + 8), wasm_v128_load(b + i + 8)));
    s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(wasm_v128_load(a + i + 12), wasm_v128_load(b + i + 12)));
  }
  for (; i + 4 <= d; i += 4) {
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
  }
  float s = qv_hsum(wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3)));
  for (; i < d; i++) s += a[i] * b[i];
  return s;
}

// Scales `v` to unit length in place; a zero vector stays zero (its cosine with anything is 0).
inline void normalize(float* v, size_t d) {
  float n2 = dot(v, v, d);
  if (n2 <= 0.f) return;
  float inv = 1.f / __builtin_sqrtf(n2);
  v128_t s = wasm_f32x4_splat(inv);
  size_t i = 0;
  for (; i + 4 <= d; i += 4) wasm_v128_store(v + i, wasm_f32x4_mul(wasm_v128_load(v + i), s));
  for (; i < d; i++) v[i] *= inv;
}

// hnswlib's distance-function signature: the third argument points at the dimension (size_t).
inline float l2_dist_fn(const void* a, const void* b, const void* param) {
  return l2_sqr(static_cast<const float*>(a), static_cast<const float*>(b), *static_cast<const size_t*>(param));
}

// hnswlib's inner-product "distance" is 1 - dot, so smaller is closer; we keep that convention inside
// the graph (it keeps the graph format and search order identical to hnswlib's own spaces).
inline float ip_dist_fn(const void* a, const void* b, const void* param) {
  return 1.f - dot(static_cast<const float*>(a), static_cast<const float*>(b), *static_cast<const size_t*>(param));
}

// An hnswlib space over our SIMD kernels: L2 (squared) or inner product (as 1 - dot).
class SimdSpace final : public hnswlib::SpaceInterface<float> {
 public:
  SimdSpace(size_t dim, bool innerProduct) : dim_(dim), inner_product_(innerProduct) {}
  size_t get_data_size() override { return dim_ * sizeof(float); }
  hnswlib::DISTFUNC<float> get_dist_func() override { return inner_product_ ? ip_dist_fn : l2_dist_fn; }
  void* get_dist_func_param() override { return &dim_; }

 private:
  size_t dim_;
  bool inner_product_;
};

}  // namespace quiver
