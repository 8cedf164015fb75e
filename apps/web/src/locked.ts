// Opening the local database can fail: another tab holds it and does not answer (Locked, code
// 90006, after @quiver/browser's tab timeout), or the browser refuses storage. The views show why
// and offer to try again.
import { mode } from './state.js';
import { h } from './ui/dom.js';
import { errorBox } from './ui/widgets.js';

/** Routes again, which remounts the view and retries the open. */
export function retryOpen(): void {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The error shown when the database cannot be opened, with a retry button. */
export function openError(e: unknown): HTMLElement {
  const code = (e as { code?: number }).code;
  const hint = code === 90006
    ? 'Another tab of this site has the database open and did not answer. Close it or wait for it, then try again.'
    : mode() === 'server' ? 'Check the server address and credentials (Connection in the header).' : 'This browser may block storage (private mode) or lack OPFS.';
  return h('div.card.stack', null, errorBox(e, hint),
    h('div.actions', null, h('button.primary', { type: 'button', onclick: retryOpen }, 'Try again')));
}
