import { describe, expect, it } from 'vitest';
import { STORAGES, useTemp, vec, type Client, type Row } from './helpers.js';

// Random sequences of writes and lifecycle steps, checked after every step against a plain Map
// model: key → (title, partition). Latest write wins; a delete with a partition only removes keys
// living there. Seeds are fixed so a failure names a reproducible sequence.

const PARTS = ['_default', 'p1', 'p2'] as const;
const KEYS = 30;
const STEPS = 60;
const SEEDS = [1, 2, 3];

interface Model {
  readonly title: string;
  readonly part: string;
}

function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

async function check(c: Client, model: Map<number, Model>, step: string): Promise<void> {
  for (const part of PARTS) {
    const got = ((await c.query({ collectionName: 'm', filter: '', partitionNames: [part], outputFields: ['title'], limit: 1000 })).data as Row[])
      .map((r) => [r.id, r.title])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    const want = [...model.entries()].filter(([, m]) => m.part === part).map(([id, m]) => [id, m.title]).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(got, `${step}: partition ${part}`).toEqual(want);
  }
  const n = ((await c.query({ collectionName: 'm', filter: '', outputFields: ['count(*)'] })).data[0] as Row)['count(*)'];
  expect(n, `${step}: count(*)`).toBe(model.size);
}

describe.each(STORAGES)('random operation sequences against a model (%s storage)', (kind) => {
  const tmp = useTemp();

  it.each(SEEDS)('seed %i', async (seed) => {
    const rand = prng(seed * 7919);
    const dir = kind === 'file' ? tmp.dir() : undefined;
    const opts = { seal: { maxRows: 8 } };
    let c = await tmp.open(dir, opts);
    await c.createCollection({
      collectionName: 'm',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'title', dataType: 'VarChar', elementTypeParams: { max_length: 32 } },
          { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 4 } },
        ],
      },
      indexParams: [{ fieldName: 'v', metricType: 'L2' }],
    });
    await c.createPartition({ collectionName: 'm', partitionName: 'p1' });
    await c.createPartition({ collectionName: 'm', partitionName: 'p2' });
    const model = new Map<number, Model>();
    const log: string[] = [];
    let version = 0;
    for (let step = 0; step < STEPS; step++) {
      const op = rand(100);
      if (op < 35) {
        const part = PARTS[rand(3)]!;
        const rows = Array.from({ length: 1 + rand(6) }, () => ({ id: rand(KEYS), title: `v${++version}`, v: vec(version) }));
        const verb = rand(2) === 0 ? 'insert' : 'upsert';
        log.push(`${verb} ${part} ${rows.map((r) => r.id).join(',')}`);
        await (verb === 'insert' ? c.insert({ collectionName: 'm', partitionName: part, data: rows }) : c.upsert({ collectionName: 'm', partitionName: part, data: rows }));
        for (const r of rows) model.set(r.id, { title: r.title, part });
      } else if (op < 50) {
        const keys = Array.from({ length: 1 + rand(4) }, () => rand(KEYS));
        const part = rand(3) === 0 ? PARTS[rand(3)] : undefined;
        log.push(`delete ids ${keys.join(',')}${part ? ` in ${part}` : ''}`);
        await c.delete({ collectionName: 'm', ids: keys, ...(part ? { partitionName: part } : {}) });
        for (const k of keys) if (!part || model.get(k)?.part === part) model.delete(k);
      } else if (op < 58) {
        const lo = rand(KEYS);
        const hi = lo + rand(6);
        log.push(`delete ${lo} <= id < ${hi}`);
        await c.delete({ collectionName: 'm', filter: `id >= ${lo} and id < ${hi}` });
        for (const k of [...model.keys()]) if (k >= lo && k < hi) model.delete(k);
      } else if (op < 70) {
        log.push('flush');
        await c.flush({ collectionName: 'm' });
      } else if (op < 78) {
        log.push('compact');
        await c.compact({ collectionName: 'm' });
      } else if (op < 84) {
        log.push('release+load');
        await c.releaseCollection({ collectionName: 'm' });
        await c.loadCollection({ collectionName: 'm' });
      } else if (op < 92 && dir !== undefined) {
        const flush = rand(2) === 0;
        log.push(`reopen (${flush ? 'close' : 'close without flush'})`);
        await c.close({ flush });
        c = await tmp.open(dir, opts);
      } else {
        const id = rand(KEYS);
        log.push(`get ${id}`);
        const got = (await c.get({ collectionName: 'm', id, outputFields: ['title'] })).data;
        const m = model.get(id);
        expect(got, log.join('\n')).toEqual(m ? [{ id, title: m.title }] : []);
      }
      await check(c, model, log.join('\n'));
    }
  });
});
