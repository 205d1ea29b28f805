import { createHash } from "node:crypto";
import type { Storage } from "@gantry/trainer/storage";
import type { AppMiddleware } from "./context.ts";
import { IDEMPOTENCY_PREFIX, storageIdempotencyStore, type IdempotencyStore, type StoredResponse } from "./idempotency-store.ts";
import { Problem, invalid } from "./problem.ts";

export type { StoredResponse };

export interface IdempotencyOptions {
  /** How long records are kept (ms). */
  ttlMs: number;
  /** Where claims and records live; default: records in `storage`, claims in this process's memory. */
  store?: IdempotencyStore;
  /** How long a claim holds off other requests with the same key if its owner dies (ms); default 120 s. */
  claimMs?: number;
  /** Largest response body stored for replay (bytes); larger recomputable ones are kept as a hint. */
  maxStoredBytes?: number;
  now?: () => number;
}

export { IDEMPOTENCY_PREFIX } from "./idempotency-store.ts";
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
 */
export function idempotency(storage: Storage, o: IdempotencyOptions): AppMiddleware {
  const store = o.store ?? storageIdempotencyStore(storage);
  const now = o.now ?? Date.now;
  const cap = o.maxStoredBytes ?? IDEMPOTENCY_MAX_STORED_BYTES;
  return async (c, next) => {
    const idemKey = c.req.header("idempotency-key");
    if (c.req.method !== "POST" || idemKey === undefined) return next();
    if (!KEY_RE.test(idemKey)) {
      throw invalid(400, [{ path: "headers.idempotency-key", message: "must be 1-255 visible ASCII characters" }]);
    }
    // "<keyId>/<hash>": each API key's records sit under their own prefix, where its quota is counted.
    const keyId = c.get("principal")?.keyId ?? "anonymous";
    const scope = `${keyId}/${sha256(`${keyId}\n${c.req.path}\n${idemKey}`)}`;
    const body = new Uint8Array(await c.req.arrayBuffer());
    const fingerprint = sha256(Buffer.concat([Buffer.from(`${new URL(c.req.url).search}\n`), body]));
    const stored = await store.get(scope);
    const live = stored && Date.parse(stored.expiresAt) > now() ? stored : null;
    if (live) {
      if (live.fingerprint !== fingerprint) throw reused();
      if (live.bodyBase64 !== null) {
        const headers = new Headers(live.headers);
        headers.set("Idempotent-Replayed", "true");
        return new Response(live.status === 204 ? null : Buffer.from(live.bodyBase64, "base64"), { status: live.status, headers });
      }
    }
    if (live) {
      // A recomputed replay writes nothing, so it needs no claim.
      c.set("replayHint", live.hint);
      await next();
      await checkRecomputed(c.res, live);
      return;
    }
    // First writer wins: only the request holding the claim runs the handler (other instances included).
    const claim = await store.claim(scope, fingerprint, now(), now() + (o.claimMs ?? 120_000));
    if (claim !== "claimed") {
      if (claim === "other-body") throw reused();
      throw new Problem(409, "idempotency-key-in-use", "Conflict", "a request with this Idempotency-Key is still being processed");
    }
    let saved = false;
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
      const hint = c.get("recomputeHint");
      const asHint = bytes.length > cap && hint !== undefined;
      const t = now();
      await store.save(scope, {
        fingerprint,
        status: res.status,
        headers,
        ...(asHint ? { bodyBase64: null, bodySha256: sha256(bytes), hint } : { bodyBase64: Buffer.from(bytes).toString("base64") }),
        createdAt: new Date(t).toISOString(),
        expiresAt: new Date(t + o.ttlMs).toISOString(),
      });
      saved = true;
    } finally {
      if (!saved) await store.release(scope);
    }
  };
}

const reused = () => new Problem(409, "idempotency-key-reused", "Conflict", "this Idempotency-Key was already used with a different request body");

/**
 * Marks a recomputed replay as one when it reproduced the original: same status and body hash. A failed recompute
 * (say its checkpoint was deleted since) is answered as it is; a different body is a 409 rather than a silent change.
 */
async function checkRecomputed(res: Response, rec: StoredResponse): Promise<void> {
  if (res.status !== rec.status) return;
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  if (sha256(bytes) !== rec.bodySha256) {
    throw new Problem(
      409,
      "idempotency-replay-unavailable",
      "Conflict",
      "the first response to this Idempotency-Key was too large to store and recomputing it gave a different result; use a new key",
    );
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
