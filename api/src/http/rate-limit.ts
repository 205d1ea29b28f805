import type { AppMiddleware } from "./context.ts";
import { Problem } from "./problem.ts";

export interface RateLimit {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the largest burst allowed. */
  burst: number;
}

/** One key's token bucket: tokens left at time `at` (ms). */
export interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Takes one token for a key. Resolves null when allowed, else the seconds until a token is back (Retry-After).
 * Implementations: this process's memory (`npm start`) or a store shared by every instance (DynamoDB on Lambda).
 */
export type RateLimiter = (key: string) => Promise<number | null>;

/**
 * The token-bucket step both limiters share: refill `b` (null = a new, full bucket) up to time `t`, then take one
 * token if there is one. Returns the bucket to keep and the Retry-After (null when the token was taken).
 */
export function takeToken(b: Bucket | null, limit: RateLimit, t: number): { bucket: Bucket; retryAfter: number | null } {
  const prev = b ?? { tokens: limit.burst, at: t };
  // A clock that stepped back (another instance's) must not mint tokens: elapsed time is never negative.
  const tokens = Math.min(limit.burst, prev.tokens + (Math.max(0, t - prev.at) / 1000) * limit.ratePerSecond);
  const at = Math.max(t, prev.at);
  if (tokens < 1) return { bucket: { tokens, at }, retryAfter: Math.max(1, Math.ceil((1 - tokens) / limit.ratePerSecond)) };
  return { bucket: { tokens: tokens - 1, at }, retryAfter: null };
}

/** Buckets in this process's memory. */
export function memoryRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return async (key) => {
    const { bucket, retryAfter } = takeToken(buckets.get(key) ?? null, limit, now());
    buckets.set(key, bucket);
    return retryAfter;
  };
}

/**
 * Token bucket per API key (per "anonymous" caller when the API runs open). An empty bucket answers 429 with
 * Retry-After in whole seconds until one token is back.
 */
export function rateLimit(limit: RateLimit, limiter: RateLimiter): AppMiddleware {
  return async (c, next) => {
    const retryAfter = await limiter(c.get("principal")?.keyId ?? "unauthenticated");
    if (retryAfter !== null) {
      throw new Problem(
        429,
        "rate-limited",
        "Too Many Requests",
        `rate limit of ${limit.ratePerSecond}/s (burst ${limit.burst}) exceeded for this key`,
        {
          headers: { "Retry-After": String(retryAfter) },
        },
      );
    }
    return next();
  };
}
