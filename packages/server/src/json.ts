// JSON in and out of the REST API with exact Int64 values. JavaScript numbers hold integers up to
// 2^53 exactly; Milvus's Int64 goes to 2^63. Incoming integer literals beyond 2^53 become bigints
// (the engine takes them for Int64 fields); outgoing bigints (the engine's Int64 values) are
// written as bare digits when the client accepts int64 numbers (`Accept-Type-Allow-Int64: true`)
// and as decimal strings otherwise, as Milvus does.

/** A marker that cannot come from a client: a NUL and a per-process random tag. */
const TAG = `\u0000q${Math.random().toString(36).slice(2, 10)}:`;
/**
 * Could the text hold an integer literal beyond 2^53: 16+ digits that are not the fraction or
 * exponent of a float (`0.1234567890123456`, as JSON.stringify writes floats, must not send
 * every vector body down the slow path). Strings may match too; the tokenizer sorts them out.
 */
const BIG_LITERAL = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/;
/** The tag as it appears inside JSON text (the NUL escaped). */
const TAG_IN_JSON = JSON.stringify(TAG).slice(1, -1);

/**
 * Parses a request body. Integer literals outside the safe range become bigints; every other
 * value is what `JSON.parse` gives. Throws SyntaxError on malformed JSON.
 */
export function parseJson(text: string): unknown {
  if (!mayHoldBigInteger(text)) return JSON.parse(text);
  return JSON.parse(markBigIntegers(text), (_k, v: unknown) => (typeof v === 'string' && v.startsWith(TAG) ? BigInt(v.slice(TAG.length)) : v));
}

/** False when `text` surely holds no integer literal beyond 2^53 (then plain JSON.parse is exact). */
export function mayHoldBigInteger(text: string): boolean {
  return BIG_LITERAL.test(text);
}

/** Rewrites integer literals beyond 2^53 (outside strings) as tagged strings. */
function markBigIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      i++;
      while (i < n && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if (ch === 45 /* - */ || (ch >= 48 && ch <= 57)) {
      const start = i;
      i++;
      while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++;
      const tok = text.slice(start, i);
      if (/^-?\d+$/.test(tok) && !Number.isSafeInteger(Number(tok))) {
        out += `${text.slice(last, start)}"${TAG_IN_JSON}${tok}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return out + text.slice(last);
}

/**
 * Serializes a response. `int64`: `number` writes bigints as bare digits, `string` as decimal
 * strings. Typed arrays (vectors) become plain arrays.
 */
export function stringifyJson(value: unknown, int64: 'number' | 'string'): string {
  let sawBig = false;
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') {
      if (int64 === 'string') return v.toString();
      sawBig = true;
      return TAG + v.toString();
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
  if (!sawBig) return text;
  // A tagged bigint is always a whole JSON string: `"<TAG>digits"`, with the NUL escaped.
  return text.split(`"${TAG_IN_JSON}`).map((part, i) => (i === 0 ? part : part.replace(/^(-?\d+)"/, '$1'))).join('');
}
