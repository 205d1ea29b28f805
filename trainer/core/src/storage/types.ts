/** Metadata of one stored object, as returned by `head` and `list`. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  /** Set by S3 (quoted MD5 for single-part uploads); absent for the file backend. */
  etag?: string;
}

export interface GetOptions {
  signal?: AbortSignal;
}

export interface PutOptions {
  /** Stored as the S3 Content-Type; the file backend keeps no metadata and ignores it. */
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * A flat key → bytes store for checkpoints and artifacts. Keys are "/"-separated relative paths
 * (see `validateKey`); every method validates its key before any I/O and throws `InvalidKeyError`.
 */
export interface Storage {
  /** Where the data lives, e.g. "file:///abs/dir" or "s3://bucket/prefix". */
  readonly url: string;
  /** The object's bytes, or null when the key does not exist. */
  get(key: string, opts?: GetOptions): Promise<Uint8Array | null>;
  /** The object decoded as UTF-8, or null when missing. */
  getText(key: string): Promise<string | null>;
  /** The object parsed as JSON, or null when missing; corrupt JSON throws an error naming the key. */
  getJson<T = unknown>(key: string): Promise<T | null>;
  /** Creates or replaces the object; a reader sees either the old or the new value, never a mix. */
  put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<void>;
  /** Stores `value` as indented JSON with content type application/json. */
  putJson(key: string, value: unknown): Promise<void>;
  /** Size and modification time, or null when missing. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Every object whose key starts with `prefix` (plain string prefix, as in S3), sorted by key. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Removes the object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every object under a non-empty `prefix`; resolves to how many were removed. */
  deletePrefix(prefix: string): Promise<number>;
}
