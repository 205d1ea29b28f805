import { randomUUID } from "node:crypto";
import type { Storage } from "./types.ts";

/** leases/<name>.json: who owns a piece of work (e.g. a runner's queue) and until when. */
export interface LeaseRecord {
  /** Human-readable owner, e.g. "api@host:pid". */
  owner: string;
  /** Random per holder instance: two holders with the same owner name still differ. */
  token: string;
  /** ISO time after which anyone may take the lease over unless it was renewed. */
  expiresAt: string;
  renewedAt: string;
}

export const leaseKey = (name: string): string => `leases/${name}.json`;

export interface LeaseOptions {
  storage: Storage;
  /** Lease name (a key segment): "local-runner" for the API's queue. */
  name: string;
  owner: string;
  /** How long a lease lives without renewal; default 30 s. Holders renew every third of it. */
  ttlMs?: number;
  /**
   * Pause between writing a claim and reading it back. The Storage interface has no conditional write (S3's
   * If-None-Match cannot be proven against the local S3 stand-in), so two contenders settle by last-writer-wins:
   * each writes its claim, waits, and keeps the lease only if its own claim is still there. The pause must outlast
   * one storage write; default 500 ms.
   */
  settleMs?: number;
  /** Clock; the default wall clock assumes holders' clocks agree to well within ttlMs (NTP). */
  now?: () => number;
}

export type AcquireResult = { acquired: true } | { acquired: false; holder: LeaseRecord };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A lease on a storage object: one live holder at a time, taken over by another only after it expired. Used by the
 * API's local runner so that a second instance on the same storage cannot recover (and SIGTERM) jobs a live one
 * runs; it needs only the Storage interface, so any runner (or the serverless side) can hold one the same way.
 */
export class StorageLease {
  readonly token = randomUUID();
  readonly ttlMs: number;
  private readonly key: string;
  private readonly now: () => number;
  /** Our own expiry (0: not held); a holder that cannot renew (storage down) stops counting itself the holder then. */
  private until = 0;

  constructor(private readonly o: LeaseOptions) {
    this.ttlMs = o.ttlMs ?? 30_000;
    this.key = leaseKey(o.name);
    this.now = o.now ?? Date.now;
  }

  get isHeld(): boolean {
    return this.until > this.now();
  }

  /** The stored lease, or null when none exists. */
  read(): Promise<LeaseRecord | null> {
    return this.o.storage.getJson<LeaseRecord>(this.key);
  }

  private isLive(r: LeaseRecord | null): r is LeaseRecord {
    return r !== null && Date.parse(r.expiresAt) > this.now();
  }

  private async write(): Promise<number> {
    const at = this.now();
    const rec: LeaseRecord = {
      owner: this.o.owner,
      token: this.token,
      expiresAt: new Date(at + this.ttlMs).toISOString(),
      renewedAt: new Date(at).toISOString(),
    };
    await this.o.storage.putJson(this.key, rec);
    return at + this.ttlMs;
  }

  /** Takes the lease when it is free, expired or already ours; otherwise reports who holds it. */
  async tryAcquire(): Promise<AcquireResult> {
    const cur = await this.read();
    if (this.isLive(cur) && cur.token !== this.token) return { acquired: false, holder: cur };
    const until = await this.write();
    await sleep(this.o.settleMs ?? 500);
    const after = await this.read();
    if (after?.token !== this.token) {
      this.until = 0;
      // A contender wrote after us and wins; with no record at all (deleted meanwhile) report ourselves as stale.
      return { acquired: false, holder: after ?? { owner: "unknown", token: "", expiresAt: new Date(0).toISOString(), renewedAt: "" } };
    }
    this.until = until;
    return { acquired: true };
  }

  /**
   * Extends a held lease; false when it was lost (another holder's claim is stored, or ours expired before this
   * renewal, when someone may already have taken it over: we never overwrite a possible successor).
   */
  async renew(): Promise<boolean> {
    if (!this.isHeld) return false;
    const cur = await this.read();
    if (cur?.token !== this.token || !this.isLive(cur)) {
      this.until = 0;
      return false;
    }
    this.until = await this.write();
    return true;
  }

  /** Gives the lease up (deletes it when it is still ours) so a successor need not wait for the expiry. */
  async release(): Promise<void> {
    if (this.until === 0) return;
    this.until = 0;
    const cur = await this.read();
    if (cur?.token === this.token) await this.o.storage.delete(this.key);
  }
}
