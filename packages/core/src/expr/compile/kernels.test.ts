import { describe, expect, it } from 'vitest';
import { int64InMask, intervalMask, intervalOf } from './int64.js';
import { compileLike } from './like.js';

describe('compileLike', () => {
  const cases: [string, string, boolean][] = [
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['ab%', 'abzzz', true],
    ['ab%', 'xab', false],
    ['%bc', 'zzbc', true],
    ['%bc', 'bcz', false],
    ['%b%', 'abc', true],
    ['%b%', 'ac', false],
    ['a%c', 'ac', true],
    ['a%c', 'abbbc', true],
    ['a%c', 'abcd', false],
    ['a_c', 'abc', true],
    ['a_c', 'ac', false],
    ['a_c', 'abbc', false],
    ['_', '😀', true], // one code point, two UTF-16 units
    ['__', '😀', false],
    ['a_', 'aé', true],
    ['%', '', true],
    ['', '', true],
    ['', 'a', false],
    ['%a%b%c%', 'xaybzc', true],
    ['%a%b%c%', 'xaycbz', false],
    ['%a_b%', 'zzaxbzz', true],
    ['%a_b%', 'zzabzz', false],
    ['a%a%a%a%b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
    ['100\\%', '100%', true],
    ['100\\%', '1000', false],
    ['a\\_b', 'a_b', true],
    ['a\\_b', 'axb', false],
    ['a\\\\b', 'a\\b', true],
    ['%\\%%', 'a%b', true],
    ['%\\%%', 'ab', false],
    ['%ab', 'ab', true],
    ['ab%ab', 'ab', false],
    ['ab%ab', 'abab', true],
  ];
  for (const [pattern, text, want] of cases) {
    it(`${JSON.stringify(text)} like ${JSON.stringify(pattern)} is ${want}`, () => {
      expect(compileLike(pattern)(text)).toBe(want);
    });
  }
});

describe('int64 interval kernels', () => {
  const MIN = -(2n ** 63n);
  const MAX = 2n ** 63n - 1n;

  it('turns comparisons with any constant into closed intervals', () => {
    expect(intervalOf('>', 5n)).toEqual({ lo: 6n, hi: MAX });
    expect(intervalOf('>=', 1.5)).toEqual({ lo: 2n, hi: MAX });
    expect(intervalOf('<', 1.5)).toEqual({ lo: MIN, hi: 1n });
    expect(intervalOf('<', -1.5)).toEqual({ lo: MIN, hi: -2n });
    expect(intervalOf('<=', -1.5)).toEqual({ lo: MIN, hi: -2n });
    expect(intervalOf('==', 2.5)).toBeNull();
    expect(intervalOf('==', 7)).toEqual({ lo: 7n, hi: 7n });
    expect(intervalOf('>', MAX)).toBeNull();
    expect(intervalOf('<', 2n ** 64n)).toEqual({ lo: MIN, hi: MAX });
    expect(intervalOf('>', -Infinity)).toEqual({ lo: MIN, hi: MAX });
    expect(intervalOf('<', -Infinity)).toBeNull();
    expect(intervalOf('==', NaN)).toBeNull();
  });

  it('compares word pairs exactly around sign and 2^32 / 2^53 boundaries', () => {
    const values = [MIN, -1n, 0n, 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n, 2n ** 53n + 1n, MAX];
    const data = new BigInt64Array(values);
    const n = values.length;
    const mask = (lo: bigint, hi: bigint) => [...intervalMask(data, n, { lo, hi }, false, null)];
    expect(mask(0n, MAX)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(mask(MIN, -1n)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(mask(2n ** 32n - 1n, 2n ** 32n)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0]);
    expect(mask(2n ** 53n + 1n, 2n ** 53n + 1n)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect([...intervalMask(data, n, { lo: -1n, hi: 1n }, true, null)]).toEqual([1, 0, 0, 0, 1, 1, 1, 1, 1]);
    const valid = new Uint8Array([1, 1, 0, 1, 1, 1, 1, 1, 1]);
    expect([...intervalMask(data, n, null, true, valid)]).toEqual([1, 1, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('looks up members both within and beyond ±2^53', () => {
    const data = new BigInt64Array([5n, -5n, 2n ** 53n + 1n, 2n ** 53n, -(2n ** 53n), -(2n ** 53n) - 1n, 4294967296n]);
    const members = [5n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 4294967296n];
    expect([...int64InMask(data, 7, members, false, null)]).toEqual([1, 0, 1, 0, 0, 1, 1]);
    expect([...int64InMask(data, 7, members, true, new Uint8Array([1, 1, 1, 1, 1, 0, 1]))]).toEqual([0, 1, 0, 1, 1, 0, 0]);
  });
});
