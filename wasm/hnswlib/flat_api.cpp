// The exact (FLAT) engine: a growable block of vectors indexed by row with a per-row state byte,
// scanned with the SIMD kernels and a top-k heap; and a one-shot scan over any block of vectors in
// wasm memory (growing segments). Serialized payload (inside Quiver's index blob, little-endian):
//   u32 dim, u32 metric, u32 rows, f32[rows * dim] vectors, u8[rows] state (0 live, 1 deleted, 2 absent)
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "quiver.h"
#include "simd_distance.h"
#include "topk.h"

namespace quiver {

// One FLAT index: `rows` slots of `dim` floats and a state byte each.
struct Flat {
  uint32_t dim;
  int32_t metric;
  uint32_t rows = 0;  // rows 0 .. rows-1 have a slot (live, deleted or absent)
  uint32_t capacity = 0;
  uint32_t live = 0;
  float* data = nullptr;
  uint8_t* state = nullptr;
};

}  // namespace quiver

using quiver::Flat;

namespace {

enum RowState : uint8_t { kLive = 0, kDeleted = 1, kAbsent = 2 };

// Grows the slots to hold at least `need` rows (doubling); false when memory cannot.
bool reserve(Flat* f, uint32_t need) {
  if (need <= f->capacity) return true;
  uint64_t cap = f->capacity ? f->capacity : 64;
  while (cap < need) cap *= 2;
  if (cap > 0xFFFFFFFFull) cap = 0xFFFFFFFFull;
  if (!qv_size_ok(cap, static_cast<uint64_t>(f->dim) * 4 + 1)) return false;
  float* d = static_cast<float*>(realloc(f->data, static_cast<size_t>(cap) * f->dim * 4));
  if (!d) return false;
  f->data = d;
  uint8_t* s = static_cast<uint8_t*>(realloc(f->state, static_cast<size_t>(cap)));
  if (!s) return false;
  f->state = s;
  f->capacity = static_cast<uint32_t>(cap);
  return true;
}

int32_t scan_block(const float* base, uint32_t n, uint32_t dim, int32_t metric, const float* q, uint32_t k,
                   const uint8_t* bits, uint32_t nbits, uint32_t firstRow, const uint8_t* state, bool normalized,
                   int32_t* outRows, float* outScores) {
  quiver::TopK top(k);
  const bool sim = metric != QV_L2;
  float qnorm = 1.f;
  if (metric == QV_COSINE && !normalized) qnorm = std::sqrt(quiver::dot(q, q, dim));
  for (uint32_t i = 0; i < n; i++) {
    if (state && state[i] != kLive) continue;
    uint32_t row = firstRow + i;
    if (bits && !qv_bit(bits, nbits, row)) continue;
    const float* v = base + static_cast<size_t>(i) * dim;
    float key;
    if (metric == QV_L2) {
      key = quiver::l2_sqr(q, v, dim);
    } else if (metric == QV_IP || normalized) {
      key = -quiver::dot(q, v, dim);
    } else {
      float vn = std::sqrt(quiver::dot(v, v, dim));
      float den = qnorm * vn;
      key = den > 0.f ? -quiver::dot(q, v, dim) / den : 0.f;
    }
    top.push(key, row);
  }
  return quiver::emit_topk(top, sim, outRows, outScores);
}

}  // namespace

// Creates an empty FLAT index with room for `capacity` rows (it grows on demand); 0 on failure.
QV_EXPORT(qv_flat_create) Flat* qv_flat_create(uint32_t dim, int32_t metric, uint32_t capacity) {
  qv_clear_error();
  if (dim < 1 || dim > 32768) return qv_fail(QV_E_ARG, "dim %u is outside [1, 32768]", dim), nullptr;
  if (metric < QV_L2 || metric > QV_COSINE) return qv_fail(QV_E_ARG, "unknown metric %d", metric), nullptr;
  Flat* f = static_cast<Flat*>(malloc(sizeof(Flat)));
  if (!f) return qv_fail(QV_E_NOMEM, "flat create: out of memory"), nullptr;
  *f = Flat{dim, metric};
  if (capacity && !reserve(f, capacity)) {
    free(f);
    return qv_fail(QV_E_NOMEM, "flat create: capacity %u x dim %u does not fit wasm memory", capacity, dim), nullptr;
  }
  return f;
}

