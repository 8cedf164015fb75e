import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { open, queryThreadEntry, queryThreadOptions, type QueryThreadOptions } from '@quiver/node';
import { bruteL2, parkMillerVectors } from '../shared/pool-data.js';
import { useTemp, type Client } from './helpers.js';

// QueryNodes in worker threads (@quiver/node `queryWorkers`): sealed segments of a file://
// database are spread over the threads, which read their files themselves; results equal a
// brute-force scan written here; a thread that dies is replaced and its segments reloaded.
const DIM = 8;
const PER = 300;
const SEGMENTS = 4;

const data = parkMillerVectors(SEGMENTS * PER + 100, DIM, 3);
const queries = parkMillerVectors(5, DIM, 9);

const brute = (q: number[], alive: (id: number) => boolean): number[] => bruteL2(data, q, 10, alive);

async function fill(c: Client): Promise<void> {
  await c.createCollection({ collectionName: 'v', dimension: DIM, metricType: 'L2', autoId: false, primaryFieldName: 'id', vectorFieldName: 'vec' });
  for (let s = 0; s <= SEGMENTS; s++) {
    const from = s * PER;
    const rows = data.slice(from, s < SEGMENTS ? from + PER : data.length).map((vec, k) => ({ id: from + k, vec }));
    await c.insert({ collectionName: 'v', data: rows });
    if (s < SEGMENTS) await c.flush({ collectionName: 'v' });
  }
  await c.waitForIdle();
}

async function searchIds(c: Client): Promise<number[][]> {
  const res = await c.search({ collectionName: 'v', data: queries, annsField: 'vec', limit: 10, searchParams: { params: { ef: 200 } } });
  const topks = (res as { topks?: number[] }).topks!;
  let at = 0;
  return topks.map((n) => {
    const ids = (res.data as Array<{ id: number }>).slice(at, at + n).map((h) => Number(h.id));
    at += n;
    return ids;
  });
}

describe('QueryNode worker threads', () => {
  const tmp = useTemp();

  it('serve the sealed segments in parallel with exact results; a dead thread is replaced', async () => {
    const threads: Worker[] = [];
    const options: QueryThreadOptions = { count: 2, spawn: (n) => (threads.push(new Worker(queryThreadEntry(), queryThreadOptions(n))), threads[threads.length - 1]!) };
    const c = await open({ uri: tmp.uri(tmp.dir()), tickMs: 0, queryWorkers: options });
    try {
      await fill(c);
      const info = await c.queryNodes();
      expect(info.nodes.map((n) => [n.segments, n.ready, n.rows])).toEqual([
        [2, 2, 2 * PER],
        [2, 2, 2 * PER],
      ]);
      // The collection's AUTOINDEX (HNSW) searched with a wide ef: the exact top 10 here.
      expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, () => true)));
      await c.delete({ collectionName: 'v', filter: 'id % 4 == 0' });
      expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, (id) => id % 4 !== 0)));
      await threads[1]!.terminate();
      expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, (id) => id % 4 !== 0)));
      await c.waitForIdle();
      const after = await c.queryNodes();
      expect(after.failures.map((f) => [f.slot, f.during])).toEqual([[1, 'crash']]);
      expect(after.nodes.map((n) => n.ready)).toEqual([2, 2]);
      expect(threads).toHaveLength(3);
    } finally {
      await c.close();
    }
  });

  it('refuses a bad queryWorkers value with a clear error', async () => {
    await expect(open({ uri: tmp.uri(tmp.dir()), queryWorkers: -1 })).rejects.toMatchObject({ code: 1100, message: expect.stringContaining('queryWorkers: -1 is not a whole number from 0 to 64') });
  });
});
