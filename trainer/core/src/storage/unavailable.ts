/**
 * A storage failure that is about reaching the store, not about the request: connection refused/reset, timeouts,
 * DNS, S3 5xx and throttling, a full disk. Callers answer 503 + Retry-After (API) or stop resumably (trainer)
 * instead of failing for good. Recognised by typed fields only (error codes, HTTP status, SDK error names).
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly op: string,
    readonly key: string,
    readonly url: string,
    cause: unknown,
  ) {
    super(`storage ${url} is unavailable (${op} ${key}): ${describe(cause)}`, { cause });
    this.name = "StorageUnavailableError";
  }
}

const NET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENOSPC",
  "EIO",
  "EDQUOT",
]);
const SDK_NAMES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "SlowDown",
  "ServiceUnavailable",
  "InternalError",
  "ThrottlingException",
]);

function describe(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string } | undefined;
  return [e?.code ?? e?.name, e?.message].filter(Boolean).join(": ") || String(err);
}

/** Whether `err` (or an error it wraps, or an AggregateError member) says the store could not be reached. */
export function isTransientStorageError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number }; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && NET_CODES.has(e.code)) return true;
  if (typeof e.name === "string" && SDK_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === "number" && (status >= 500 || status === 429)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isTransientStorageError(x, depth + 1))) return true;
  return isTransientStorageError(e.cause, depth + 1);
}

/** Finds a StorageUnavailableError in `err` or its causes (loaders wrap storage errors in their own). */
export function storageUnavailable(err: unknown): StorageUnavailableError | null {
  for (let e = err, i = 0; e && i < 8; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof StorageUnavailableError) return e;
  }
  return null;
}
