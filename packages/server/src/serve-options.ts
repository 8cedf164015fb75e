import type { LimitsInput } from './limits.js';

/** What every runtime entry (Node, Deno) takes besides where it listens and keeps its data. */
export interface ServeOptions {
  /** Credentials and privileges (default true). */
  readonly auth?: boolean;
  /** Root's password; without one, a new database gets a generated one. */
  readonly rootPassword?: string;
  /** PBKDF2 iterations for new password hashes. */
  readonly passwordIterations?: number;
  readonly limits?: LimitsInput;
  readonly cors?: string | readonly string[] | false;
}
