// HNSW exports: create, add a batch, mark deleted, resize, search (graph with a bitset pre-filter, or
// an exact scan when the filter leaves few rows), sizes, free. Labels are uint32 row offsets within
// the segment. Every entry point catches everything: failures come back as QvStatus codes.
#include <cstring>
#include <new>
#include <stdexcept>

#include "hnsw_alg.h"
#include "search_plain.h"
#include "topk.h"

using quiver::Graph;
using quiver::Hnsw;

namespace {

// hnswlib's filter hook over a packed row bitset that lives in wasm memory.
class BitsetFilter final : public hnswlib::BaseFilterFunctor {
 public:
  BitsetFilter(const uint8_t* bits, uint32_t nbits) : bits_(bits), nbits_(nbits) {}
  bool operator()(hnswlib::labeltype label) override {
    return qv_bit(bits_, nbits_, static_cast<uint32_t>(label));
  }

 private:
  const uint8_t* bits_;
  uint32_t nbits_;
};

// Number of set bits among the first `nbits` bits.
uint32_t popcount_bits(const uint8_t* bits, uint32_t nbits) {
  uint32_t full = nbits >> 3, n = 0, i = 0;
  for (; i + 4 <= full; i += 4) {
    uint32_t w;
    memcpy(&w, bits + i, 4);
    n += __builtin_popcount(w);
  }
  for (; i < full; i++) n += __builtin_popcount(bits[i]);
  if (nbits & 7) n += __builtin_popcount(bits[full] & ((1u << (nbits & 7)) - 1));
  return n;
}

// Milvus (knowhere) leaves the graph for an exact scan when at least 93 % of the rows are filtered
// out, or when k asks for half or more of the rows that remain: the walk would visit most of the
// graph anyway and could come back with fewer than k rows.
constexpr float kScanWhenFilteredOut = 0.93f;
constexpr float kScanWhenTopkFraction = 0.5f;

int32_t scan(const Hnsw* h, const float* q, uint32_t k, const uint8_t* bits, uint32_t nbits,
             int32_t* outRows, float* outScores) {
  Graph* g = h->graph;
  const bool sim = h->metric != QV_L2;
  quiver::TopK top(k);
  const size_t n = g->cur_element_count;
  auto consider = [&](hnswlib::tableint id, uint32_t row) {
    if (g->isMarkedDeleted(id)) return;
    const float* v = reinterpret_cast<const float*>(g->getDataByInternalId(id));
    top.push(sim ? -quiver::dot(q, v, h->dim) : quiver::l2_sqr(q, v, h->dim), row);
  };
  if (!bits) {
    for (size_t i = 0; i < n; i++) {
      const auto id = static_cast<hnswlib::tableint>(i);
      consider(id, static_cast<uint32_t>(g->getExternalLabel(id)));
    }
    return quiver::emit_topk(top, sim, outRows, outScores);
  }
  // Under a filter (the scan runs when few rows are allowed) walk the allowed rows of the bitset,
  // skipping empty bytes, instead of every element: rows are added in order, so row r is usually
  // internal id r; otherwise hnswlib's label map finds it (absent rows are skipped).
  const uint32_t bytes = (nbits + 7) >> 3;
  for (uint32_t b = 0; b < bytes; b++) {
    uint32_t byte = bits[b];
    while (byte != 0) {
      const uint32_t row = (b << 3) + static_cast<uint32_t>(__builtin_ctz(byte));
      byte &= byte - 1;
      if (row >= nbits) break;
      if (row < n && g->getExternalLabel(static_cast<hnswlib::tableint>(row)) == row) {
        consider(static_cast<hnswlib::tableint>(row), row);
        continue;
      }
      auto found = g->label_lookup_.find(row);
      if (found != g->label_lookup_.end()) consider(found->second, row);
    }
  }
  return quiver::emit_topk(top, sim, outRows, outScores);
}

int32_t graph_search(Hnsw* h, const float* q, uint32_t k, uint32_t ef, const uint8_t* bits,
                     uint32_t nbits, int32_t* outRows, float* outScores) {
  Graph* g = h->graph;
  const bool sim = h->metric != QV_L2;
  const size_t beam = ef < k ? k : ef;
  std::priority_queue<std::pair<float, hnswlib::labeltype>> res;
  if (!bits && g->num_deleted_ == 0) {
    if (sim) quiver::search_plain<true>(g, q, k, beam, h->dim, res);
    else quiver::search_plain<false>(g, q, k, beam, h->dim, res);
  } else {
    g->setEf(beam);
    BitsetFilter filter(bits, nbits);
    res = g->searchKnn(q, k, bits ? &filter : nullptr);
  }
  // Re-score the few winners exactly: hnswlib ranks inner product as 1 - dot, which loses the low
  // bits of small similarities; Milvus reports the dot product itself.
  quiver::TopK top(k);
  while (!res.empty()) {
    auto [d, label] = res.top();
    res.pop();
    uint32_t row = static_cast<uint32_t>(label);
    if (sim) {
      auto it = g->label_lookup_.find(label);
      const float* v = reinterpret_cast<const float*>(g->getDataByInternalId(it->second));
      top.push(-quiver::dot(q, v, h->dim), row);
    } else {
      top.push(d, row);
    }
  }
  return quiver::emit_topk(top, sim, outRows, outScores);
}

}  // namespace

