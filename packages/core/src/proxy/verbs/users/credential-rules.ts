import { ErrorCode, QuiverError } from '../../../errors.js';

// Milvus's credential rules: user names start with a letter, then letters, digits or "_", at most
// 32 characters; passwords are 6 to 256 characters.
const USER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Checks Milvus's user-name rule. */
export function checkUserName(name: string, verb: string): void {
  if (!USER_NAME.test(name)) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: invalid userName "${name.slice(0, 40)}": start with a letter, then letters, digits or "_", at most 32 characters`);
}

/** Checks Milvus's password-length rule. */
export function checkPasswordRule(pw: string, field: string, verb: string): void {
  if (pw.length < 6 || pw.length > 256) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: ${field} must be 6 to 256 characters long`);
}
