import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';
import { allRows, deltaFiles, expectError, filesUnder, ids, segmentFiles, type Client } from './helpers.js';

// Damaged files (ARCHITECTURE.md §5, docs/formats.md): a flipped byte in a segment file, a delta
// file, the catalog or a WAL record is reported as Corrupted (90001) naming the file, and is never
// served as data or silently repaired away. Segment and delta files are named both by object path
// and by the file on disk: `1/…/data.qseg (at <dir>/objects/1/…/data.qseg)`.

let base: string;
/** Object paths of the base folder's files. */
let files: { seg: string; releasedSeg: string; delta: string; wal: string };
const work: string[] = [];

const openAt = (dir: string): Promise<Client> => open({ uri: pathToFileURL(dir).href, tickMs: 0 });

/** A copy of the base folder, removed after the file's tests. */
function copyOfBase(): string {
  const d = mkdtempSync(join(tmpdir(), 'quiver-corrupt-'));
  work.push(d);
  cpSync(base, d, { recursive: true });
  return d;
}

/** How errors name a stored object: its object path, then its file under `dir`. */
const located = (dir: string, objectPath: string): string => `${objectPath} (at ${join(dir, 'objects', ...objectPath.split('/'))})`;

function flip(path: string, at: number): Buffer {
  const b = readFileSync(path);
  b[at]! ^= 0x01;
  writeFileSync(path, b);
  return b;
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'quiver-corrupt-base-'));
  const c = await openAt(base);
  const schema = {
    enableDynamicField: true,
    fields: [
      { fieldName: 'id', dataType: 'Int64', isPrimary: true },
      { fieldName: 's', dataType: 'VarChar', elementTypeParams: { max_length: 16 } },
      { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
    ],
  };
  const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => ({ id: from + k, s: `s${from + k}`, v: [from + k, 0] }));
  await c.createCollection({ collectionName: 'b', schema });
  await c.createCollection({ collectionName: 'r', schema });
  await c.loadCollection({ collectionName: 'b' });
  await c.insert({ collectionName: 'r', data: rows(100, 103) });
  await c.flush({ collectionName: 'r' });
  const [releasedSeg] = segmentFiles(base);
  // b: one segment (1..4), a delta file (2 deleted), and three WAL records after them.
  await c.insert({ collectionName: 'b', data: rows(1, 5) });
  await c.flush({ collectionName: 'b' });
  await c.delete({ collectionName: 'b', ids: [2] });
  await c.flush({ collectionName: 'b' });
  await c.insert({ collectionName: 'b', data: rows(5, 7) });
  await c.delete({ collectionName: 'b', ids: [5] });
  await c.insert({ collectionName: 'b', data: [{ id: 7, s: 'seven', v: [7, 7], extra: true }] });
  await c.close({ flush: false });
  const walNames = readdirSync(join(base, 'wal')).filter((n) => n.endsWith('.log'));
  expect(walNames).toHaveLength(1);
  files = { seg: segmentFiles(base).find((p) => p !== releasedSeg)!, releasedSeg: releasedSeg!, delta: deltaFiles(base)[0]!, wal: walNames[0]! };
  expect(files.seg).toBeDefined();
  expect(files.delta).toBeDefined();
});

afterAll(() => {
  for (const d of [base, ...work]) if (d) rmSync(d, { recursive: true, force: true });
});

/** Opens `dir` expecting Corrupted naming `name`; checks nothing in the folder changed. */
async function expectCorrupt(dir: string, name: string): Promise<string> {
  const before = new Map(filesUnder(dir).map((p) => [p, readFileSync(join(dir, p))]));
  const f = await expectError(() => openAt(dir), 90001, name);
  // Not repaired, truncated or collected: the same files with the same bytes (and no LOCK left).
  const after = filesUnder(dir);
  expect(after).toEqual([...before.keys()].filter((p) => p !== 'LOCK'));
  for (const p of after) expect(readFileSync(join(dir, p)).equals(before.get(p)!), p).toBe(true);
  return f.message;
}

