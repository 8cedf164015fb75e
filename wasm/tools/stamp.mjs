// Appends the custom section `quiver.build` (JSON: inputs hash, emcc version, hnswlib source) to a
// wasm module: node stamp.mjs <root> <in.wasm> <out.wasm> <emcc version line>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildInputsHash } from './build-inputs.mjs';

const [root, input, output, emcc] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'hnswlib-node', 'package.json'), 'utf8'));
const stamp = JSON.stringify({ inputs: buildInputsHash(root), emcc, hnswlib: `hnswlib-node ${pkg.version}` });

function leb128(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const name = new TextEncoder().encode('quiver.build');
const body = new TextEncoder().encode(stamp);
const payload = [...leb128(name.length), ...name, ...body];
const section = Uint8Array.from([0, ...leb128(payload.length), ...payload]);
const wasm = readFileSync(input);
const out = new Uint8Array(wasm.length + section.length);
out.set(wasm, 0);
out.set(section, wasm.length);
new WebAssembly.Module(out); // still a valid module
writeFileSync(output, out);
