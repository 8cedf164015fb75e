import type { ImportSource } from '../import/jobs.js';

/**
 * Import files from the R2 bucket under `prefix` (default `imports/`): a job's path `a/b.json`
 * or `/a/b.json` reads the object `imports/a/b.json`. Paths with `.` or `..` segments are refused.
 */
export function r2ImportSource(bucket: CfR2Bucket, prefix = 'imports/'): ImportSource {
  return {
    async read(path: string): Promise<Uint8Array> {
      const rel = path.replace(/^\/+/, '');
      if (rel === '' || rel.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new Error(`file not found in the bucket's ${prefix} folder: "${path}"`);
      const obj = await bucket.get(prefix + rel);
      if (!obj) throw new Error(`file not found in the bucket's ${prefix} folder: "${path}"`);
      return new Uint8Array(await obj.arrayBuffer());
    },
  };
}
