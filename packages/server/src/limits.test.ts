import { describe, expect, it } from 'vitest';
import { rateCost, RateLimiter, resolveLimits, TokenBucket } from './limits.js';

describe('TokenBucket', () => {
  it('refills at its rate up to one second of burst', () => {
    const b = new TokenBucket(10, 0);
    expect(b.canTake(10, 0)).toBe(true);
    b.take(10);
    expect(b.canTake(1, 50)).toBe(false);
    expect(b.canTake(1, 100)).toBe(true);
    expect(b.full(5_000)).toBe(true);
  });

  it('lets a request larger than the burst through a full bucket, then owes it', () => {
    const b = new TokenBucket(2, 0);
    expect(b.canTake(5, 0)).toBe(true);
    b.take(5);
    expect(b.canTake(1, 1_000)).toBe(false); // -3 + 2
    expect(b.canTake(1, 2_000)).toBe(true);
  });
});

describe('RateLimiter', () => {
  it('charges collection and client buckets together or not at all', () => {
    let t = 0;
    const r = new RateLimiter(resolveLimits({ searchRate: { collection: 10, client: 3 } }), () => t);
    expect(r.charge('search', 'db/a', 'c1', 3)).toBeUndefined();
    expect(r.charge('search', 'db/a', 'c1', 1)).toMatch(/client/);
    expect(r.charge('search', 'db/a', 'c2', 3)).toBeUndefined();
    expect(r.charge('search', 'db/a', 'c3', 3)).toBeUndefined();
    expect(r.charge('search', 'db/a', 'c4', 3)).toMatch(/collection "db\/a"/);
    t += 1_000;
    expect(r.charge('search', 'db/a', 'c4', 3)).toBeUndefined();
    expect(r.charge('insert', 'db/a', 'c4', 1e9)).toBeUndefined(); // unlimited by default
  });

  it('forgets idle buckets so memory stays bounded', () => {
    let t = 0;
    const r = new RateLimiter(resolveLimits({ queryRate: { client: 5 } }), () => t);
    for (let i = 0; i < 25_000; i++) {
      r.charge('query', 'db/a', `client-${i}`, 1);
      t += 1_000;
    }
    expect(r.bucketCount()).toBeLessThanOrEqual(10_001);
  });
});

describe('rateCost', () => {
  it('counts query vectors for searches and MB for writes', () => {
    expect(rateCost('search', { data: [[1], [2], [3]] }, 10)).toBe(3);
    expect(rateCost('search', { search: [{ data: [[1]] }, { data: [[1], [2]] }] }, 10)).toBe(3);
    expect(rateCost('query', {}, 10)).toBe(1);
    expect(rateCost('insert', {}, 2 * 1024 * 1024)).toBe(2);
  });
});
