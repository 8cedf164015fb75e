// The Cloudflare Worker of the workerd runtime test. workerd refuses to compile wasm from bytes at
// run time, so the module comes in as a module import (a precompiled WebAssembly.Module) — the
// loader's second input form.
import wasm from './quiver-hnsw.wasm';
import { runScenario, type ScenarioInput } from './scenario.js';

export default {
  async fetch(request: Request): Promise<Response> {
    try {
      const input = (await request.json()) as ScenarioInput;
      const output = await runScenario(wasm, input);
      return Response.json({ output, moduleKind: Object.prototype.toString.call(wasm) });
    } catch (e) {
      return Response.json({ error: String((e as Error).stack ?? e) }, { status: 500 });
    }
  },
};
