// Top-k selection for exact scans: a bounded max-heap on (key, row) where a smaller key is better and
// equal keys go to the smaller row, so results never depend on scan order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace quiver {

class TopK {
 public:
  explicit TopK(uint32_t k) : k_(k) { heap_.reserve(k); }

  // Offers a candidate; keeps it when it is among the k best seen so far.
  inline void push(float key, uint32_t row) {
    if (k_ == 0) return;
    Entry e{key, row};
    if (heap_.size() < k_) {
      heap_.push_back(e);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (better(e, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = e;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }

  // The kept candidates, best first.
  std::vector<std::pair<float, uint32_t>>& sorted() {
    std::sort_heap(heap_.begin(), heap_.end(), better);
    return heap_;
  }

 private:
  using Entry = std::pair<float, uint32_t>;
  // Heap "less than": a is better than b. std's max-heap then keeps the worst candidate on top.
  static bool better(const Entry& a, const Entry& b) {
    return a.first < b.first || (a.first == b.first && a.second < b.second);
  }
  uint32_t k_;
  std::vector<Entry> heap_;
};

// Writes `top` (keys: smaller is better) to the output arrays as Milvus scores: the key itself for
// L2 (squared distance), its negation for IP and COSINE (similarity). Returns the number written.
inline int32_t emit_topk(TopK& top, bool similarity, int32_t* outRows, float* outScores) {
  auto& v = top.sorted();
  for (size_t i = 0; i < v.size(); i++) {
    outRows[i] = static_cast<int32_t>(v[i].second);
    outScores[i] = similarity ? -v[i].first : v[i].first;
  }
  return static_cast<int32_t>(v.size());
}

}  // namespace quiver
