// The app frame: header (brand, Console / Search demo, the connection switch, offline state) and
// the hash router that mounts one view at a time.
import { mountConsole } from './console/view.js';
import { parseConsoleRoute } from './console/route.js';
import { mountDemo } from './demo/view.js';
import { mode, onChange, serverSettings, useLocal, useServer } from './state.js';
import { h, replace } from './ui/dom.js';
import { dialog, errorBox, spinner } from './ui/widgets.js';

/** Starts the app in `root`. */
export function startApp(root: HTMLElement): void {
  const nav = h('nav.nav', { 'aria-label': 'Main' },
    h('a', { href: '#/console', 'data-nav': 'console' }, 'Console'),
    h('a', { href: '#/demo', 'data-nav': 'demo', 'data-testid': 'nav-demo' }, 'Search demo'));
  const conn = h('button.conn', { type: 'button', 'data-testid': 'connection', onclick: () => void connectionDialog() });
  const net = h('span.net', { role: 'status' });
  const view = h('main#view', { tabindex: '-1' });
  replace(root,
    h('a.skip', { href: '#view', onclick: (ev: Event) => (ev.preventDefault(), view.focus()) }, 'Skip to content'),
    h('header.top', null, h('a.brand', { href: '#/console', 'aria-label': 'Quiver home' }, h('span.logo', { 'aria-hidden': 'true' }, '◆'), ' Quiver'), nav, h('div.spacer'), net, conn),
    view);

  const showConn = (): void => {
    const s = serverSettings();
    conn.textContent = mode() === 'server' ? `Server · ${(s.url || location.host).replace(/^https?:\/\//, '')}` : 'This browser · idb://quiver';
    conn.classList.toggle('server', mode() === 'server');
  };
  const showNet = (): void => {
    net.textContent = navigator.onLine ? '' : 'offline';
    net.hidden = navigator.onLine;
  };
  let unmount: (() => void) | undefined;
  const route = (): void => {
    const [, page = 'console', ...rest] = location.hash.replace(/^#/, '').split('/');
    unmount?.();
    for (const a of nav.querySelectorAll('a')) a.setAttribute('aria-current', a.dataset['nav'] === page ? 'page' : 'false');
    if (page === 'demo') {
      document.title = 'Search demo · Quiver';
      unmount = mountDemo(view);
    } else {
      document.title = 'Console · Quiver';
      unmount = mountConsole(view, parseConsoleRoute(rest));
    }
  };
  window.addEventListener('hashchange', route);
  window.addEventListener('online', showNet);
  window.addEventListener('offline', showNet);
  onChange(() => {
    showConn();
    // A new backend has other databases: back to the console's start (hashchange routes).
    if (location.hash.startsWith('#/demo') || location.hash === '#/console') route();
    else location.hash = '#/console';
  });
  document.addEventListener('keydown', (ev) => {
    const t = ev.target as HTMLElement;
    if (ev.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) {
      const box = document.querySelector<HTMLElement>('[data-testid="demo-query"], #q-filter, #s-text, #s-vector');
      if (box) {
        ev.preventDefault();
        box.focus();
      }
    }
  });
  showConn();
  showNet();
  route();
}

function connectionDialog(): Promise<void> {
  return dialog('Connection', (close) => {
    const s = serverSettings();
    const local = h('input', { type: 'radio', name: 'conn-mode', value: 'local', checked: mode() === 'local', 'data-testid': 'conn-local' });
    const server = h('input', { type: 'radio', name: 'conn-mode', value: 'server', checked: mode() === 'server', 'data-testid': 'conn-server' });
    const url = h('input#conn-url', { value: s.url, placeholder: location.origin, autocomplete: 'url', spellcheck: false });
    const user = h('input#conn-user', { value: s.user, autocomplete: 'username', 'data-testid': 'conn-user' });
    const password = h('input#conn-pass', { type: 'password', value: s.password, autocomplete: 'current-password', 'data-testid': 'conn-password' });
    const fields = h('fieldset.stack', null,
      h('label', { for: 'conn-url' }, 'Server address ', h('span.muted.small', null, '(empty: the server this page came from)')), url,
      h('div.grid2', null, h('div.stack', null, h('label', { for: 'conn-user' }, 'User'), user), h('div.stack', null, h('label', { for: 'conn-pass' }, 'Password'), password)),
      h('p.small.muted', null, 'Sent as Authorization: Bearer user:password on each REST v2 request; kept for this tab only.'));
    const sync = (): void => {
      fields.disabled = !server.checked;
    };
    local.addEventListener('change', sync);
    server.addEventListener('change', sync);
    sync();
    const status = h('div.status');
    return h('form.stack', {
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        if (local.checked) {
          useLocal();
          close();
          return;
        }
        replace(status, spinner(), ' Connecting…');
        try {
          await useServer({ url: url.value.trim(), user: user.value, password: password.value });
          close();
        } catch (e) {
          replace(status, errorBox(e));
        }
      },
    },
      h('label.option', null, local, h('span', null, h('strong', null, 'This browser'), h('span.small.muted', null, ' — idb://quiver: IndexedDB + OPFS, works offline'))),
      h('label.option', null, server, h('span', null, h('strong', null, 'Quiver server'), h('span.small.muted', null, ' — Milvus REST API v2'))),
      fields, status,
      h('div.actions', null, h('button', { type: 'button', onclick: close }, 'Cancel'), h('button.primary', { type: 'submit', 'data-testid': 'conn-submit' }, 'Connect')));
  });
}
