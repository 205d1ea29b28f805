import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTrainingConfig } from "@gantry/core";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import { createTraining, patchStatus, readStatus, type StoredEvent } from "../services/training-store.ts";
import { LocalRunner, type LocalRunnerOptions } from "./local-runner.ts";
import { tempStorage, until } from "../test-support.ts";
import { PersistentQueue } from "./queue.ts";

const FAKE_JOB = fileURLToPath(new URL("./fixtures/fake-job.mjs", import.meta.url));

describe("LocalRunner (process handling, with a stand-in job)", () => {
  let storage: Storage;
  let dir: string;
  let cleanup: () => void;
  let runners: LocalRunner[];
  const runner = (o: Partial<LocalRunnerOptions> = {}) => {
    const r = new LocalRunner({ storage, storageUrl: `file://${dir}`, bin: FAKE_JOB, workers: 1, killGraceMs: 300, ...o });
    runners.push(r);
    return r;
  };
  const create = async (id: string, name: string, steps = 500) => {
    await createTraining(storage, id, parseTrainingConfig({ name, steps, data: { name: "ring8" }, loss: { name: "ns" } }));
  };
  const state = async (id: string) => (await readStatus(storage, id))?.status;

  beforeEach(() => {
    ({ storage, dir, cleanup } = tempStorage());
    runners = [];
  });
  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    cleanup();
  });

  it("runs at most `workers` jobs at once, in submission order, and clears the queue", async () => {
    const r = runner();
    await r.start();
    await create("t-a", "ok", 300);
    await create("t-b", "ok", 300);
    await r.submit("t-a");
    await r.submit("t-b");
    expect(r.stats()).toMatchObject({ workers: 1, running: 1, queued: 1 });
    await until(async () => (await state("t-a")) === "running");
    expect(await state("t-b")).toBe("queued");
    await until(async () => (await state("t-b")) === "succeeded");
    await until(async () => r.stats().finished === 2);
    expect(r.stats()).toMatchObject({ running: 0, queued: 0, finished: 2 });
    await until(async () => (await new PersistentQueue(storage).all()).length === 0);
    // The job reads its config by id (no --config file), gets the runner's backend and no --resume (no checkpoint).
    const launch = JSON.parse((await storage.getText("trainings/t-a/argv.log"))!.split("\n")[0]!) as { argv: string[]; backend: string };
    expect(launch).toEqual({ argv: ["--id", "t-a", "--storage", `file://${dir}`, "--quiet"], backend: "wasm" });
  });

  it("marks a job that dies without an outcome failed, quoting its output", async () => {
    const r = runner();
    await r.start();
    await create("t-crash", "crash");
    await r.submit("t-crash");
    const st = await until(async () => {
      const s = await readStatus(storage, "t-crash");
      return s?.status === "failed" ? s : null;
    });
    expect(st.error?.code).toBe("internal");
    expect(st.error?.message).toMatch(/exited with code 1: .*something broke/);
    // status.json is written before the event (see finalize.ts): wait for the event too.
    const text = await until(() => storage.getText(trainingKeys("t-crash").events));
    const events = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as StoredEvent);
    expect(events.at(-1)).toMatchObject({ id: 1, type: "status", data: { status: "failed" } });
  });

  it("cancel: SIGTERM, then SIGKILL after the grace period; queued ones never start", async () => {
    const r = runner();
    await r.start();
    await create("t-stub", "stubborn");
    await create("t-wait", "ok");
    await r.submit("t-stub");
    await r.submit("t-wait");
    await until(async () => (await state("t-stub")) === "running");
    expect(await r.cancel("t-wait")).toBe(true);
    const started = Date.now();
    expect(await r.cancel("t-stub")).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250); // waited for the grace period, then killed
    expect(await state("t-stub")).toBe("canceled");
    expect(await state("t-wait")).toBe("canceled");
    expect(await storage.getText("trainings/t-wait/argv.log")).toBeNull();
    expect(await r.cancel("t-stub")).toBe(false);
    expect(await new PersistentQueue(storage).all()).toEqual([]);
  });

  it("re-runs a job that reports interrupted (exit 3) and bounds the attempts", async () => {
    const r = runner();
    await r.start();
    await create("t-int", "interrupt-once");
    await create("t-loop", "interrupt-always");
    await r.submit("t-int");
    await until(async () => (await state("t-int")) === "succeeded");
    await until(async () => (await new PersistentQueue(storage).all()).length === 0);
    expect((await storage.getText("trainings/t-int/argv.log"))!.trim().split("\n")).toHaveLength(3); // 2 runs + marker
    await r.stop(); // gives the queue's lease up: one owner per storage
    const bounded = runner({ maxAttempts: 2 });
    await bounded.start();
    await bounded.submit("t-loop");
    const st = await until(async () => {
      const s = await readStatus(storage, "t-loop");
      return s?.status === "failed" ? s : null;
    });
    expect(st.error).toEqual({ code: "interrupted", message: "interrupted 2 times; giving up" });
  }, 30_000); // four job processes: node start-ups are slow on a loaded machine

  it("restart: resumes queued entries, orphans (stopping a live orphan first) and never-queued trainings", async () => {
    // An API that crashed left a live job behind; its queue entry names the pid.
    await create("t-run", "ok", 60_000);
    const orphan = spawn(process.execPath, [FAKE_JOB, "--id", "t-run", "--storage", `file://${dir}`], { stdio: "ignore" });
    const orphanExit = new Promise((r) => orphan.on("exit", (code) => r(code)));
    await new PersistentQueue(storage).put({ id: "t-run", submittedAt: new Date().toISOString(), attempts: 1, pid: orphan.pid! });
    await until(async () => (await state("t-run")) === "running");
    await create("t-queued", "ok", 100); // persisted queue entry, never started
    await new PersistentQueue(storage).put({ id: "t-queued", submittedAt: new Date().toISOString(), attempts: 0, pid: null });
    await create("t-lost", "ok", 100); // created but the API died before queueing it
    await create("t-cli", "ok", 100); // somebody else's run (e.g. the CLI): running without a queue entry
    await patchStatus(storage, "t-cli", { status: "running", attempt: 1 });

    const second = runner({ workers: 3 });
    await second.start();
    // The orphan got SIGTERM (and exited 3, as a real job does) before the new runner resumed the training.
    expect(await orphanExit).toBe(3);
    await until(async () => (await state("t-queued")) === "succeeded" && (await state("t-lost")) === "succeeded");
    await until(async () => (await state("t-run")) === "running");
    expect(await state("t-cli")).toBe("running");
    expect(await storage.getText("trainings/t-cli/argv.log")).toBeNull();
    // Let the finished jobs be settled first: one that exits while the runner stops keeps its entry (dropped on the
    // next start, as its training has ended), which would make the check below depend on timing.
    await until(async () => (await new PersistentQueue(storage).all()).every((e) => e.id === "t-run"));
    await second.stop();
    expect(await state("t-run")).toBe("interrupted");
    expect((await new PersistentQueue(storage).all()).map((e) => e.id)).toEqual(["t-run"]);
  });
});
