// The Deno side of the Deno runtime test: reads the input and the wasm bytes given on the command
// line, runs the scenario from the bytes and again from a precompiled module, prints JSON.
import { runScenario, type ScenarioInput } from './scenario.js';

declare const Deno: {
  args: string[];
  readFile(path: string): Promise<Uint8Array>;
  readTextFile(path: string): Promise<string>;
  version: { deno: string };
};

const [inputPath, wasmPath] = Deno.args;
const input = JSON.parse(await Deno.readTextFile(inputPath!)) as ScenarioInput;
const bytes = await Deno.readFile(wasmPath!);
const fromBytes = await runScenario(bytes, input);
const fromModule = await runScenario(await WebAssembly.compile(bytes), input);
console.log(JSON.stringify({ deno: Deno.version.deno, fromBytes, fromModule }));