// Adds `n` vectors as rows firstRow .. firstRow+n-1 (normalized in place for COSINE). Rows must be
// new: firstRow >= the current row span; rows skipped over stay absent.
QV_EXPORT(qv_flat_add) int32_t qv_flat_add(Flat* f, float* vecs, uint32_t n, uint32_t firstRow) {
  qv_clear_error();
  if (firstRow < f->rows) return qv_fail(QV_E_DUPLICATE, "row %u is already in the index (rows end at %u)", firstRow, f->rows);
  uint64_t end = static_cast<uint64_t>(firstRow) + n;
  if (end > 0xFFFFFFFFull) return qv_fail(QV_E_ARG, "rows %u..%llu exceed the uint32 row range", firstRow, (unsigned long long)end);
  if (!reserve(f, static_cast<uint32_t>(end))) {
    return qv_fail(QV_E_NOMEM, "flat add: %llu rows x dim %u do not fit wasm memory", (unsigned long long)end, f->dim);
  }
  for (uint32_t r = f->rows; r < firstRow; r++) {
    memset(f->data + static_cast<size_t>(r) * f->dim, 0, static_cast<size_t>(f->dim) * 4);
    f->state[r] = kAbsent;
  }
  float* dst = f->data + static_cast<size_t>(firstRow) * f->dim;
  memcpy(dst, vecs, static_cast<size_t>(n) * f->dim * 4);
  for (uint32_t i = 0; i < n; i++) {
    if (f->metric == QV_COSINE) quiver::normalize(dst + static_cast<size_t>(i) * f->dim, f->dim);
    f->state[firstRow + i] = kLive;
  }
  f->rows = static_cast<uint32_t>(end);
  f->live += n;
  return QV_OK;
}

// Marks a row deleted.
QV_EXPORT(qv_flat_mark_deleted) int32_t qv_flat_mark_deleted(Flat* f, uint32_t row) {
  qv_clear_error();
  if (row >= f->rows || f->state[row] == kAbsent) return qv_fail(QV_E_NOTFOUND, "row %u is not in the index", row);
  if (f->state[row] == kDeleted) return qv_fail(QV_E_STATE, "row %u is already deleted", row);
  f->state[row] = kDeleted;
  f->live--;
  return QV_OK;
}

// Exact search over live rows allowed by `bits` (all when 0); `query` normalized in place for COSINE.
QV_EXPORT(qv_flat_search)
int32_t qv_flat_search(Flat* f, float* query, uint32_t k, const uint8_t* bits, uint32_t nbits, int32_t* outRows,
                       float* outScores) {
  qv_clear_error();
  if (k < 1) return qv_fail(QV_E_ARG, "k must be >= 1");
  if (f->metric == QV_COSINE) quiver::normalize(query, f->dim);
  return scan_block(f->data, f->rows, f->dim, f->metric, query, k, bits, nbits, 0, f->state, true, outRows, outScores);
}

// Exact search over `n` vectors at `base` that are rows firstRow .. firstRow+n-1 (nothing stored).
// COSINE divides by both norms on the fly, so `base` needs no normalization.
QV_EXPORT(qv_scan)
int32_t qv_scan(const float* base, uint32_t n, uint32_t dim, int32_t metric, const float* query, uint32_t k,
                const uint8_t* bits, uint32_t nbits, uint32_t firstRow, int32_t* outRows, float* outScores) {
  qv_clear_error();
  if (dim < 1 || dim > 32768) return qv_fail(QV_E_ARG, "dim %u is outside [1, 32768]", dim);
  if (metric < QV_L2 || metric > QV_COSINE) return qv_fail(QV_E_ARG, "unknown metric %d", metric);
  if (k < 1) return qv_fail(QV_E_ARG, "k must be >= 1");
  return scan_block(base, n, dim, metric, query, k, bits, nbits, firstRow, nullptr, false, outRows, outScores);
}

