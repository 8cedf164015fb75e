import { ErrorCode, QuiverError } from '../../../errors.js';
import { resolveEf } from '../../../index/params.js';
import type { Instance } from '../../../instance.js';
import { searchSegments, type Hit } from '../../../querynode/search.js';
import { LIMITS } from '../../../schema/types.js';
import { annTarget, hitRow, queryVectors, rangeParams } from '../../ann.js';
import { partitionIds, requireLoaded, target } from '../../context.js';
import { expiryOf, makeFilter } from '../../filter.js';
import { outputsVectors, resolveOutput } from '../../output.js';
import { withVectors } from '../../../querynode/segment.js';
import { parseBody, SearchBody } from '../../requests.js';
import { checkWindow } from './limit-offset.js';

/** Response of search: hits of every query vector, one after the other, and their counts. */
export type SearchResponse = { data: Array<Record<string, unknown>>; topks?: number[] };

function groupKey(h: Hit, field: string): unknown {
  const col = h.seg.chunks[h.chunk]!.columns[field]!;
  if (col.valid && !col.valid[h.row]) return null;
  const v = (col.values as ArrayLike<unknown>)[h.row];
  return typeof v === 'bigint' ? `i${v}` : v;
}

/** Picks `groups` groups of up to `size` hits from best-first hits; `complete` says no group could grow. */
function group(hits: Hit[], field: string, groups: number, size: number): { picked: Hit[][]; complete: boolean } {
  const byKey = new Map<unknown, Hit[]>();
  for (const h of hits) {
    const k = groupKey(h, field);
    const g = byKey.get(k);
    if (g) {
      if (g.length < size) g.push(h);
    } else if (byKey.size < groups) byKey.set(k, [h]);
  }
  const picked = [...byKey.values()];
  return { picked, complete: picked.length >= groups && picked.every((g) => g.length >= size) };
}

/**
 * entities/search: ANN search with Milvus's semantics — `data` (one or many vectors), `annsField`,
 * `filter` (applied inside HNSW as a bitset), `limit`/`offset`, `outputFields`, `searchParams`
 * (`metricType`, `params.ef`, range search `radius`/`range_filter`), grouping
 * (`groupingField`, `groupSize`, `strictGroupSize`) and `partitionNames`.
 */
export async function search(inst: Instance, raw: unknown): Promise<SearchResponse> {
  const body = parseBody(SearchBody, raw, 'search');
  const t = target(inst, body);
  requireLoaded(t);
  const sp = body.searchParams ?? {};
  const params = { ...(sp.params ?? {}) } as Record<string, unknown>;
  const ann = annTarget(t, body.annsField, sp.metricType ?? sp.metric_type);
  const queries = queryVectors(body.data, ann.field);
  const limit = body.limit ?? 100;
  const offset = body.offset ?? 0;
  checkWindow(limit, offset);
  const { radius, rangeFilter } = rangeParams(ann.metric, params.radius ?? sp.radius, params.range_filter ?? sp.range_filter);
  const ef = (params.ef ?? sp.ef) as number | undefined;
  const spec = resolveOutput(t.meta.schema, body.outputFields, []);
  if (spec.count) throw new QuiverError(ErrorCode.InvalidParameter, 'outputFields: count(*) is for query, not search');
  const engine = await inst.ann();
  const req = { field: ann.field.name, indexName: ann.indexName, efFloor: ann.efFloor, metric: ann.metric, k: limit + offset, ef, partitionIds: partitionIds(t.meta, body.partitionNames), filter: makeFilter(t.meta.schema, body.filter, body.exprParams ?? body.filterParams, expiryOf(inst, t.meta)), radius, rangeFilter };
  let perQuery: Hit[][];
  if (body.groupingField) {
    const gf = t.meta.schema.fields.find((f) => f.name === body.groupingField);
    if (!gf) throw new QuiverError(ErrorCode.FieldNotFound, `groupingField: the collection has no field "${body.groupingField}"`);
    if (!['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'VarChar'].includes(gf.dataType)) throw new QuiverError(ErrorCode.InvalidParameter, `groupingField: cannot group by ${gf.dataType} field "${gf.name}"`);
    const size = body.groupSize ?? 1;
    // ef is checked against the requested window (Milvus's rule); the larger candidate lists
    // grouping asks for internally raise it as needed.
    const groupEf = ef === undefined ? undefined : resolveEf(limit + offset, ef);
    perQuery = [];
    for (const q of queries) {
      let k = Math.min(LIMITS.maxTopK, (limit + offset) * size * 4);
      for (;;) {
        const hits = (await searchSegments(engine, t.rt, [q], { ...req, k, ef: groupEf === undefined ? undefined : Math.max(groupEf, k) }, inst.queryPool()))[0]!;
        const g = group(hits, gf.name, limit + offset, size);
        // Milvus's strictGroupSize tries to fill every group; without it the first pass is enough.
        if (!body.strictGroupSize || g.complete || hits.length < k || k >= LIMITS.maxTopK) {
          perQuery.push(g.picked.slice(offset).flat());
          break;
        }
        k = Math.min(LIMITS.maxTopK, k * 4);
      }
    }
  } else {
    perQuery = (await searchSegments(engine, t.rt, queries, req, inst.queryPool())).map((hits) => hits.slice(offset));
  }
  const rows = (): Array<Record<string, unknown>> => perQuery.flatMap((hits) => hits.map((h) => hitRow(spec, h, inst.int64)));
  const data = outputsVectors(spec) ? await withVectors(perQuery.flat().map((h) => h.seg), rows) : rows();
  return queries.length === 1 ? { data } : { data, topks: perQuery.map((h) => h.length) };
}
