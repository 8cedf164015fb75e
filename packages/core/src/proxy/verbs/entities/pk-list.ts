import { ErrorCode, QuiverError } from '../../../errors.js';
import { describe, toInt64 } from '../../../schema/int64.js';
import type { FieldSchema, Pk } from '../../../schema/types.js';

/** Reads one or many primary-key values given in a request, in the primary field's type. */
export function pkList(pkField: FieldSchema, raw: unknown, where: string): Pk[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v, i) => {
    if (pkField.dataType === 'Int64') {
      const b = toInt64(v);
      if (b === undefined) throw new QuiverError(ErrorCode.BadPrimaryKeyType, `${where}[${i}]: expected an Int64 primary key, got ${describe(v)}`);
      return b;
    }
    if (typeof v !== 'string') throw new QuiverError(ErrorCode.BadPrimaryKeyType, `${where}[${i}]: expected a VarChar primary key, got ${describe(v)}`);
    return v;
  });
}
