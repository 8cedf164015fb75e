// The Worker entry wrangler deploys (`main` in wrangler.toml): the Proxy as the default export
// and the Durable Object class its bindings name.
import { createProxy } from './proxy.js';

export { QuiverDurableObject } from './durable-object.js';

const proxy = createProxy();

/** The Worker's fetch handler. */
export default { fetch: proxy.fetch } satisfies { fetch: unknown };
