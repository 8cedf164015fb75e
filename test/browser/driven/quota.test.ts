import { afterEach, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { tempProfile, value, type Profile } from './chromium.js';

// A full disk, as the browser reports it: the origin's quota is set to 1 MiB through the DevTools
// protocol before anything touched IndexedDB (Chromium reads it once per session). Writes that do
// not fit are StorageFull (90004) and leave nothing behind: no WAL record, no LSN consumed, no
// catalog change, no object (written from the page or from a worker with sync access handles).
let profile: Profile | undefined;
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  await profile?.remove();
  context = profile = undefined;
});

it('a full quota is StorageFull with nothing half-written (WAL, catalog, objects on the page and in a worker)', async () => {
  profile = await tempProfile();
  let page: Page;
  ({ context, page } = await profile.launch());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(inject('quiverPageUrl')).origin, quotaSize: 1024 * 1024 });
  const r = value(await page.evaluate((u) => window.quiver.quotaProbe(u), 'idb://quota'));
  expect(r.first).toEqual([1]);
  expect(r.appends).toHaveLength(3);
  for (const a of r.appends) {
    expect(a).toMatchObject({ ok: false, code: 90004 });
    expect(a.ok ? '' : a.message).toContain('quota');
  }
  expect(r.nextAfter).toBe(2);
  expect(r.read).toEqual([1]);
  expect(r.batch).toMatchObject({ ok: false, code: 90004 });
  expect(r.scan).toEqual([['kept', 'v']]);
  expect(r.object).toMatchObject({ ok: false, code: 90004 });
  expect(r.objects).toEqual([]);
  // In a dedicated worker, where blobs are written with sync access handles, the same.
  expect(r.inWorker).toMatchObject({ ok: false, code: 90004, list: [] });
});
