import ky, { HTTPError, TimeoutError as KyTimeoutError } from "ky";
import { AbortError, type APIError, GantryError, TimeoutError, connectionError, makeAPIError } from "./errors.ts";
import { DEFAULT_BACKOFF, parseRetryAfter, retryPolicy, type BackoffOptions } from "./retry.ts";

export interface ClientOptions {
  /** Deployment root, e.g. "https://gantry.example.com" (no /v1). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; omit for an open (loopback) deployment. */
  apiKey?: string | null;
  /** Per-attempt time to get the response headers, in ms (a streamed body may take longer). Default 60 000. */
  timeout?: number;
  /** Retries after the first attempt for retryable failures. Default 2. */
  maxRetries?: number;
  /** Custom fetch (tests, proxies, edge runtimes). */
  fetch?: typeof fetch;
  /** Give every POST a generated Idempotency-Key so it can be retried safely. Default true. */
  autoIdempotencyKeys?: boolean;
  backoff?: BackoffOptions;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** Options every SDK method accepts. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout (ms) for this call. */
  timeout?: number;
  maxRetries?: number;
  /** Idempotency-Key for a POST; default a fresh UUID per call (reused across its retries). */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Called with the successful response before its body is read (e.g. to see `Idempotent-Replayed: true`). */
  onResponse?: (response: Response) => void;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  /** Path below baseUrl, starting with "/". */
  path: string;
  query?: Query;
  /** JSON body (serialised once, so retries send identical bytes). */
  json?: unknown;
  /** Raw body; must be replayable (bytes, Blob, string), since retries resend it. */
  body?: Uint8Array | ArrayBuffer | Blob | string;
  contentType?: string;
  accept?: string;
}

/** ky transport: ky's retry (policy in retry.ts), the SDK's error mapping and idempotency keys. */
export class Transport {
  readonly baseUrl: string;
  private readonly o: ClientOptions;
  private readonly backoff: Required<BackoffOptions>;

  constructor(options: ClientOptions) {
    if (!options.baseUrl) throw new GantryError("baseUrl is required (e.g. https://gantry.example.com)");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.o = options;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  url(path: string, query?: Query): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) qs.set(k, String(v));
    const s = qs.toString();
    return `${this.baseUrl}${path}${s ? `?${s}` : ""}`;
  }

  /** Sends `req`, retrying per policy; resolves to a 2xx Response or throws a GantryError subclass. */
  async send(req: HttpRequest, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.o.headers, ...opts.headers };
    if (this.o.apiKey) headers.authorization = `Bearer ${this.o.apiKey}`;
    if (req.accept) headers.accept = req.accept;
    let body: BodyInit | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers["content-type"] = "application/json";
    } else if (req.body !== undefined) {
      body = req.body as BodyInit;
      headers["content-type"] = req.contentType ?? "application/octet-stream";
    }
    let idempotencyKey = opts.idempotencyKey;
    if (req.method === "POST" && idempotencyKey === undefined && this.o.autoIdempotencyKeys !== false) {
      idempotencyKey = globalThis.crypto.randomUUID();
    }
    if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
    // A POST without a key may have taken effect before failing; only a keyed one is safe to resend.
    const canRetry = req.method !== "POST" || idempotencyKey !== undefined;
    const maxRetries = canRetry ? (opts.maxRetries ?? this.o.maxRetries ?? 2) : 0;
    const url = this.url(req.path, req.query);
    // ky's timeout covers the wait for the response headers only, so streamed bodies (SSE) are not cut off.
    const timeout = opts.timeout ?? this.o.timeout ?? 60_000;

    try {
      const res = await ky(url, {
        method: req.method,
        headers,
        body,
        timeout,
        throwHttpErrors: true,
        retry: retryPolicy(maxRetries, canRetry, this.backoff, opts.signal),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      });
      opts.onResponse?.(res);
      return res;
    } catch (err) {
      if (opts.signal?.aborted) throw new AbortError(undefined, { cause: err });
      if (err instanceof HTTPError) throw await this.toError(err.response, req.path);
      if (err instanceof KyTimeoutError) throw new TimeoutError(`${req.method} ${url}: no response within ${timeout} ms`, { cause: err });
      throw connectionError(`${req.method} ${url}`, url, err);
    }
  }

  /** Sends `req` and parses the JSON body. */
  async json<T>(req: HttpRequest, opts?: RequestOptions): Promise<T> {
    const res = await this.send(req, opts);
    return (await readBody(res, (r) => r.json(), opts?.signal)) as T;
  }

  private async toError(res: Response, path: string): Promise<APIError> {
    const text = await res.text().catch(() => "");
    return makeAPIError(res.status, text, res.headers, path, parseRetryAfter(res.headers.get("retry-after")));
  }
}

/** Reads a response body, mapping a broken stream to ConnectionError and an abort to AbortError. */
export async function readBody<T>(res: Response, read: (r: Response) => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await read(res);
  } catch (err) {
    if (signal?.aborted) throw new AbortError(undefined, { cause: err });
    if (err instanceof SyntaxError) throw new GantryError(`the server sent an invalid JSON body: ${err.message}`, { cause: err });
    throw connectionError(`reading the response from ${res.url || "the server"}`, res.url, err);
  }
}
