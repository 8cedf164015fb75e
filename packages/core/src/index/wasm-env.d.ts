// The part of the WebAssembly JS API that the index loader uses. Core's tsconfig has neither the DOM
// lib nor @types/node, so it is declared here; every runtime Quiver targets (browsers, workers,
// Node, Deno, workerd) provides these. Type declarations only: nothing is defined at run time.
declare namespace WebAssembly {
  /** A compiled module. */
  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView);
    static imports(module: Module): ModuleImportDescriptor[];
    static exports(module: Module): ModuleExportDescriptor[];
    static customSections(module: Module, sectionName: string): ArrayBuffer[];
  }
  /** An instantiated module. */
  class Instance {
    constructor(module: Module, importObject?: Imports);
    readonly exports: Exports;
  }
  /** A linear memory. */
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  /** Thrown when a module cannot be compiled. */
  class CompileError extends Error {}
  /** Thrown when instantiation fails (missing import, bad memory). */
  class LinkError extends Error {}
  /** Thrown when running wasm traps. */
  class RuntimeError extends Error {}
  interface ModuleImportDescriptor {
    module: string;
    name: string;
    kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
  }
  interface ModuleExportDescriptor {
    name: string;
    kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
  }
  type ImportValue = ((...args: never[]) => unknown) | Memory | number;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, unknown>;
  interface WebAssemblyInstantiatedSource {
    module: Module;
    instance: Instance;
  }
  function compile(bytes: ArrayBuffer | ArrayBufferView): Promise<Module>;
  function instantiate(module: Module, importObject?: Imports): Promise<Instance>;
  function instantiate(bytes: ArrayBuffer | ArrayBufferView, importObject?: Imports): Promise<WebAssemblyInstantiatedSource>;
}
