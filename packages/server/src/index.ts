// @quiver/server: Quiver's REST server, a platform-free Hono app speaking Milvus's RESTful API v2.
// Platform entries serve it: `@quiver/server/node` (Node's http), Cloudflare and Deno later.
export { createApp } from './app.js';
export type { AppOptions, QuiverApp } from './app.js';
export { DEFAULT_LIMITS, resolveLimits } from './limits.js';
export type { Limits, LimitsInput, RatePair } from './limits.js';
export type { ImportSource } from './import/jobs.js';
export { ROUTE_TABLE } from './routes.js';
export type { RouteSpec, RateKind } from './routes.js';
export { HttpCode } from './envelope.js';
