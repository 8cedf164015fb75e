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
/** The Web Crypto subset Quiver uses (PBKDF2-SHA256 password hashes, SHA-256, random bytes). */
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
  readonly subtle: {
    importKey(format: 'raw', keyData: Uint8Array, algorithm: 'PBKDF2', extractable: false, usages: readonly 'deriveBits'[]): Promise<unknown>;
    deriveBits(algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number }, baseKey: unknown, length: number): Promise<ArrayBuffer>;
    digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  };
};