// Live rows.
QV_EXPORT(qv_flat_count) uint32_t qv_flat_count(Flat* f) { return f->live; }

// Row span (live + deleted + absent rows).
QV_EXPORT(qv_flat_rows) uint32_t qv_flat_rows(Flat* f) { return f->rows; }

// 0 when the row is not in the index, 1 when it is live, 2 when it is marked deleted.
QV_EXPORT(qv_flat_has) int32_t qv_flat_has(Flat* f, uint32_t row) {
  if (row >= f->rows || f->state[row] == kAbsent) return 0;
  return f->state[row] == kLive ? 1 : 2;
}

// Bytes of wasm memory held.
QV_EXPORT(qv_flat_memory) double qv_flat_memory(Flat* f) {
  return static_cast<double>(f->capacity) * (static_cast<double>(f->dim) * 4 + 1) + sizeof(Flat);
}

// Frees the index.
QV_EXPORT(qv_flat_free) void qv_flat_free(Flat* f) {
  free(f->data);
  free(f->state);
  free(f);
}

// Serializes (layout at the top of this file); returns a qv_malloc'd buffer and its size, or 0.
QV_EXPORT(qv_flat_serialize) uint8_t* qv_flat_serialize(Flat* f, uint32_t* outSize) {
  qv_clear_error();
  uint64_t total = 12 + static_cast<uint64_t>(f->rows) * (static_cast<uint64_t>(f->dim) * 4 + 1);
  if (total > QV_MAX_ALLOC) return qv_fail(QV_E_NOMEM, "flat serialize: too large"), nullptr;
  uint8_t* buf = static_cast<uint8_t*>(malloc(static_cast<size_t>(total)));
  if (!buf) return qv_fail(QV_E_NOMEM, "flat serialize: out of memory"), nullptr;
  uint32_t head[3] = {f->dim, static_cast<uint32_t>(f->metric), f->rows};
  memcpy(buf, head, 12);
  memcpy(buf + 12, f->data, static_cast<size_t>(f->rows) * f->dim * 4);
  memcpy(buf + 12 + static_cast<size_t>(f->rows) * f->dim * 4, f->state, f->rows);
  *outSize = static_cast<uint32_t>(total);
  return buf;
}

// Loads a serialized FLAT index, checking it describes `dim` and `metric`; 0 on failure.
QV_EXPORT(qv_flat_load) Flat* qv_flat_load(const uint8_t* bytes, uint32_t size, uint32_t dim, int32_t metric) {
  qv_clear_error();
  if (size < 12) return qv_fail(QV_E_CORRUPT, "%u bytes are too short for a FLAT payload", size), nullptr;
  uint32_t head[3];
  memcpy(head, bytes, 12);
  if (head[0] != dim || static_cast<int32_t>(head[1]) != metric) {
    return qv_fail(QV_E_CORRUPT, "payload is for dim %u metric %u, expected dim %u metric %d", head[0], head[1], dim, metric), nullptr;
  }
  uint64_t rows = head[2];
  if (12 + rows * (static_cast<uint64_t>(dim) * 4 + 1) != size) {
    return qv_fail(QV_E_CORRUPT, "payload size %u does not match %llu rows of dim %u", size, (unsigned long long)rows, dim), nullptr;
  }
  Flat* f = qv_flat_create(dim, metric, static_cast<uint32_t>(rows));
  if (!f) return nullptr;
  const uint8_t* st = bytes + 12 + rows * dim * 4;
  uint32_t live = 0;
  for (uint64_t r = 0; r < rows; r++) {
    if (st[r] > kAbsent) {
      qv_flat_free(f);
      return qv_fail(QV_E_CORRUPT, "row %llu has an unknown state %u", (unsigned long long)r, st[r]), nullptr;
    }
    live += st[r] == kLive;
  }
  memcpy(f->data, bytes + 12, static_cast<size_t>(rows) * dim * 4);
  memcpy(f->state, st, static_cast<size_t>(rows));
  f->rows = static_cast<uint32_t>(rows);
  f->live = live;
  return f;
}
