import { afterEach, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { gotoTestPage, tempProfile, value, type Profile } from './chromium.js';

// Persistence in real Chromium with a persistent profile (user-data-dir in a temp folder): what a
// page acknowledged is there after a reload and after the browser restarts; while one tab has the
// database open, another tab's open is Locked.
const URI = 'idb://persistence';
const DIM = 16;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

let profile: Profile | undefined;
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  await profile?.remove();
  context = profile = undefined;
});

it('keeps acknowledged rows across a page reload and a browser restart; a second tab is Locked', async () => {
  profile = await tempProfile();
  let page: Page;
  ({ context, page } = await profile.launch());
  value(await page.evaluate((u) => window.quiver.open(u), URI));
  value(await page.evaluate((d) => window.quiver.createCollection('items', d), DIM));
  for (let i = 0; i < 2000; i += 500) value(await page.evaluate(([a, b, d]) => window.quiver.insert('items', a, b, d), [i, i + 500, DIM]));
  expect(value(await page.evaluate(() => window.quiver.ids('items', 0, 1e9)))).toEqual(range(0, 2000));
  const search = () => page.evaluate((d) => window.quiver.search('items', [7, 1500], 5, d), DIM);
  const before = value(await search()) as Array<{ id: unknown }>;
  expect([before[0].id, before[5].id]).toEqual([7, 1500]);

  // Another tab of the same origin cannot open the database while this one has it.
  const tab2 = await context.newPage();
  await gotoTestPage(tab2);
  const second = await tab2.evaluate((u) => window.quiver.open(u), URI);
  expect(second).toMatchObject({ ok: false, code: 90006 });
  expect(second.ok ? '' : second.message).toContain('another tab');
  await tab2.close();

  // Reload without closing: the page is gone mid-session; everything acknowledged is back.
  await gotoTestPage(page);
  value(await page.evaluate((u) => window.quiver.open(u), URI));
  expect(value(await page.evaluate(() => window.quiver.ids('items', 0, 1e9)))).toEqual(range(0, 2000));
  expect(value(await search())).toEqual(before);

  // Some rows flushed to OPFS segment files, some only in the WAL; then the browser goes away.
  value(await page.evaluate(([a, b, d]) => window.quiver.insert('items', a, b, d), [2000, 2500, DIM]));
  value(await page.evaluate(() => window.quiver.flush('items')));
  value(await page.evaluate(([a, b, d]) => window.quiver.insert('items', a, b, d), [2500, 3000, DIM]));
  await context.close();

  ({ context, page } = await profile.launch());
  value(await page.evaluate((u) => window.quiver.open(u), URI));
  expect(value(await page.evaluate(() => window.quiver.ids('items', 0, 1e9)))).toEqual(range(0, 3000));
  const after = value(await page.evaluate((d) => window.quiver.search('items', [7, 2600], 1, d), DIM));
  expect(after.map((h) => h.id)).toEqual([7, 2600]);
  value(await page.evaluate(() => window.quiver.close()));
});
