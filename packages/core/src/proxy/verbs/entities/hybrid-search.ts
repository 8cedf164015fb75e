import { ErrorCode, QuiverError } from '../../../errors.js';
import type { MetricType } from '../../../index/types.js';
import type { Instance } from '../../../instance.js';
import { searchSegments, type Hit } from '../../../querynode/search.js';
import { withVectors } from '../../../querynode/segment.js';
import { annTarget, hitRow, pkOf, queryVectors, rangeParams } from '../../ann.js';
import { partitionIds, requireLoaded, target } from '../../context.js';
import { expiryOf, makeFilter } from '../../filter.js';
import { outputsVectors, resolveOutput } from '../../output.js';
import { HybridSearchBody, parseBody } from '../../requests.js';
import { checkWindow } from './limit-offset.js';
import type { SearchResponse } from './search.js';

/** Milvus's WeightedRanker normalization of a distance into [0, 1], larger is better. */
export function normalizeScore(metric: MetricType, d: number): number {
  if (metric === 'COSINE') return (1 + d) / 2;
  if (metric === 'IP') return 0.5 + Math.atan(d) / Math.PI;
  return 1 - (2 * Math.atan(d)) / Math.PI;
}

/**
 * entities/hybrid_search: one ANN search per sub-request (each on its own vector field, filter
 * and limit), fused by a reranker — `rrf` (score Σ 1/(k + rank), k = 60 by default) or `weighted`
 * (Σ weight × normalized distance) — into the top `limit` rows; `distance` is the fused score.
 */
export async function hybridSearch(inst: Instance, raw: unknown): Promise<SearchResponse> {
  const body = parseBody(HybridSearchBody, raw, 'hybrid_search');
  const t = target(inst, body);
  requireLoaded(t);
  const limit = body.limit ?? 100;
  const offset = body.offset ?? 0;
  checkWindow(limit, offset);
  const strategy = body.rerank.strategy.toLowerCase();
  const rp = body.rerank.params ?? {};
  let weights: number[] = [];
  if (strategy === 'weighted') {
    weights = (rp.weights as number[] | undefined) ?? [];
    if (!Array.isArray(weights) || weights.length !== body.search.length || weights.some((w) => typeof w !== 'number' || w < 0 || w > 1)) {
      throw new QuiverError(ErrorCode.InvalidParameter, `rerank.params.weights: give one weight in [0, 1] per search request (${body.search.length})`);
    }
  } else if (strategy !== 'rrf') throw new QuiverError(ErrorCode.InvalidParameter, `rerank.strategy: "${body.rerank.strategy}" is not rrf or weighted`);
  const rrfK = Number(rp.k ?? 60);
  if (strategy === 'rrf' && !(rrfK > 0 && rrfK < 16384)) throw new QuiverError(ErrorCode.InvalidParameter, `rerank.params.k: must be in (0, 16384), got ${String(rp.k)}`);
  const engine = await inst.ann();
  const parts = partitionIds(t.meta, body.partitionNames);
  const pkName = t.meta.schema.fields.find((f) => f.isPrimary)!.name;
  const nq = body.search[0]!.data.length;
  const expiry = expiryOf(inst, t.meta); // one cutoff for every sub-request
  const fused: Array<Map<bigint | string, { hit: Hit; score: number }>> = Array.from({ length: nq }, () => new Map());
  for (const [si, s] of body.search.entries()) {
    const where = `search[${si}]`;
    if (s.data.length !== nq) throw new QuiverError(ErrorCode.InvalidParameter, `${where}.data: every sub-request needs the same number of query vectors (${nq})`);
    const sp = s.searchParams ?? {};
    const params = { ...(sp.params ?? {}), ...(s.params ?? {}) } as Record<string, unknown>;
    const ann = annTarget(t, s.annsField, s.metricType ?? sp.metricType, `${where}.annsField`);
    const queries = queryVectors(s.data, ann.field, `${where}.data`);
    const k = (s.limit ?? limit) + (s.offset ?? 0);
    checkWindow(k, 0);
    const filter = makeFilter(t.meta.schema, s.filter, s.exprParams, expiry);
    const results = await searchSegments(engine, t.rt, queries, { field: ann.field.name, indexName: ann.indexName, efFloor: ann.efFloor, metric: ann.metric, k, ef: params.ef as number | undefined, partitionIds: parts, filter, ...rangeParams(ann.metric, params.radius, params.range_filter, `${where}.params`) }, inst.queryPool());
    results.forEach((hits, qi) => {
      hits.slice(s.offset ?? 0).forEach((h, rank) => {
        const score = strategy === 'rrf' ? 1 / (rrfK + rank + 1) : weights[si]! * normalizeScore(ann.metric, h.distance);
        const pk = pkOf(pkName, h);
        const cur = fused[qi]!.get(pk);
        if (cur) cur.score += score;
        else fused[qi]!.set(pk, { hit: h, score });
      });
    });
  }
  const spec = resolveOutput(t.meta.schema, body.outputFields, []);
  const perQuery = fused.map((m) => [...m.values()].sort((a, b) => b.score - a.score).slice(offset, offset + limit));
  const rows = (): Array<Record<string, unknown>> => perQuery.flatMap((list) => list.map((x) => hitRow(spec, x.hit, inst.int64, x.score)));
  const data = outputsVectors(spec) ? await withVectors(perQuery.flat().map((x) => x.hit.seg), rows) : rows();
  return nq === 1 ? { data } : { data, topks: perQuery.map((l) => l.length) };
}
