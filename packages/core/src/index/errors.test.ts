import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, QuiverError } from '../errors.js';
import { crc32 } from '../util/crc32.js';
import { RowBitset } from './bitset.js';
import { createWasmEngine } from './engine.js';
import { MEMORY_LIMIT_EXCEEDED } from './errors.js';
import type { AnnEngine, AnnIndex } from './types.js';
import { QuiverWasm, WasmStatus } from './wasm-module.js';

const WASM = readFileSync(new URL('../../wasm/quiver-hnsw.wasm', import.meta.url));
const DIM = 8;

function vectors(count: number, seed = 1): Float32Array {
  const v = new Float32Array(count * DIM);
  for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * 0.37 + seed);
  return v;
}

function expectQuiverError(fn: () => unknown, code: number, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(QuiverError);
  expect((caught as QuiverError).code).toBe(code);
  expect((caught as QuiverError).message).toMatch(message);
}

let engine: AnnEngine;
let hnsw: AnnIndex;
let flat: AnnIndex;
const base = vectors(300);
const query = base.slice(5 * DIM, 6 * DIM);

// The module keeps working after every refused call: a good search gives the known answer.
function stillWorks(): void {
  expect(hnsw.search(query, 1).ids[0]).toBe(5);
  expect(flat.search(query, 1).ids[0]).toBe(5);
}

beforeAll(async () => {
  engine = await createWasmEngine(WASM);
  hnsw = engine.createIndex({ indexType: 'HNSW', dim: DIM, metric: 'L2', params: { M: 8, efConstruction: 40 }, name: 'h.qidx' });
  flat = engine.createIndex({ indexType: 'FLAT', dim: DIM, metric: 'L2', name: 'f.qidx' });
  hnsw.add(base, 0);
  flat.add(base, 0);
});

