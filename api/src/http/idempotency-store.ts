import type { Storage } from "@gantry/trainer/storage";
import type { RecomputeHint } from "./context.ts";
import { DEFAULT_IDEMPOTENCY_QUOTA, IdempotencyQuotas, type IdempotencyQuota } from "./idempotency-quota.ts";

/** A stored response, replayed for a repeated request with the same Idempotency-Key and body. */
export interface StoredResponse {
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

/** Outcome of a claim: this request owns the key, or a live claim with the same / another body holds it. */
export type ClaimResult = "claimed" | "in-use" | "other-body";

/**
 * Where Idempotency-Key claims and records live. A claim is "first writer wins" among every process that shares the
 * store: exactly one request per key runs its handler; the claim lapses at `until` should its owner die.
 */
export interface IdempotencyStore {
  /** The completed record for `scope` (expired ones included; the caller checks `expiresAt`), or null. */
  get(scope: string): Promise<StoredResponse | null>;
  claim(scope: string, fingerprint: string, now: number, until: number): Promise<ClaimResult>;
  /** Stores the record, replacing this request's claim. */
  save(scope: string, rec: StoredResponse): Promise<void>;
  /** Drops this request's claim (its outcome is not stored: errors are evaluated again on retry). */
  release(scope: string): Promise<void>;
}

export const IDEMPOTENCY_PREFIX = "idempotency/";
export const idempotencyRecordKey = (scope: string): string => `${IDEMPOTENCY_PREFIX}${scope}.json`;

/**
 * Records in `storage` (idempotency/<scope>.json, scope = <keyId>/<hash>), each API key's kept within `quota`
 * (oldest deleted first), claims in this process's memory: right for one API process
 * (`npm start`). Several processes sharing a bucket need a store with a shared claim (DynamoDB on Lambda).
 */
export function storageIdempotencyStore(storage: Storage, quota: IdempotencyQuota = DEFAULT_IDEMPOTENCY_QUOTA): IdempotencyStore {
  const claims = new Map<string, string>();
  const quotas = new IdempotencyQuotas(storage, IDEMPOTENCY_PREFIX, quota);
  return {
    get: (scope) => storage.getJson<StoredResponse>(idempotencyRecordKey(scope)),
    async claim(scope, fingerprint) {
      const held = claims.get(scope);
      if (held !== undefined) return held === fingerprint ? "in-use" : "other-body";
      claims.set(scope, fingerprint);
      return "claimed";
    },
    async save(scope, rec) {
      try {
        const json = JSON.stringify(rec);
        const size = Buffer.byteLength(json);
        // A record larger than the key's whole quota is not kept: the response stands, it just cannot be replayed.
        if (!quotas.fits(size)) return;
        const key = idempotencyRecordKey(scope);
        await storage.put(key, json, { contentType: "application/json" });
        await quotas.added(scope.split("/")[0]!, key, size);
      } finally {
        claims.delete(scope);
      }
    },
    async release(scope) {
      claims.delete(scope);
    },
  };
}
