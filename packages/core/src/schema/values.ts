import { ErrorCode, QuiverError, type ErrorCodeValue } from '../errors.js';
import { describe, requireInt64, toInt64 } from './int64.js';
import type { DataType, FieldSchema } from './types.js';

const RANGES: Partial<Record<DataType, [number, number]>> = {
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
};
const utf8 = new TextEncoder();

/** UTF-8 byte length of a string (what Milvus's max_length counts). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Index of the first unpaired surrogate of `s` (not encodable as UTF-8), or -1. */
export function loneSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/**
 * Checks and converts one scalar value of type `type` (Int64 → bigint, Bool → boolean, …),
 * throwing `code` with a message naming `where`.
 */
export function coerceValue(type: DataType, value: unknown, where: string, code: ErrorCodeValue, maxLength?: number): unknown {
  switch (type) {
    case 'Bool':
      if (typeof value !== 'boolean') break;
      return value;
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      if (typeof value !== 'number' || !Number.isInteger(value)) break;
      const [lo, hi] = RANGES[type]!;
      if (value < lo || value > hi) throw new QuiverError(code, `${where}: ${value} is out of the ${type} range [${lo}, ${hi}]`);
      return value;
    }
    case 'Int64': {
      const b = toInt64(value);
      if (b === undefined) return requireInt64Code(value, where, code);
      return b;
    }
    case 'Float':
    case 'Double':
      if (typeof value !== 'number') break;
      if (!Number.isFinite(value)) throw new QuiverError(code, `${where}: ${value} is not a finite number`);
      if (type === 'Float' && Math.abs(value) > 3.4028234663852886e38) throw new QuiverError(code, `${where}: ${value} is out of the Float range`);
      return value;
    case 'VarChar':
      if (typeof value !== 'string') break;
      // Stored as UTF-8: an unpaired surrogate would come back as U+FFFD (and two keys as one).
      const lone = loneSurrogateAt(value);
      if (lone >= 0) throw new QuiverError(code, `${where}: the string has an unpaired UTF-16 surrogate at index ${lone}; it is not valid Unicode text`);
      if (maxLength !== undefined && utf8Length(value) > maxLength) {
        throw new QuiverError(code, `${where}: the string is ${utf8Length(value)} bytes long, longer than max_length ${maxLength}`);
      }
      return value;
    default:
      break;
  }
  throw new QuiverError(code, `${where}: expected ${type}, got ${describe(value)}`);
}

function requireInt64Code(value: unknown, where: string, code: ErrorCodeValue): never {
  try {
    requireInt64(value, where);
  } catch (e) {
    throw new QuiverError(code, (e as Error).message);
  }
  throw new QuiverError(code, `${where}: expected Int64, got ${describe(value)}`);
}

/** {@link coerceValue} for a scalar field (uses the field's type and max_length). */
export function coerceScalar(field: FieldSchema, value: unknown, where: string, code: ErrorCodeValue = ErrorCode.InvalidInsertData): unknown {
  return coerceValue(field.dataType, value, where, code, field.maxLength);
}

/** Checks that a JSON value holds only JSON data (no NaN/Infinity, no functions, no cycles) and returns it. */
export function checkJsonValue(value: unknown, where: string, depth = 0): unknown {
  if (depth > 64) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: JSON nested deeper than 64 levels`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: ${value} is not valid JSON`);
    return value;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkJsonValue(v, `${where}[${i}]`, depth + 1));
    return value;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) checkJsonValue(v, `${where}.${k}`, depth + 1);
    return value;
  }
  throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: ${describe(value)} is not valid JSON`);
}
