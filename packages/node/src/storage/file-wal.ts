import { open, readdir, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, GroupCommitQueue, QuiverError, WAL_FLAG_CONTINUED, checkLsn, checkWalRecords, frameWalRecords, stampWalFrames } from '@quiver/core';
import type { Wal, WalEntry } from '@quiver/core';
import { crc32, errno, fsyncDir, ioFailed, mkdirDurable, writeAll } from './fs-util.js';
import { FrameReader } from './wal-reader.js';

/** Options of {@link FileWal.open}. */
export interface FileWalOptions {
  /** A new file is started when the active one would grow past this many bytes (default 64 MiB). */
  readonly maxFileBytes?: number;
}

/** What {@link FileWal.open} had to repair: the torn tail of an append that never returned. */
export interface WalRecovery {
  /** The file whose tail was cut off, if any. */
  readonly file?: string;
  /** How many bytes were cut off. */
  readonly droppedBytes: number;
}

interface WalFile {
  readonly first: number;
  readonly path: string;
  size: number;
  count: number;
}

/** One append waiting for its group: its framed records and how many there are. */
interface AppendBatch {
  readonly frames: Buffer;
  readonly count: number;
}

const FILE_NAME = /^(\d{20})\.log$/;
const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Appends waiting behind a write are written together, up to this many bytes per write. */
const GROUP_BYTES = 8 * 1024 * 1024;

/** `wal/<first lsn, 20 digits>.log` */
function fileName(first: number): string {
  return `${String(first).padStart(20, '0')}.log`;
}

function corrupted(path: string, at: number, reason: string): QuiverError {
  return new QuiverError(ErrorCode.Corrupted, `WAL file ${path} is corrupted at byte ${at}: ${reason}`);
}

/**
 * The write-ahead log as append-only files under `<dir>/wal/` (format: docs/formats.md). An append
 * is one write + fdatasync; appends arriving meanwhile are group-committed by the next one. Open
 * verifies every record, cuts a torn tail and reports any other damage as `Corrupted`.
 */
export class FileWal implements Wal {
  readonly #dir: string;
  readonly #maxFileBytes: number;
  readonly #files: WalFile[];
  #fh: FileHandle;
  #next: number;
  readonly #commits: GroupCommitQueue<AppendBatch>;
  #broken: QuiverError | undefined;
  #closed = false;
  /** What opening had to repair. */
  readonly recovery: WalRecovery;

  private constructor(dir: string, files: WalFile[], fh: FileHandle, maxFileBytes: number, recovery: WalRecovery) {
    this.#dir = dir;
    this.#files = files;
    this.#fh = fh;
    this.#maxFileBytes = maxFileBytes;
    const last = files[files.length - 1]!;
    this.#next = last.first + last.count;
    this.recovery = recovery;
    this.#commits = new GroupCommitQueue({ write: (group, bytes) => this.#write(group, bytes), truncate: (before) => this.#truncate(before) }, GROUP_BYTES);
  }

