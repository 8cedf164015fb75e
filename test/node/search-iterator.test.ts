import { describe, expect, it } from 'vitest';
import { open } from '@quiver/node';

// A search iterator pages past the 16,384 limit of one search: every live row exactly once, in
// order of distance. Checked against a brute-force L2 scan written here.
describe('searchIterator', () => {
  it('returns every row once, nearest first, across sealed and growing segments', async () => {
    const c = await open({ uri: 'memory://', tickMs: 0 });
    await c.createCollection({ collectionName: 'it', dimension: 8, metricType: 'L2' });
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const rows = Array.from({ length: 18_000 }, (_, i) => ({ id: i, vector: Array.from({ length: 8 }, () => rnd()) }));
    for (let i = 0; i < 15_000; i += 5000) await c.insert({ collectionName: 'it', data: rows.slice(i, i + 5000) });
    await c.flush({ collectionName: 'it' });
    await c.waitForIdle();
    await c.insert({ collectionName: 'it', data: rows.slice(15_000) }); // growing
    await c.delete({ collectionName: 'it', ids: [1, 2, 3] });
    const q = rows[100]!.vector;
    const dist = (v: number[]) => v.reduce((s, x, k) => s + (x - q[k]!) ** 2, 0);
    const expected = rows.filter((r) => r.id > 3 || r.id === 0).map((r) => ({ id: r.id, d: dist(r.vector) })).sort((a, b) => a.d - b.d);

    const got: Array<{ id: number; distance: number }> = [];
    let pages = 0;
    for await (const page of c.searchIterator({ collectionName: 'it', data: [q], batchSize: 5000 })) {
      pages++;
      expect(page.length).toBeLessThanOrEqual(5000);
      got.push(...(page as Array<{ id: number; distance: number }>));
    }
    expect(pages).toBe(4);
    expect(got.length).toBe(expected.length);
    expect(new Set(got.map((h) => h.id))).toEqual(new Set(expected.map((e) => e.id)));
    // Each page's distances are exact; pages come nearest first.
    for (let i = 1; i < got.length; i++) expect(got[i]!.distance).toBeGreaterThanOrEqual(got[i - 1]!.distance - 1e-6);
    const firstTen = new Set(expected.slice(0, 10).map((e) => e.id));
    expect(got.slice(0, 10).filter((h) => firstTen.has(h.id)).length).toBeGreaterThanOrEqual(9);
    await c.close();
  }, 60_000);

  it('rejects a bad batch size and several query vectors', async () => {
    const c = await open({ uri: 'memory://', tickMs: 0 });
    await c.createCollection({ collectionName: 'it', dimension: 2 });
    await expect(c.searchIterator({ collectionName: 'it', data: [[1, 0]], batchSize: 0 }).next()).rejects.toMatchObject({ code: 1100, message: expect.stringContaining('batchSize') });
    await expect(c.searchIterator({ collectionName: 'it', data: [[1, 0], [0, 1]] }).next()).rejects.toMatchObject({ code: 1100, message: expect.stringContaining('one query vector') });
    await c.close();
  });
});
