import { bodyLimit } from "hono/body-limit";
import type { AppMiddleware } from "./context.ts";
import { Problem } from "./problem.ts";

const tooLarge = (max: number) => (): never => {
  throw new Problem(413, "too-large", "Content Too Large", `the request body exceeds the limit of ${max} bytes`);
};

/** Rejects bodies over `max` bytes with a 413 problem (declared Content-Length or counted while streaming). */
export function limitBody(max: number): AppMiddleware {
  return bodyLimit({ maxSize: max, onError: tooLarge(max) });
}

/**
 * Answers 503 when the handler has not produced a response within `ms` (a streaming response counts as produced
 * as soon as it starts, so SSE is not cut off). The work itself is not cancelled; the client just stops waiting.
 */
export function requestTimeout(ms: number): AppMiddleware {
  return async (_c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Problem(503, "timeout", "Service Unavailable", `the request did not complete within ${ms} ms`, { headers: { "Retry-After": "1" } }),
          ),
        ms,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
