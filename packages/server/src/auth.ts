// Authentication as Milvus's REST server does it: `Authorization: Bearer user:password` (the
// token Milvus clients send), or HTTP Basic. The password is checked against RootCoord's PBKDF2
// hash through the engine client.
import type { QuiverClient } from '@quiver/core';
import { HttpCode, HttpFailure } from './envelope.js';

/** User name and password from the Authorization header, or undefined when absent or malformed. */
export function credentials(header: string | null | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const h = header.trim();
  let token: string;
  if (/^basic\s+/i.test(h)) {
    try {
      token = new TextDecoder().decode(Uint8Array.from(atob(h.replace(/^basic\s+/i, '')), (c) => c.charCodeAt(0)));
    } catch {
      return undefined;
    }
  } else {
    token = h.replace(/^bearer\s+/i, '');
  }
  const i = token.indexOf(':');
  if (i <= 0) return undefined;
  return { user: token.slice(0, i), password: token.slice(i + 1) };
}

/** The authenticated user of a request, or a 401 failure (Milvus: HTTP 401, code 1800). */
export async function authenticate(client: QuiverClient, header: string | null | undefined): Promise<string> {
  const cred = credentials(header);
  const refuse = (why: string): HttpFailure => new HttpFailure(HttpCode.NeedAuthenticate, `user hasn't authenticated: ${why}`, 401);
  if (!cred) throw refuse(header ? 'the Authorization header is not "Bearer <user>:<password>" (API keys are not supported)' : 'send "Authorization: Bearer <user>:<password>"');
  if (!(await client.authenticate(cred.user, cred.password))) throw refuse('wrong user name or password');
  return cred.user;
}
