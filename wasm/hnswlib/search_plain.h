// hnswlib's k-NN walk for the plain case — no filter, no deleted element — with the distance kernel
// called directly (inlined) instead of through the space's function pointer (a call_indirect in
// wasm), and its two heaps kept in vectors reused across searches instead of priority_queues
// allocated per search. Same algorithm, same heap order and stop rule as hnswlib's
// searchKnn / searchBaseLayerST<bare_bone_search = true>, so the answers are hnswlib's (the interop
// tests compare them with hnswlib-node and hnswlib-wasm). Filtered searches and searches over an
// index with deletions go through hnswlib's own searchKnn with a BaseFilterFunctor.
#pragma once

#include <algorithm>
#include <queue>
#include <utility>
#include <vector>

#include "hnsw_alg.h"

namespace quiver {

template <bool InnerProduct>
inline float graph_distance(const float* q, const char* v, size_t dim) {
  const float* x = reinterpret_cast<const float*>(v);
  return InnerProduct ? 1.f - dot(q, x, dim) : l2_sqr(q, x, dim);
}

// The k nearest elements of `g` to `q` as (hnswlib distance, label), in a max-heap like searchKnn's.
template <bool InnerProduct>
void search_plain(const Graph* g, const float* q, size_t k, size_t ef, size_t dim,
                  std::priority_queue<std::pair<float, hnswlib::labeltype>>& result) {
  using hnswlib::tableint;
  using Pair = std::pair<float, tableint>;
  // Greedy descent through the upper levels.
  tableint cur = g->enterpoint_node_;
  float curDist = graph_distance<InnerProduct>(q, g->getDataByInternalId(cur), dim);
  for (int level = g->maxlevel_; level > 0; level--) {
    bool changed = true;
    while (changed) {
      changed = false;
      const unsigned int* data = g->get_linklist(cur, level);
      int size = g->getListCount(const_cast<unsigned int*>(data));
      for (int i = 1; i <= size; i++) {
        tableint c = data[i];
        float d = graph_distance<InnerProduct>(q, g->getDataByInternalId(c), dim);
        if (d < curDist) {
          curDist = d;
          cur = c;
          changed = true;
        }
      }
    }
  }
  // Beam search on level 0: `top` holds the ef best so far (farthest on top), `cand` the elements
  // still to expand (closest on top). The module is single-threaded, so the vectors are shared.
  static std::vector<Pair> top, cand;
  top.clear();
  cand.clear();
  auto farther = [](const Pair& a, const Pair& b) { return a.first < b.first; };
  auto closer = [](const Pair& a, const Pair& b) { return a.first > b.first; };
  hnswlib::VisitedList* vl = g->visited_list_pool_->getFreeVisitedList();
  hnswlib::vl_type* visited = vl->mass;
  const hnswlib::vl_type tag = vl->curV;
  float lowerBound = curDist;
  top.emplace_back(curDist, cur);
  cand.emplace_back(curDist, cur);
  visited[cur] = tag;
  while (!cand.empty()) {
    const Pair next = cand.front();
    if (next.first > lowerBound) break;
    std::pop_heap(cand.begin(), cand.end(), closer);
    cand.pop_back();
    const unsigned int* data = g->get_linklist0(next.second);
    const size_t size = g->getListCount(const_cast<unsigned int*>(data));
    for (size_t j = 1; j <= size; j++) {
      const tableint c = data[j];
      if (visited[c] == tag) continue;
      visited[c] = tag;
      const float d = graph_distance<InnerProduct>(q, g->getDataByInternalId(c), dim);
      if (top.size() < ef || lowerBound > d) {
        cand.emplace_back(d, c);
        std::push_heap(cand.begin(), cand.end(), closer);
        top.emplace_back(d, c);
        std::push_heap(top.begin(), top.end(), farther);
        if (top.size() > ef) {
          std::pop_heap(top.begin(), top.end(), farther);
          top.pop_back();
        }
        lowerBound = top.front().first;
      }
    }
  }
  g->visited_list_pool_->releaseVisitedList(vl);
  for (const Pair& e : top) result.emplace(e.first, g->getExternalLabel(e.second));
  while (result.size() > k) result.pop();
}

}  // namespace quiver
