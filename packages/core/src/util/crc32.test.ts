import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

// The slicing-by-8 CRC-32 against the standard check value and against zlib's (Node's native
// implementation, independent of ours) over every length 0…64 and random data, continued or not.
describe('crc32', () => {
  it('matches the published check values', () => {
    // "123456789" → 0xCBF43926 is the standard CRC-32/ISO-HDLC check value.
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('continues across chunks', () => {
    const all = new TextEncoder().encode('hello, world');
    expect(crc32(all.subarray(5), crc32(all.subarray(0, 5)))).toBe(crc32(all));
  });

  it('equals zlib over many lengths, offsets and continuations', () => {
    let s = 12345;
    const data = new Uint8Array(5000).map(() => ((s = (s * 16807) % 2147483647) & 0xff));
    for (let len = 0; len <= 64; len++) for (const off of [0, 1, 3, 7]) expect(crc32(data.subarray(off, off + len))).toBe(zlibCrc32(data.subarray(off, off + len)));
    expect(crc32(data)).toBe(zlibCrc32(data));
    const head = crc32(data.subarray(0, 1237));
    expect(crc32(data.subarray(1237), head)).toBe(zlibCrc32(data));
    expect(crc32(data.subarray(1237), 0xdeadbeef)).toBe(zlibCrc32(data.subarray(1237), 0xdeadbeef));
  });
});
