// Opening the local database can fail because another tab holds it (Web Lock, code 90006): the
// views show why and offer to wait for it.
import { localBackend, mode } from './state.js';
import { h, replace } from './ui/dom.js';
import { errorBox, spinner } from './ui/widgets.js';

/** Waits for the other tab to release the local database, then routes again (remounting the view). */
export async function waitForLock(root: HTMLElement): Promise<void> {
  replace(root, h('div.center', null, spinner('Waiting'), ' Waiting for the other tab to close the database…'));
  try {
    await localBackend(true);
  } finally {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

/** The error shown when the database cannot be opened; Locked offers to wait for the other tab. */
export function openError(e: unknown, wait: () => void): HTMLElement {
  const code = (e as { code?: number }).code;
  if (code === 90006) {
    return h('div.card.stack', null, errorBox(e), h('p', null, 'Quiver keeps one tab per database so two tabs never write at once. Close the other tab, or wait here until it closes.'),
      h('div.actions', null, h('button.primary', { type: 'button', onclick: wait }, 'Wait for the other tab')));
  }
  return h('div.card.stack', null, errorBox(e, mode() === 'server' ? 'Check the server address and credentials (Connection in the header).' : 'This browser may block storage (private mode) or lack OPFS.'));
}
