/** A FIFO async mutex: `run(fn)` waits for every earlier `run` to finish before calling `fn`. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` alone; resolves or rejects with its result. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
