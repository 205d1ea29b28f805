import { IncomingMessage } from "node:http";
import { bodyLimit } from "hono/body-limit";
import type { AppMiddleware } from "./context.ts";
import { Problem } from "./problem.ts";

const tooLargeProblem = (max: number) => new Problem(413, "too-large", "Content Too Large", `the request body exceeds the limit of ${max} bytes`);
const tooLarge = (max: number) => (): never => {
  throw tooLargeProblem(max);
};

/** Rejects bodies over `max` bytes with a 413 problem (declared Content-Length or counted while streaming). */
export function limitBody(max: number): AppMiddleware {
  return bodyLimit({ maxSize: max, onError: tooLarge(max) });
}

/**
 * `limitBody` for small bodies (JSON), which on the Node server reads the body straight from the socket into the
 * request's body cache, where `c.req.json()`, `text()` and `arrayBuffer()` find it. Why: Hono's body limit and body
 * readers make @hono/node-server build a full fetch `Request` (AbortController, web streams over the socket) for
 * every request; at 16 concurrent sampling clients that was ~15 % of the event loop's time. Same answers: 413 for a
 * declared or counted size over `max`, the exact bytes for `arrayBuffer()` (idempotency fingerprints them), and
 * the text decoded as fetch decodes it (UTF-8, a leading BOM dropped, invalid bytes replaced). Elsewhere (Lambda,
 * `app.request` in tests) there is no Node request, and Hono's body limit runs as before.
 */
export function limitSmallBody(max: number): AppMiddleware {
  const fallback = limitBody(max);
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!(incoming instanceof IncomingMessage)) return fallback(c, next);
    // @hono/node-server gives GET and HEAD requests no body, as fetch does.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined && Number.parseInt(declared, 10) > max) tooLarge(max)();
    const bytes = await readAtMost(incoming, max);
    // Hono keeps promises in its body cache (it stores `raw.text()` there), though its type names the bodies.
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    cache["arrayBuffer"] = Promise.resolve(bytes.buffer);
    cache["text"] = Promise.resolve(new TextDecoder().decode(bytes));
    return next();
  };
}

/** The whole body in its own buffer; a 413 problem once more than `max` bytes arrived. */
function readAtMost(incoming: IncomingMessage, max: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const done = (err?: unknown) => {
      incoming.off("data", onData).off("end", onEnd).off("error", done).off("close", onClose);
      if (err === undefined) return;
      // Not read any further; the server discards the rest, as after Hono's body limit.
      incoming.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return done(tooLargeProblem(max));
      parts.push(chunk);
    };
    const onEnd = () => {
      done();
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      resolve(out);
    };
    const onClose = () => done(new Problem(400, "bad-request", "Bad Request", "the request body ended early (the client went away)"));
    incoming.on("data", onData).on("end", onEnd).on("error", done).on("close", onClose);
  });
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
