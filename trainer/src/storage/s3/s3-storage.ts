import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import {
  BaseStorage,
  InvalidKeyError,
  StorageUnavailableError,
  isTransientStorageError,
  keyProblem,
  toBytes,
  validateKey,
  validatePrefix,
  type GetOptions,
  type ObjectInfo,
  type PutOptions,
} from "@gantry/core";
import type { S3Options } from "../s3-options.ts";
import { createS3Client, isNotFound } from "./s3-client.ts";

/** Objects under `s3://<bucket>/<prefix>` via the AWS SDK; works with S3-compatible servers too. */
export class S3Storage extends BaseStorage {
  readonly url: string;
  readonly bucket: string;
  /** "" or a key prefix ending in "/", prepended to every key. */
  readonly prefix: string;
  /** The underlying client, exposed for instrumentation and tests. */
  readonly client: S3Client;
  private readonly pageSize: number;

  constructor(bucket: string, prefix: string, opts: S3Options = {}) {
    super();
    const trimmed = prefix.replace(/\/$/, "");
    if (trimmed !== "") validateKey(trimmed);
    this.bucket = bucket;
    this.prefix = trimmed === "" ? "" : `${trimmed}/`;
    this.url = `s3://${bucket}/${this.prefix}`;
    this.pageSize = opts.pageSize ?? 1000;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 1000) {
      throw new Error(`pageSize must be an integer in 1..1000, got ${opts.pageSize}`);
    }
    this.client = createS3Client(opts);
  }

  private fullKey(key: string): string {
    return this.prefix + validateKey(key);
  }

  private fail(op: string, key: string, err: unknown): Error {
    const e = err as Error;
    if (e?.name === "AbortError") return e; // keep aborts recognisable to callers
    if (isTransientStorageError(err)) return new StorageUnavailableError(op, key, this.url, err);
    return new Error(`S3 ${op} ${this.url}${key} failed: ${e?.name ?? "Error"}: ${e?.message ?? String(err)}`, {
      cause: err,
    });
  }

  async get(key: string, opts: GetOptions = {}): Promise<Uint8Array | null> {
    const Key = this.fullKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }), {
        abortSignal: opts.signal,
      });
      return res.Body ? await res.Body.transformToByteArray() : new Uint8Array(0);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.fail("get", key, err);
    }
  }

  async put(key: string, body: Uint8Array | string, opts: PutOptions = {}): Promise<void> {
    const Key = this.fullKey(key);
    const data = toBytes(body);
    const ContentType = opts.contentType ?? (typeof body === "string" ? "text/plain; charset=utf-8" : "application/octet-stream");
    try {
      // One PutObject handles up to 5 GB; checkpoints are far smaller, so no multipart.
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: data, ContentLength: data.byteLength, ContentType }), {
        abortSignal: opts.signal,
      });
    } catch (err) {
      throw this.fail("put", key, err);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const Key = this.fullKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      const info: ObjectInfo = { key, size: res.ContentLength ?? 0, lastModified: res.LastModified ?? new Date(0) };
      if (res.ETag) info.etag = res.ETag;
      return info;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.fail("head", key, err);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    validatePrefix(prefix);
    let token: string | undefined;
    do {
      const res = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            MaxKeys: this.pageSize,
            ContinuationToken: token,
          }),
        )
        .catch((err: unknown) => Promise.reject(this.fail("list", prefix, err)));
      for (const obj of res.Contents ?? []) {
        const key = obj.Key?.slice(this.prefix.length);
        // Objects written by other tools with keys we could not address are skipped.
        if (key === undefined || keyProblem(key) !== null) continue;
        const info: ObjectInfo = { key, size: obj.Size ?? 0, lastModified: obj.LastModified ?? new Date(0) };
        if (obj.ETag) info.etag = obj.ETag;
        yield info;
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(key: string): Promise<void> {
    const Key = this.fullKey(key);
    try {
      // S3 answers 204 for missing keys too, so no special case is needed.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    } catch (err) {
      if (isNotFound(err)) return;
      throw this.fail("delete", key, err);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    validatePrefix(prefix);
    if (prefix === "") throw new InvalidKeyError(prefix, "deletePrefix needs a non-empty prefix");
    // Collect first so deletions cannot disturb the listing's continuation tokens.
    const keys: string[] = [];
    for await (const info of this.list(prefix)) keys.push(info.key);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const res = await this.client
        .send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((k) => ({ Key: this.prefix + k })), Quiet: true },
          }),
        )
        .catch((err: unknown) => Promise.reject(this.fail("deletePrefix", prefix, err)));
      const failed = res.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(`S3 deletePrefix ${this.url}${prefix}: ${failed.length} objects not deleted, e.g. ${first?.Key}: ${first?.Message}`);
      }
    }
    return keys.length;
  }
}
