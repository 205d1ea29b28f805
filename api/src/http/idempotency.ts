import { createHash } from "node:crypto";
import type { Storage } from "@gantry/trainer/storage";
import type { AppMiddleware, RecomputeHint } from "./context.ts";
import { DEFAULT_IDEMPOTENCY_QUOTA, IdempotencyQuotas, type IdempotencyQuota } from "./idempotency-quota.ts";
import { Problem, invalid } from "./problem.ts";

/** A stored response, replayed for a repeated request with the same Idempotency-Key and body. */
interface StoredResponse {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  /** The body, or null when it was larger than the cap and is recomputed on replay from `hint`. */
  bodyBase64: string | null;
  /** With `bodyBase64: null`: SHA-256 (hex) of the original body, which a recomputed replay must match. */
  bodySha256?: string;
  hint?: RecomputeHint;
  createdAt: string;
  expiresAt: string;
}

export interface IdempotencyOptions {
  /** How long records are kept (ms). */
  ttlMs: number;
  /** Largest response body stored for replay (bytes); larger recomputable ones are kept as a hint. */
  maxStoredBytes?: number;
  /** Per-API-key caps on the records kept (count and bytes); each key's oldest records go first. */
  quota?: IdempotencyQuota;
  now?: () => number;
}

export const IDEMPOTENCY_PREFIX = "idempotency/";
/** Default cap on stored response bodies: 1 MiB (a JSON sample of 1024 MNIST images is ~10 MB). */
export const IDEMPOTENCY_MAX_STORED_BYTES = 1024 * 1024;
const KEY_RE = /^[\x21-\x7e]{1,255}$/;
// Headers that describe the stored result; per-request ones (X-Request-Id, rate limits) are not replayed.
const REPLAYED_HEADERS = ["content-type", "content-disposition", "location", "preference-applied", "x-gantry-seed"];

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * `Idempotency-Key` on POST: the first response (status, body, describing headers) is stored for `ttlMs`, scoped to
 * the API key, method and path; the same key with the same body (and query) replays it, with a different body it
 * is a 409 problem, and while the first request still runs a repeat is a 409 too. Only successful (2xx) outcomes
 * are stored: an error is recomputed on retry (validation gives the same answer; transient ones may succeed).
 *
 * Bodies over `maxStoredBytes` whose handler set a `recomputeHint` (sampling) are not stored: the record keeps the
 * hint and the body's hash, and a replay runs the handler again with the hint, checking the hash. Oversized bodies
 * without a hint are stored whole (recomputing them could repeat a side effect).
 *
 * Records live under `idempotency/<keyId>/`, and each API key keeps at most `quota` of them (oldest deleted first).
 * Callers without a valid key never get here (the app answers 401 first), so no body is read for them.
 */
export function idempotency(storage: Storage, o: IdempotencyOptions): AppMiddleware {
  const inFlight = new Set<string>();
  const now = o.now ?? Date.now;
  const cap = o.maxStoredBytes ?? IDEMPOTENCY_MAX_STORED_BYTES;
  const quotas = new IdempotencyQuotas(storage, IDEMPOTENCY_PREFIX, o.quota ?? DEFAULT_IDEMPOTENCY_QUOTA);
  return async (c, next) => {
    const idemKey = c.req.header("idempotency-key");
    if (c.req.method !== "POST" || idemKey === undefined) return next();
    if (!KEY_RE.test(idemKey)) {
      throw invalid(400, [{ path: "headers.idempotency-key", message: "must be 1-255 visible ASCII characters" }]);
    }
    const keyId = c.get("principal")?.keyId ?? "anonymous";
    const scope = sha256(`${keyId}\n${c.req.path}\n${idemKey}`);
    const storageKey = `${IDEMPOTENCY_PREFIX}${keyId}/${scope}.json`;
    const body = new Uint8Array(await c.req.arrayBuffer());
    const fingerprint = sha256(Buffer.concat([Buffer.from(`${new URL(c.req.url).search}\n`), body]));
    const stored = await storage.getJson<StoredResponse>(storageKey);
    const live = stored && Date.parse(stored.expiresAt) > now() ? stored : null;
    if (live) {
      if (live.fingerprint !== fingerprint) {
        throw new Problem(409, "idempotency-key-reused", "Conflict", "this Idempotency-Key was already used with a different request body");
      }
      if (live.bodyBase64 !== null) {
        const headers = new Headers(live.headers);
        headers.set("Idempotent-Replayed", "true");
        return new Response(live.status === 204 ? null : Buffer.from(live.bodyBase64, "base64"), { status: live.status, headers });
      }
    }
    if (inFlight.has(scope)) {
      throw new Problem(409, "idempotency-key-in-use", "Conflict", "a request with this Idempotency-Key is still being processed");
    }
    inFlight.add(scope);
    try {
      if (live) {
        c.set("replayHint", live.hint);
        await next();
        await checkRecomputed(c.res, live);
        return;
      }
      await next();
      const res = c.res;
      if (res.status < 200 || res.status >= 300) return;
      const bytes = new Uint8Array(await res.clone().arrayBuffer());
      const headers: Record<string, string> = {};
      for (const h of REPLAYED_HEADERS) {
        const v = res.headers.get(h);
        if (v !== null) headers[h] = v;
      }
      const hint = c.get("recomputeHint");
      const asHint = bytes.length > cap && hint !== undefined;
      const t = now();
      const record = JSON.stringify({
        fingerprint, status: res.status, headers,
        ...(asHint ? { bodyBase64: null, bodySha256: sha256(bytes), hint } : { bodyBase64: Buffer.from(bytes).toString("base64") }),
        createdAt: new Date(t).toISOString(), expiresAt: new Date(t + o.ttlMs).toISOString(),
      } satisfies StoredResponse);
      // A record larger than the key's whole quota is not kept: the response stands, it just cannot be replayed.
      const size = Buffer.byteLength(record);
      if (!quotas.fits(size)) return;
      await storage.put(storageKey, record, { contentType: "application/json" });
      await quotas.added(keyId, storageKey, size);
    } finally {
      inFlight.delete(scope);
    }
  };
}

/**
 * Marks a recomputed replay as one when it reproduced the original: same status and body hash. A failed recompute
 * (say its checkpoint was deleted since) is answered as it is; a different body is a 409 rather than a silent change.
 */
async function checkRecomputed(res: Response, rec: StoredResponse): Promise<void> {
  if (res.status !== rec.status) return;
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  if (sha256(bytes) !== rec.bodySha256) {
    throw new Problem(409, "idempotency-replay-unavailable", "Conflict",
      "the first response to this Idempotency-Key was too large to store and recomputing it gave a different result; use a new key");
  }
  for (const [k, v] of Object.entries(rec.headers)) res.headers.set(k, v);
  res.headers.set("Idempotent-Replayed", "true");
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
