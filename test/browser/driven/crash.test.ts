import { afterEach, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { gotoTestPage, tempProfile, value, type Profile } from './chromium.js';

// Crash test: the page streams inserts (each acknowledged to Node only after insert() resolved)
// and is reloaded at random moments — mid-transaction, mid-flush, mid-segment-write. After every
// reload the database must reopen with every acknowledged row, and every insert batch must be
// all there or not there at all.
const URI = 'idb://crash';
const DIM = 16;
const TRIALS = 12;
const SPAN = 100_000; // ids of trial t are t*SPAN + …
const MAX_PER_TRIAL = 12_000;
const seed = Number(process.env.QUIVER_CRASH_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with QUIVER_CRASH_SEED. */
function random(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let profile: Profile | undefined;
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  await profile?.remove();
  context = profile = undefined;
});

it(`keeps every acknowledged insert across ${TRIALS} reloads at random moments (seed ${seed})`, { timeout: 120_000 }, async () => {
  const rand = random(seed);
  profile = await tempProfile();
  let page: Page;
  ({ context, page } = await profile.launch());
  const acked: Array<[number, number]> = [];
  await page.exposeFunction('quiverAck', (from: number, to: number) => {
    acked.push([from, to]);
  });
  const batches: number[] = []; // batch size of each trial

  for (let t = 0; t <= TRIALS; t++) {
    if (t > 0) await gotoTestPage(page); // the reload: whatever the page was doing stops here
    // A small seal size, so flushes (segment files in OPFS, WAL truncation) happen mid-stream too.
    value(await page.evaluate((u) => window.quiver.open(u, { seal: { maxRows: 3000 } }), URI));
    if (t === 0) value(await page.evaluate((d) => window.quiver.createCollection('items', d), DIM));

    for (let p = 0; p < t; p++) {
      const ids: number[] = value(await page.evaluate(([a, b]) => window.quiver.ids('items', a, b), [p * SPAN, (p + 1) * SPAN]));
      const present = new Set(ids);
      for (const [from, to] of acked.filter(([f]) => f >= p * SPAN && f < (p + 1) * SPAN)) {
        for (let id = from; id < to; id++) expect(present.has(id), `trial ${p}: acknowledged row ${id} is missing (seed ${seed})`).toBe(true);
      }
      // All-or-nothing per insert: the rows form whole batches from the start of the trial's stream.
      const b = batches[p]!;
      expect(ids.length % b, `trial ${p}: a partial batch survived (seed ${seed})`).toBe(0);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => p * SPAN + i));
    }
    if (t === TRIALS) break;

    const batch = 50 + Math.floor(rand() * 250);
    batches.push(batch);
    const acksBefore = acked.length;
    await page.evaluate(([s, b, d, m]) => window.quiver.stream('items', s, b, d, m), [t * SPAN, batch, DIM, MAX_PER_TRIAL]);
    // A random moment of the stream: after 0–4 acknowledgements, then 0–300 ms more.
    const waitAcks = Math.floor(rand() * 5);
    const deadline = Date.now() + 20_000;
    while (acked.length - acksBefore < waitAcks && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, Math.floor(rand() * 300)));
  }
  value(await page.evaluate(() => window.quiver.close()));
  console.log(`crash test (seed ${seed}): ${TRIALS} reloads, ${acked.length} acknowledged inserts, ${acked.reduce((n, [f, t]) => n + t - f, 0)} rows checked`);
  expect(acked.length).toBeGreaterThan(TRIALS);
});
