// The few web-platform globals that every runtime Quiver targets has (browsers, workers, Node,
// Deno, workerd). Core's tsconfig has no DOM lib and no @types/node, so they are declared here:
// anything else must come in through the Platform object.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(src: string, dest: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare function queueMicrotask(cb: () => void): void;