describe('bad input gives a QuiverError naming the field, and the module stays usable', () => {
  it('wrong query dimension', () => {
    for (const idx of [hnsw, flat]) {
      expectQuiverError(() => idx.search(new Float32Array(DIM + 1), 3), ErrorCode.InvalidParameter, /query: dimension 9 does not match the index dimension 8/);
      stillWorks();
    }
  });

  it('NaN or Infinity in a query or in added vectors', () => {
    const bad = query.slice();
    bad[3] = Number.NaN;
    expectQuiverError(() => hnsw.search(bad, 3), ErrorCode.InvalidParameter, /query: NaN at position 3/);
    stillWorks();
    bad[3] = Number.POSITIVE_INFINITY;
    expectQuiverError(() => flat.search(bad, 3), ErrorCode.InvalidParameter, /query: Infinity at position 3/);
    stillWorks();
    const rows = vectors(2, 9);
    rows[DIM + 1] = Number.NaN;
    expectQuiverError(() => hnsw.add(rows, 300), ErrorCode.InvalidParameter, /vectors: NaN at vector 1, position 1/);
    expect(hnsw.has(300)).toBe(false); // nothing of the batch went in
    stillWorks();
  });

  it('vectors of the wrong length, a plain array, a bad row offset', () => {
    expectQuiverError(() => hnsw.add(new Float32Array(DIM * 2 + 1), 400), ErrorCode.InvalidParameter, /vectors: length 17 is not a multiple of the index dimension 8/);
    expectQuiverError(() => hnsw.add([1, 2] as unknown as Float32Array, 400), ErrorCode.InvalidParameter, /vectors: expected a Float32Array/);
    expectQuiverError(() => hnsw.add(vectors(1), -1), ErrorCode.InvalidParameter, /firstRow: -1/);
    expectQuiverError(() => flat.add(vectors(1), 1.5), ErrorCode.InvalidParameter, /firstRow: 1.5/);
    stillWorks();
  });

  it('rows already present', () => {
    expectQuiverError(() => hnsw.add(vectors(3), 298), ErrorCode.InvalidParameter, /row 298 is already in the index/);
    expect(hnsw.has(300)).toBe(false);
    expectQuiverError(() => flat.add(vectors(1), 10), ErrorCode.InvalidParameter, /row 10 is already covered/);
    expectQuiverError(() => hnsw.markDeleted(1000), ErrorCode.InvalidParameter, /row 1000 is not in the index/);
    stillWorks();
  });

  it('k and ef out of Milvus ranges', () => {
    expectQuiverError(() => hnsw.search(query, 0), ErrorCode.InvalidParameter, /limit: 0 is out of range \[1, 16384\]/);
    expectQuiverError(() => flat.search(query, 16385), ErrorCode.InvalidParameter, /limit: 16385 is out of range/);
    expectQuiverError(() => hnsw.search(query, 20, { ef: 10 }), ErrorCode.InvalidParameter, /ef\(10\) should be larger than k\(20\)/);
    expectQuiverError(() => hnsw.search(query, 5, { ef: 0 }), ErrorCode.InvalidParameter, /params.ef: 0 is out of range/);
    stillWorks();
  });

  it('index params out of Milvus ranges', () => {
    expectQuiverError(() => engine.createIndex({ indexType: 'HNSW', dim: DIM, params: { M: 1 } }), ErrorCode.InvalidParameter, /params.M: 1 is out of range \[2, 2048\]/);
    expectQuiverError(() => engine.createIndex({ indexType: 'HNSW', dim: DIM, params: { M: 4096 } }), ErrorCode.InvalidParameter, /params.M: 4096/);
    expectQuiverError(() => engine.createIndex({ indexType: 'HNSW', dim: DIM, params: { efConstruction: 0 } }), ErrorCode.InvalidParameter, /params.efConstruction: 0 is out of range/);
    expectQuiverError(() => engine.createIndex({ indexType: 'HNSW', dim: DIM, params: { M: 'many' } }), ErrorCode.InvalidParameter, /params.M: "many" is not an integer/);
    expectQuiverError(() => engine.createIndex({ indexType: 'HNSW', dim: DIM, params: { nlist: 4 } }), ErrorCode.InvalidParameter, /params.nlist: not an HNSW build param/);
    expectQuiverError(() => engine.createIndex({ indexType: 'AUTOINDEX', dim: DIM, params: { M: 8 } }), ErrorCode.InvalidParameter, /only the metric type can be passed when using AUTOINDEX/);
    expectQuiverError(() => engine.createIndex({ indexType: 'IVF_FLAT' as 'FLAT', dim: DIM }), ErrorCode.IndexTypeNotSupported, /index_type: "IVF_FLAT" is not supported/);
    expectQuiverError(() => engine.createIndex({ indexType: 'FLAT', dim: 0 }), ErrorCode.InvalidParameter, /dim: 0 is out of range \[1, 32768\]/);
    expectQuiverError(() => engine.createIndex({ indexType: 'FLAT', dim: DIM, metric: 'HAMMING' as 'L2' }), ErrorCode.InvalidParameter, /metric_type: "HAMMING" is not a float-vector metric/);
    stillWorks();
  });

  it('a capacity that cannot fit wasm32 memory is refused inside the module before any allocation', () => {
    expectQuiverError(
      () => engine.createIndex({ indexType: 'HNSW', dim: 4096, capacity: 1_000_000 }),
      MEMORY_LIMIT_EXCEEDED,
      /create: capacity 1000000 x dim 4096 does not fit the 4 GiB wasm32 memory/,
    );
    expectQuiverError(() => engine.createIndex({ indexType: 'FLAT', dim: 32768, capacity: 40_000 }), MEMORY_LIMIT_EXCEEDED, /does not fit wasm memory/);
    stillWorks();
  });

  it('memory that cannot grow far enough: the allocation fails inside the module, which goes on', async () => {
    // A separate instance: 2.1 GiB for one FLAT index (reserved, not touched), then an HNSW index
    // that passes the address-space check on its own but cannot fit beside it in 4 GiB, so malloc
    // inside hnswlib's constructor returns null and the wrapper reports it as a status code.
    const e2 = await createWasmEngine(WASM);
    const big = e2.createIndex({ indexType: 'FLAT', dim: 32768, capacity: 16_000 });
    expectQuiverError(
      () => e2.createIndex({ indexType: 'HNSW', dim: 4096, capacity: 140_000, name: 'too-big.qidx' }),
      MEMORY_LIMIT_EXCEEDED,
      /HNSW index 'too-big.qidx': create: .*out of memory/,
    );
    big.dispose();
    const small = e2.createIndex({ indexType: 'HNSW', dim: DIM });
    small.add(base, 0);
    expect(small.search(query, 1).ids[0]).toBe(5);
    stillWorks();
  });

  it('used after dispose', () => {
    const idx = engine.createIndex({ indexType: 'HNSW', dim: DIM, name: 'gone.qidx' });
    idx.dispose();
    idx.dispose(); // twice is fine
    expectQuiverError(() => idx.search(query, 1), ErrorCode.Closed, /ANN index 'gone.qidx' was disposed/);
    expectQuiverError(() => idx.size, ErrorCode.Closed, /gone.qidx/);
    stillWorks();
  });

  it('a filter that is not a RowBitset over enough bytes', () => {
    expectQuiverError(() => new RowBitset(100, new Uint8Array(3)), ErrorCode.InvalidParameter, /filter: 3 bytes cannot hold 100 rows/);
    expectQuiverError(() => RowBitset.of(10, [10]), ErrorCode.InvalidParameter, /filter: row 10 is outside \[0, 10\)/);
    stillWorks();
  });
});

