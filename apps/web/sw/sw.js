// Quiver web console's service worker (hand-written). The build prepends VERSION and PRECACHE
// (every file of the build, see sw-plugin.ts). Install caches them all; afterwards:
//   - page navigations: network first (a new deploy shows up at once), the cached page offline;
//   - precached files (hashed scripts, wasm, the demo's corpus and vocabulary): cache first;
//   - everything else, REST API calls included (/v2/…, /docs, /openapi.json): the network only.
/* global VERSION, PRECACHE */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const CACHE = `quiver-web-${VERSION}`;
const scope = new URL(sw.registration.scope);
const precached = new Set(PRECACHE.map((p) => new URL(p, scope).href));
const INDEX = new URL('./', scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([INDEX, ...precached]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('quiver-web-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (req.mode === 'navigate') {
    event.respondWith(networkFirst(req));
    return;
  }
  const key = url.origin + url.pathname;
  if (precached.has(key)) event.respondWith(cacheFirst(req, key));
});

/** @param {Request} req */
async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok && new URL(req.url).pathname === scope.pathname) await cache.put(INDEX, res.clone());
    return res;
  } catch (e) {
    const cached = await cache.match(INDEX);
    if (cached) return cached;
    throw e;
  }
}

/** @param {Request} req @param {string} key */
async function cacheFirst(req, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(key, res.clone());
  return res;
}
