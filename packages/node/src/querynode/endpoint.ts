import type { MessagePort, Worker } from 'node:worker_threads';
import type { Endpoint } from 'comlink';

/**
 * A worker thread's port (or the Worker seen from the parent) as the Endpoint Comlink expects:
 * Node's ports emit `message` with the data itself, Comlink listens for events carrying `data`.
 */
export function nodeEndpoint(port: MessagePort | Worker): Endpoint {
  const listeners = new WeakMap<object, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer as never),
    addEventListener(_type: string, listener: EventListenerOrEventListenerObject) {
      const wrapped = (data: unknown): void => {
        const ev = { data } as MessageEvent;
        if (typeof listener === 'function') listener(ev);
        else listener.handleEvent(ev);
      };
      listeners.set(listener, wrapped);
      port.on('message', wrapped);
    },
    removeEventListener(_type: string, listener: EventListenerOrEventListenerObject) {
      const wrapped = listeners.get(listener);
      if (!wrapped) return;
      port.off('message', wrapped);
      listeners.delete(listener);
    },
  };
}
