import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileStorage } from "./file-storage.ts";
import { leaseKey, StorageLease, type LeaseRecord } from "./lease.ts";

describe("StorageLease", () => {
  let dir: string;
  let storage: FileStorage;
  let clock: number;
  const lease = (owner: string, ttlMs = 10_000) => new StorageLease({ storage, name: "queue", owner, ttlMs, settleMs: 20, now: () => clock });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "gantry-lease-"));
    storage = new FileStorage(dir);
    clock = Date.parse("2026-01-01T00:00:00Z");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("one holder at a time: a second is refused (told who holds it) until the lease expires unrenewed", async () => {
    const a = lease("a");
    const b = lease("b");
    expect(await a.tryAcquire()).toEqual({ acquired: true });
    const stored = await storage.getJson<LeaseRecord>(leaseKey("queue"));
    expect(stored).toMatchObject({ owner: "a", token: a.token, expiresAt: "2026-01-01T00:00:10.000Z" });

    clock += 9_999; // 1 ms before expiry
    const refused = await b.tryAcquire();
    expect(refused).toMatchObject({ acquired: false, holder: { owner: "a" } });
    expect(b.isHeld).toBe(false);

    // Renewed at 9.999 s: alive until 19.999 s.
    expect(await a.renew()).toBe(true);
    clock += 9_999;
    expect((await b.tryAcquire()).acquired).toBe(false);

    // a stops renewing; once expired, b takes over and a learns it lost the lease (and does not overwrite b).
    clock += 2;
    expect(await b.tryAcquire()).toEqual({ acquired: true });
    expect(await a.renew()).toBe(false);
    expect(a.isHeld).toBe(false);
    expect((await storage.getJson<LeaseRecord>(leaseKey("queue")))?.token).toBe(b.token);
  });

  it("a holder whose own lease expired before it renewed gives it up rather than extend it", async () => {
    const a = lease("a");
    await a.tryAcquire();
    clock += 10_000;
    expect(await a.renew()).toBe(false);
    expect(a.isHeld).toBe(false);
  });

  it("release deletes only our own lease, so a successor takes over at once", async () => {
    const a = lease("a");
    const b = lease("b");
    await a.tryAcquire();
    await a.release();
    expect(await storage.head(leaseKey("queue"))).toBeNull();
    expect(await b.tryAcquire()).toEqual({ acquired: true });
    await a.release(); // no longer held: must not delete b's
    expect((await storage.getJson<LeaseRecord>(leaseKey("queue")))?.token).toBe(b.token);
  });

  it("of contenders claiming a free lease at once, exactly one wins", async () => {
    for (let round = 0; round < 5; round++) {
      await storage.delete(leaseKey("queue"));
      const all = Array.from({ length: 4 }, (_, i) => lease(`c${i}`));
      const results = await Promise.all(all.map((l) => l.tryAcquire()));
      const winners = all.filter((_, i) => results[i]!.acquired);
      expect(winners).toHaveLength(1);
      expect((await storage.getJson<LeaseRecord>(leaseKey("queue")))?.token).toBe(winners[0]!.token);
    }
  });
});