describe('errors raised inside the module come back as status codes', () => {
  it('capacity exceeded, duplicate rows, unknown rows, double delete: each refused, then a good call works', async () => {
    const w = await QuiverWasm.instantiate(WASM);
    const h = w.checkPtr(w.x.qv_hnsw_create(DIM, 0, 4, 8, 40, 1), 'create');
    const p = w.alloc(6 * DIM * 4, 'vectors');
    w.f32(p, 6 * DIM).set(vectors(6));
    expect(w.x.qv_hnsw_add(h, p, 6, 0)).toBe(WasmStatus.Capacity);
    expect(w.lastError()).toMatch(/adding 6 rows to 0 exceeds the capacity 4/);
    expect(() => w.check(w.x.qv_hnsw_add(h, p, 6, 0), 'add')).toThrow(expect.objectContaining({ code: ErrorCode.ParameterTooLarge }));
    expect(w.x.qv_hnsw_count(h)).toBe(0); // nothing half-added
    expect(w.x.qv_hnsw_add(h, p, 4, 0)).toBe(WasmStatus.Ok);
    expect(w.lastError()).toBe('');
    expect(w.x.qv_hnsw_resize(h, 2)).toBe(WasmStatus.BadArgument);
    expect(w.x.qv_hnsw_resize(h, 8)).toBe(WasmStatus.Ok);
    expect(w.x.qv_hnsw_add(h, p, 2, 3)).toBe(WasmStatus.Duplicate);
    expect(w.x.qv_hnsw_mark_deleted(h, 77)).toBe(WasmStatus.NotFound);
    expect(w.x.qv_hnsw_mark_deleted(h, 1)).toBe(WasmStatus.Ok);
    expect(w.x.qv_hnsw_mark_deleted(h, 1)).toBe(WasmStatus.State);
    expect(w.x.qv_hnsw_add(h, p + 4 * DIM * 4, 2, 4)).toBe(WasmStatus.Ok);
    const rows = w.alloc(16, 'rows');
    const scores = w.alloc(16, 'scores');
    expect(w.x.qv_hnsw_search(h, p + 5 * DIM * 4, 0, 10, 0, 0, 0, rows, scores)).toBe(WasmStatus.BadArgument);
    expect(w.x.qv_hnsw_search(h, p + 5 * DIM * 4, 1, 10, 0, 0, 7, rows, scores)).toBe(WasmStatus.BadArgument);
    expect(w.x.qv_hnsw_search(h, p + 5 * DIM * 4, 1, 10, 0, 0, 0, rows, scores)).toBe(1);
    expect(w.i32(rows, 1)[0]).toBe(5);
    expect(w.x.qv_hnsw_create(0, 0, 4, 8, 40, 1)).toBe(0);
    expect(w.x.qv_last_error_code()).toBe(WasmStatus.BadArgument);
    expect(w.x.qv_hnsw_count(h)).toBe(6);
    w.x.qv_hnsw_free(h);
  });
});

describe('corrupted index blobs', () => {
  function corruptedAt(blob: Uint8Array, offset: number): Uint8Array {
    const b = blob.slice();
    b[offset] ^= 0x5a;
    return b;
  }

  it('every damaged byte region is reported as Corrupted naming the blob', () => {
    for (const idx of [hnsw, flat]) {
      const blob = idx.serialize();
      const cases: Array<[Uint8Array, RegExp]> = [
        [blob.subarray(0, 20), /shorter than the 48-byte header/],
        [corruptedAt(blob, 0), /bad magic/],
        [corruptedAt(blob, 9), /header checksum mismatch/],
        [corruptedAt(blob, 48 + 100), /payload checksum mismatch/],
        [corruptedAt(blob, blob.length - 1), /payload checksum mismatch/],
        [blob.subarray(0, blob.length - 4), /payload is \d+ bytes, header says \d+/],
      ];
      for (const [bytes, why] of cases) {
        expectQuiverError(() => engine.loadIndex(bytes, 'seg-9/x.qidx'), ErrorCode.Corrupted, new RegExp(`ANN index 'seg-9/x.qidx' is corrupted: .*${why.source}`));
        stillWorks();
      }
    }
  });

  it('a payload with valid checksums that the module cannot parse is Corrupted too', () => {
    for (const idx of [hnsw, flat]) {
      const blob = idx.serialize();
      // Damage the payload (the hnswlib header's M, or the FLAT row count), then re-seal both CRCs.
      const b = blob.slice();
      const dv = new DataView(b.buffer);
      if (idx.kind === 'HNSW') dv.setUint32(48 + 72, 70000, true);
      else dv.setUint32(48 + 8, 999, true);
      dv.setUint32(40, crc32(b.subarray(48)), true);
      dv.setUint32(44, crc32(b.subarray(0, 44)), true);
      expectQuiverError(() => engine.loadIndex(b, 'seg-9/y.qidx'), ErrorCode.Corrupted, /ANN index 'seg-9\/y.qidx' is corrupted: .*load: /);
      stillWorks();
    }
  });

  it('random link damage inside an HNSW payload never traps the module', () => {
    const blob = hnsw.serialize();
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      const b = blob.slice();
      const dv = new DataView(b.buffer);
      const at = 48 + 96 + ((i * 7919) % (b.length - 48 - 96 - 4));
      dv.setUint32(at, 0xfff0 + i, true);
      dv.setUint32(40, crc32(b.subarray(48)), true);
      dv.setUint32(44, crc32(b.subarray(0, 44)), true);
      try {
        engine.loadIndex(b, 'fuzz.qidx').dispose(); // damage that only touched vector values still loads
      } catch (e) {
        expect((e as QuiverError).code).toBe(ErrorCode.Corrupted);
        refused++;
      }
      stillWorks();
    }
    expect(refused).toBeGreaterThan(0);
  });
});
