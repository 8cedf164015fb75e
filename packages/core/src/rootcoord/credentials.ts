// Password hashing for RootCoord's credentials: PBKDF2-HMAC-SHA256 through Web Crypto
// (`crypto.subtle`, present in browsers, workers, Node, Deno and workerd), a random 16-byte salt
// per password, the iteration count stored beside the hash so it can be raised later.

/** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** A stored password: never the password itself. */
export interface PasswordHash {
  /** Hex salt. */
  readonly salt: string;
  /** Hex PBKDF2 output (32 bytes). */
  readonly hash: string;
  readonly iterations: number;
}

const utf8 = new TextEncoder();

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function unhex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(utf8.encode(password)), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** Hashes a new password with a fresh random salt. */
export async function hashPassword(password: string, iterations: number = DEFAULT_PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: hex(salt), hash: hex(await derive(password, salt, iterations)), iterations };
}

/** True when `password` matches the stored hash (compared in constant time). */
export async function checkPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const got = await derive(password, unhex(stored.salt), stored.iterations);
  const want = unhex(stored.hash);
  if (got.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got[i]! ^ want[i]!;
  return diff === 0;
}

/** Hex SHA-256 of `salt:text` (the in-memory cache of verified passwords keys on it). */
export async function sha256Hex(salt: string, text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(utf8.encode(`${salt}:${text}`)))));
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of `length` characters from an unambiguous alphabet (about 5.8 bits each). */
export function randomPassword(length = 24): string {
  const out: string[] = [];
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      // rejection sampling keeps every character equally likely
      if (b < 256 - (256 % ALPHABET.length) && out.length < length) out.push(ALPHABET[b % ALPHABET.length]!);
    }
  }
  return out.join('');
}
