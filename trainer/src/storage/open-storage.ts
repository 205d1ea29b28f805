import path from "node:path";
import { FileStorage, keyProblem, type GetOptions, type ObjectInfo, type PutOptions, type Storage } from "@gantry/core";
import type { S3Options } from "./s3-options.ts";

// S3's bucket naming rules (lowercase, digits, dots, hyphens; 3-63 characters).
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Bucket and prefix of an `s3://<bucket>/<prefix>` URL; throws naming the URL when the bucket name is invalid. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const rest = url.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? "" : rest.slice(slash + 1);
  if (!BUCKET_RE.test(bucket)) {
    throw new Error(`storage url ${JSON.stringify(url)}: bucket ${JSON.stringify(bucket)} is not a valid S3 bucket name`);
  }
  return { bucket, prefix };
}

/**
 * An S3 storage whose backend module (and with it the AWS SDK, ~1 s and tens of MB to load) is imported on first
 * use, so that processes that never touch S3 never load it.
 */
class LazyS3Storage implements Storage {
  private backend: Promise<Storage> | undefined;
  constructor(
    readonly url: string,
    private readonly load: () => Promise<Storage>,
  ) {}

  private open(): Promise<Storage> {
    this.backend ??= this.load();
    return this.backend;
  }

  async get(key: string, opts?: GetOptions) {
    return (await this.open()).get(key, opts);
  }
  async getText(key: string) {
    return (await this.open()).getText(key);
  }
  async getJson<T = unknown>(key: string) {
    return (await this.open()).getJson<T>(key);
  }
  async put(key: string, body: Uint8Array | string, opts?: PutOptions) {
    return (await this.open()).put(key, body, opts);
  }
  async putJson(key: string, value: unknown) {
    return (await this.open()).putJson(key, value);
  }
  async head(key: string) {
    return (await this.open()).head(key);
  }
  async delete(key: string) {
    return (await this.open()).delete(key);
  }
  async deletePrefix(prefix: string) {
    return (await this.open()).deletePrefix(prefix);
  }
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    yield* (await this.open()).list(prefix);
  }
}

/**
 * The one rule for relative storage URLs, used by `openStorage`, `gantry-train`, `gantry-study` and the API alike:
 * a relative `file://<dir>` resolves against the working directory of the process that reads it (`base`, default
 * process.cwd()), like any path given to a command. The result is absolute (`file:///abs/dir`), so child processes
 * handed it open the same directory wherever they run; every other URL is returned unchanged.
 */
export function resolveStorageUrl(url: string, base: string = process.cwd()): string {
  if (!url.startsWith("file://")) return url;
  const dir = url.slice("file://".length);
  if (dir === "") throw new Error(`storage url ${JSON.stringify(url)} has no directory`);
  return `file://${path.resolve(base, dir)}`;
}

/**
 * Opens a storage backend from a URL:
 * - `file://<dir>`: `dir` may be absolute (`file:///var/gantry`) or relative (`file://./.gantry`, see resolveStorageUrl);
 * - `s3://<bucket>/<prefix>`: `opts` (or the environment, see S3Options) configure the client, which is created on
 *   first use (`@gantry/trainer/storage-s3` is imported then).
 * Anything else throws an error naming the URL.
 */
export function openStorage(url: string, opts: S3Options = {}): Storage {
  if (url.startsWith("file://")) return new FileStorage(resolveStorageUrl(url).slice("file://".length));
  if (url.startsWith("s3://")) {
    const { bucket, prefix } = parseS3Url(url);
    // The prefix is checked now (no SDK needed) so a bad URL fails at open time, not at the first read.
    const trimmed = prefix.replace(/\/$/, "");
    const shown = `s3://${bucket}/${trimmed === "" ? "" : `${trimmed}/`}`;
    if (trimmed !== "") validateS3Prefix(url, trimmed);
    return new LazyS3Storage(shown, async () => {
      const { S3Storage } = await import("./s3/s3-storage.ts");
      return new S3Storage(bucket, prefix, opts);
    });
  }
  throw new Error(`storage url ${JSON.stringify(url)} is not supported: expected "file://<dir>" or "s3://<bucket>/<prefix>"`);
}

function validateS3Prefix(url: string, prefix: string): void {
  const problem = keyProblem(prefix);
  if (problem !== null) throw new Error(`storage url ${JSON.stringify(url)}: prefix ${JSON.stringify(prefix)} ${problem}`);
}

/** The storage URL to use when none is given: env GANTRY_STORAGE, else `./.gantry`, resolved by resolveStorageUrl. */
export function defaultStorageUrl(): string {
  return resolveStorageUrl(process.env.GANTRY_STORAGE?.trim() || "file://./.gantry");
}
