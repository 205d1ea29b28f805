import type { Storage } from "@gantry/trainer/storage";

/** Per-API-key caps on stored Idempotency-Key records. */
export interface IdempotencyQuota {
  /** Most records one API key may keep; the oldest are deleted beyond it. */
  maxRecords: number;
  /** Most bytes of records one API key may keep; the oldest are deleted beyond it. */
  maxBytes: number;
}

export const DEFAULT_IDEMPOTENCY_QUOTA: IdempotencyQuota = { maxRecords: 1000, maxBytes: 64 * 1024 * 1024 };

/** Whether a record of `size` bytes can be kept at all under `quota` (every store applies this first). */
export const fitsQuota = (quota: IdempotencyQuota, size: number): boolean => size <= quota.maxBytes && quota.maxRecords > 0;

interface Usage {
  /** Storage key → size, oldest first. */
  records: Map<string, number>;
  bytes: number;
}

/**
 * Keeps each API key's idempotency records (all under `<prefix><keyId>/`) within its quota by deleting that key's
 * oldest records, so one key cannot grow storage without bound by sending unique Idempotency-Keys, and cannot push
 * out another key's records. Usage is learnt once per key and process from a listing, then tracked in memory; with
 * several API instances on one storage each enforces the cap on what it sees (the TTL sweep bounds the rest); on
 * Lambda the DynamoDB store enforces the same quota across instances (lambda/dynamo-quota.ts).
 */
export class IdempotencyQuotas {
  private readonly usage = new Map<string, Promise<Usage>>();

  constructor(
    private readonly storage: Storage,
    private readonly prefix: string,
    private readonly quota: IdempotencyQuota,
  ) {}

  /** Whether a record of `size` bytes can be kept at all under the quota. */
  fits(size: number): boolean {
    return fitsQuota(this.quota, size);
  }

  /** Records a just-written record and deletes the key's oldest ones beyond the quota. */
  async added(keyId: string, storageKey: string, size: number): Promise<void> {
    const u = await this.of(keyId);
    u.bytes -= u.records.get(storageKey) ?? 0;
    u.records.delete(storageKey);
    u.records.set(storageKey, size);
    u.bytes += size;
    for (const [k, s] of u.records) {
      if (u.records.size <= this.quota.maxRecords && u.bytes <= this.quota.maxBytes) break;
      if (k === storageKey) continue;
      u.records.delete(k);
      u.bytes -= s;
      await this.storage.delete(k);
    }
  }

  private of(keyId: string): Promise<Usage> {
    let p = this.usage.get(keyId);
    if (!p) {
      p = (async () => {
        const found: { key: string; size: number; at: number }[] = [];
        for await (const o of this.storage.list(`${this.prefix}${keyId}/`)) found.push({ key: o.key, size: o.size, at: o.lastModified.getTime() });
        found.sort((a, b) => a.at - b.at);
        return { records: new Map(found.map((f) => [f.key, f.size])), bytes: found.reduce((a, f) => a + f.size, 0) };
      })();
      p.catch(() => this.usage.delete(keyId)); // a failed listing is retried by the next request
      this.usage.set(keyId, p);
    }
    return p;
  }
}
