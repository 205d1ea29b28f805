import { createHash } from "node:crypto";
import type { Storage } from "@gantry/trainer/storage";
import type { AppMiddleware } from "./context.ts";
import { Problem, invalid } from "./problem.ts";

/** A stored response, replayed for a repeated request with the same Idempotency-Key and body. */
interface StoredResponse {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
  createdAt: string;
  expiresAt: string;
}

export const IDEMPOTENCY_PREFIX = "idempotency/";
const KEY_RE = /^[\x21-\x7e]{1,255}$/;
// Headers that describe the stored result; per-request ones (X-Request-Id, rate limits) are not replayed.
const REPLAYED_HEADERS = ["content-type", "content-disposition", "location", "preference-applied", "x-gantry-seed"];

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * `Idempotency-Key` on POST: the first response (status, body, describing headers) is stored for `ttlMs`, scoped to
 * the API key, method and path; the same key with the same body (and query) replays it, with a different body it
 * is a 409 problem, and while the first request still runs a repeat is a 409 too. Only successful (2xx) outcomes
 * are stored: an error is recomputed on retry (validation gives the same answer; transient ones may succeed).
 */
export function idempotency(storage: Storage, ttlMs: number, now: () => number = Date.now): AppMiddleware {
  const inFlight = new Set<string>();
  return async (c, next) => {
    const idemKey = c.req.header("idempotency-key");
    if (c.req.method !== "POST" || idemKey === undefined) return next();
    if (!KEY_RE.test(idemKey)) {
      throw invalid(400, [{ path: "headers.idempotency-key", message: "must be 1-255 visible ASCII characters" }]);
    }
    const scope = sha256(`${c.get("principal")?.keyId ?? "-"}\n${c.req.path}\n${idemKey}`);
    const storageKey = `${IDEMPOTENCY_PREFIX}${scope}.json`;
    const body = new Uint8Array(await c.req.arrayBuffer());
    const fingerprint = sha256(Buffer.concat([Buffer.from(`${new URL(c.req.url).search}\n`), body]));
    const stored = await storage.getJson<StoredResponse>(storageKey);
    if (stored && Date.parse(stored.expiresAt) > now()) {
      if (stored.fingerprint !== fingerprint) {
        throw new Problem(409, "idempotency-key-reused", "Conflict", "this Idempotency-Key was already used with a different request body");
      }
      const headers = new Headers(stored.headers);
      headers.set("Idempotent-Replayed", "true");
      return new Response(stored.status === 204 ? null : Buffer.from(stored.bodyBase64, "base64"), { status: stored.status, headers });
    }
    if (inFlight.has(scope)) {
      throw new Problem(409, "idempotency-key-in-use", "Conflict", "a request with this Idempotency-Key is still being processed");
    }
    inFlight.add(scope);
    try {
      await next();
      const res = c.res;
      if (res.status < 200 || res.status >= 300) return;
      const bytes = new Uint8Array(await res.clone().arrayBuffer());
      const headers: Record<string, string> = {};
      for (const h of REPLAYED_HEADERS) {
        const v = res.headers.get(h);
        if (v !== null) headers[h] = v;
      }
      const t = now();
      await storage.putJson(storageKey, {
        fingerprint, status: res.status, headers, bodyBase64: Buffer.from(bytes).toString("base64"),
        createdAt: new Date(t).toISOString(), expiresAt: new Date(t + ttlMs).toISOString(),
      } satisfies StoredResponse);
    } finally {
      inFlight.delete(scope);
    }
  };
}

/** Deletes expired idempotency records; returns how many were removed. */
export async function sweepIdempotency(storage: Storage, now: number = Date.now()): Promise<number> {
  let removed = 0;
  for await (const info of storage.list(IDEMPOTENCY_PREFIX)) {
    const rec = await storage.getJson<StoredResponse>(info.key).catch(() => null);
    if (!rec || !(Date.parse(rec.expiresAt) > now)) {
      await storage.delete(info.key);
      removed++;
    }
  }
  return removed;
}
