import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { leaseKey, parseTrainingConfig, type LeaseRecord } from "@gantry/core";
import type { Storage } from "@gantry/trainer/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryLogger } from "../http/logger.ts";
import { createTraining, readStatus } from "../services/training-store.ts";
import { tempStorage, until } from "../test-support.ts";
import { LocalRunner, type LocalRunnerOptions } from "./local-runner.ts";
import { PersistentQueue } from "./queue.ts";
import { QUEUE_LEASE } from "./queue-lease.ts";

const FAKE_JOB = fileURLToPath(new URL("./fixtures/fake-job.mjs", import.meta.url));
const OWNER = fileURLToPath(new URL("./fixtures/queue-owner.ts", import.meta.url));
/** Short enough for a test to outwait, long enough that a beat (a third of it) is never missed on a loaded machine. */
const TTL_MS = 6000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("one owner per queue (a lease on the storage)", () => {
  let storage: Storage;
  let dir: string;
  let cleanup: () => void;
  let runners: LocalRunner[];
  let children: ChildProcess[];
  const runner = (o: Partial<LocalRunnerOptions> = {}) => {
    const r = new LocalRunner({
      storage,
      storageUrl: `file://${dir}`,
      bin: FAKE_JOB,
      workers: 2,
      killGraceMs: 300,
      lease: { ttlMs: TTL_MS, settleMs: 50 },
      ...o,
    });
    runners.push(r);
    return r;
  };
  const create = (id: string, name: string, steps: number) =>
    createTraining(storage, id, parseTrainingConfig({ name, steps, data: { name: "ring8" }, loss: { name: "ns" } }));
  const state = async (id: string) => (await readStatus(storage, id))?.status;
  const launches = async (id: string) => ((await storage.getText(`trainings/${id}/argv.log`)) ?? "").trim().split("\n").filter(Boolean).length;

  beforeEach(() => {
    ({ storage, dir, cleanup } = tempStorage());
    runners = [];
    children = [];
  });
  afterEach(async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(runners.map((r) => r.stop()));
    cleanup();
  });

  it("a second instance leaves the live owner's job alone; once the owner died and its lease expired, it recovers the queue", async () => {
    await create("t-long", "ok", 600_000);
    await new PersistentQueue(storage).put({ id: "t-long", submittedAt: new Date().toISOString(), attempts: 0, pid: null });
    // The first instance: its own process, which recovers the queue and starts the job.
    const owner = spawn(process.execPath, ["--import", "tsx", OWNER, dir, FAKE_JOB, String(TTL_MS)], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(owner);
    const ownerExit = new Promise((r) => owner.on("exit", r));
    await until(async () => (await state("t-long")) === "running", 60_000);
    const entry = await until(async () => {
      const e = await new PersistentQueue(storage).get("t-long");
      return e?.pid ? e : null;
    });
    const jobPid = entry.pid!;

    // The second instance starts on the same storage while the owner renews its lease.
    const logger = memoryLogger();
    const second = runner({ logger });
    await second.start();
    const waits = () => logger.entries.filter((e) => e.msg === "queue owned by another instance; waiting for its lease").length;
    await until(async () => waits() >= 3, 30_000); // three beats refused: the owner renewed in between
    expect(alive(jobPid)).toBe(true);
    expect(await state("t-long")).toBe("running");
    expect(await launches("t-long")).toBe(1);
    expect(second.stats()).toMatchObject({ running: 0, queued: 0, queueOwner: false });
    const held = await storage.getJson<LeaseRecord>(leaseKey(QUEUE_LEASE));
    expect(held?.owner).toMatch(new RegExp(`:${owner.pid}$`));

    // The owner crashes (no release, no renewal). Its job is orphaned; after the lease expires the second instance
    // takes over: it stops the orphan (SIGTERM: the job checkpoints and exits 3) and resumes the training itself.
    owner.kill("SIGKILL");
    await ownerExit;
    await until(async () => logger.entries.some((e) => e.msg === "queue lease acquired"), 30_000);
    await until(async () => !alive(jobPid));
    await until(async () => (await launches("t-long")) === 2 && (await state("t-long")) === "running");
    expect(second.stats()).toMatchObject({ running: 1, queueOwner: true });
    const now = await storage.getJson<LeaseRecord>(leaseKey(QUEUE_LEASE));
    expect(now?.owner).toMatch(new RegExp(`:${process.pid}$`));
  }, 120_000);

  it("submit and cancel through a non-owner reach the owner's queue and job", async () => {
    const first = runner();
    await first.start();
    const second = runner();
    await second.start();
    await create("t-run", "ok", 600_000);
    await create("t-short", "ok", 200);
    await first.submit("t-run");
    await until(async () => (await state("t-run")) === "running");
    // Submitted through the second instance: it only persists the entry; the owner runs it on its next beat.
    await second.submit("t-short");
    expect(second.stats().queued).toBe(0);
    await until(async () => (await state("t-short")) === "succeeded", 30_000);
    // Cancel through the second instance: the owner stops its job and records "canceled".
    expect(await second.cancel("t-run")).toBe(true);
    expect(await state("t-run")).toBe("canceled");
    await until(async () => (await new PersistentQueue(storage).all()).length === 0);
    expect(await launches("t-run")).toBe(1);
  }, 60_000);

  it("an owner that finds its lease taken over stops its jobs (checkpoint, kept queued) and runs nothing more", async () => {
    const logger = memoryLogger();
    const first = runner({ logger });
    await first.start();
    await create("t-run", "ok", 600_000);
    await first.submit("t-run");
    await until(async () => (await state("t-run")) === "running");
    // Another instance took the lease over (as after this one stalled past its expiry).
    const other: LeaseRecord = {
      owner: "api@elsewhere:1",
      token: "other",
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      renewedAt: new Date().toISOString(),
    };
    await storage.putJson(leaseKey(QUEUE_LEASE), other);
    await until(async () => logger.entries.some((e) => e.msg === "queue lease lost; stopping this instance's jobs"), 30_000);
    await until(async () => first.stats().running === 0);
    expect(await state("t-run")).toBe("interrupted");
    expect(first.stats().queued).toBe(0);
    expect((await new PersistentQueue(storage).all()).map((e) => [e.id, e.pid])).toEqual([["t-run", null]]);
    // Its submissions now only reach storage, for the new owner.
    await create("t-next", "ok", 200);
    await first.submit("t-next");
    expect(first.stats().queued).toBe(0);
    expect((await storage.getJson<LeaseRecord>(leaseKey(QUEUE_LEASE)))?.token).toBe("other");
    expect(await launches("t-run")).toBe(1);
  }, 60_000);

  it("a graceful stop releases the lease, so the next instance takes over without waiting for the expiry", async () => {
    const first = runner({ lease: { ttlMs: 600_000, settleMs: 50 } });
    await first.start();
    await first.stop();
    expect(await storage.head(leaseKey(QUEUE_LEASE))).toBeNull();
    const logger = memoryLogger();
    const next = runner({ logger, lease: { ttlMs: 600_000, settleMs: 50 } });
    await next.start();
    expect(logger.entries.map((e) => e.msg)).toContain("queue lease acquired");
  });
});
