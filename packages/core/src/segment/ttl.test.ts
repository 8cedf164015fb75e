import { describe, expect, it } from 'vitest';
import type { Chunk } from './column.js';
import { clearExpired, expiryCutoff, isAlive, parseTtlSeconds, ttlSeconds } from './ttl.js';

const chunkOf = (ts: bigint[]): Chunk => ({ rowCount: ts.length, columns: { $ts: { dataType: 'Int64', values: new BigInt64Array(ts), valid: null } } });

describe('collection TTL helpers', () => {
  it('reads collection.ttl.seconds as whole seconds; anything else is no TTL', () => {
    expect(ttlSeconds({})).toBe(0);
    expect(ttlSeconds({ 'collection.ttl.seconds': '60' })).toBe(60);
    expect(ttlSeconds({ 'collection.ttl.seconds': ' 7 ' })).toBe(7);
    expect(ttlSeconds({ 'collection.ttl.seconds': '-1' })).toBe(0);
    expect(ttlSeconds({ 'collection.ttl.seconds': 'soon' })).toBe(0);
    expect(parseTtlSeconds(30)).toBe(30);
    expect(parseTtlSeconds('1e3')).toMatch(/whole number of seconds/);
    expect(parseTtlSeconds(true)).toMatch(/got true/);
  });

  it('computes Milvus\'s cutoff: (now − ttl) ms shifted past the 18 logical bits', () => {
    expect(expiryCutoff({}, 5_000)).toBeUndefined();
    expect(expiryCutoff({ 'collection.ttl.seconds': '0' }, 5_000)).toBeUndefined();
    expect(expiryCutoff({ 'collection.ttl.seconds': '2' }, 5_000.9)).toBe(3_000n * 262_144n);
    expect(expiryCutoff({ 'collection.ttl.seconds': '10' }, 5_000)).toBe(-5_000n * 262_144n);
  });

  it('clears rows at or below the cutoff, comparing both 32-bit words', () => {
    const cutoff = (5n << 32n) + 10n;
    const ts = [(5n << 32n) + 9n, (5n << 32n) + 10n, (5n << 32n) + 11n, (4n << 32n) + 0xffffffffn, 6n << 32n, 0n, (1n << 62n) + 3n];
    const mask = clearExpired(new Uint8Array([1, 1, 1, 1, 1, 1, 0]), chunkOf(ts), cutoff);
    expect([...mask]).toEqual([0, 0, 1, 0, 1, 0, 0]); // the last row was already out of the mask
    expect(ts.map((_, i) => isAlive(chunkOf(ts), i, cutoff))).toEqual([false, false, true, false, true, false, true]);
    // A cutoff before any timestamp (a TTL longer than the clock's age) keeps everything.
    expect([...clearExpired(new Uint8Array([1, 1]), chunkOf([0n, 1n]), -5n)]).toEqual([1, 1]);
  });
});
