// The app's connection state: the local database (shared by the console and the demo, opened
// once) and which backend the console uses — this browser (default) or the server, with the
// user's credentials (kept for the browser session only, never in localStorage).
import { openLocal, LOCAL_URI } from './backend/local.js';
import { restBackend, type ServerSettings } from './backend/rest.js';
import type { Backend } from './backend/types.js';

type Mode = 'local' | 'server';

const SETTINGS_KEY = 'quiver.server';
const MODE_KEY = 'quiver.mode';

let local: Promise<Backend> | undefined;
let server: Backend | undefined;
const listeners = new Set<() => void>();

/** The local database (`idb://quiver`), opened on first use (a failed open is tried again next time). */
export function localBackend(): Promise<Backend> {
  local ??= openLocal(LOCAL_URI).catch((e: unknown) => {
    local = undefined;
    throw e;
  });
  return local;
}

/** The mode the console is in. */
export function mode(): Mode {
  return sessionStorage.getItem(MODE_KEY) === 'server' ? 'server' : 'local';
}

/** The last server settings (URL and user; the password too within this browser session). */
export function serverSettings(): ServerSettings {
  try {
    const s = JSON.parse(sessionStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<ServerSettings>;
    return { url: s.url ?? '', user: s.user ?? 'root', password: s.password ?? '' };
  } catch {
    return { url: '', user: 'root', password: '' };
  }
}

/** The backend the console uses now. */
export async function consoleBackend(): Promise<Backend> {
  if (mode() === 'server') return (server ??= restBackend(serverSettings()));
  return localBackend();
}

/** Switches the console to the server (checked with a listDatabases call first). */
export async function useServer(settings: ServerSettings): Promise<void> {
  const candidate = restBackend(settings);
  await candidate.call('databases/list', {});
  sessionStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  sessionStorage.setItem(MODE_KEY, 'server');
  server = candidate;
  changed();
}

/** Switches the console back to this browser's database. */
export function useLocal(): void {
  sessionStorage.setItem(MODE_KEY, 'local');
  changed();
}

/** Calls `fn` whenever the console's backend changes; returns an unsubscribe function. */
export function onChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(): void {
  for (const fn of listeners) fn();
}

/** Tells open views that collections or rows changed (the sidebar re-counts). */
export function dataChanged(): void {
  window.dispatchEvent(new CustomEvent('quiver:data'));
}
