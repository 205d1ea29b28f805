import type { FieldError, Problem } from "../types.ts";

/** Base class of every error the SDK throws. */
export class GantryError extends Error {
  override name = "GantryError";
}

/** The API answered with an error status; `problem` is its RFC 9457 body. */
export class APIError extends GantryError {
  override name = "APIError";
  readonly status: number;
  readonly problem: Problem;
  /** The id the server logged the request under (problem body or X-Request-Id); quote it when reporting. */
  readonly requestId: string | null;
  readonly headers: Headers;
  /** Parsed Retry-After in milliseconds, when the response carried one. */
  readonly retryAfterMs: number | null;

  constructor(status: number, problem: Problem, headers: Headers, retryAfterMs: number | null = null) {
    const requestId = problem.requestId || headers.get("x-request-id") || null;
    super(`${status} ${problem.title}: ${problem.detail}${requestId ? ` (request ${requestId})` : ""}`);
    this.status = status;
    this.problem = problem;
    this.requestId = requestId;
    this.headers = headers;
    this.retryAfterMs = retryAfterMs;
  }

  /** Validation errors, one per field path ("body.loss.name"); empty when the server sent none. */
  get errors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** The problem type slug ("not-found" for urn:gantry:problem:not-found). */
  get code(): string {
    return this.problem.type.replace(/^urn:gantry:problem:/, "");
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class PayloadTooLargeError extends APIError {
  override name = "PayloadTooLargeError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** The request never got an HTTP response (DNS, refused, reset, TLS, body stream broken). */
export class ConnectionError extends GantryError {
  override name = "ConnectionError";
  /** The URL that could not be reached ("" when unknown). */
  readonly url: string;
  /** The system's error code when the runtime gives one: ECONNREFUSED, ENOTFOUND, ECONNRESET, CERT_HAS_EXPIRED, … */
  readonly code: string | null;
  constructor(message: string, options?: { cause?: unknown; url?: string; code?: string | null }) {
    super(message, options);
    this.url = options?.url ?? "";
    this.code = options?.code ?? null;
  }
}

const CAUSES: [RegExp, string][] = [
  [/^ECONNREFUSED$/, "connection refused (is the server running, and is the URL right?)"],
  [/^(ENOTFOUND|EAI_NONAME)$/, "host not found (DNS)"],
  [/^EAI_AGAIN$/, "DNS lookup failed (temporary)"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, "connection reset"],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, "connect timed out"],
  [/^(EHOSTUNREACH|ENETUNREACH)$/, "host unreachable"],
  [/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET/, "TLS certificate problem"],
];

/** The first `code` along an error's cause chain (Node's fetch wraps the socket error: TypeError → cause). */
function causeCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const inner = (e as { errors?: unknown[] }).errors?.[0]; // AggregateError from trying each address
    const innerCode = (inner as { code?: unknown } | undefined)?.code;
    if (typeof innerCode === "string") return innerCode;
  }
  return null;
}

/** A ConnectionError whose message names what was attempted (`what`, with its URL) and why it failed. */
export function connectionError(what: string, url: string, err: unknown): ConnectionError {
  const code = causeCode(err);
  const known = code ? CAUSES.find(([re]) => re.test(code))?.[1] : undefined;
  const detail = known
    ? `${known} [${code}]`
    : code
      ? `${(err as Error)?.message ?? String(err)} [${code}]`
      : ((err as Error)?.message ?? String(err));
  return new ConnectionError(`${what}: ${detail}`, { cause: err, url, code });
}

/** No response (or no terminal state, for waits) within the allowed time. */
export class TimeoutError extends GantryError {
  override name = "TimeoutError";
}

/** A wait (trainings.wait, studies.wait) ran past its `timeout`; the work itself continues on the server. */
export class WaitTimeoutError extends TimeoutError {
  override name = "WaitTimeoutError";
}

/** The caller's AbortSignal fired. */
export class AbortError extends GantryError {
  override name = "AbortError";
  constructor(message = "the request was aborted", options?: { cause?: unknown }) {
    super(message, options);
  }
}

type APIErrorClass = new (status: number, problem: Problem, headers: Headers, retryAfterMs?: number | null) => APIError;

const BY_STATUS: Record<number, APIErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

const isProblem = (v: unknown): v is Problem =>
  typeof v === "object" && v !== null && typeof (v as Problem).title === "string" && typeof (v as Problem).detail === "string";

/**
 * The one place an HTTP error becomes an error object: picks the class for `status` and keeps the problem+json
 * body; a body that is not a problem (a proxy's HTML page) becomes a synthetic problem with its first 500 chars.
 */
export function makeAPIError(status: number, bodyText: string, headers: Headers, path: string, retryAfterMs: number | null = null): APIError {
  let parsed: unknown = null;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    // Not JSON: described below from the raw text.
  }
  const requestId = headers.get("x-request-id") ?? "";
  const problem: Problem = isProblem(parsed)
    ? { ...parsed, requestId: parsed.requestId || requestId }
    : {
        type: "about:blank",
        title: `HTTP ${status}`,
        status,
        instance: path,
        requestId,
        detail: bodyText.trim().slice(0, 500) || `the server answered ${status} without a problem body`,
      };
  const Cls = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
  return new Cls(status, problem, headers, retryAfterMs);
}
