import { afterEach, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { gotoTestPage, tempProfile, value, type Profile } from './chromium.js';

// Two real tabs (pages of one persistent browser context) share one database with
// `tabs: 'share'`: the first leads, the second forwards its calls. Both write and search; then the
// leader tab is closed in the middle of the second tab's inserts, the second tab takes the lock,
// opens the database (replaying the WAL) and keeps every acknowledged row; a third tab follows it.
// The page is a plain Vite build, so this also runs the IndexNode and QueryNode workers as a bundler ships them.
const URI = 'idb://tabs';
const DIM = 16;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

let profile: Profile | undefined;
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  await profile?.remove();
  context = profile = undefined;
});

async function newTab(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await gotoTestPage(page);
  return page;
}

const ids = (p: Page) => p.evaluate(() => window.quiver.ids('items', 0, 1e9)).then(value);
const insert = (p: Page, from: number, to: number) => p.evaluate(([a, b, d]) => window.quiver.insert('items', a, b, d), [from, to, DIM]).then(value);
const search = (p: Page, of: number[]) => p.evaluate(([o, d]) => window.quiver.search('items', o, 5, d), [of, DIM] as const).then(value);

it('two tabs write and search one database; the leader tab closes and the other carries on with every acknowledged row', { timeout: 90_000 }, async () => {
  profile = await tempProfile();
  let tab1: Page;
  ({ context, page: tab1 } = await profile.launch());
  const tab2 = await newTab(context);
  value(await tab1.evaluate((u) => window.quiver.open(u, { tabs: 'share' }), URI));
  value(await tab2.evaluate((u) => window.quiver.open(u, { tabs: 'share' }), URI));
  value(await tab2.evaluate((d) => window.quiver.createCollection('items', d), DIM)); // forwarded to tab1

  // Both tabs insert at once, in interleaved batches.
  await Promise.all([
    (async () => {
      for (let i = 0; i < 1000; i += 100) await insert(tab1, i, i + 100);
    })(),
    (async () => {
      for (let i = 1000; i < 2000; i += 100) await insert(tab2, i, i + 100);
    })(),
  ]);
  expect(await ids(tab1)).toEqual(range(0, 2000));
  expect(await ids(tab2)).toEqual(range(0, 2000));
  const hits = await search(tab2, [7, 1500]);
  expect(await search(tab1, [7, 1500])).toEqual(hits);
  expect([hits[0]!.id, hits[5]!.id]).toEqual([7, 1500]);
  value(await tab2.evaluate(() => window.quiver.flush('items'))); // index built in tab1's IndexNode worker
  expect(value(await tab1.evaluate(() => window.quiver.indexNode()))).toEqual({ spawned: 1, failures: [] });
  // The QueryNode workers of the Vite build load and serve the flushed segment.
  const served = value(await tab1.evaluate(() => window.quiver.queryNodes()));
  expect(served.failures).toEqual([]);
  expect(served.nodes.reduce((n, x) => n + x.ready, 0)).toBe(1);
  expect(served.vectorsAway).toBe(1);

  // tab2 inserts batch after batch; tab1 goes away (no close(), no flush: its rows are only in the
  // WAL) after 3 of them were acknowledged, and tab2 stops after 3 more were acknowledged.
  let acks = 0;
  await tab2.exposeFunction('quiverAck', () => void acks++);
  const stream = tab2.evaluate(([s, d]) => window.quiver.insertUntilStopped('items', s, 50, d), [10_000, DIM]);
  const until = async (n: number) => {
    const deadline = Date.now() + 30_000;
    while (acks < n) {
      if (Date.now() > deadline) throw new Error(`tab2 got only ${acks} of ${n} inserts acknowledged in 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until(3);
  await tab1.close();
  const before = acks;
  await until(before + 3);
  await tab2.evaluate(() => window.quiver.stopInserts());
  const { acked, failed } = value(await stream);
  for (const code of failed) expect(code).toBe(1); // ServiceNotReady: retryable, never a hang
  expect(acked.length).toBeGreaterThanOrEqual(6);
  console.log(`hand-over: ${acked.length} batches acknowledged, ${failed.length} failed with ServiceNotReady`);

  const present = new Set(await ids(tab2));
  const want = [...range(0, 2000), ...acked.flatMap(([f, t]) => range(f, t))];
  for (const id of want) expect(present.has(id), `acknowledged row ${id} is missing`).toBe(true);
  const after = await search(tab2, [7, 1500]);
  expect([after[0]!.id, after[5]!.id]).toEqual([7, 1500]);

  // tab2 leads now: a third tab follows it and sees the same rows; tab2 builds indexes in its own worker.
  const tab3 = await newTab(context);
  value(await tab3.evaluate((u) => window.quiver.open(u, { tabs: 'share' }), URI));
  await insert(tab3, 20_000, 20_100);
  expect(await ids(tab3)).toEqual([...present, ...range(20_000, 20_100)].sort((a, b) => a - b));
  value(await tab3.evaluate(() => window.quiver.flush('items')));
  expect(value(await tab2.evaluate(() => window.quiver.indexNode()))).toEqual({ spawned: 1, failures: [] });
  value(await tab3.evaluate(() => window.quiver.close()));
  value(await tab2.evaluate(() => window.quiver.close()));
});
