import { randomUUID } from "node:crypto";
import { routePath } from "hono/route";
import type { AppMiddleware } from "./context.ts";
import type { Logger } from "./logger.ts";
import type { RequestMetrics } from "./metrics.ts";

// Incoming ids are echoed into headers and logs, so only short, printable, unambiguous ones are accepted.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Assigns the request id (a sane incoming `X-Request-Id`, else a new UUID), echoes it on every response, and logs
 * one line per request when it ends: `request`, with req (method, path), res (status), reqId, responseTime (ms) and
 * keyId (never the key). On a pino logger the line also records the request headers, credentials redacted by pino;
 * on another (the Lambda entry's Powertools logger) the same fields but the headers, with requestId for reqId.
 * `metrics` gets the route pattern (the last route matched: the handler's; "unmatched" when only the app-wide
 * middleware matched), never the raw path, so ids do not become metric dimensions.
 *
 * The pino line is written with one call rather than through hono-pino (whose fields it keeps): hono-pino builds
 * two child loggers per request, a fifth of the event loop's time at 16 concurrent sampling clients.
 */
export function requestLog(logger: Logger, metrics?: RequestMetrics): AppMiddleware {
  const p = logger.pino;
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.set("principal", null);
    c.set("authFailure", null);
    // Read before the handler runs, as the request arrived.
    const req = p ? { method: c.req.method, url: c.req.path, headers: c.req.header() } : { method: c.req.method, url: c.req.path };
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    const ms = performance.now() - started;
    const status = c.res.status;
    const keyId = c.get("principal")?.keyId ?? null;
    if (p) p[status >= 500 ? "error" : "info"]({ req, reqId: requestId, responseTime: Math.round(ms), res: { status }, keyId }, "request");
    else logger.info("request", { req, res: { status }, keyId, responseTime: Math.round(ms), requestId });
    if (metrics) {
      const pattern = routePath(c, -1);
      const route = pattern === "" || pattern === "*" || pattern === "/*" ? "unmatched" : `${c.req.method} ${pattern}`;
      metrics.request({ route, status, ms: Math.round(ms * 10) / 10 });
    }
  };
}
