// ObjectStore on an R2 bucket, every path under a key prefix (one per Durable Object, so several
// engines share a bucket). R2 makes a put visible all at once; blobs above `multipartAbove`
// go up as a multipart upload in `partBytes` parts, so no single request carries more.
import {
  ErrorCode,
  QuiverError,
  checkObjectData,
  checkObjectPath,
  checkObjectPrefix,
  objectIsFolderError,
  objectNotFoundError,
  objectUnderObjectError,
  type ObjectStore,
} from '@quiver/core';

/** Request-size settings of {@link R2ObjectStore}. */
export interface R2Sizes {
  /** Blobs larger than this use a multipart upload (default 32 MiB). */
  readonly multipartAbove?: number;
  /** Part size of multipart uploads; R2 wants at least 5 MiB for every part but the last (default 16 MiB). */
  readonly partBytes?: number;
}

const MiB = 1024 * 1024;

/** An {@link ObjectStore} on R2 under `prefix` (e.g. `db/default/`). */
export class R2ObjectStore implements ObjectStore {
  #closed = false;
  readonly #multipartAbove: number;
  readonly #partBytes: number;

  constructor(private readonly bucket: CfR2Bucket, private readonly prefix: string, sizes: R2Sizes = {}) {
    this.#multipartAbove = sizes.multipartAbove ?? 32 * MiB;
    this.#partBytes = Math.max(5 * MiB, sizes.partBytes ?? 16 * MiB);
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    this.#check();
    const segments = checkObjectPath(path);
    checkObjectData(path, data);
    const copy = data.slice();
    // R2 keys are flat; a path is refused where a file system would refuse it.
    if ((await this.bucket.list({ prefix: `${this.prefix}${path}/`, limit: 1 })).objects.length > 0) throw objectIsFolderError(path);
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      if (await this.bucket.head(this.prefix + parent)) throw objectUnderObjectError(path, parent);
    }
    this.#check();
    const key = this.prefix + path;
    if (copy.length <= this.#multipartAbove) {
      await this.bucket.put(key, copy);
      return;
    }
    const upload = await this.bucket.createMultipartUpload(key);
    try {
      const parts: CfR2UploadedPart[] = [];
      for (let at = 0, n = 1; at < copy.length; at += this.#partBytes, n++) parts.push(await upload.uploadPart(n, copy.subarray(at, at + this.#partBytes)));
      await upload.complete(parts);
    } catch (e) {
      await upload.abort().catch(() => undefined);
      throw e;
    }
  }

  async get(path: string): Promise<Uint8Array> {
    this.#check();
    checkObjectPath(path);
    const obj = await this.bucket.get(this.prefix + path);
    if (!obj) throw objectNotFoundError(path);
    return new Uint8Array(await obj.arrayBuffer());
  }

  async delete(path: string): Promise<void> {
    this.#check();
    checkObjectPath(path);
    await this.bucket.delete(this.prefix + path);
  }

  async list(prefix: string): Promise<string[]> {
    this.#check();
    checkObjectPrefix(prefix);
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: this.prefix + prefix, ...(cursor ? { cursor } : {}) });
      for (const o of page.objects) out.push(o.key.slice(this.prefix.length));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return out.sort();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `R2 object store ${JSON.stringify(this.prefix)} is closed`);
  }
}

/** Deletes every object under `prefix` (a dropped database's files). */
export async function deleteR2Prefix(bucket: CfR2Bucket, prefix: string): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await bucket.list({ prefix, limit: 1000 });
    if (page.objects.length === 0) return n;
    await bucket.delete(page.objects.map((o) => o.key));
    n += page.objects.length;
  }
}
