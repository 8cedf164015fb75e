// Turns the TypeScript sources a runtime test needs into plain ES modules in a folder, keeping the
// source tree's relative layout so their `./x.js` imports resolve as written. Edge runtimes load
// these files as they are: no bundler, no runtime code generation.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * Transpiles `entries` (paths relative to the root) and every module they import relatively into
 * `outDir`, as `.js` at the same relative paths. Returns the written paths (relative to outDir).
 */
export function transpileTree(entries: string[], outDir: string): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(ROOT, e));
  const written: string[] = [];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const rel = relative(ROOT, file).replace(/\.ts$/, '.js');
    mkdirSync(dirname(join(outDir, rel)), { recursive: true });
    writeFileSync(join(outDir, rel), out);
    written.push(rel);
    // Follow the value imports that survived transpilation (type-only ones are gone).
    // Other files (a .wasm module import) are the caller's to place.
    for (const m of out.matchAll(IMPORT)) if (m[1]!.endsWith('.js')) queue.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  }
  return written;
}
