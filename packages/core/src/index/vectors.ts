import { ErrorCode, QuiverError } from '../errors.js';

/**
 * Checks that `v` holds whole vectors of `dim` finite floats; returns how many. `field` names the
 * argument in the error ("query", "vectors"). NaN or ±Infinity would poison distances and, inside
 * HNSW, the graph itself, so they are refused here.
 */
export function checkVectors(v: unknown, dim: number, field: string, exactlyOne = false): number {
  if (!(v instanceof Float32Array)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `${field}: expected a Float32Array`);
  }
  if (exactlyOne ? v.length !== dim : v.length % dim !== 0) {
    throw new QuiverError(
      ErrorCode.InvalidParameter,
      exactlyOne
        ? `${field}: dimension ${v.length} does not match the index dimension ${dim}`
        : `${field}: length ${v.length} is not a multiple of the index dimension ${dim}`,
    );
  }
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x - x !== 0) {
      const row = Math.floor(i / dim);
      throw new QuiverError(
        ErrorCode.InvalidParameter,
        `${field}: ${Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity'} at ${exactlyOne ? '' : `vector ${row}, `}position ${i % dim}`,
      );
    }
  }
  return v.length / dim;
}

/** Checks a first row offset for `n` rows: an integer with firstRow + n within uint32. */
export function checkRows(firstRow: unknown, n: number, maxRows: number): number {
  if (typeof firstRow !== 'number' || !Number.isInteger(firstRow) || firstRow < 0 || firstRow + n > maxRows) {
    throw new QuiverError(ErrorCode.InvalidParameter, `firstRow: ${String(firstRow)} (+${n} rows) is outside [0, ${maxRows}]`);
  }
  return firstRow;
}
