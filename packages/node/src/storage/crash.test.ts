import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileWal } from './file-wal.js';

// A child process appends (several appends in flight, records up to 64 KB) and prints every LSN it
// was acknowledged; it is SIGKILLed mid-stream. Reopening must succeed, hold every acknowledged
// record byte-exact, and nothing else but whole appends that happened to reach the file.

/** The record content for an LSN: both sides derive it, so any wrong byte is seen. */
const recordText = (lsn: number) => `lsn ${lsn};`.padEnd(1 + ((lsn * 7919) % 65_536), String.fromCharCode(97 + (lsn % 26)));
const recordsPerAppend = (lsn: number) => 1 + (lsn % 3);

const CHILD = `
import { FileWal } from ${JSON.stringify(fileURLToPath(new URL('./file-wal.ts', import.meta.url)))};
const recordText = ${recordText.toString()};
const recordsPerAppend = ${recordsPerAppend.toString()};
const wal = await FileWal.open(process.argv[1], { maxFileBytes: 1 << 20 });
let next = wal.nextLsn();
const enc = new TextEncoder();
const one = () => {
  const first = next;
  const count = recordsPerAppend(first);
  next += count;
  const records = Array.from({ length: count }, (_, i) => enc.encode(recordText(first + i)));
  wal.append(records).then((lsns) => { process.stdout.write('ack ' + lsns[lsns.length - 1] + '\\n'); one(); });
};
for (let i = 0; i < 4; i++) one();
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quiver-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the child until it has `acks` acknowledgements, SIGKILLs it, returns the highest acknowledged LSN. */
async function appendUntilKilled(acks: number): Promise<number> {
  const child = spawn(process.execPath, ['--conditions=quiver-source', '--import', 'tsx', '--input-type=module', '-e', CHILD, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let highest = 0;
  let seen = 0;
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        highest = Math.max(highest, Number(line.slice(4)));
        if (++seen === acks) {
          child.kill('SIGKILL');
          resolve();
        }
      }
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
  return highest;
}

describe('FileWal after SIGKILL', () => {
  it('keeps every acknowledged append, byte-exact, across three crashes', async () => {
    let acknowledged = 0;
    for (let round = 0; round < 3; round++) {
      acknowledged = await appendUntilKilled(300);
      const wal = await FileWal.open(dir, { maxFileBytes: 1 << 20 });
      let expected = 1;
      for await (const e of wal.read(1)) {
        expect(e.lsn).toBe(expected);
        expect(new TextDecoder().decode(e.data)).toBe(recordText(e.lsn));
        expected++;
      }
      expect(wal.nextLsn()).toBe(expected);
      expect(expected - 1).toBeGreaterThanOrEqual(acknowledged);
      await wal.close();
    }
  });
});
