import type { ImportSource } from '../import/jobs.js';

/** Import files under the folder `root` (paths with `.`/`..` segments or leaving it are refused). */
export function denoFolderImportSource(root: string): ImportSource {
  return {
    async read(path: string): Promise<Uint8Array> {
      const rel = path.replace(/^[/\\]+/, '');
      if (rel === '' || rel.split(/[/\\]/).some((s) => s === '' || s === '.' || s === '..')) throw new Error(`file not found in the data folder: "${path}"`);
      let real: string;
      let base: string;
      try {
        base = await Deno.realPath(root);
        real = await Deno.realPath(`${base}/${rel}`);
      } catch {
        throw new Error(`file not found in the data folder: "${path}"`);
      }
      if (!real.startsWith(`${base}/`)) throw new Error(`"${path}" is outside the data folder`);
      return Deno.readFile(real);
    },
  };
}
