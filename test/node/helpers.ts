// Shared helpers of the engine tests in test/node/: temp data folders, clients closed after each
// test, error assertions and small independent readers of the on-disk formats (docs/formats.md).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect } from 'vitest';
import { open, type OpenOptions, type QuiverClient } from '@quiver/node';

export type Client = QuiverClient;
export type Row = Record<string, unknown>;

/** The storages every storage-independent test runs on. */
export const STORAGES = ['memory', 'file'] as const;
export type StorageKind = (typeof STORAGES)[number];

/**
 * Per-test resources: temp data folders (removed after the test) and clients (closed after the
 * test, if the test did not close them).
 */
export function useTemp(): {
  /** A fresh empty data folder. */
  dir(): string;
  /** `file://` URI of a folder. */
  uri(dir: string): string;
  /** Opens a client on a folder (`file://`) or on `memory://` when `dir` is undefined. */
  open(dir: string | undefined, opts?: Omit<OpenOptions, 'uri'>): Promise<Client>;
  /** Opens a client on the given storage kind (a new folder for `file`). */
  openKind(kind: StorageKind, opts?: Omit<OpenOptions, 'uri'>): Promise<{ c: Client; dir: string | undefined }>;
} {
  const dirs: string[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close().catch(() => undefined);
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const api = {
    dir(): string {
      const d = mkdtempSync(join(tmpdir(), 'quiver-test-'));
      dirs.push(d);
      return d;
    },
    uri(dir: string): string {
      return pathToFileURL(dir).href;
    },
    async open(dir: string | undefined, opts: Omit<OpenOptions, 'uri'> = {}): Promise<Client> {
      const c = await open({ uri: dir === undefined ? 'memory://' : api.uri(dir), tickMs: 0, ...opts });
      clients.push(c);
      return c;
    },
    async openKind(kind: StorageKind, opts: Omit<OpenOptions, 'uri'> = {}): Promise<{ c: Client; dir: string | undefined }> {
      const dir = kind === 'file' ? api.dir() : undefined;
      return { c: await api.open(dir, opts), dir };
    },
  };
  return api;
}

/** What a failed call threw, for assertions. */
export interface Failure {
  readonly code: number;
  readonly message: string;
}

/**
 * Runs `fn`, expects it to throw (or reject with) a QuiverError with `code` whose message contains
 * every string of `mentions`, and returns it.
 */
export async function expectError(fn: () => unknown, code: number, ...mentions: string[]): Promise<Failure> {
  let caught: unknown = undefined;
  let threw = false;
  try {
    await fn();
  } catch (e) {
    threw = true;
    caught = e;
  }
  expect(threw, 'expected the call to fail').toBe(true);
  const e = caught as { name?: unknown; code?: unknown; message?: unknown };
  expect(e?.name, `expected a QuiverError, got ${String(caught)}`).toBe('QuiverError');
  expect(e.code, String(e.message)).toBe(code);
  for (const m of mentions) expect(String(e.message)).toContain(m);
  return { code: e.code as number, message: String(e.message) };
}

/** `count(*)` of a collection (optionally filtered / in some partitions). */
export async function count(c: Client, collectionName: string, filter = '', extra: Row = {}): Promise<number> {
  const r = await c.query({ collectionName, filter, outputFields: ['count(*)'], ...extra });
  return (r.data[0] as Row)['count(*)'] as number;
}

/** All rows of a collection (up to 16384), sorted by their numeric or string id. */
export async function allRows(c: Client, collectionName: string, extra: Row = {}): Promise<Row[]> {
  const r = await c.query({ collectionName, filter: '', limit: 16384, ...extra });
  return sortById(r.data as Row[]);
}

/** Rows sorted by `id` (numbers, bigints or decimal strings compare as integers). */
export function sortById(rows: Row[], key = 'id'): Row[] {
  const k = (v: unknown): bigint | string => (typeof v === 'number' || typeof v === 'bigint' ? BigInt(v) : /^-?\d+$/.test(String(v)) ? BigInt(String(v)) : String(v));
  return [...rows].sort((a, b) => {
    const x = k(a[key]);
    const y = k(b[key]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The ids of rows, in order. */
export function ids(rows: Row[], key = 'id'): unknown[] {
  return rows.map((r) => r[key]);
}

/** A vector of `dim` floats derived from `i` (exact in float32). */
export function vec(i: number, dim = 4): number[] {
  return Array.from({ length: dim }, (_, k) => i + k * 0.25);
}

/** A collection `id` Int64, `title` VarChar(200), `vec` FloatVector(4), dynamic field; loaded. */
export async function createBooks(c: Client, collectionName = 'books', extra: Row = {}): Promise<void> {
  await c.createCollection({
    collectionName,
    schema: {
      enableDynamicField: true,
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'title', dataType: 'VarChar', elementTypeParams: { max_length: 200 } },
        { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: 4 } },
      ],
    },
    indexParams: [{ fieldName: 'vec', metricType: 'L2' }],
    ...extra,
  });
}

/** Rows `{id, title: 't<id>', vec}` for ids from..to-1. */
export function bookRows(from: number, to: number, extra: (i: number) => Row = () => ({})): Row[] {
  const out: Row[] = [];
  for (let i = from; i < to; i++) out.push({ id: i, title: `t${i}`, vec: vec(i), ...extra(i) });
  return out;
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Segment files (`objects/**\/data.qseg`) of a data folder, relative to `objects/`. */
export function segmentFiles(dir: string): string[] {
  return filesUnder(join(dir, 'objects')).filter((p) => p.endsWith('/data.qseg'));
}

/** Delta files (`objects/**\/*.qdel`) of a data folder, relative to `objects/`. */
export function deltaFiles(dir: string): string[] {
  return filesUnder(join(dir, 'objects')).filter((p) => p.endsWith('.qdel'));
}

/**
 * Row count stored in a segment file, read by hand from docs/formats.md: a 24-byte header with
 * magic "QSEG", then the chunk encoding, which starts with u32 rowCount.
 */
export function segmentRowCount(dir: string, objectPath: string): number {
  const b = readFileSync(join(dir, 'objects', objectPath));
  expect(b.subarray(0, 4).toString('latin1')).toBe('QSEG');
  return b.readUInt32LE(24);
}

/** Sum of the row counts of every segment file of a data folder. */
export function storedRows(dir: string): number {
  return segmentFiles(dir).reduce((n, p) => n + segmentRowCount(dir, p), 0);
}

/** Total bytes of the WAL files of a data folder. */
export function walBytes(dir: string): number {
  return filesUnder(join(dir, 'wal')).reduce((n, p) => n + statSync(join(dir, 'wal', p)).size, 0);
}
