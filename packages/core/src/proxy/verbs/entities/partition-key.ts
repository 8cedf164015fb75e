import type { Pk } from '../../../schema/types.js';

/** The bucket (0…n-1) a partition-key value hashes to: FNV-1a over its decimal or string form. */
export function partitionKeyBucket(key: Pk, n: number): number {
  const s = typeof key === 'bigint' ? key.toString() : key;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % n;
}
