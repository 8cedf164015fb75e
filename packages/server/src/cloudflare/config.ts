// The Worker's configuration, from its environment: bindings (wrangler.toml) and the same
// `QUIVER_*` variables `npm start` reads (as `[vars]` or secrets).
import { resolveLimits, type Limits, type LimitsInput } from '../limits.js';

/** The bindings and variables the Worker and its Durable Objects receive. */
export interface QuiverEnv {
  /** Durable Object namespace of {@link QuiverDurableObject} (root, one per database, shards). */
  readonly QUIVER_OBJECTS: CfDurableObjectNamespace;
  /** R2 bucket for segment and index files (and import files under `imports/`). */
  readonly QUIVER_BUCKET: CfR2Bucket;
  /** `on` (default) or `off`. */
  readonly QUIVER_AUTH?: string;
  /** Root's password (set it as a secret); without one, a new deployment generates and logs one. */
  readonly QUIVER_ROOT_PASSWORD?: string;
  /** Quotas and limits as JSON, e.g. `{"searchRate":{"collection":500}}`. */
  readonly QUIVER_LIMITS?: string;
  /** PBKDF2 iterations for new password hashes (Workers allow at most 100,000). */
  readonly QUIVER_PASSWORD_ITERATIONS?: string;
}

/** The parsed configuration. */
export interface QuiverConfig {
  readonly auth: boolean;
  readonly rootPassword: string | undefined;
  readonly limits: Limits;
  readonly limitsInput: LimitsInput | undefined;
  readonly iterations: number;
}

/** Workers' Web Crypto refuses PBKDF2 above 100,000 iterations. */
export const WORKERS_MAX_PBKDF2_ITERATIONS = 100_000;

const cache = new WeakMap<object, QuiverConfig>();

/** Reads (once per env object) and checks the configuration; throws naming the bad variable. */
export function readConfig(env: QuiverEnv): QuiverConfig {
  const hit = cache.get(env);
  if (hit) return hit;
  const authText = (env.QUIVER_AUTH ?? 'on').trim().toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(authText)) throw new Error(`QUIVER_AUTH must be on or off, not "${env.QUIVER_AUTH}"`);
  let limitsInput: LimitsInput | undefined;
  if (env.QUIVER_LIMITS) {
    try {
      limitsInput = JSON.parse(env.QUIVER_LIMITS) as LimitsInput;
    } catch (e) {
      throw new Error(`QUIVER_LIMITS is not JSON: ${(e as Error).message}`);
    }
  }
  const iterations = Number(env.QUIVER_PASSWORD_ITERATIONS ?? WORKERS_MAX_PBKDF2_ITERATIONS);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > WORKERS_MAX_PBKDF2_ITERATIONS) {
    throw new Error(`QUIVER_PASSWORD_ITERATIONS must be an integer from 1 to ${WORKERS_MAX_PBKDF2_ITERATIONS}, not "${env.QUIVER_PASSWORD_ITERATIONS}"`);
  }
  const config: QuiverConfig = {
    auth: !['off', 'false', '0'].includes(authText),
    rootPassword: env.QUIVER_ROOT_PASSWORD || undefined,
    limits: resolveLimits(limitsInput),
    limitsInput,
    iterations,
  };
  cache.set(env, config);
  return config;
}
