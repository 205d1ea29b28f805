import type { AppMiddleware } from "./context.ts";
import { Problem } from "./problem.ts";

export interface RateLimit {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the largest burst allowed. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket per API key (per "anonymous" caller when the API runs open). An empty bucket answers 429 with
 * Retry-After in whole seconds until one token is back.
 */
export function rateLimit(limit: RateLimit, now: () => number = Date.now): AppMiddleware {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const key = c.get("principal")?.keyId ?? "unauthenticated";
    const t = now();
    const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.ratePerSecond);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / limit.ratePerSecond));
      throw new Problem(429, "rate-limited", "Too Many Requests", `rate limit of ${limit.ratePerSecond}/s (burst ${limit.burst}) exceeded for this key`, {
        headers: { "Retry-After": String(retryAfter) },
      });
    }
    b.tokens -= 1;
    return next();
  };
}
