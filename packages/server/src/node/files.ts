import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ImportSource } from '../import/jobs.js';

/**
 * Import files under `root` (the data folder): a job's path `a/b.json` or `/a/b.json` names
 * `<root>/a/b.json`; paths that leave the folder (`..`, symlinks out) are refused.
 */
export function folderImportSource(root: string): ImportSource {
  return {
    async read(path: string): Promise<Uint8Array> {
      const base = await realpath(root);
      const target = resolve(base, `.${sep}${path.replace(/^[/\\]+/, '')}`);
      let real: string;
      try {
        real = await realpath(target);
      } catch {
        throw new Error(`file not found in the data folder: "${path}"`);
      }
      const rel = relative(base, real);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`"${path}" is outside the data folder`);
      const b = await readFile(real);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    },
  };
}
