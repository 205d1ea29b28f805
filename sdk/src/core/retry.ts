import { HTTPError, type RetryOptions } from "ky";
import { AbortError } from "./errors.ts";

export interface BackoffOptions {
  /** Delay before the first retry, before jitter (ms). Default 500. */
  initialMs?: number;
  /** Largest delay between attempts (ms). Default 8000. */
  maxMs?: number;
  /** Longest Retry-After the client waits for (ms); a longer one is thrown to the caller. Default 60 000. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 500, maxMs: 8000, maxRetryAfterMs: 60_000 };

/**
 * Milliseconds a Retry-After header asks for: delta-seconds ("3") or an HTTP-date; null when absent or
 * unparseable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // HTTP-dates always name the day and month; this keeps Date.parse from reading "-3" as a year.
  const at = /[a-z]{3}/i.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Conflicts that clear by themselves; other 409s (already finished, key reused) answer the same on every try. */
const TRANSIENT_CONFLICTS = new Set(["urn:gantry:problem:idempotency-key-in-use"]);

/**
 * Whether a response status is worth another attempt: 408, 429, 5xx except 501 (not implemented is permanent),
 * and 409 only for the transient idempotency-key-in-use conflict (or a 409 without a Gantry problem type).
 */
export function isRetryableStatus(status: number, problemType: string | undefined): boolean {
  if (status === 408 || status === 429) return true;
  if (status === 409) return problemType === undefined || !problemType.startsWith("urn:gantry:") || TRANSIENT_CONFLICTS.has(problemType);
  return status >= 500 && status !== 501;
}

/** Resolves after `ms`, or rejects with AbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError(undefined, { cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Every status isRetryableStatus may accept; ky honours Retry-After on all of them (its default list is shorter). */
const RETRY_STATUSES = [408, 409, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i).filter((s) => s !== 501)];

/**
 * ky's retry options for one request. ky does the waiting (Retry-After, exponential backoff capped at maxMs,
 * jitter); shouldRetry adds what ky cannot know: which 409s are transient (the problem type in the body), that a
 * Retry-After beyond maxRetryAfterMs is thrown to the caller rather than waited out, and that an aborted call stops.
 */
export function retryPolicy(limit: number, retryPost: boolean, o: Required<BackoffOptions>, signal?: AbortSignal): RetryOptions {
  return {
    limit,
    methods: retryPost ? ["get", "delete", "post"] : ["get", "delete"],
    statusCodes: RETRY_STATUSES,
    afterStatusCodes: RETRY_STATUSES,
    retryOnTimeout: true,
    delay: (attempt) => o.initialMs * 2 ** (attempt - 1),
    backoffLimit: o.maxMs,
    // Up to 25 % shorter, so clients that failed together do not retry together.
    jitter: (ms) => ms * (1 - 0.25 * Math.random()),
    shouldRetry: async ({ error }) => {
      if (signal?.aborted) return false;
      if (!(error instanceof HTTPError)) return undefined; // connection errors and timeouts: retried
      const after = parseRetryAfter(error.response.headers.get("retry-after"));
      if (after !== null && after > o.maxRetryAfterMs) return false;
      return isRetryableStatus(error.response.status, await problemType(error.response)) ? undefined : false;
    },
  };
}

async function problemType(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.clone().json()) as { type?: unknown };
    return typeof body.type === "string" ? body.type : undefined;
  } catch {
    return undefined;
  }
}
