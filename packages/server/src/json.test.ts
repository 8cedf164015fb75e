import { describe, expect, it } from 'vitest';
import { mayHoldBigInteger, parseJson, stringifyJson } from './json.js';

describe('parseJson', () => {
  it('takes the fast path for floats with long fractions and still finds big integers among them', () => {
    // Floats as JSON.stringify writes them: 16+ digits after the point, never a bigint.
    const floats = '[0.12345678901234568, -0.9876543210987654, 1.2345678901234567e-7, 12345678901234567.5]';
    expect(parseJson(floats)).toEqual([0.12345678901234568, -0.9876543210987654, 1.2345678901234567e-7, 12345678901234567.5]);
    expect(parseJson(`{"v": ${floats}, "id": -9007199254740993}`)).toEqual({ v: [0.12345678901234568, -0.9876543210987654, 1.2345678901234567e-7, 12345678901234567.5], id: -9007199254740993n });
    expect(parseJson('[0.5,9007199254740993]')).toEqual([0.5, 9007199254740993n]);
    expect(mayHoldBigInteger(floats)).toBe(false); // plain JSON.parse: no per-character tokenizing
    expect(mayHoldBigInteger('{"id":-9007199254740993}')).toBe(true);
    expect(mayHoldBigInteger('{"id":[1,9007199254740993]}')).toBe(true);
  });

  it('keeps integers beyond 2^53 exact as bigints and leaves everything else to JSON.parse', () => {
    expect(parseJson('{"id": 9007199254740993, "n": 12, "f": 1.5, "s": "9007199254740993"}')).toEqual({ id: 9007199254740993n, n: 12, f: 1.5, s: '9007199254740993' });
    expect(parseJson('[-9223372036854775808, 9223372036854775807, 1e300, 12345678901234567.5]')).toEqual([-9223372036854775808n, 9223372036854775807n, 1e300, 12345678901234567.5]);
    expect(parseJson('{"text": "a \\" 99999999999999999 \\\\", "x": 99999999999999999}')).toEqual({ text: 'a " 99999999999999999 \\', x: 99999999999999999n });
    expect(parseJson('{"safe": 1234567890123456}')).toEqual({ safe: 1234567890123456 });
  });

  it('throws SyntaxError on malformed JSON on both paths', () => {
    expect(() => parseJson('{"a": ')).toThrow(SyntaxError);
    expect(() => parseJson('{"a": 99999999999999999,')).toThrow(SyntaxError);
  });
});

describe('stringifyJson', () => {
  const value = { ids: [1n, 9007199254740993n, -5n], v: new Float32Array([0.5, 2]), s: 'x', nested: { n: 3 } };
  it('writes bigints as bare digits when int64 numbers are allowed', () => {
    expect(stringifyJson(value, 'number')).toBe('{"ids":[1,9007199254740993,-5],"v":[0.5,2],"s":"x","nested":{"n":3}}');
  });
  it('writes bigints as decimal strings otherwise', () => {
    expect(stringifyJson(value, 'string')).toBe('{"ids":["1","9007199254740993","-5"],"v":[0.5,2],"s":"x","nested":{"n":3}}');
  });
  it('round-trips through parseJson', () => {
    expect(parseJson(stringifyJson({ id: 18446744073709551n }, 'number'))).toEqual({ id: 18446744073709551n });
  });
});
