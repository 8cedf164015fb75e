// Small building blocks shared by the console and the demo: progress bars, error boxes, spinners,
// badges, dialogs and toasts.
import { h, replace, type Child } from './dom.js';

/** A progress bar with a caption; `set(done, total, caption)` updates it (total 0 → indeterminate). */
export function progressBar(label: string): { el: HTMLElement; set(done: number, total: number, caption?: string): void } {
  const bar = h('div.bar');
  const caption = h('span.caption');
  const el = h('div.progress', { role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0' }, h('div.track', null, bar), caption);
  return {
    el,
    set(done, total, text) {
      const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
      el.classList.toggle('indeterminate', total <= 0);
      bar.style.width = total > 0 ? `${pct}%` : '';
      el.setAttribute('aria-valuemax', String(total));
      el.setAttribute('aria-valuenow', String(done));
      caption.textContent = text ?? (total > 0 ? `${Math.floor(pct)}%` : '');
    },
  };
}

/** An inline spinner. */
export const spinner = (label = 'Loading'): HTMLElement => h('span.spinner', { role: 'status', 'aria-label': label });

/** What an error looks like to a user: its code (when it has one) and message. */
export function describeError(e: unknown): { code?: number; message: string } {
  const x = e as { code?: unknown; message?: unknown } | null;
  const message = typeof x?.message === 'string' && x.message !== '' ? x.message : String(e);
  return typeof x?.code === 'number' ? { code: x.code, message } : { message };
}

/** An error box (role="alert") for `e`, with an optional hint below the message. */
export function errorBox(e: unknown, hint?: Child): HTMLElement {
  const { code, message } = describeError(e);
  return h('div.error', { role: 'alert', 'data-testid': 'error' },
    h('strong', null, code === undefined ? 'Error' : `Error ${code}`), h('span', null, ` ${message}`),
    hint ? h('div.hint', null, hint) : null);
}

/** A status line that shows a spinner while `run` is pending and its error if it fails. */
export async function withStatus<T>(el: HTMLElement, busy: string, run: () => Promise<T>): Promise<T | undefined> {
  replace(el, spinner(busy), ` ${busy}`);
  try {
    const v = await run();
    replace(el);
    return v;
  } catch (e) {
    replace(el, errorBox(e));
    return undefined;
  }
}

/** A small label. */
export const badge = (text: string, kind = ''): HTMLElement => h(`span.badge${kind ? `.${kind}` : ''}`, null, text);

/** Shows a short message at the bottom of the screen for a few seconds. */
export function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  let host = document.getElementById('toasts');
  if (!host) {
    host = h('div#toasts', { 'aria-live': 'polite' });
    document.body.append(host);
  }
  const t = h(`div.toast.${kind}`, null, message);
  host.append(t);
  setTimeout(() => t.remove(), 4000);
}

/**
 * Opens a modal dialog (<dialog>: Escape closes it, focus stays inside). `body` gets a `close`
 * callback; the promise resolves when the dialog closes.
 */
export function dialog(title: string, body: (close: () => void) => Child): Promise<void> {
  const d = h('dialog.modal', { 'aria-label': title });
  const close = (): void => d.close();
  d.append(h('header', null, h('h2', null, title), h('button.icon', { type: 'button', 'aria-label': 'Close', onclick: close }, '×')));
  const content = h('div.content');
  replace(content, body(close));
  d.append(content);
  document.body.append(d);
  d.showModal();
  return new Promise((resolve) => d.addEventListener('close', () => {
    d.remove();
    resolve();
  }));
}
