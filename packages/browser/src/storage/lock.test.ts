import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@quiver/core';
import { expectQuiverError } from '@quiver/core/testing';
import { deleteBrowserStorage, lockName, openBrowserStorage, parseIdbUri } from './index.js';
import type { BrowserStorage } from './index.js';

describe('one open per database in the whole origin (Web Lock)', () => {
  const uris: string[] = [];
  const opened: BrowserStorage[] = [];
  const fresh = () => {
    const uri = `idb://lock-${crypto.randomUUID()}`;
    uris.push(uri);
    return uri;
  };
  const open = async (uri: string, options = {}) => {
    const s = await openBrowserStorage(uri, options);
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    for (const u of uris.splice(0)) await deleteBrowserStorage(u);
  });

  it('a second open fails with Locked naming the database and the way out', async () => {
    const uri = fresh();
    await open(uri);
    await expectQuiverError(openBrowserStorage(uri), ErrorCode.Locked, uri, 'another tab', "lock: 'wait'");
    await expectQuiverError(deleteBrowserStorage(uri), ErrorCode.Locked, uri);
    const held = await navigator.locks.query();
    expect(held.held?.map((l) => l.name)).toContain(lockName(parseIdbUri(uri)));
  });

  it("lock: 'wait' opens once the holder closes, with its data", async () => {
    const uri = fresh();
    const first = await open(uri);
    await first.meta.put('k', 'from the first');
    let second: BrowserStorage | undefined;
    const waiting = open(uri, { lock: 'wait' }).then((s) => (second = s));
    await new Promise((r) => setTimeout(r, 50));
    expect(second).toBeUndefined();
    await first.close();
    await waiting;
    expect(await second!.meta.get('k')).toBe('from the first');
  });

  it('an aborted wait is Locked', async () => {
    const uri = fresh();
    await open(uri);
    const ctl = new AbortController();
    const waiting = openBrowserStorage(uri, { lock: 'wait', signal: ctl.signal });
    ctl.abort();
    await expectQuiverError(waiting, ErrorCode.Locked, 'gave up waiting');
  });

  it('other databases are not affected, and close releases the lock', async () => {
    const a = fresh();
    const b = fresh();
    const sa = await open(a);
    await open(b);
    await sa.close();
    await open(a);
  });

  it('rejects URIs that are not idb://<name>', async () => {
    await expectQuiverError(openBrowserStorage('idb://'), ErrorCode.InvalidParameter, 'invalid database name');
    await expectQuiverError(openBrowserStorage('idb://a/b'), ErrorCode.InvalidParameter, '"a/b"');
    await expectQuiverError(openBrowserStorage('idb://.hidden'), ErrorCode.InvalidParameter, '".hidden"');
    await expectQuiverError(openBrowserStorage('file:///x'), ErrorCode.InvalidParameter, 'idb://');
  });
});
