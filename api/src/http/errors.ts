import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "@gantry/core";
import { UploadError } from "@gantry/trainer/data";
import { InvalidIdError, storageUnavailable } from "@gantry/trainer/storage";
import type { AppEnv } from "./context.ts";
import type { Logger } from "./logger.ts";
import { PROBLEM_CONTENT_TYPE, Problem, invalid, problemType, type ProblemBody } from "./problem.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Seconds a client is asked to wait after a storage outage answer (the S3 SDK has already retried by then). */
export const STORAGE_RETRY_AFTER_S = 5;

const SLUGS: Record<number, string> = {
  400: "bad-request",
  404: "not-found",
  405: "method-not-allowed",
  413: "too-large",
  415: "unsupported-media-type",
  503: "unavailable",
  504: "timeout",
};

/**
 * Maps any thrown value to a Problem. Known input errors keep their message (it names the field or file); anything
 * else is a 500 whose detail says nothing about internals (the log line has the stack, tied by requestId).
 */
export function toProblem(err: unknown, logger: Logger, requestId: string): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException) {
    const s = err.status;
    // Hono's own messages ("Malformed JSON in request body", "Unsupported Media Type") are safe to show.
    const detail = s === 400 && /json/i.test(err.message) ? "the request body is not valid JSON" : err.message || TITLES[s] || "error";
    return new Problem(s, SLUGS[s] ?? `http-${s}`, TITLES[s] ?? "Error", detail);
  }
  if (err instanceof ConfigError)
    return invalid(
      422,
      err.issues.map((i) => ({ path: i.path ? `body.${i.path}` : "body", message: i.message })),
    );
  if (err instanceof UploadError) return invalid(422, [{ path: "body", message: err.message }]);
  if (err instanceof InvalidIdError) return invalid(400, [{ path: `params.${err.field}`, message: err.message }]);
  if (storageUnavailable(err)) {
    // Not the client's fault and not permanent: say so, and when to try again. The log keeps which store failed.
    logger.warn("storage unavailable", { requestId, error: err instanceof Error ? err.message : String(err) });
    return new Problem(503, "storage-unavailable", "Service Unavailable", "storage is unavailable at the moment; retry later", {
      headers: { "Retry-After": String(STORAGE_RETRY_AFTER_S) },
    });
  }
  logger.error("unhandled error", {
    requestId,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return new Problem(500, "internal", "Internal Server Error", `an unexpected error occurred; quote request id ${requestId} when reporting it`);
}

/** The RFC 9457 response for a problem; the only place problem bodies are built. */
export function problemResponse(c: Context<AppEnv>, p: Problem): Response {
  const requestId = c.get("requestId") ?? "";
  const body: ProblemBody = {
    type: problemType(p.slug),
    title: p.title,
    status: p.status,
    detail: p.message,
    instance: c.req.path,
    requestId,
    ...(p.extra.errors ? { errors: p.extra.errors } : {}),
  };
  const headers = new Headers({ "Content-Type": PROBLEM_CONTENT_TYPE, "X-Request-Id": requestId, ...p.extra.headers });
  return new Response(JSON.stringify(body), { status: p.status, headers });
}
