// HNSW indexes in and out of memory as bytes, in hnswlib's own file layout as 64-bit builds write it
// (hnswlib-node, Python hnswlib): every size_t field and every label is 8 bytes little-endian, so a
// file from `saveIndex` there loads here and the other way round. In memory (wasm32) size_t and the
// label are 4 bytes, so level-0 records are rewritten on the way through. Loading validates every
// field and every link before the graph can touch it: bad bytes give QV_E_CORRUPT, never a trap.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <unordered_set>

#include "hnsw_alg.h"

using quiver::Graph;
using quiver::Hnsw;

namespace {

constexpr uint64_t kHeaderBytes = 8 * 6 + 4 + 4 + 8 * 3 + 8 + 8;  // 96
constexpr uint32_t kLabelBytes64 = 8;

class Writer {
 public:
  explicit Writer(uint8_t* p) : p_(p) {}
  void u64(uint64_t v) { put(&v, 8); }
  void u32(uint32_t v) { put(&v, 4); }
  void f64(double v) { put(&v, 8); }
  void put(const void* src, size_t n) {
    memcpy(p_, src, n);
    p_ += n;
  }
  uint8_t* pos() const { return p_; }

 private:
  uint8_t* p_;
};

class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  bool has(uint64_t n) const { return static_cast<uint64_t>(end_ - p_) >= n; }
  uint64_t u64() { return get<uint64_t>(); }
  uint32_t u32() { return get<uint32_t>(); }
  double f64() { return get<double>(); }
  const uint8_t* take(size_t n) {
    const uint8_t* r = p_;
    p_ += n;
    return r;
  }
  size_t left() const { return static_cast<size_t>(end_ - p_); }

 private:
  template <class T>
  T get() {
    T v;
    memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  const uint8_t* p_;
  const uint8_t* end_;
};

uint32_t link_count(const void* ll) {
  uint16_t c;
  memcpy(&c, ll, 2);
  return c;
}

// Checks a link list: its count fits, every neighbour exists, and at `level` > 0 the neighbour
// has that level (hnswlib reads its links without checking).
bool links_ok(const uint8_t* ll, uint32_t maxCount, uint32_t n, int level, const std::vector<int>& levels) {
  uint32_t c = link_count(ll);
  if (c > maxCount) return false;
  for (uint32_t j = 0; j < c; j++) {
    uint32_t id;
    memcpy(&id, ll + 4 + 4 * j, 4);
    if (id >= n || levels[id] < level) return false;
  }
  return true;
}

void free_partial(Graph* g, size_t upto) {
  if (g->linkLists_) {
    for (size_t i = 0; i < upto; i++) free(g->linkLists_[i]);
    free(g->linkLists_);
    g->linkLists_ = nullptr;
  }
  free(g->data_level0_memory_);
  g->data_level0_memory_ = nullptr;
  g->cur_element_count = 0;  // so ~HierarchicalNSW does not walk the lists again
}

}  // namespace

// Serializes the index; returns a qv_malloc'd buffer (free with qv_free) and its size, or 0.
QV_EXPORT(qv_hnsw_serialize) uint8_t* qv_hnsw_serialize(Hnsw* h, uint32_t* outSize) {
  qv_clear_error();
  const Graph* g = h->graph;
  const size_t n = g->cur_element_count;
  const size_t rec32 = g->size_data_per_element_;
  const size_t labelOff = g->label_offset_;
  uint64_t total = kHeaderBytes + static_cast<uint64_t>(n) * (rec32 - sizeof(hnswlib::labeltype) + kLabelBytes64);
  for (size_t i = 0; i < n; i++) {
    total += 4 + (g->element_levels_[i] > 0 ? static_cast<uint64_t>(g->size_links_per_element_) * g->element_levels_[i] : 0);
  }
  if (total > QV_MAX_ALLOC) return qv_fail(QV_E_NOMEM, "serialize: %llu bytes exceed the wasm32 limit", (unsigned long long)total), nullptr;
  uint8_t* buf = static_cast<uint8_t*>(malloc(static_cast<size_t>(total)));
  if (!buf) return qv_fail(QV_E_NOMEM, "serialize: out of memory for %llu bytes", (unsigned long long)total), nullptr;
  Writer w(buf);
  w.u64(0);  // offsetLevel0_
  w.u64(g->max_elements_);
  w.u64(n);
  w.u64(rec32 - sizeof(hnswlib::labeltype) + kLabelBytes64);  // size_data_per_element_ (64-bit)
  w.u64(labelOff);
  w.u64(g->offsetData_);
  w.u32(static_cast<uint32_t>(g->maxlevel_));
  w.u32(g->enterpoint_node_);
  w.u64(g->maxM_);
  w.u64(g->maxM0_);
  w.u64(g->M_);
  w.f64(g->mult_);
  w.u64(g->ef_construction_);
  for (size_t i = 0; i < n; i++) {
    const char* rec = g->data_level0_memory_ + i * rec32;
    w.put(rec, labelOff);
    hnswlib::labeltype label;
    memcpy(&label, rec + labelOff, sizeof label);
    w.u64(static_cast<uint64_t>(label));
  }
  for (size_t i = 0; i < n; i++) {
    uint32_t bytes = g->element_levels_[i] > 0 ? static_cast<uint32_t>(g->size_links_per_element_ * g->element_levels_[i]) : 0;
    w.u32(bytes);
    if (bytes) w.put(g->linkLists_[i], bytes);
  }
  *outSize = static_cast<uint32_t>(total);
  return buf;
}

