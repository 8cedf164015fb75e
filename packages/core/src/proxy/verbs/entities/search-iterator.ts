import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { searchSegments } from '../../../querynode/search.js';
import { withVectors, type Segment } from '../../../querynode/segment.js';
import { annTarget, hitRow, queryVectors } from '../../ann.js';
import { partitionIds, requireLoaded, target } from '../../context.js';
import { expiryOf, makeFilter } from '../../filter.js';
import { outputsVectors, resolveOutput } from '../../output.js';
import { parseBody, SearchBody } from '../../requests.js';

/**
 * Pages through the results of a one-vector search in batches of `batchSize`, past the 16,384
 * limit of one search (Milvus's `search_iterator`); `limit` (optional) caps the total.
 */
export async function* searchIterator(inst: Instance, raw: unknown): AsyncGenerator<Array<Record<string, unknown>>> {
  const body = parseBody(SearchBody, raw, 'searchIterator');
  const batchSize = (raw as { batchSize?: unknown }).batchSize ?? 1000;
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 16384) {
    throw new QuiverError(ErrorCode.InvalidParameter, `batchSize: must be an integer from 1 to 16384, got ${String(batchSize)}`);
  }
  const t = target(inst, body);
  requireLoaded(t);
  const sp = body.searchParams ?? {};
  const ann = annTarget(t, body.annsField, sp.metricType ?? sp.metric_type);
  const queries = queryVectors(body.data, ann.field);
  if (queries.length !== 1) throw new QuiverError(ErrorCode.InvalidParameter, 'data: a search iterator takes exactly one query vector');
  const spec = resolveOutput(t.meta.schema, body.outputFields, []);
  // The TTL cutoff is taken once, at the first page, as the iterator's other state is.
  const filter = makeFilter(t.meta.schema, body.filter, body.exprParams ?? body.filterParams, expiryOf(inst, t.meta));
  const parts = partitionIds(t.meta, body.partitionNames);
  const total = body.limit ?? Infinity;
  const engine = await inst.ann();
  // Rows already returned are left out of the next search's bitset, so every page is a fresh
  // top-k among the rest (an exact scan takes over inside the engine once most rows are out).
  const exclude = new Map<Segment, Set<number>>();
  let returned = 0;
  while (returned < total) {
    const k = Math.min(batchSize, total - returned);
    const ef = (sp.params as Record<string, unknown> | undefined)?.ef as number | undefined;
    const page = (await searchSegments(engine, t.rt, queries, { field: ann.field.name, indexName: ann.indexName, efFloor: ann.efFloor, metric: ann.metric, k, ef, partitionIds: parts, filter, exclude }, inst.queryPool()))[0]!;
    if (page.length === 0) return;
    for (const h of page) {
      let set = exclude.get(h.seg);
      if (!set) exclude.set(h.seg, (set = new Set()));
      set.add(h.seg.chunkStarts()[h.chunk]! + h.row);
    }
    returned += page.length;
    const rows = (): Array<Record<string, unknown>> => page.map((h) => hitRow(spec, h, inst.int64));
    yield outputsVectors(spec) ? await withVectors(page.map((h) => h.seg), rows) : rows();
    if (page.length < k) return;
  }
}
