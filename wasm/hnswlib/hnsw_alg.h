// hnswlib's graph, pulled in once with our settings, plus the state our wrapper keeps per index.
#pragma once

#include "quiver.h"  // must come first: sets HNSWLIB_ERR_OVERRIDE and NO_MANUAL_VECTORIZATION

#include <string>

#include "hnswlib/hnswlib.h"
#include "simd_distance.h"

// hnswlib's saveIndex writes through std::ofstream. It is virtual, so it would be linked in (with
// the whole file-stream machinery) although nothing calls it; this specialization replaces it.
// Indexes leave the module as bytes through qv_hnsw_serialize (hnsw_io.cpp) instead.
template <>
void hnswlib::HierarchicalNSW<float>::saveIndex(const std::string& location);

namespace quiver {

using Graph = hnswlib::HierarchicalNSW<float>;

// One HNSW index: its metric, its space (which must outlive the graph) and the graph.
struct Hnsw {
  Hnsw(uint32_t d, int32_t m) : dim(d), metric(m), space(d, m != QV_L2) {}
  ~Hnsw() { delete graph; }
  uint32_t dim;
  int32_t metric;
  SimdSpace space;
  Graph* graph = nullptr;
};

// Bytes one element takes in level 0 (links, vector, 4-byte label on wasm32).
inline uint64_t level0_bytes(uint64_t dim, uint64_t M) {
  return (2 * M * 4 + 4) + dim * 4 + sizeof(hnswlib::labeltype);
}

// Bytes the graph allocates per element of capacity besides level 0: the upper-level pointer,
// the level, the per-element lock and the visited-list slot.
inline uint64_t per_capacity_bytes() {
  return sizeof(void*) + sizeof(int) + sizeof(std::mutex) + sizeof(hnswlib::vl_type);
}

// True when an index of `capacity` elements fits the wasm32 address space.
inline bool capacity_fits(uint64_t capacity, uint64_t dim, uint64_t M) {
  uint64_t per = level0_bytes(dim, M) + per_capacity_bytes();
  return qv_size_ok(capacity, per);
}

// Frees hnswlib's 65,536 per-label mutexes (1.5 MiB per index): our wrapper never calls the
// functions that take them (addPoint with replace_deleted, markDelete by label, getDataByLabel).
inline void drop_label_locks(Graph* g) {
  std::vector<std::mutex>().swap(g->label_op_locks_);
}

// Maps a caught exception to a status code and fills the last-error slot.
int32_t status_from_exception(const char* what, const char* where);

}  // namespace quiver