// Loads an index from hnswlib's 64-bit layout with room for `capacity` elements (at least the
// stored count). `dim` and `metric` are not in hnswlib's format: the caller supplies them.
QV_EXPORT(qv_hnsw_load)
Hnsw* qv_hnsw_load(const uint8_t* bytes, uint32_t size, uint32_t dim, int32_t metric, uint32_t capacity) {
  qv_clear_error();
  if (dim < 1 || dim > 32768) return qv_fail(QV_E_ARG, "dim %u is outside [1, 32768]", dim), nullptr;
  if (metric < QV_L2 || metric > QV_COSINE) return qv_fail(QV_E_ARG, "unknown metric %d", metric), nullptr;
  Reader r(bytes, size);
  if (!r.has(kHeaderBytes)) return qv_fail(QV_E_CORRUPT, "%u bytes are too short for an hnswlib header", size), nullptr;
  uint64_t offsetLevel0 = r.u64(), maxElements = r.u64(), count = r.u64(), rec64 = r.u64(), labelOff = r.u64(),
           offsetData = r.u64();
  int32_t maxLevel = static_cast<int32_t>(r.u32());
  uint32_t enterPoint = r.u32();
  uint64_t maxM = r.u64(), maxM0 = r.u64(), M = r.u64();
  double mult = r.f64();
  uint64_t efc = r.u64();
  const uint64_t links0 = maxM0 * 4 + 4;
  if (offsetLevel0 != 0 || maxM0 < 1 || maxM0 > 65535 || maxM < 1 || maxM > 65535 || M < 1 || M > 65535 ||
      offsetData != links0 || labelOff != links0 + 4ull * dim || rec64 != labelOff + kLabelBytes64) {
    return qv_fail(QV_E_CORRUPT, "header does not describe %u-dimensional float vectors in hnswlib's 64-bit layout", dim), nullptr;
  }
  if (count > maxElements || count > 0xFFFFFFFFull || maxElements > 0xFFFFFFFFull || efc > 0xFFFFFFFFull ||
      !(std::isfinite(mult) && mult > 0) || maxLevel < -1 || maxLevel > 64 || (count > 0 && (maxLevel < 0 || enterPoint >= count))) {
    return qv_fail(QV_E_CORRUPT, "header fields are inconsistent (count %llu, max level %d, entry point %u)",
                   (unsigned long long)count, maxLevel, enterPoint), nullptr;
  }
  const uint32_t n = static_cast<uint32_t>(count);
  if (!r.has(count * rec64)) return qv_fail(QV_E_CORRUPT, "level 0 of %u elements is cut short", n), nullptr;
  if (capacity < n) capacity = n;
  if (capacity < 1) capacity = 1;
  if (!quiver::capacity_fits(capacity, dim, maxM0 / 2 + 1)) {
    return qv_fail(QV_E_NOMEM, "capacity %u x dim %u does not fit the 4 GiB wasm32 memory", capacity, dim), nullptr;
  }
  Hnsw* h = nullptr;
  try {
    h = new Hnsw(dim, metric);
    Graph* g = new Graph(&h->space);
    h->graph = g;
    const size_t rec32 = static_cast<size_t>(labelOff) + sizeof(hnswlib::labeltype);
    g->max_elements_ = capacity;
    g->offsetLevel0_ = 0;
    g->size_data_per_element_ = rec32;
    g->label_offset_ = static_cast<size_t>(labelOff);
    g->offsetData_ = static_cast<size_t>(offsetData);
    g->size_links_level0_ = static_cast<size_t>(links0);
    g->size_links_per_element_ = static_cast<size_t>(maxM * 4 + 4);
    g->maxlevel_ = maxLevel;
    g->enterpoint_node_ = count > 0 ? enterPoint : static_cast<hnswlib::tableint>(-1);
    g->maxM_ = maxM;
    g->maxM0_ = maxM0;
    g->M_ = M;
    g->mult_ = mult;
    g->revSize_ = 1.0 / mult;
    g->ef_construction_ = efc;
    g->ef_ = 10;
    g->data_size_ = h->space.get_data_size();
    g->fstdistfunc_ = h->space.get_dist_func();
    g->dist_func_param_ = h->space.get_dist_func_param();
    g->data_level0_memory_ = static_cast<char*>(malloc(static_cast<size_t>(capacity) * rec32));
    g->linkLists_ = static_cast<char**>(calloc(capacity, sizeof(void*)));
    if (!g->data_level0_memory_ || !g->linkLists_) throw std::bad_alloc();
    g->element_levels_.assign(capacity, 0);
    std::vector<std::mutex>(capacity).swap(g->link_list_locks_);
    g->visited_list_pool_.reset(new hnswlib::VisitedListPool(1, capacity));
    g->label_lookup_.reserve(n);
    for (uint32_t i = 0; i < n; i++) {
      const uint8_t* rec = r.take(static_cast<size_t>(rec64));
      uint64_t label;
      memcpy(&label, rec + labelOff, 8);
      if (label > 0xFFFFFFFFull) throw std::runtime_error("corrupt: label does not fit a uint32 row");
      char* dst = g->data_level0_memory_ + static_cast<size_t>(i) * rec32;
      memcpy(dst, rec, static_cast<size_t>(labelOff));
      hnswlib::labeltype l32 = static_cast<hnswlib::labeltype>(label);
      memcpy(dst + labelOff, &l32, sizeof l32);
      if (!g->label_lookup_.emplace(l32, i).second) throw std::runtime_error("corrupt: a row appears twice");
    }
    uint32_t loaded = 0;  // elements whose upper-level links are read
    try {
      for (; loaded < n; loaded++) {
        if (!r.has(4)) throw std::runtime_error("corrupt: upper-level links are cut short");
        uint32_t bytes = r.u32();
        if (bytes == 0) continue;
        if (bytes % g->size_links_per_element_ != 0 || !r.has(bytes)) throw std::runtime_error("corrupt: bad upper-level link size");
        int level = static_cast<int>(bytes / g->size_links_per_element_);
        if (level > maxLevel) throw std::runtime_error("corrupt: element level above the max level");
        g->element_levels_[loaded] = level;
        g->linkLists_[loaded] = static_cast<char*>(malloc(bytes));
        if (!g->linkLists_[loaded]) throw std::bad_alloc();
        memcpy(g->linkLists_[loaded], r.take(bytes), bytes);
      }
      if (r.left() != 0) throw std::runtime_error("corrupt: trailing bytes after the last element");
      if (n > 0 && g->element_levels_[enterPoint] != maxLevel) throw std::runtime_error("corrupt: entry point is not on the top level");
      for (uint32_t i = 0; i < n; i++) {
        const uint8_t* ll0 = reinterpret_cast<const uint8_t*>(g->data_level0_memory_ + static_cast<size_t>(i) * rec32);
        if (!links_ok(ll0, static_cast<uint32_t>(maxM0), n, 0, g->element_levels_)) throw std::runtime_error("corrupt: bad level-0 links");
        for (int lv = 1; lv <= g->element_levels_[i]; lv++) {
          const uint8_t* ll = reinterpret_cast<const uint8_t*>(g->linkLists_[i] + (lv - 1) * g->size_links_per_element_);
          if (!links_ok(ll, static_cast<uint32_t>(maxM), n, lv, g->element_levels_)) throw std::runtime_error("corrupt: bad upper-level links");
        }
        if (g->isMarkedDeleted(i)) g->num_deleted_ += 1;
      }
      g->cur_element_count = n;
    } catch (...) {
      free_partial(g, n);  // entries not loaded are still null (calloc)
      throw;
    }
    return h;
  } catch (const std::bad_alloc&) {
    delete h;
    return qv_fail(QV_E_NOMEM, "load: out of memory for %u elements", n), nullptr;
  } catch (const std::runtime_error& e) {
    delete h;
    if (strncmp(e.what(), "corrupt: ", 9) == 0) return qv_fail(QV_E_CORRUPT, "%s", e.what() + 9), nullptr;
    return quiver::status_from_exception(e.what(), "load"), nullptr;
  } catch (const std::exception& e) {
    delete h;
    return quiver::status_from_exception(e.what(), "load"), nullptr;
  }
}
