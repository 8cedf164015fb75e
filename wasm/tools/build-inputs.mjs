// The inputs of the wasm build and their SHA-256, shared by the build (which stamps it into the
// module) and by the test that checks the committed module is current.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Relative paths and absolute locations of every file the build reads, in a fixed order. */
export function buildInputs(root) {
  const ours = join(root, 'wasm', 'hnswlib');
  const theirs = join(root, 'node_modules', 'hnswlib-node', 'src', 'hnswlib');
  const files = [{ name: 'wasm/build.sh', path: join(root, 'wasm', 'build.sh') }];
  for (const f of readdirSync(ours).filter((f) => /\.(h|cpp)$/.test(f)).sort()) {
    files.push({ name: `wasm/hnswlib/${f}`, path: join(ours, f) });
  }
  for (const f of readdirSync(theirs).filter((f) => f.endsWith('.h')).sort()) {
    files.push({ name: `hnswlib/${f}`, path: join(theirs, f) });
  }
  return files;
}

/** SHA-256 (hex) over each input's relative name and bytes. */
export function buildInputsHash(root) {
  const h = createHash('sha256');
  for (const f of buildInputs(root)) {
    h.update(f.name);
    h.update('\0');
    h.update(readFileSync(f.path));
    h.update('\0');
  }
  return h.digest('hex');
}

/** The JSON stamp the build appends to the module as the custom section `quiver.build`. */
export function readBuildStamp(wasmBytes) {
  const mod = new WebAssembly.Module(wasmBytes);
  const sections = WebAssembly.Module.customSections(mod, 'quiver.build');
  if (sections.length !== 1) return null;
  return JSON.parse(new TextDecoder().decode(sections[0]));
}
