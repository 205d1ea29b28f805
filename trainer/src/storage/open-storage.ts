import path from "node:path";
import { FileStorage } from "./file-storage.ts";
import { S3Storage } from "./s3-storage.ts";
import type { S3Options, Storage } from "./types.ts";

// S3's bucket naming rules (lowercase, digits, dots, hyphens; 3-63 characters).
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Opens a storage backend from a URL:
 * - `file://<dir>`: `dir` may be absolute (`file:///var/gantry`) or relative to process.cwd()
 *   (`file://./.gantry`);
 * - `s3://<bucket>/<prefix>`: `opts` (or the environment, see S3Options) configure the client.
 * Anything else throws an error naming the URL.
 */
export function openStorage(url: string, opts: S3Options = {}): Storage {
  if (url.startsWith("file://")) {
    const dir = url.slice("file://".length);
    if (dir === "") throw new Error(`storage url ${JSON.stringify(url)} has no directory`);
    return new FileStorage(path.resolve(dir));
  }
  if (url.startsWith("s3://")) {
    const rest = url.slice("s3://".length);
    const slash = rest.indexOf("/");
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const prefix = slash === -1 ? "" : rest.slice(slash + 1);
    if (!BUCKET_RE.test(bucket)) {
      throw new Error(`storage url ${JSON.stringify(url)}: bucket ${JSON.stringify(bucket)} is not a valid S3 bucket name`);
    }
    return new S3Storage(bucket, prefix, opts);
  }
  throw new Error(`storage url ${JSON.stringify(url)} is not supported: expected "file://<dir>" or "s3://<bucket>/<prefix>"`);
}

/**
 * The storage URL to use when none is given: env GANTRY_STORAGE, else `./.gantry` under the
 * current directory. Relative `file://` URLs are made absolute so the result is stable.
 */
export function defaultStorageUrl(): string {
  const url = process.env.GANTRY_STORAGE?.trim() || "file://./.gantry";
  if (url.startsWith("file://") && url.length > "file://".length) {
    return `file://${path.resolve(process.cwd(), url.slice("file://".length))}`;
  }
  return url;
}
