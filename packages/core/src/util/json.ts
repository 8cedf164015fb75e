/** JSON text where bigints survive as `{"$int64":"…"}` (catalog records keep Int64 defaults). */
export function stringifyWithBigInt(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? { $int64: x.toString() } : x));
}

/** Parses text written by {@link stringifyWithBigInt}. */
export function parseWithBigInt(text: string): unknown {
  return JSON.parse(text, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) && typeof x.$int64 === 'string' && Object.keys(x).length === 1 ? BigInt(x.$int64) : x));
}
