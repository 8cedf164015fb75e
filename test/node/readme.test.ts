import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's Node example must run as written: this test takes the first ```ts block of the
// README, points it at a temp folder instead of /tmp/quiver-example, and runs it.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('README example', () => {
  it('runs as written and finds the same rows after reopening', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'README has a ```ts block').toBeTruthy();
    const data = mkdtempSync(join(tmpdir(), 'quiver-readme-'));
    // Scripts run from inside the repo so `@quiver/node` resolves like it does for a user.
    const scratch = join(root, 'node_modules', '.quiver-tests');
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, `readme-${process.pid}.mts`);
    writeFileSync(file, code!.replaceAll('/tmp/quiver-example', data));
    try {
      const out = execFileSync(process.execPath, ['--conditions=quiver-source', '--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
      expect(out).toContain('same rows after reopen');
      expect(out).toContain("'count(*)': 10000");
      // Every printed row must satisfy the README's filter, checked on the id in its title:
      // year = 1900 + i % 125 >= 2020, lang fr when i % 3 == 0, even, shelf S4 when i % 10 == 4.
      const ids = [...out.matchAll(/title: 'Book (\d+)'/g)].map((m) => Number(m[1]));
      expect(ids.length).toBeGreaterThan(0);
      for (const i of ids) {
        expect(1900 + (i % 125)).toBeGreaterThanOrEqual(2020);
        expect(i % 3).toBe(0);
        expect(i % 2).toBe(0);
        expect(i % 10).toBe(4);
      }
    } finally {
      rmSync(file, { force: true });
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});
