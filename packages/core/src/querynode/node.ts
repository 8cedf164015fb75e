import { decodeSegment } from '../datanode/files.js';
import { ErrorCode, QuiverError } from '../errors.js';
import { RowBitset } from '../index/bitset.js';
import type { AnnEngine, AnnIndex } from '../index/types.js';
import type { QueryNode, QueryNodeHits, QueryNodeSearchTask, QueryNodeStatus, SegmentServeTask, ServedIndex } from '../roles.js';
import type { ObjectStore } from '../storage/types.js';
import { lazyEngine } from '../index/engine.js';
import type { WasmSource } from '../index/wasm-module.js';
import { sendingQueryNode } from '../util/wire-errors.js';
import { searchUnit, tieOrder, topK } from './search.js';

/** A segment as a QueryNode serves it: its index files, and exact-scan indexes of fields without one. */
interface Served {
  readonly task: SegmentServeTask;
  readonly indexes: Map<string, { readonly field: string; readonly index: AnnIndex }>;
  /** Exact-scan indexes by `<field>/<metric>`, made from the segment file on first use. */
  readonly scans: Map<string, AnnIndex>;
}

/** A worker's QueryNode: core's over `objects` with an engine from `wasm`, whose results go out through `send` (see sendingQueryNode). */
export function workerQueryNode(objects: ObjectStore, wasm: WasmSource, send: (hits: QueryNodeHits) => QueryNodeHits): QueryNode {
  return sendingQueryNode(createQueryNode(objects, lazyEngine(wasm)), send);
}

/**
 * The QueryNode role over an ObjectStore and an ANN engine: serves sealed segments it loads from
 * storage itself (index files; the segment file only for fields searched by exact scan) and runs
 * searches over them with the allowed rows the coordinator sends. The same code runs in a Web
 * Worker (the browser's pool) or in-process.
 */
export function createQueryNode(objects: ObjectStore, engine: () => Promise<AnnEngine>): QueryNode {
  const served = new Map<string, Served>();
  /** Loads in flight per key, so a search waits for the segment it names instead of failing. */
  const loading = new Map<string, Promise<void>>();

  const dispose = (s: Served): void => {
    for (const { index } of s.indexes.values()) index.dispose();
    for (const scan of s.scans.values()) scan.dispose();
    s.indexes.clear();
    s.scans.clear();
  };

  const readIndex = async (ann: AnnEngine, ix: ServedIndex): Promise<AnnIndex> => ann.loadIndex(await objects.get(ix.path), ix.path);

  const segment = async (key: string): Promise<Served> => {
    await loading.get(key);
    const s = served.get(key);
    if (!s) throw new QuiverError(ErrorCode.SegmentNotFound, `QueryNode: segment ${key} is not loaded here`);
    return s;
  };

  /** The exact-scan index of a field: the segment's vectors copied into wasm memory once. */
  const scanOf = async (s: Served, task: QueryNodeSearchTask): Promise<AnnIndex> => {
    const key = `${task.field}/${task.metric}`;
    let scan = s.scans.get(key);
    if (!scan) {
      const chunk = decodeSegment(await objects.get(s.task.segmentPath), s.task.segmentPath);
      const col = chunk.columns[task.field];
      if (!col || col.dataType !== 'FloatVector') throw new QuiverError(ErrorCode.FieldNotFound, `QueryNode: segment ${s.task.segmentPath} has no vector field "${task.field}"`);
      const ann = await engine();
      scan = ann.createIndex({ indexType: 'FLAT', dim: task.dim, metric: task.metric, capacity: chunk.rowCount, name: `${s.task.segmentPath} ${task.field}` });
      scan.add(col.values as Float32Array, 0);
      s.scans.set(key, scan);
    }
    return scan;
  };

  return {
    async heartbeat(): Promise<QueryNodeStatus> {
      let rows = 0;
      for (const s of served.values()) rows += s.task.rows;
      // The engine is only asked once it exists (a heartbeat must answer at once).
      const memoryBytes = [...served.values()].reduce((n, s) => n + [...s.indexes.values()].reduce((m, x) => m + x.index.memoryBytes(), 0) + [...s.scans.values()].reduce((m, x) => m + x.memoryBytes(), 0), 0);
      return { segments: served.size, rows, memoryBytes };
    },

    async loadSegment(task: SegmentServeTask): Promise<void> {
      if (served.has(task.key) || loading.has(task.key)) return loading.get(task.key);
      const load = (async () => {
        const s: Served = { task: { ...task, indexes: [...task.indexes] }, indexes: new Map(), scans: new Map() };
        try {
          if (task.indexes.length > 0) {
            const ann = await engine();
            for (const ix of task.indexes) s.indexes.set(ix.indexName, { field: ix.field, index: await readIndex(ann, ix) });
          }
        } catch (e) {
          dispose(s);
          throw e;
        }
        served.set(task.key, s);
      })();
      loading.set(task.key, load);
      try {
        await load;
      } finally {
        loading.delete(task.key);
      }
    },

    async loadIndex(key: string, ix: ServedIndex): Promise<void> {
      const s = await segment(key);
      if (s.indexes.has(ix.indexName)) return;
      const index = await readIndex(await engine(), ix);
      if (served.get(key) !== s) {
        index.dispose(); // released meanwhile
        return;
      }
      s.indexes.set(ix.indexName, { field: ix.field, index });
      for (const [k, scan] of s.scans) {
        if (!k.startsWith(`${ix.field}/`)) continue;
        scan.dispose();
        s.scans.delete(k);
      }
    },

    async releaseSegment(key: string): Promise<void> {
      await loading.get(key)?.catch(() => undefined);
      const s = served.get(key);
      if (!s) return;
      served.delete(key);
      dispose(s);
    },

    async search(task: QueryNodeSearchTask): Promise<QueryNodeHits> {
      const nq = task.queries.length / task.dim;
      if (!Number.isInteger(nq)) throw new QuiverError(ErrorCode.InvalidParameter, `QueryNode: ${task.queries.length} query floats are not a multiple of dim ${task.dim}`);
      const perQuery: Array<Array<{ seg: number; row: number; distance: number }>> = Array.from({ length: nq }, () => []);
      for (let si = 0; si < task.segments.length; si++) {
        const part = task.segments[si]!;
        const s = await segment(part.key);
        const index = (task.indexName ? s.indexes.get(task.indexName)?.index : undefined) ?? (await scanOf(s, task));
        const allowed = part.allowed ? new RowBitset(s.task.rows, part.allowed) : null;
        for (let qi = 0; qi < nq; qi++) {
          const out = perQuery[qi]!;
          searchUnit(index, task.queries.subarray(qi * task.dim, (qi + 1) * task.dim), allowed, s.task.rows, task, (row, distance) => out.push({ seg: si, row, distance }));
        }
      }
      // Equal distances in the coordinator's order, so this node's cut is the one it would make.
      const keyOf = (si: number): string => task.segments[si]!.key;
      const merged = perQuery.map((hits) => topK(hits, task.metric, task.k, (a, b) => tieOrder(keyOf(a.seg), a.row, keyOf(b.seg), b.row)));
      const total = merged.reduce((n, h) => n + h.length, 0);
      const hits: QueryNodeHits = { counts: new Int32Array(nq), segments: new Int32Array(total), rows: new Int32Array(total), distances: new Float32Array(total) };
      let at = 0;
      merged.forEach((list, qi) => {
        hits.counts[qi] = list.length;
        for (const h of list) {
          hits.segments[at] = h.seg;
          hits.rows[at] = h.row;
          hits.distances[at] = h.distance;
          at++;
        }
      });
      return hits;
    },
  };
}
