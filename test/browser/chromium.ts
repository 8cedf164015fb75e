// How every test launches Chromium: Debian's build (`apt-get install chromium`, installed by
// .ci/run when missing) with flags for headless runs as root on CI. Nothing downloads a browser.

/** Debian's Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for headless Chromium on CI machines (no sandbox as root, no GPU, no network chatter). */
export const CHROMIUM_ARGS: string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
