// Shared setup of the REST server tests: a real server on a loopback port (port 0), data in a
// temp folder, and small fetch helpers that speak the Milvus envelope.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from '@quiver/server/node';

/** Root's password in the tests. */
export const ROOT_PASSWORD = 'Root_pass_1';
/** `Authorization` value of root. */
export const ROOT_AUTH = `Bearer root:${ROOT_PASSWORD}`;

/** A Milvus REST answer. */
export interface Answer {
  status: number;
  code: number;
  message?: string;
  data?: any;
  topks?: number[];
  [k: string]: unknown;
}

/** Starts a server for the file's tests (stopped after them); returns a getter. */
export function useServer(opts: StartOptions = {}): () => RunningServer & { dir: string } {
  let server: (RunningServer & { dir: string }) | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-server-'));
    // Fewer PBKDF2 iterations keep user creation quick; the hashing code path is the same.
    const s = await startServer({ port: 0, data: dir, rootPassword: ROOT_PASSWORD, passwordIterations: 1_000, ...opts });
    server = Object.assign(s, { dir });
  });
  afterAll(async () => {
    if (!server) return;
    await server.close();
    rmSync(server.dir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

/** POSTs a JSON body (or raw text) to `/v2/vectordb/<path>` and returns the parsed envelope. */
export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = { Authorization: ROOT_AUTH }): Promise<Answer> {
  const res = await fetch(`${base}/v2/vectordb/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, ...(parsed as { code: number }) };
}

/** Seeded PRNG floats in [-1, 1). */
export function vectors(n: number, dim: number, seed = 1): number[][] {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
  return Array.from({ length: n }, () => Array.from({ length: dim }, next));
}
