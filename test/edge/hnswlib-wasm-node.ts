// Runs the hnswlib-wasm npm package (0.8.2) in Node, for tests and benchmarks. The package is an
// Emscripten build for the web only, so two things stand in the way, handled here and nowhere else:
//  1. its glue throws "not compiled for this environment" unless `window` or `importScripts` exists:
//     `importScripts` is defined on globalThis only for the synchronous start of its factory and
//     deleted right after (the check runs there; nothing else reads it);
//  2. index files go through its Emscripten filesystem, which it does not export, and its IDBFS
//     sync needs IndexedDB: we instantiate its wasm ourselves (the glue's `instantiateWasm` hook)
//     and answer the file syscalls for files under its index folder from memory, while IDBFS
//     syncing becomes a no-op.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HnswlibWasmHost, HnswlibWasmLib } from '../../packages/core/src/index/hnswlib-wasm-engine.js';

const VIRTUAL_DIR = '/hnswlib-index/';
const FIRST_FD = 1000;
const ENOENT = 44;
const ENOTTY = 59;
const O_ACCMODE = 3;

interface OpenFile {
  path: string;
  data: Uint8Array;
  length: number;
  pos: number;
  write: boolean;
}

type Fn = (...args: number[]) => number;

interface GlueModule extends HnswlibWasmLib {
  HEAPU8: Uint8Array;
  EmscriptenFileSystemManager: { initializeFileSystem(type: 'IDBFS'): void };
}

/** Loads hnswlib-wasm in this Node process; each call makes a separate instance. */
export async function loadHnswlibWasmInNode(): Promise<HnswlibWasmHost & { log: string[] }> {
  const dist = dirname(createRequire(import.meta.url).resolve('hnswlib-wasm/package.json')) + '/dist';
  const chunk = readdirSync(dist).find((f) => /^hnswlib-[0-9a-f]+\.js$/.test(f));
  if (!chunk) throw new Error(`hnswlib-wasm: no hnswlib-<hash>.js in ${dist}`);
  const glueText = readFileSync(join(dist, chunk), 'latin1');
  const m = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(glueText);
  if (!m) throw new Error('hnswlib-wasm: the embedded wasm binary was not found in its glue');
  const binary = Buffer.from(m[1]!, 'base64');
  const factory = ((await import(pathToFileURL(join(dist, chunk)).href)) as { default: (m: object) => Promise<GlueModule> }).default;

  const files = new Map<string, Uint8Array>();
  const open = new Map<number, OpenFile>();
  let nextFd = FIRST_FD;
  const log: string[] = [];
  const moduleArg: Record<string, unknown> = {
    print: (s: string) => log.push(s),
    printErr: (s: string) => log.push(s),
    instantiateWasm(imports: Record<string, Record<string, Fn>>, receive: (i: WebAssembly.Instance) => void) {
      interceptFiles(imports.env!);
      WebAssembly.instantiate(binary, imports as WebAssembly.Imports).then((r) => receive(r.instance));
      return {};
    },
  };
  const heap = () => (moduleArg as unknown as GlueModule).HEAPU8;
  const u32 = (p: number) => new DataView(heap().buffer).getUint32(p, true);

  // env and wasi_snapshot_preview1 are one object in this glue.
  function interceptFiles(env: Record<string, Fn>): void {
    const orig = { ...env };
    env.syncIdb_js = () => 0;
    env.__syscall_openat = (dirfd, pathPtr, flags, varargs) => {
      const h = heap();
      let end = pathPtr;
      while (h[end] !== 0) end++;
      const path = new TextDecoder().decode(h.subarray(pathPtr, end));
      if (!path.startsWith(VIRTUAL_DIR)) return orig.__syscall_openat!(dirfd, pathPtr, flags, varargs);
      const write = (flags & O_ACCMODE) !== 0;
      const existing = files.get(path);
      if (!write && !existing) return -ENOENT;
      const fd = nextFd++;
      open.set(fd, { path, data: write ? new Uint8Array(1 << 16) : existing!, length: write ? 0 : existing!.length, pos: 0, write });
      return fd;
    };
    env.fd_write = (fd, iov, iovcnt, pnum) => {
      const f = open.get(fd);
      if (!f) return orig.fd_write!(fd, iov, iovcnt, pnum);
      let n = 0;
      for (let i = 0; i < iovcnt; i++) {
        const ptr = u32(iov + 8 * i);
        const len = u32(iov + 8 * i + 4);
        if (f.pos + len > f.data.length) {
          const grown = new Uint8Array(Math.max(f.data.length * 2, f.pos + len));
          grown.set(f.data.subarray(0, f.length));
          f.data = grown;
        }
        f.data.set(heap().subarray(ptr, ptr + len), f.pos);
        f.pos += len;
        f.length = Math.max(f.length, f.pos);
        n += len;
      }
      new DataView(heap().buffer).setUint32(pnum, n, true);
      return 0;
    };
    env.fd_read = (fd, iov, iovcnt, pnum) => {
      const f = open.get(fd);
      if (!f) return orig.fd_read!(fd, iov, iovcnt, pnum);
      let n = 0;
      for (let i = 0; i < iovcnt; i++) {
        const ptr = u32(iov + 8 * i);
        const len = Math.min(u32(iov + 8 * i + 4), f.length - f.pos);
        heap().set(f.data.subarray(f.pos, f.pos + len), ptr);
        f.pos += len;
        n += len;
      }
      new DataView(heap().buffer).setUint32(pnum, n, true);
      return 0;
    };
    env.fd_seek = (fd, lo, hi, whence, newOffset) => {
      const f = open.get(fd);
      if (!f) return orig.fd_seek!(fd, lo, hi, whence, newOffset);
      const offset = (lo >>> 0) + hi * 2 ** 32;
      f.pos = (whence === 0 ? 0 : whence === 1 ? f.pos : f.length) + offset;
      const dv = new DataView(heap().buffer);
      dv.setUint32(newOffset, f.pos % 2 ** 32, true);
      dv.setUint32(newOffset + 4, Math.floor(f.pos / 2 ** 32), true);
      return 0;
    };
    env.fd_close = (fd) => {
      const f = open.get(fd);
      if (!f) return orig.fd_close!(fd);
      if (f.write) files.set(f.path, f.data.slice(0, f.length));
      open.delete(fd);
      return 0;
    };
    env.__syscall_ioctl = (fd, op, varargs) => (open.has(fd) ? -ENOTTY : orig.__syscall_ioctl!(fd, op, varargs));
    env.__syscall_fcntl64 = (fd, cmd, varargs) => (open.has(fd) ? 0 : orig.__syscall_fcntl64!(fd, cmd, varargs));
  }

  const g = globalThis as { importScripts?: unknown };
  g.importScripts = () => undefined;
  let ready: Promise<GlueModule>;
  try {
    ready = factory(moduleArg);
  } finally {
    delete g.importScripts;
  }
  const lib = await ready;
  lib.EmscriptenFileSystemManager.initializeFileSystem('IDBFS');
  return {
    lib,
    log,
    writeFile(name, bytes) {
      files.set(VIRTUAL_DIR + name, bytes.slice());
    },
    readFile(name) {
      const b = files.get(VIRTUAL_DIR + name);
      if (!b) throw new Error(`hnswlib-wasm wrote no file ${name}`);
      files.delete(VIRTUAL_DIR + name);
      return b;
    },
    removeFile(name) {
      files.delete(VIRTUAL_DIR + name);
    },
  };
}