  /** Opens (creating when absent) the WAL under `<dir>/wal/`, verifying every record. */
  static async open(dir: string, options: FileWalOptions = {}): Promise<FileWal> {
    const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 1) {
      throw new QuiverError(ErrorCode.InvalidParameter, `WAL maxFileBytes must be a positive integer, got ${String(maxFileBytes)}`);
    }
    const walDir = join(dir, 'wal');
    try {
      await mkdirDurable(walDir);
    } catch (e) {
      throw ioFailed(`cannot create the WAL folder ${walDir}`, e);
    }
    try {
      const { files, recovery } = await scanFolder(walDir);
      const fh = await open(files[files.length - 1]!.path, 'r+');
      return new FileWal(walDir, files, fh, maxFileBytes, recovery);
    } catch (e) {
      throw ioFailed(`cannot open the WAL in ${walDir}`, e);
    }
  }

  async append(records: readonly Uint8Array[]): Promise<number[]> {
    this.#check();
    checkWalRecords(records);
    if (records.length === 0) return [];
    const frames = frameWalRecords(records, (n) => Buffer.allocUnsafe(n)); // copies now: the caller may reuse its arrays at once
    return this.#commits.append({ frames, count: records.length }, frames.length);
  }

  async *read(fromLsn: number): AsyncIterable<WalEntry> {
    this.#check();
    checkLsn('fromLsn', fromLsn);
    // Only what is durable now: the active file up to its acknowledged size.
    const files = this.#files.map((f) => ({ first: f.first, path: f.path, size: f.size }));
    let start = 0;
    while (start + 1 < files.length && files[start + 1]!.first <= fromLsn) start++;
    for (const f of files.slice(start)) {
      if (f.size === 0) continue;
      let fh: FileHandle;
      try {
        fh = await open(f.path, 'r');
      } catch (e) {
        if (errno(e) === 'ENOENT' && !this.#files.some((g) => g.path === f.path)) continue; // truncated meanwhile
        throw ioFailed(`cannot read WAL file ${f.path}`, e);
      }
      try {
        const reader = new FrameReader(fh, f.size);
        let at = 0;
        for (let lsn = f.first; at < f.size; lsn++) {
          const r = await reader.next(at, lsn >= fromLsn ? 'copy' : 'skip');
          if (r.kind === 'end') break;
          if (r.kind !== 'frame') throw corrupted(f.path, at, r.reason);
          if (r.lsn !== lsn) throw corrupted(f.path, at, `record has LSN ${r.lsn}, expected ${lsn}`);
          if (r.data !== undefined) {
            this.#check();
            yield { lsn, data: r.data };
          }
          at = r.end;
        }
      } finally {
        await fh.close();
      }
    }
  }

  async truncate(beforeLsn: number): Promise<void> {
    this.#check();
    checkLsn('beforeLsn', beforeLsn);
    return this.#commits.truncate(beforeLsn);
  }

  nextLsn(): number {
    this.#check();
    return this.#next;
  }

  /** Waits for queued appends and truncations, then closes the active file. */
  close(): Promise<void> {
    this.#closed = true;
    return this.#commits.close(() => this.#fh.close());
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `WAL ${this.#dir} is closed`);
  }

  /** Writes a group of appends as one write + sync; LSNs count only once it is durable. */
  async #write(group: AppendBatch[], bytes: number): Promise<number[][]> {
    if (this.#broken !== undefined) throw this.#broken;
    let lsn = this.#next;
    const lsns = group.map((j) => {
      stampWalFrames(j.frames, lsn, crc32);
      const mine = Array.from({ length: j.count }, (_, i) => lsn + i);
      lsn += j.count;
      return mine;
    });
    const buf = group.length === 1 ? group[0]!.frames : Buffer.concat(group.map((j) => j.frames), bytes);
    let active = this.#files[this.#files.length - 1]!;
    if (active.size > 0 && active.size + buf.length > this.#maxFileBytes) active = await this.#rotate();
    const at = active.size;
    try {
      await writeAll(this.#fh, buf, at);
      await this.#fh.datasync();
    } catch (e) {
      await this.#rollBack(active, at);
      throw ioFailed(`WAL append to ${active.path} failed`, e);
    }
    active.size += buf.length;
    active.count += lsn - this.#next;
    this.#next = lsn;
    return lsns;
  }

  /** Cuts a failed write off again; if even that fails, the WAL refuses further appends. */
  async #rollBack(active: WalFile, at: number): Promise<void> {
    try {
      await this.#fh.truncate(at);
      await this.#fh.datasync();
    } catch (e) {
      this.#broken = ioFailed(`WAL file ${active.path} could not be restored after a failed append; reopen the database`, e);
    }
  }

  /** Starts a new, empty active file named by the next LSN. */
  async #rotate(): Promise<WalFile> {
    const path = join(this.#dir, fileName(this.#next));
    let fh: FileHandle | undefined;
    try {
      fh = await open(path, 'wx');
      await fsyncDir(this.#dir);
    } catch (e) {
      if (fh !== undefined) {
        await fh.close().catch(() => undefined);
        await unlink(path).catch((e2: unknown) => {
          this.#broken = ioFailed(`WAL file ${path} was half created and could not be removed`, e2);
        });
      }
      throw ioFailed(`cannot start WAL file ${path}`, e);
    }
    await this.#fh.close().catch(() => undefined); // its records are synced already
    this.#fh = fh;
    const file: WalFile = { first: this.#next, path, size: 0, count: 0 };
    this.#files.push(file);
    return file;
  }

  /** Deletes whole files whose records all precede `before`; the active file is replaced by an empty one first if needed. */
  async #truncate(before: number): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    if (before >= this.#next && this.#files[this.#files.length - 1]!.count > 0) await this.#rotate();
    let removed = false;
    while (this.#files.length > 1 && this.#files[1]!.first <= before) {
      const f = this.#files[0]!;
      try {
        await unlink(f.path);
      } catch (e) {
        if (errno(e) !== 'ENOENT') throw ioFailed(`cannot delete WAL file ${f.path}`, e);
      }
      this.#files.shift();
      removed = true;
    }
    if (!removed) return;
    try {
      await fsyncDir(this.#dir);
    } catch (e) {
      throw ioFailed(`cannot sync the WAL folder ${this.#dir}`, e);
    }
  }
}


/** Verifies every file of the WAL folder in LSN order (creating the first file of a new WAL). */
async function scanFolder(walDir: string): Promise<{ files: WalFile[]; recovery: WalRecovery }> {
  const names = (await readdir(walDir)).filter((n) => FILE_NAME.test(n)).sort();
  const files: WalFile[] = [];
  let recovery: WalRecovery = { droppedBytes: 0 };
  for (const [i, name] of names.entries()) {
    const path = join(walDir, name);
    const first = Number(name.slice(0, 20));
    if (!Number.isSafeInteger(first) || first < 1) throw corrupted(path, 0, 'the file name is not a valid first LSN');
    const prev = files[files.length - 1];
    if (prev !== undefined && first !== prev.first + prev.count) {
      throw corrupted(path, 0, `the file starts at LSN ${first} but the previous file ends before LSN ${prev.first + prev.count}${first > prev.first + prev.count ? ' (WAL files are missing)' : ''}`);
    }
    const scanned = await scanFile(path, first, i === names.length - 1);
    files.push(scanned.file);
    if (scanned.dropped > 0) recovery = { file: path, droppedBytes: scanned.dropped };
  }
  if (files.length === 0) {
    const path = join(walDir, fileName(1));
    await (await open(path, 'wx')).close();
    await fsyncDir(walDir);
    files.push({ first: 1, path, size: 0, count: 0 });
  }
  return { files, recovery };
}

/** Verifies one file; cuts the torn tail of the last one. */
async function scanFile(path: string, first: number, isLast: boolean): Promise<{ file: WalFile; dropped: number }> {
  const fh = await open(path, isLast ? 'r+' : 'r');
  try {
    const size = (await fh.stat()).size;
    const reader = new FrameReader(fh, size);
    let at = 0;
    let lsn = first;
    let keepAt = 0; // end of the last complete append
    let keepLsn = first;
    for (;;) {
      const r = await reader.next(at, 'verify');
      if (r.kind === 'end') break;
      if (r.kind === 'bad') throw corrupted(path, at, r.reason);
      if (r.kind === 'torn') {
        if (!isLast) throw corrupted(path, at, `${r.reason}, yet later WAL files follow`);
        break;
      }
      if (r.lsn !== lsn) throw corrupted(path, at, `record has LSN ${r.lsn}, expected ${lsn}`);
      lsn++;
      at = r.end;
      if ((r.flags & WAL_FLAG_CONTINUED) === 0) {
        keepAt = at;
        keepLsn = lsn;
      }
    }
    if (keepAt < size) {
      if (!isLast) throw corrupted(path, keepAt, 'the last append in this file is incomplete, yet later WAL files follow');
      await fh.truncate(keepAt);
      await fh.datasync();
    }
    return { file: { first, path, size: keepAt, count: keepLsn - first }, dropped: size - keepAt };
  } finally {
    await fh.close();
  }
}
