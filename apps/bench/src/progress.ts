// A progress bar for long steps, on stderr so that stdout stays the results. On a terminal it
// redraws one line (at most 10 times a second); elsewhere (CI, pipes, the smoke test) it prints
// one line when a step starts and one when it ends.

/** A running step: call tick() as work is done and done() at the end. */
export interface Progress {
  /** Adds `n` units (default 1) to the work done. */
  tick(n?: number): void;
  /** Sets the work done to `done` units. */
  set(done: number): void;
  /** Ends the step; `note` is appended to the final line. */
  done(note?: string): void;
}

const WIDTH = 28;

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

/** Starts a step of `total` units of work named `label`. */
export function progress(label: string, total: number): Progress {
  const tty = process.stderr.isTTY === true;
  const start = performance.now();
  let count = 0;
  let lastDraw = 0;
  let finished = false;
  const draw = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const f = total > 0 ? Math.min(1, count / total) : 1;
    const filled = Math.round(f * WIDTH);
    const eta = f > 0 && f < 1 ? ` eta ${seconds(((now - start) / f) * (1 - f))}` : '';
    process.stderr.write(`\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${seconds(now - start)}${eta}\x1b[K`);
  };
  if (!tty) process.stderr.write(`  ${label}…\n`);
  return {
    tick(n = 1) {
      count += n;
      if (tty) draw(false);
    },
    set(done) {
      count = done;
      if (tty) draw(false);
    },
    done(note) {
      if (finished) return;
      finished = true;
      count = total;
      const tail = `${seconds(performance.now() - start)}${note ? ` (${note})` : ''}`;
      if (tty) {
        draw(true);
        process.stderr.write(`\r  ${label}: ${tail}\x1b[K\n`);
      } else {
        process.stderr.write(`  ${label}: ${tail}\n`);
      }
    },
  };
}
