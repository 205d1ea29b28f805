import { BaseStorage, StorageUnavailableError, type GetOptions, type ObjectInfo, type PutOptions, type Storage } from "@gantry/core";

/**
 * Test double: a Storage whose store goes away on demand. Each operation of an outage throws the typed
 * StorageUnavailableError every backend raises (as S3Storage does for a refused connection).
 */
export class OutageStorage extends BaseStorage {
  readonly url: string;
  /** Operations that failed so far. */
  failures = 0;
  private left = 0;
  /** Fail when this returns true for an operation (in addition to `failNext`). */
  failWhen: ((op: string, key: string) => boolean) | null = null;

  constructor(private readonly inner: Storage) {
    super();
    this.url = inner.url;
  }

  /** The next `n` operations fail (Infinity: until `restore`). */
  failNext(n: number): void {
    this.left = n;
  }

  restore(): void {
    this.left = 0;
    this.failWhen = null;
  }

  private check(op: string, key: string): void {
    const failing = this.left > 0 ? this.left-- > 0 : this.failWhen?.(op, key) === true;
    if (failing) {
      this.failures++;
      const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
      throw new StorageUnavailableError(op, key, this.url, cause);
    }
  }

  async get(key: string, opts?: GetOptions): Promise<Uint8Array | null> {
    this.check("get", key);
    return this.inner.get(key, opts);
  }
  async put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<void> {
    this.check("put", key);
    return this.inner.put(key, body, opts);
  }
  async head(key: string): Promise<ObjectInfo | null> {
    this.check("head", key);
    return this.inner.head(key);
  }
  async delete(key: string): Promise<void> {
    this.check("delete", key);
    return this.inner.delete(key);
  }
  async deletePrefix(prefix: string): Promise<number> {
    this.check("deletePrefix", prefix);
    return this.inner.deletePrefix(prefix);
  }
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    this.check("list", prefix);
    yield* this.inner.list(prefix);
  }
}
