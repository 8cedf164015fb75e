// Quotas and limits after Milvus's `quotaAndLimits`: request size, collections per database, and
// token-bucket rates for inserts (MB/s), upserts, deletes, searches (query vectors/s) and queries
// (requests/s), each per collection and per client.
import type { RateKind } from './routes.js';

/** A rate pair: per collection and per client (Infinity = no limit). */
export interface RatePair {
  readonly collection: number;
  readonly client: number;
}

/** The server's limits (Milvus's `quotaAndLimits` names in the comments). */
export interface Limits {
  /** Largest request body in bytes (Milvus's 64 MB gRPC limit). */
  readonly maxRequestBytes: number;
  /** `limits.maxCollectionNumPerDB`. */
  readonly maxCollectionNumPerDB: number;
  /** `dml.insertRate` in MB/s of request body. */
  readonly insertRate: RatePair;
  /** `dml.upsertRate` in MB/s. */
  readonly upsertRate: RatePair;
  /** `dml.deleteRate` in MB/s. */
  readonly deleteRate: RatePair;
  /** `dql.searchRate` in query vectors per second. */
  readonly searchRate: RatePair;
  /** `dql.queryRate` in queries per second. */
  readonly queryRate: RatePair;
  /** Default request timeout in ms (the `Request-Timeout` header, in seconds, overrides it). */
  readonly requestTimeoutMs: number;
}

const NONE: RatePair = { collection: Infinity, client: Infinity };

/** Milvus's defaults: 64 MB requests, 65,536 collections per database, rates unlimited. */
export const DEFAULT_LIMITS: Limits = {
  maxRequestBytes: 64 * 1024 * 1024,
  maxCollectionNumPerDB: 65_536,
  insertRate: NONE,
  upsertRate: NONE,
  deleteRate: NONE,
  searchRate: NONE,
  queryRate: NONE,
  requestTimeoutMs: 30_000,
};

/** A caller's partial limits over the defaults. */
export type LimitsInput = Partial<Omit<Limits, RateKey>> & Partial<Record<RateKey, Partial<RatePair>>>;
type RateKey = 'insertRate' | 'upsertRate' | 'deleteRate' | 'searchRate' | 'queryRate';

/** Merges partial limits over the defaults. */
export function resolveLimits(input: LimitsInput = {}): Limits {
  const pair = (k: RateKey): RatePair => ({ ...DEFAULT_LIMITS[k], ...input[k] });
  return {
    ...DEFAULT_LIMITS,
    ...input,
    insertRate: pair('insertRate'),
    upsertRate: pair('upsertRate'),
    deleteRate: pair('deleteRate'),
    searchRate: pair('searchRate'),
    queryRate: pair('queryRate'),
  };
}

/**
 * A token bucket holding at most one second of `rate`. A request may take more tokens than the
 * bucket has once the bucket is full (it then owes them), so a request larger than one second of
 * rate is not refused forever; the average rate still holds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly rate: number, now: number) {
    this.tokens = rate;
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** True when `cost` can be taken now. */
  canTake(cost: number, now: number): boolean {
    this.refill(now);
    return this.tokens >= Math.min(cost, this.rate);
  }

  /** Takes `cost` tokens (after {@link canTake}). */
  take(cost: number): void {
    this.tokens -= cost;
  }

  /** True when full (an idle bucket, which can be forgotten). */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.rate;
  }
}

/** Buckets by key for one rate; idle (full) buckets are dropped so memory stays bounded. */
class BucketSet {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(private readonly rate: number, private readonly maxKeys = 10_000) {}

  get(key: string, now: number): TokenBucket | undefined {
    if (!Number.isFinite(this.rate)) return undefined;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = new TokenBucket(this.rate, now);
      this.buckets.set(key, b);
    }
    return b;
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.full(now)) this.buckets.delete(k);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Checks and charges the per-collection and per-client rates. */
export class RateLimiter {
  private readonly sets = new Map<string, BucketSet>();
  constructor(private readonly limits: Limits, private readonly now: () => number) {}

  private set(kind: RateKind, scope: keyof RatePair): BucketSet {
    const key = `${kind}/${scope}`;
    let s = this.sets.get(key);
    if (!s) {
      s = new BucketSet(this.limits[`${kind}Rate`][scope]);
      this.sets.set(key, s);
    }
    return s;
  }

  /**
   * Charges `cost` (MB for dml, vectors for search, 1 for query) to the collection's and the
   * client's buckets, or returns which limit refused it (and charges nothing).
   */
  charge(kind: RateKind, collection: string, client: string, cost: number): string | undefined {
    const now = this.now();
    const byCollection = this.set(kind, 'collection').get(collection, now);
    const byClient = this.set(kind, 'client').get(client, now);
    if (byCollection && !byCollection.canTake(cost, now)) return `${kind} rate of collection "${collection}" exceeded (quotaAndLimits ${kind}Rate.collection = ${this.limits[`${kind}Rate`].collection}/s)`;
    if (byClient && !byClient.canTake(cost, now)) return `${kind} rate of this client exceeded (quotaAndLimits ${kind}Rate.client = ${this.limits[`${kind}Rate`].client}/s)`;
    byCollection?.take(cost);
    byClient?.take(cost);
    return undefined;
  }

  /** Buckets held (for tests of the memory bound). */
  bucketCount(): number {
    let n = 0;
    for (const s of this.sets.values()) n += s.size;
    return n;
  }
}

/** The cost of a request for its rate: MB of body for dml, query vectors for search, 1 for query. */
export function rateCost(kind: RateKind, body: Record<string, unknown>, bodyBytes: number): number {
  if (kind === 'search') {
    if (Array.isArray(body['search'])) return (body['search'] as Array<{ data?: unknown }>).reduce((n, s) => n + (Array.isArray(s?.data) ? s.data.length : 1), 0);
    return Array.isArray(body['data']) ? Math.max(1, body['data'].length) : 1;
  }
  if (kind === 'query') return 1;
  return bodyBytes / (1024 * 1024);
}