// Creates an empty index for `capacity` elements; 0 on failure (see qv_last_error).
QV_EXPORT(qv_hnsw_create)
Hnsw* qv_hnsw_create(uint32_t dim, int32_t metric, uint32_t capacity, uint32_t M, uint32_t efConstruction,
                     uint32_t seed) {
  qv_clear_error();
  if (dim < 1 || dim > 32768) return qv_fail(QV_E_ARG, "dim %u is outside [1, 32768]", dim), nullptr;
  if (metric < QV_L2 || metric > QV_COSINE) return qv_fail(QV_E_ARG, "unknown metric %d", metric), nullptr;
  if (M < 2 || M > 2048) return qv_fail(QV_E_ARG, "M %u is outside [2, 2048]", M), nullptr;
  if (efConstruction < 1) return qv_fail(QV_E_ARG, "efConstruction must be >= 1"), nullptr;
  if (capacity < 1) capacity = 1;
  if (!quiver::capacity_fits(capacity, dim, M)) {
    return qv_fail(QV_E_NOMEM, "capacity %u x dim %u does not fit the 4 GiB wasm32 memory", capacity, dim), nullptr;
  }
  Hnsw* h = nullptr;
  try {
    h = new Hnsw(dim, metric);
    h->graph = new Graph(&h->space, capacity, M, efConstruction, seed);
    quiver::drop_label_locks(h->graph);
    return h;
  } catch (const std::bad_alloc&) {
    delete h;
    return qv_fail(QV_E_NOMEM, "create: out of memory for capacity %u", capacity), nullptr;
  } catch (const std::exception& e) {
    delete h;
    return quiver::status_from_exception(e.what(), "create"), nullptr;
  }
}

// Adds `n` vectors (row-major, modified in place for COSINE) as rows firstRow .. firstRow+n-1.
// Fails without adding anything when the capacity is short or a row is already present.
QV_EXPORT(qv_hnsw_add) int32_t qv_hnsw_add(Hnsw* h, float* vecs, uint32_t n, uint32_t firstRow) {
  qv_clear_error();
  Graph* g = h->graph;
  if (static_cast<uint64_t>(firstRow) + n > 0xFFFFFFFFull) {
    return qv_fail(QV_E_ARG, "rows %u..%u exceed the uint32 row range", firstRow, firstRow + n);
  }
  if (g->cur_element_count + n > g->max_elements_) {
    return qv_fail(QV_E_CAPACITY, "adding %u rows to %u exceeds the capacity %u", n,
                   static_cast<uint32_t>(g->cur_element_count), static_cast<uint32_t>(g->max_elements_));
  }
  for (uint32_t i = 0; i < n; i++) {
    if (g->label_lookup_.count(firstRow + i)) return qv_fail(QV_E_DUPLICATE, "row %u is already in the index", firstRow + i);
  }
  uint32_t i = 0;
  try {
    for (; i < n; i++) {
      float* v = vecs + static_cast<size_t>(i) * h->dim;
      if (h->metric == QV_COSINE) quiver::normalize(v, h->dim);
      g->addPoint(v, static_cast<hnswlib::labeltype>(firstRow + i), -1);
    }
    return QV_OK;
  } catch (const std::bad_alloc&) {
    return qv_fail(QV_E_NOMEM, "add: out of memory at row %u (rows before it were added)", firstRow + i);
  } catch (const std::exception& e) {
    return quiver::status_from_exception(e.what(), "add");
  }
}

// Marks a row deleted: it stays in the graph for navigation but is never returned.
QV_EXPORT(qv_hnsw_mark_deleted) int32_t qv_hnsw_mark_deleted(Hnsw* h, uint32_t row) {
  qv_clear_error();
  Graph* g = h->graph;
  auto it = g->label_lookup_.find(row);
  if (it == g->label_lookup_.end()) return qv_fail(QV_E_NOTFOUND, "row %u is not in the index", row);
  if (g->isMarkedDeleted(it->second)) return qv_fail(QV_E_STATE, "row %u is already deleted", row);
  g->markDeletedInternal(it->second);
  return QV_OK;
}

