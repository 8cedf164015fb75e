// Comlink's types name a few DOM types; Node has the things they stand for (ports, events) under
// other declarations. These let its types resolve in this package, which has no DOM lib.
import type { MessagePort as NodeMessagePort } from 'node:worker_threads';

declare global {
  type Transferable = ArrayBuffer | NodeMessagePort;
  type EventListenerOrEventListenerObject = ((evt: Event) => void) | { handleEvent(evt: Event): void };
  // Node declares MessagePort as a global value only; Comlink also uses it as a type.
  interface MessagePort extends NodeMessagePort {}
}
