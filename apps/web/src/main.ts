// Entry: styles, the app frame, and (in builds, not under Vite's dev server) the service worker
// that keeps the app and the demo's data available offline.
import './ui/styles.css';
import { startApp } from './shell.js';

startApp(document.getElementById('app')!);

if (import.meta.hot === undefined && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch((e: unknown) => {
    console.warn('Quiver: no service worker, the app will not work offline:', e);
  });
}
