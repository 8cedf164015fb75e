import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';

// collections/fields/add (Milvus 2.6): a nullable field joins an existing collection; rows stored
// before read null (or the default), through growing and flushed segments, the WAL and a reopen.
describe('adding a field to a collection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-evolve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fields = [
    { fieldName: 'id', dataType: 'Int64', isPrimary: true },
    { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
  ];
  const rows = (from: number, to: number, extra: (i: number) => object = () => ({})) =>
    Array.from({ length: to - from }, (_, k) => ({ id: from + k, vec: [from + k, 1], ...extra(from + k) }));

  it('backfills null and defaults, filters on the new fields, and survives flush + reopen', async () => {
    let c = await open({ uri: `file://${dir}`, tickMs: 0 });
    await c.createCollection({ collectionName: 'e', schema: { fields }, indexParams: [{ fieldName: 'vec', metricType: 'L2' }] });
    await c.insert({ collectionName: 'e', data: rows(0, 4) });
    await c.flush({ collectionName: 'e' });
    await c.insert({ collectionName: 'e', data: rows(4, 6) }); // growing, and in the WAL only
    await c.addCollectionField({ collectionName: 'e', schema: { fieldName: 'tag', dataType: 'VarChar', nullable: true, elementTypeParams: { max_length: 8 } } });
    await c.addCollectionField({ collectionName: 'e', schema: { fieldName: 'rank', dataType: 'Int32', nullable: true, defaultValue: 7 } });
    await c.insert({ collectionName: 'e', data: rows(6, 8, (i) => ({ tag: `t${i}`, rank: i })) });
    const check = async () => {
      const all = (await c.query({ collectionName: 'e', filter: 'id >= 0', outputFields: ['tag', 'rank'], limit: 100 })).data;
      expect(all.map((r) => [r.id, r.tag, r.rank])).toEqual([
        [0, null, 7], [1, null, 7], [2, null, 7], [3, null, 7], [4, null, 7], [5, null, 7], [6, 't6', 6], [7, 't7', 7],
      ]);
      expect((await c.query({ collectionName: 'e', filter: 'tag is null', outputFields: ['count(*)'] })).data).toEqual([{ 'count(*)': 6 }]);
      expect((await c.query({ collectionName: 'e', filter: 'rank == 7', outputFields: ['count(*)'] })).data).toEqual([{ 'count(*)': 7 }]);
    };
    await check();
    await c.close({ flush: false }); // the last rows come back from the WAL
    c = await open({ uri: `file://${dir}`, tickMs: 0 });
    await check();
    await c.flush({ collectionName: 'e' });
    await c.compact({ collectionName: 'e' });
    await check();
    const described = (await c.describeCollection({ collectionName: 'e' })).data as { fields: Array<{ name: string; nullable: boolean }> };
    expect(described.fields.map((f) => [f.name, f.nullable])).toEqual([['id', false], ['vec', false], ['tag', true], ['rank', true]]);
    await c.close();
  });

  it('refuses fields that cannot be added, naming them, and changes nothing', async () => {
    const c = await open({ uri: 'memory://', tickMs: 0 });
    await c.createCollection({ collectionName: 'e', schema: { fields } });
    const bad = [
      [{ fieldName: 'n', dataType: 'Int32' }, 'must be nullable'],
      [{ fieldName: 'id', dataType: 'Int32', nullable: true }, 'already has a field'],
      [{ fieldName: 'v2', dataType: 'FloatVector', nullable: true, elementTypeParams: { dim: 2 } }, 'vector'],
      [{ fieldName: '9x', dataType: 'Int32', nullable: true }, '9x'],
    ] as const;
    for (const [schema, words] of bad) {
      await expect(c.addCollectionField({ collectionName: 'e', schema })).rejects.toMatchObject({ message: expect.stringContaining(words) });
    }
    const described = (await c.describeCollection({ collectionName: 'e' })).data as { fields: unknown[] };
    expect(described.fields).toHaveLength(2);
    await c.close();
  });
});