describe('corrupted files are refused, never served (file storage)', () => {
  it('the undamaged folder opens with the expected rows', async () => {
    const c = await openAt(copyOfBase());
    try {
      const rows = await allRows(c, 'b');
      expect(ids(rows)).toEqual([1, 3, 4, 6, 7]);
      expect(rows[4]).toEqual({ id: 7, s: 'seven', v: [7, 7], extra: true });
      await c.loadCollection({ collectionName: 'r' });
      expect(ids(await allRows(c, 'r'))).toEqual([100, 101, 102]);
    } finally {
      await c.close();
    }
  });

  it('a flipped byte in a segment file: open rejects with 90001 naming the file (and keeps rejecting)', async () => {
    const dir = copyOfBase();
    flip(join(dir, 'objects', files.seg), 100);
    const msg = await expectCorrupt(dir, located(dir, files.seg));
    expect(msg).toContain('checksum');
    await expectCorrupt(dir, located(dir, files.seg));
  });

  it('a flipped byte in a released collection’s segment: open works, load rejects with 90001', async () => {
    const dir = copyOfBase();
    flip(join(dir, 'objects', files.releasedSeg), 40);
    const c = await openAt(dir);
    try {
      expect(ids(await allRows(c, 'b'))).toEqual([1, 3, 4, 6, 7]);
      await expectError(() => c.loadCollection({ collectionName: 'r' }), 90001, located(dir, files.releasedSeg));
      await expectError(() => c.query({ collectionName: 'r', filter: '' }), 101, 'r');
    } finally {
      await c.close({ flush: false });
    }
  });

  it('a flipped byte in a delta file: open rejects with 90001 naming the file', async () => {
    const dir = copyOfBase();
    flip(join(dir, 'objects', files.delta), 30);
    await expectCorrupt(dir, located(dir, files.delta));
  });

  it('a flipped byte in the catalog: open rejects with 90001 naming catalog.qmeta', async () => {
    const dir = copyOfBase();
    flip(join(dir, 'catalog.qmeta'), 200);
    await expectCorrupt(dir, join(dir, 'catalog.qmeta'));
  });

  it('a flipped byte in a WAL record: open rejects with 90001 naming the WAL file', async () => {
    const dir = copyOfBase();
    flip(join(dir, 'wal', files.wal), 60);
    await expectCorrupt(dir, join(dir, 'wal', files.wal));
  });

  it('a flipped byte in an index file, and a segment file gone: both name the object and its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-corrupt-index-'));
    work.push(dir);
    const c = await openAt(dir);
    await c.createCollection({ collectionName: 'x', dimension: 4, metricType: 'L2' });
    await c.insert({ collectionName: 'x', data: Array.from({ length: 40 }, (_, i) => ({ id: i, vector: [i, 1, 2, 3] })) });
    await c.flush({ collectionName: 'x' });
    await c.waitForIdle(); // the index file is built
    await c.close();
    const seg = segmentFiles(dir)[0]!;
    const objects = filesUnder(join(dir, 'objects'));
    const index = objects.find((p) => p !== seg && p.startsWith(seg.slice(0, seg.lastIndexOf('/') + 1)))!;
    expect(objects).toEqual([seg, index].sort());
    const indexBytes = flip(join(dir, 'objects', index), 40);
    // The index names its object path in quotes; the file follows the closing quote.
    const msg = await expectCorrupt(dir, `'${index}' (at ${join(dir, 'objects', ...index.split('/'))})`);
    expect(msg).toContain('checksum');
    indexBytes[40]! ^= 0x01;
    writeFileSync(join(dir, 'objects', index), indexBytes);
    rmSync(join(dir, 'objects', seg));
    await expectError(() => openAt(dir), 1000, `object "${seg}" not found (no file ${join(dir, 'objects', ...seg.split('/'))})`);
  });

  /**
   * Flips each chosen byte of one file in turn (restoring it after) and opens: every flip must be
   * refused with 90001 naming the file, and the damaged file must be left as it is.
   */
  async function sweep(rel: string, named: (dir: string) => string, positions: (bytes: Buffer) => number[]): Promise<number> {
    const dir = copyOfBase();
    const path = join(dir, rel);
    const orig = readFileSync(path);
    let n = 0;
    for (const at of positions(orig)) {
      const damaged = flip(path, at);
      let opened = false;
      try {
        const c = await openAt(dir);
        opened = true;
        await c.close({ flush: false });
      } catch (e) {
        const err = e as { code?: number; message?: string };
        expect(err.code, `byte ${at}: ${err.message}`).toBe(90001);
        expect(err.message, `byte ${at}`).toContain(named(dir));
      }
      expect(opened, `${rel}: a flipped byte ${at} was accepted`).toBe(false);
      expect(readFileSync(path).equals(damaged), `byte ${at}: the damaged file was changed`).toBe(true);
      writeFileSync(path, orig);
      n++;
    }
    return n;
  }

  const every = (b: Buffer) => Array.from({ length: b.length }, (_, i) => i);
  /** Every header byte, then every `stride`-th byte and the last one. */
  const sampled = (header: number, stride: number) => (b: Buffer) => every(b).filter((i) => i < header || i % stride === 0 || i === b.length - 1);

  it('single-byte flips of a segment file are refused (every header byte, every 5th body byte)', async () => {
    expect(await sweep(join('objects', files.seg), (d) => located(d, files.seg), sampled(24, 5))).toBeGreaterThan(40);
  });

  it('every single-byte flip of a delta file is refused', async () => {
    expect(await sweep(join('objects', files.delta), (d) => located(d, files.delta), every)).toBeGreaterThan(24);
  });

  it('single-byte flips across the catalog are refused', async () => {
    const positions = sampled(14, 97);
    expect(await sweep('catalog.qmeta', (d) => join(d, 'catalog.qmeta'), positions)).toBeGreaterThan(20);
  });

  it('single-byte flips across the WAL are refused', async () => {
    // Frames per docs/formats.md: 24-byte header (u32 length at 16) + payload.
    const frames = (b: Buffer) => {
      const out: Array<{ at: number; length: number }> = [];
      for (let at = 0; at < b.length; at += 24 + b.readUInt32LE(at + 16)) out.push({ at, length: b.readUInt32LE(at + 16) });
      return out;
    };
    const positions = (b: Buffer) => {
      const fs = frames(b);
      expect(fs).toHaveLength(3);
      expect(fs[2]!.at + 24 + fs[2]!.length).toBe(b.length);
      const headers = new Set(fs.flatMap((f) => Array.from({ length: 24 }, (_, k) => f.at + k)));
      return every(b).filter((i) => headers.has(i) || i % 5 === 0);
    };
    expect(await sweep(join('wal', files.wal), (d) => join(d, 'wal', files.wal), positions)).toBeGreaterThan(72);
  });
});
