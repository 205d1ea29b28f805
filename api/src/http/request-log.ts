import { randomUUID } from "node:crypto";
import { pinoLogger } from "hono-pino";
import { routePath } from "hono/route";
import type { AppMiddleware } from "./context.ts";
import type { Logger } from "./logger.ts";
import type { RequestMetrics } from "./metrics.ts";

// Incoming ids are echoed into headers and logs, so only short, printable, unambiguous ones are accepted.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Assigns the request id (a sane incoming `X-Request-Id`, else a new UUID), echoes it on every response, and logs
 * one line per request when it ends: method, path, status, time, requestId and the key id (never the key). On a
 * pino logger the line is hono-pino's and also records the request headers, credentials redacted by pino; on
 * another (the Lambda entry's Powertools logger) the same fields but the headers go through that logger.
 * `metrics` gets the route pattern (the last route matched: the handler's; "unmatched" when only the app-wide
 * middleware matched), never the raw path, so ids do not become metric dimensions.
 */
export function requestLog(logger: Logger, metrics?: RequestMetrics): AppMiddleware {
  const onResBindings = (c: Parameters<AppMiddleware>[0]) => ({ res: { status: c.res.status }, keyId: c.get("principal")?.keyId ?? null });
  const onReqBindings = (c: Parameters<AppMiddleware>[0]) => ({ req: { method: c.req.method, url: c.req.path } });
  const log: AppMiddleware = logger.pino
    ? (pinoLogger({
        pino: logger.pino,
        http: {
          referRequestIdKey: "requestId",
          // Headers only here: pino redacts the credentials among them (REDACTED_PATHS); another logger might not.
          onReqBindings: (c) => ({ req: { ...onReqBindings(c).req, headers: c.req.header() } }),
          onResBindings,
          onResMessage: () => "request",
          onResLevel: (c) => (c.res.status >= 500 ? "error" : "info"),
        },
      }) as unknown as AppMiddleware)
    : async (c, next) => {
        const started = performance.now();
        await next();
        logger.info("request", {
          ...onReqBindings(c),
          ...onResBindings(c),
          responseTime: Math.round(performance.now() - started),
          requestId: c.get("requestId"),
        });
      };
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.set("principal", null);
    c.set("authFailure", null);
    await log(c, async () => {
      await next();
      c.res.headers.set("X-Request-Id", requestId);
      if (metrics) {
        const pattern = routePath(c, -1);
        const route = pattern === "" || pattern === "*" || pattern === "/*" ? "unmatched" : `${c.req.method} ${pattern}`;
        metrics.request({ route, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
      }
    });
  };
}
