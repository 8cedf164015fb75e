// Shared definitions of Quiver's WebAssembly module: status codes, the export macro, the last-error
// slot and checked size arithmetic. Every exported function reports failure through a status code
// (and, for the ones that return a pointer, a 0 result) plus a message in the last-error slot; no
// C++ exception ever leaves the module and nothing aborts the instance.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>

// hnswlib prints a warning to std::cerr for M > 10000; we validate M long before that, and we do
// not want std::cerr (and the iostream machinery behind it) linked in. This sink swallows it.
struct QvNullStream {
  template <class T>
  const QvNullStream& operator<<(const T&) const { return *this; }
  const QvNullStream& operator<<(std::ostream& (*)(std::ostream&)) const { return *this; }
};
extern const QvNullStream qv_null_stream;
#define HNSWLIB_ERR_OVERRIDE qv_null_stream
// wasm has no SSE; hnswlib's scalar fallbacks are never used because our own spaces supply the
// distance functions (simd_distance.h).
#define NO_MANUAL_VECTORIZATION

#define QV_EXPORT(name) extern "C" __attribute__((export_name(#name)))

// Status codes returned by exported functions (mirrored in packages/core/src/index/wasm-module.ts).
enum QvStatus : int32_t {
  QV_OK = 0,
  QV_E_ARG = -1,        // an argument is out of range (dim, k, metric, sizes)
  QV_E_CAPACITY = -2,   // more elements than the index was created for
  QV_E_NOMEM = -3,      // the allocation failed or would exceed the 4 GiB wasm32 address space
  QV_E_CORRUPT = -4,    // serialized bytes failed validation
  QV_E_NOTFOUND = -5,   // no such row (label) in the index
  QV_E_DUPLICATE = -6,  // the row is already in the index
  QV_E_INTERNAL = -7,   // an unexpected C++ exception (its message is in the last-error slot)
  QV_E_STATE = -8,      // the operation does not fit the current state (e.g. row already deleted)
};

// Metrics as the module sees them. COSINE is inner product over vectors the module normalizes.
enum QvMetric : int32_t { QV_L2 = 0, QV_IP = 1, QV_COSINE = 2 };

// Sets the last-error slot; returns `code` so callers can `return qv_fail(...)`.
int32_t qv_fail(int32_t code, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
// Clears the last-error slot (called at the start of every exported function).
void qv_clear_error();

// Largest single allocation we allow: wasm32 addresses are 32-bit and memory tops out at 4 GiB, so
// anything near that cannot succeed and its size_t arithmetic could silently wrap.
constexpr uint64_t QV_MAX_ALLOC = 0xF0000000ull;  // 3.75 GiB

// True when a*b fits in QV_MAX_ALLOC (no wrap on wasm32's 32-bit size_t).
inline bool qv_size_ok(uint64_t a, uint64_t b) {
  return b == 0 || a <= QV_MAX_ALLOC / b;
}

// Packed row bitset: bit (row & 7) of byte (row >> 3); rows at or past `nbits` are not allowed.
inline bool qv_bit(const uint8_t* bits, uint32_t nbits, uint32_t row) {
  return row < nbits && ((bits[row >> 3] >> (row & 7)) & 1u) != 0;
}