// Changes the capacity (at least the current element count).
QV_EXPORT(qv_hnsw_resize) int32_t qv_hnsw_resize(Hnsw* h, uint32_t capacity) {
  qv_clear_error();
  Graph* g = h->graph;
  if (capacity < g->cur_element_count) {
    return qv_fail(QV_E_ARG, "capacity %u is below the element count %u", capacity,
                   static_cast<uint32_t>(g->cur_element_count));
  }
  if (!quiver::capacity_fits(capacity, h->dim, g->M_)) {
    return qv_fail(QV_E_NOMEM, "capacity %u x dim %u does not fit the 4 GiB wasm32 memory", capacity, h->dim);
  }
  try {
    g->resizeIndex(capacity);
    return QV_OK;
  } catch (const std::bad_alloc&) {
    return qv_fail(QV_E_NOMEM, "resize: out of memory for capacity %u", capacity);
  } catch (const std::exception& e) {
    return quiver::status_from_exception(e.what(), "resize");
  }
}

// Searches the k best rows among those whose bit is set in `bits` (all rows when bits is 0) and not
// deleted. strategy: 0 = auto (graph, or exact scan under a very selective filter), 1 = graph,
// 2 = exact scan. `query` is normalized in place for COSINE. Writes best first; returns the count.
QV_EXPORT(qv_hnsw_search)
int32_t qv_hnsw_search(Hnsw* h, float* query, uint32_t k, uint32_t ef, const uint8_t* bits, uint32_t nbits,
                       int32_t strategy, int32_t* outRows, float* outScores) {
  qv_clear_error();
  if (k < 1) return qv_fail(QV_E_ARG, "k must be >= 1");
  if (strategy < 0 || strategy > 2) return qv_fail(QV_E_ARG, "unknown strategy %d", strategy);
  Graph* g = h->graph;
  const uint32_t total = static_cast<uint32_t>(g->cur_element_count);
  if (total == 0) return 0;
  if (h->metric == QV_COSINE) quiver::normalize(query, h->dim);
  try {
    if (strategy == 0) {
      uint32_t live = total - static_cast<uint32_t>(g->num_deleted_);
      uint32_t allowed = bits ? popcount_bits(bits, nbits) : live;
      if (allowed > live) allowed = live;
      if (allowed == 0) return 0;
      bool few = static_cast<float>(total - allowed) >= kScanWhenFilteredOut * static_cast<float>(total);
      bool large_k = static_cast<float>(k) >= kScanWhenTopkFraction * static_cast<float>(allowed);
      strategy = few || large_k ? 2 : 1;
    }
    if (strategy == 2) return scan(h, query, k, bits, nbits, outRows, outScores);
    return graph_search(h, query, k, ef, bits, nbits, outRows, outScores);
  } catch (const std::bad_alloc&) {
    return qv_fail(QV_E_NOMEM, "search: out of memory");
  } catch (const std::exception& e) {
    return quiver::status_from_exception(e.what(), "search");
  }
}

// Elements in the graph, deleted ones included.
QV_EXPORT(qv_hnsw_count) uint32_t qv_hnsw_count(Hnsw* h) { return static_cast<uint32_t>(h->graph->cur_element_count); }

// Elements marked deleted.
QV_EXPORT(qv_hnsw_deleted) uint32_t qv_hnsw_deleted(Hnsw* h) { return static_cast<uint32_t>(h->graph->num_deleted_); }

// Current capacity.
QV_EXPORT(qv_hnsw_capacity) uint32_t qv_hnsw_capacity(Hnsw* h) { return static_cast<uint32_t>(h->graph->max_elements_); }

// 0 when the row is not in the index, 1 when it is live, 2 when it is marked deleted.
QV_EXPORT(qv_hnsw_has) int32_t qv_hnsw_has(Hnsw* h, uint32_t row) {
  auto it = h->graph->label_lookup_.find(row);
  if (it == h->graph->label_lookup_.end()) return 0;
  return h->graph->isMarkedDeleted(it->second) ? 2 : 1;
}

// Approximate bytes of wasm memory the index holds.
QV_EXPORT(qv_hnsw_memory) double qv_hnsw_memory(Hnsw* h) {
  const Graph* g = h->graph;
  double bytes = static_cast<double>(g->max_elements_) * (g->size_data_per_element_ + quiver::per_capacity_bytes());
  for (size_t i = 0; i < g->cur_element_count; i++) {
    if (g->element_levels_[i] > 0) bytes += static_cast<double>(g->size_links_per_element_) * g->element_levels_[i] + 1;
  }
  // label map: one node (key, value, hash, next) plus a bucket pointer per element.
  bytes += static_cast<double>(g->label_lookup_.size()) * 20 + g->label_lookup_.bucket_count() * 4;
  return bytes + sizeof(Hnsw) + sizeof(Graph);
}

// Frees the index.
QV_EXPORT(qv_hnsw_free) void qv_hnsw_free(Hnsw* h) { delete h; }

// The index's M (maximum links per element above level 0).
QV_EXPORT(qv_hnsw_m) uint32_t qv_hnsw_m(Hnsw* h) { return static_cast<uint32_t>(h->graph->M_); }

// The index's efConstruction.
QV_EXPORT(qv_hnsw_ef_construction) uint32_t qv_hnsw_ef_construction(Hnsw* h) {
  return static_cast<uint32_t>(h->graph->ef_construction_);
}
