import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './group-commit.js';

/** A target that records each write and truncation and lets the test decide when a write ends. */
function target() {
  const log: string[] = [];
  const pending: Array<() => void> = [];
  let next = 1;
  let fail: Error | undefined;
  const q = new GroupCommitQueue<string[]>(
    {
      async write(group, bytes) {
        log.push(`write ${group.map((b) => b.join('+')).join(' | ')} (${bytes} bytes)`);
        await new Promise<void>((r) => pending.push(r));
        if (fail !== undefined) throw fail;
        return group.map((b) => b.map(() => next++));
      },
      async truncate(before) {
        log.push(`truncate ${before}`);
        if (fail !== undefined) throw fail;
      },
    },
    10,
  );
  const release = async () => {
    while (pending.length === 0) await Promise.resolve();
    pending.shift()!();
  };
  return { q, log, release, failWith: (e: Error | undefined) => (fail = e) };
}

describe('GroupCommitQueue', () => {
  it('writes the appends that queued behind a running write together, in order', async () => {
    const t = target();
    const a = t.q.append(['a'], 4);
    const b = t.q.append(['b', 'c'], 3);
    const c = t.q.append(['d'], 3);
    await t.release();
    expect(await a).toEqual([1]);
    await t.release();
    expect(await b).toEqual([2, 3]);
    expect(await c).toEqual([4]);
    expect(t.log).toEqual(['write a (4 bytes)', 'write b+c | d (6 bytes)']);
  });

  it('caps a group at groupBytes but lets a larger append go alone', async () => {
    const t = target();
    const first = t.q.append(['x'], 1);
    const big = t.q.append(['big'], 25);
    const small = [t.q.append(['s1'], 6), t.q.append(['s2'], 4), t.q.append(['s3'], 1)];
    for (let i = 0; i < 4; i++) await t.release();
    await Promise.all([first, big, ...small]);
    expect(t.log).toEqual(['write x (1 bytes)', 'write big (25 bytes)', 'write s1 | s2 (10 bytes)', 'write s3 (1 bytes)']);
  });

  it('runs a truncation between the appends queued before and after it', async () => {
    const t = target();
    const a = t.q.append(['a'], 1);
    const b = t.q.append(['b'], 1);
    const cut = t.q.truncate(2);
    const c = t.q.append(['c'], 1);
    await t.release();
    await t.release();
    await t.release();
    await Promise.all([a, b, cut, c]);
    expect(t.log).toEqual(['write a (1 bytes)', 'write b (1 bytes)', 'truncate 2', 'write c (1 bytes)']);
  });

  it('fails every append of a failed group, and goes on with the next', async () => {
    const t = target();
    const a = t.q.append(['a'], 1);
    const b = t.q.append(['b'], 1);
    const c = t.q.append(['c'], 1);
    await t.release();
    await a;
    t.failWith(new Error('disk full'));
    await t.release();
    await expect(b).rejects.toThrow('disk full');
    await expect(c).rejects.toThrow('disk full');
    await expect(t.q.truncate(1)).rejects.toThrow('disk full');
    t.failWith(undefined);
    const d = t.q.append(['d'], 1);
    await t.release();
    expect(await d).toEqual([2]);
  });

  it('close() waits for every queued job, failed or not, then finishes once', async () => {
    const t = target();
    t.failWith(new Error('broken'));
    const a = t.q.append(['a'], 1).catch(() => 'failed');
    let finished = 0;
    const closing = t.q.close(() => {
      t.log.push('finish');
      finished++;
    });
    expect(t.q.close(() => undefined)).toBe(closing);
    await Promise.resolve();
    expect(finished).toBe(0);
    await t.release();
    await closing;
    expect(await a).toBe('failed');
    expect(finished).toBe(1);
    expect(t.log).toEqual(['write a (1 bytes)', 'finish']);
  });
});
