// Milvus's REST envelope: success `{code: 0, data, …}`, failure `{code, message}` (HTTP 200 for
// request and engine errors, as Milvus does; 401/403/408 for its authentication, privilege and
// timeout answers), request bodies read as JSON whatever the Content-Type says.
import { isQuiverError } from '@quiver/core';
import { parseJson, stringifyJson } from './json.js';

/** Codes the server answers with that the engine never throws (Milvus's merr numbers). */
export const HttpCode = {
  /** merr.ErrServiceRequestLimitExceeded: the request is larger than allowed. */
  RequestTooLarge: 4,
  /** merr.ErrNeedAuthenticate. */
  NeedAuthenticate: 1800,
  /** merr.ErrIncorrectParameterFormat: the body is not a JSON object. */
  BodyNotJson: 1801,
  /** merr.ErrPrivilegeNotPermitted. */
  PrivilegeNotPermitted: 1401,
  /** merr.ErrHTTPRateLimit: rejected by the rate limiter. */
  RateLimited: 1807,
  /** merr.TimeoutCode. */
  Timeout: 10001,
  /** merr's unexpected error. */
  Unexpected: 65535,
} as const;

/** A failure the server answers with: Milvus code, message and HTTP status. */
export class HttpFailure extends Error {
  constructor(readonly code: number, message: string, readonly status: 200 | 401 | 403 | 404 | 408 = 200) {
    super(message);
  }
}

/** How bigints are written: Milvus's `Accept-Type-Allow-Int64` header (default true). */
export function int64Mode(header: string | undefined): 'number' | 'string' {
  const v = header?.trim().toLowerCase();
  if (v === 'false' || v === '0' || v === 'f') return 'string';
  return 'number';
}

/** A JSON response with Milvus's envelope. */
export function jsonResponse(payload: Record<string, unknown>, int64: 'number' | 'string', status = 200, headers?: Record<string, string>): Response {
  return new Response(stringifyJson(payload, int64), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** The `{code, message}` answer for any thrown value (QuiverError keeps its code). */
export function failure(e: unknown): { code: number; message: string; status: 200 | 401 | 403 | 404 | 408 } {
  if (e instanceof HttpFailure) return { code: e.code, message: e.message, status: e.status };
  if (isQuiverError(e)) return { code: e.code, message: e.message, status: 200 };
  return { code: HttpCode.Unexpected, message: `unexpected error: ${e instanceof Error ? e.message : String(e)}`, status: 200 };
}

/**
 * Reads the request body (at most `maxBytes`, else `RequestTooLarge` after discarding the rest so
 * the client still reads the answer) and parses it as a JSON object whatever the Content-Type.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<{ body: Record<string, unknown>; bytes: number }> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  const tooLarge = (): HttpFailure => new HttpFailure(HttpCode.RequestTooLarge, `request body is larger than the limit of ${maxBytes} bytes (quotaAndLimits maxRequestBytes)`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = Number.isFinite(declared) && declared > maxBytes;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) over = true;
      if (!over) chunks.push(value);
    }
  }
  if (over) throw tooLarge();
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpFailure(HttpCode.BodyNotJson, 'can only accept json format request: the body is not UTF-8 text');
  }
  if (text.trim().length === 0) throw new HttpFailure(HttpCode.BodyNotJson, 'can only accept json format request: the body is empty (send {} for no parameters)');
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (e) {
    throw new HttpFailure(HttpCode.BodyNotJson, `can only accept json format request: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpFailure(HttpCode.BodyNotJson, 'can only accept json format request: the body must be a JSON object');
  return { body: value as Record<string, unknown>, bytes: size };
}
