// The ann suite's tables, as rows of strings, for the console and for docs/benchmarks.md alike.
// Every figure carries its ratio to native hnswlib-node and to brute force measured in the same run.
import type { Point } from '../engines/measure.js';
import type { EngineResult } from '../engines/run.js';
import type { DatasetResult } from '../suites/ann.js';
import { times } from '../suite.js';

/** A titled table. */
export interface Table {
  readonly title: string;
  readonly header: string[];
  readonly rows: string[][];
}

/** Recall targets of the equal-recall table. */
export const RECALL_TARGETS = [0.9, 0.95, 0.99] as const;

/** The fastest point reaching `target` recall (null when none does). */
export function bestAt(points: readonly Point[], target: number): Point | null {
  let best: Point | null = null;
  for (const p of points) if (p.recall >= target && (!best || p.qps > best.qps)) best = p;
  return best;
}

/** The run's native hnswlib-node and brute-force records. */
export function references(engines: readonly EngineResult[]): { native?: EngineResult; brute?: EngineResult } {
  return { native: engines.find((e) => e.name.startsWith('hnswlib-node') && e.status === 'ok'), brute: engines.find((e) => e.name.startsWith('brute force') && e.status === 'ok') };
}

/** Formats queries per second. */
export function qps(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function mib(bytes: number | null | undefined): string {
  return bytes == null ? '—' : (bytes / 2 ** 20).toFixed(1);
}

function status(e: EngineResult): string {
  if (e.status !== 'ok') return `${e.status}: ${e.reason ?? ''}`;
  return e.build && e.build.indexBytes === null ? `ok (index bytes: ${e.build.bytesNote})` : 'ok';
}

/** Build, equal-recall and sweep tables of one dataset. */
export function annTables(d: DatasetResult): Table[] {
  const { native, brute } = references(d.engines);
  const nb = native?.build;
  const bruteQps = brute?.points[0]?.qps;
  const rawBytes = d.n * d.dim * 4;
  const build: Table = {
    title: `${d.name}: build (ratios to native hnswlib-node; raw vectors = ${mib(rawBytes)} MiB)`,
    header: ['engine', 'algorithm', 'build s', '× native', 'index MiB', '× native', '× raw vectors', 'status'],
    rows: d.engines.map((e) => [
      e.name,
      e.algorithm,
      e.build ? (e.build.buildMs / 1000).toFixed(2) : '—',
      times(e.build?.buildMs, nb?.buildMs),
      mib(e.build?.indexBytes),
      times(e.build?.indexBytes, nb?.indexBytes),
      times(e.build?.indexBytes, rawBytes),
      status(e),
    ]),
  };
  const recall: Table = {
    title: `${d.name}: QPS at equal recall@10 — the fastest measured point reaching each target (× native hnswlib-node at the same target, × brute force)`,
    header: ['engine', ...RECALL_TARGETS.map((t) => `QPS @ ≥${t}`), ...RECALL_TARGETS.map((t) => `× native, × brute @ ≥${t}`)],
    rows: d.engines
      .filter((e) => e.points.length > 0)
      .map((e) => {
        const at = RECALL_TARGETS.map((t) => bestAt(e.points, t));
        const nat = RECALL_TARGETS.map((t) => (native ? bestAt(native.points, t) : null));
        return [e.name, ...at.map((p) => (p ? `${qps(p.qps)}${p.ef !== null ? ` (ef ${p.ef})` : ''}` : 'not reached')), ...at.map((p, i) => (p ? `${times(p.qps, nat[i]?.qps)}, ${times(p.qps, bruteQps)}` : '—'))];
      }),
  };
  const sweep: Table = {
    title: `${d.name}: every measured point (× native hnswlib-node at the same ef, × brute force)`,
    header: ['engine', 'ef', 'recall@10', 'QPS', '× native', '× brute', 'queries'],
    rows: d.engines.flatMap((e) =>
      e.points.map((p) => {
        const nat = p.ef !== null ? native?.points.find((x) => x.ef === p.ef) : undefined;
        return [e.name, p.ef === null ? '—' : String(p.ef), p.recall.toFixed(4), qps(p.qps), times(p.qps, nat?.qps), times(p.qps, bruteQps), String(p.queries)];
      }),
    ),
  };
  return [build, recall, sweep];
}
