import { randomUUID } from "node:crypto";
import { routePath } from "hono/route";
import type { AppMiddleware } from "./context.ts";
import type { Logger } from "./logger.ts";
import type { RequestMetrics } from "./metrics.ts";

// Incoming ids are echoed into headers and logs, so only short, printable, unambiguous ones are accepted.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Assigns the request id (a sane incoming `X-Request-Id`, else a new UUID), echoes it on every response, and logs
 * one line per request: method, path, status, ms, requestId and the key id (never the key). `metrics` gets the route
 * pattern (the last route matched: the handler's; "unmatched" when only the app-wide middleware matched), never the raw path, so
 * ids do not become metric dimensions.
 */
export function requestLog(logger: Logger, metrics?: RequestMetrics): AppMiddleware {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.set("principal", null);
    c.set("authFailure", null);
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    if (metrics) {
      const pattern = routePath(c, -1);
      const route = pattern === "" || pattern === "*" || pattern === "/*" ? "unmatched" : `${c.req.method} ${pattern}`;
      metrics.request({ route, status: c.res.status, ms });
    }
    logger.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
      requestId,
      keyId: c.get("principal")?.keyId ?? null,
    });
  };
}
