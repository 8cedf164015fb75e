import type { MetaStore } from '../storage/types.js';

const KEY = 'rootcoord/ids';
const BLOCK = 10_000n;
/** Ids below this are never allocated: they name fixed catalog objects (the default database is 1). */
export const FIRST_ID = 100n;

/**
 * Allocates unique 64-bit ids (auto primary keys, collection/partition/segment ids). Ids are
 * reserved in blocks persisted before use, so no id is ever handed out twice, even across a crash.
 */
export class IdAllocator {
  private constructor(private readonly meta: MetaStore, private next: bigint, private end: bigint) {}

  /** Reads the reservation mark from the catalog. */
  static async open(meta: MetaStore): Promise<IdAllocator> {
    const v = await meta.get(KEY);
    const end = v ? BigInt(v) : FIRST_ID;
    return new IdAllocator(meta, end, end);
  }

  /** Makes sure `n` ids can be taken synchronously by {@link take}. */
  async reserve(n: number): Promise<void> {
    const need = BigInt(n);
    if (this.next + need <= this.end) return;
    const end = this.next + (need > BLOCK ? need : BLOCK);
    await this.meta.put(KEY, end.toString());
    this.end = end;
  }

  /** Takes `n` ids reserved before. */
  take(n: number): bigint[] {
    const need = BigInt(n);
    if (this.next + need > this.end) throw new Error('IdAllocator.take without reserve');
    const out: bigint[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next + BigInt(i);
    this.next += need;
    return out;
  }

  /** One id as a number (catalog objects). */
  async one(): Promise<number> {
    await this.reserve(1);
    return Number(this.take(1)[0]!);
  }
}
