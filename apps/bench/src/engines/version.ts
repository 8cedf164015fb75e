// Installed package versions, for engine names (Node only: reads package.json files).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A package's installed version, read from its package.json in the nearest node_modules (for engine names). */
export function versionOf(pkg: string): string {
  for (const dir of createRequire(import.meta.url).resolve.paths(pkg) ?? []) {
    try {
      return (JSON.parse(readFileSync(join(dir, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not in this node_modules
    }
  }
  return '?';
}
