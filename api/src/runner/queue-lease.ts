import os from "node:os";
import { StorageLease } from "@gantry/core";
import type { Storage } from "@gantry/trainer/storage";
import type { Logger } from "../http/logger.ts";

/** The lease that makes one API instance the owner of the local runner's queue on a storage. */
export const QUEUE_LEASE = "local-runner";

export interface QueueLeaseOptions {
  storage: Storage;
  /** Lease lifetime without renewal; default 30 s (renewed every third of it). */
  ttlMs?: number;
  /** See StorageLease's settleMs. */
  settleMs?: number;
  logger?: Logger;
}

export interface QueueLeaseHooks {
  /** We became the owner: recover the queue. */
  acquired(): Promise<void>;
  /** We were the owner and are not any more (another instance took over, or we could not renew in time). */
  lost(): Promise<void>;
  /** Each renewal while we own the queue: pick up work other instances put in it. */
  tick(): Promise<void>;
}

/**
 * Holds the queue's lease for a runner: takes it at start when it is free, otherwise waits for the holder's lease
 * to expire (checking every third of the lifetime); renews it on the same beat while owning, and reports a loss.
 */
export class QueueLease {
  private readonly lease: StorageLease;
  private timer: NodeJS.Timeout | null = null;
  private beat: Promise<void> = Promise.resolve();
  private owned = false;
  private closed = true;

  constructor(
    private readonly o: QueueLeaseOptions,
    private readonly hooks: QueueLeaseHooks,
  ) {
    this.lease = new StorageLease({
      storage: o.storage,
      name: QUEUE_LEASE,
      owner: `api@${os.hostname()}:${process.pid}`,
      ...(o.ttlMs !== undefined ? { ttlMs: o.ttlMs } : {}),
      ...(o.settleMs !== undefined ? { settleMs: o.settleMs } : {}),
    });
  }

  get ttlMs(): number {
    return this.lease.ttlMs;
  }

  get isOwner(): boolean {
    return this.owned && this.lease.isHeld;
  }

  /** One attempt now (so a free queue is recovered before start resolves), then the beat. */
  async start(): Promise<void> {
    this.closed = false;
    this.beat = this.step();
    await this.beat;
    this.schedule();
  }

  /** Stops the beat; the lease stays held until `release` (after the jobs have stopped). */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.beat;
  }

  async release(): Promise<void> {
    this.owned = false;
    await this.lease.release();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.beat = this.step().finally(() => this.schedule());
    }, this.lease.ttlMs / 3);
  }

  private async step(): Promise<void> {
    try {
      if (this.owned) {
        if (await this.lease.renew()) return await this.hooks.tick();
        return await this.loseIt("another instance holds the lease");
      }
      const got = await this.lease.tryAcquire();
      if (!got.acquired) {
        this.o.logger?.info("queue owned by another instance; waiting for its lease", { owner: got.holder.owner, expiresAt: got.holder.expiresAt });
        return;
      }
      this.owned = true;
      this.o.logger?.info("queue lease acquired", { ttlMs: this.lease.ttlMs });
      try {
        await this.hooks.acquired();
      } catch (err) {
        // Not recovered (e.g. storage failed midway): the next beat re-runs the recovery (the lease is still ours).
        this.owned = false;
        throw err;
      }
    } catch (err) {
      this.o.logger?.warn("queue lease check failed", { error: String(err) });
      // Storage unreachable: once our own lease has run out another instance may own the queue; stand down.
      if (this.owned && !this.lease.isHeld) await this.loseIt("the lease could not be renewed before it expired");
    }
  }

  private async loseIt(why: string): Promise<void> {
    this.owned = false;
    this.o.logger?.error("queue lease lost; stopping this instance's jobs", { reason: why });
    await this.hooks.lost();
  }
}
