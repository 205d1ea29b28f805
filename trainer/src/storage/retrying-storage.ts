import { BaseStorage, storageUnavailable, type GetOptions, type ObjectInfo, type PutOptions, type Storage } from "@gantry/core";

/** How a job rides out a storage outage: `attempts` tries per operation, waits doubling from `baseMs` up to `maxMs`. */
export interface StorageRetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** In [0, 1); default Math.random (tests fix it). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait (the job logs it). */
  onRetry?: (info: { op: string; key: string; retry: number; delayMs: number; error: Error }) => void;
}

/**
 * 5 tries with waits of ~1, 2, 4 and 8 s: a job survives an outage of about 15 s per operation (each try also gets
 * the S3 client's own quick retries) and then ends resumable instead of training on without being able to save.
 */
export const DEFAULT_STORAGE_RETRY: StorageRetryPolicy = { attempts: 5, baseMs: 1000, maxMs: 8000 };

/**
 * The wait before retry number `retry` (0-based): exponential, capped, with "equal jitter" — half fixed, half
 * random — so jobs that lost the store at the same moment do not all come back at the same moment.
 */
export function backoffMs(p: StorageRetryPolicy, retry: number): number {
  const cap = Math.min(p.maxMs, p.baseMs * 2 ** retry);
  return Math.round(cap / 2 + (cap / 2) * (p.random ?? Math.random)());
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A Storage that retries operations failing with StorageUnavailableError (the typed outage every backend raises);
 * any other error, and the last outage, reach the caller unchanged. Written here rather than with a retry package
 * because the work is the wrapper itself: which errors count is the core's typed check, and `list` may only be
 * restarted before it has yielded anything (a retry after that would repeat keys).
 */
export class RetryingStorage extends BaseStorage {
  readonly url: string;
  constructor(
    readonly inner: Storage,
    private readonly policy: StorageRetryPolicy = DEFAULT_STORAGE_RETRY,
  ) {
    super();
    this.url = inner.url;
  }

  private async retry<T>(op: string, key: string, fn: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await fn();
      } catch (err) {
        await this.waitOrThrow(op, key, retry, err);
      }
    }
  }

  private async waitOrThrow(op: string, key: string, retry: number, err: unknown): Promise<void> {
    const outage = storageUnavailable(err);
    if (!outage || retry + 1 >= this.policy.attempts) throw err;
    const delayMs = backoffMs(this.policy, retry);
    this.policy.onRetry?.({ op, key, retry: retry + 1, delayMs, error: outage });
    await (this.policy.sleep ?? sleep)(delayMs);
  }

  get(key: string, opts?: GetOptions): Promise<Uint8Array | null> {
    return this.retry("get", key, () => this.inner.get(key, opts));
  }
  put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<void> {
    return this.retry("put", key, () => this.inner.put(key, body, opts));
  }
  head(key: string): Promise<ObjectInfo | null> {
    return this.retry("head", key, () => this.inner.head(key));
  }
  delete(key: string): Promise<void> {
    return this.retry("delete", key, () => this.inner.delete(key));
  }
  deletePrefix(prefix: string): Promise<number> {
    return this.retry("deletePrefix", prefix, () => this.inner.deletePrefix(prefix));
  }
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (let retry = 0; ; retry++) {
      let yielded = false;
      try {
        for await (const o of this.inner.list(prefix)) {
          yielded = true;
          yield o;
        }
        return;
      } catch (err) {
        if (yielded) throw err;
        await this.waitOrThrow("list", prefix, retry, err);
      }
    }
  }
}

/** `storage` with retries, unless it already has them (a CLI wraps once; the job it starts must not square them). */
export function withStorageRetries(storage: Storage, policy?: StorageRetryPolicy): Storage {
  return storage instanceof RetryingStorage ? storage : new RetryingStorage(storage, policy);
}
