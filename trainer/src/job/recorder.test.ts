import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStorage, trainingKeys, type Storage } from "../storage/index.ts";
import { JobRecorder, MAX_EVENTS } from "./recorder.ts";
import type { JobEvent, TrainingStatus } from "@gantry/core";

let dir: string;
let storage: Storage;
const keys = trainingKeys("rec");

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-rec-"));
  storage = openStorage(`file://${dir}`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readLines = async (key: string) =>
  ((await storage.getText(key)) ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("JobRecorder", () => {
  it("flushes at most once per second unless the state changes", async () => {
    let t = 10_000;
    const seen: JobEvent[] = [];
    const rec = await JobRecorder.open(storage, keys, "rec", null, { now: () => t, onEvent: (e) => seen.push(e) });
    await rec.setState("running");
    rec.metric({ step: 1, dLoss: 1 });
    await rec.maybeFlush();
    expect(await readLines(keys.metrics)).toHaveLength(0); // same instant as the state-change flush
    t += 999;
    await rec.maybeFlush();
    expect(await readLines(keys.metrics)).toHaveLength(0);
    t += 1;
    await rec.maybeFlush();
    expect(await readLines(keys.metrics)).toEqual([{ step: 1, dLoss: 1 }]);
    await rec.setState("succeeded", { finishedAt: "x" });
    const status = (await storage.getJson<TrainingStatus>(keys.status))!;
    expect(status).toMatchObject({ id: "rec", status: "succeeded", attempt: 1, finishedAt: "x" });
    expect(status.updatedAt).toBe(new Date(t).toISOString());
    const events = await readLines(keys.events);
    expect(events.map((e) => [e.id, e.type])).toEqual([
      [1, "status"],
      [2, "metric"],
      [3, "status"],
    ]);
    expect(seen.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it("paces flushes by serialisation time, not by the wall time its writes wait while training runs", async () => {
    let t = 0;
    // Each write "takes" 5 s of wall time, as when synchronous training steps run while the put is awaited.
    const slow: Storage = Object.assign(Object.create(storage) as Storage, {
      put: async (...a: Parameters<Storage["put"]>) => {
        t += 5000;
        return storage.put(...a);
      },
    });
    const rec = await JobRecorder.open(slow, keys, "rec", null, { now: () => t });
    await rec.setState("running"); // started at t = 0; its three writes end at t = 15 s
    expect(t).toBe(15_000);
    rec.metric({ step: 1, dLoss: 1 });
    await rec.maybeFlush(); // 15 s ≥ FLUSH_INTERVAL_MS; counting the writes' 15 s would wait 20 × 15 s = 5 min
    expect(await readLines(keys.metrics)).toEqual([{ step: 1, dLoss: 1 }]);
  });

  it("continues event ids and attempts on resume and drops metric lines past the resumed step", async () => {
    const a = await JobRecorder.open(storage, keys, "rec", null);
    for (const step of [10, 20, 30]) a.metric({ step });
    a.metric({ step: 20, eval: { swd: 1 } });
    await a.setState("interrupted");
    const b = await JobRecorder.open(storage, keys, "rec", 20);
    expect(b.status.attempt).toBe(2);
    expect(b.metricCount).toBe(3);
    b.event("log", { message: "resumed" });
    await b.flush();
    const events = await readLines(keys.events);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await readLines(keys.metrics)).map((m) => m.step)).toEqual([10, 20, 20]);
  });

  it("keeps only the newest MAX_EVENTS events in the file, ids still increasing", async () => {
    const rec = await JobRecorder.open(storage, keys, "rec", null);
    for (let i = 0; i < MAX_EVENTS + 7; i++) rec.event("progress", { step: i });
    await rec.flush();
    const events = await readLines(keys.events);
    expect(events).toHaveLength(MAX_EVENTS);
    expect(events[0]!.id).toBe(8);
    expect(events[events.length - 1]!.id).toBe(MAX_EVENTS + 7);
  });

  it("writes status.json before events.jsonl, so a terminal event is never ahead of status.json", async () => {
    // At every rewrite of events.jsonl, note its last status event and what status.json says at that moment.
    const seen: [string | undefined, string | undefined][] = [];
    const spy = new Proxy(storage, {
      get(target, prop, receiver) {
        const real = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== "put" || typeof real !== "function") return typeof real === "function" ? real.bind(target) : real;
        return async (key: string, body: string, opts?: unknown) => {
          if (key === keys.events) {
            const last = body
              .split("\n")
              .filter(Boolean)
              .map((l) => JSON.parse(l) as JobEvent)
              .filter((e) => e.type === "status")
              .at(-1);
            seen.push([last?.data.status as string | undefined, (await target.getJson<TrainingStatus>(keys.status))?.status]);
          }
          return (real as Storage["put"]).call(target, key, body, opts as never);
        };
      },
    });
    const rec = await JobRecorder.open(spy, keys, "rec", null);
    await rec.setState("running");
    await rec.setState("failed", { error: { code: "diverged", message: "nan" } });
    expect(seen).toEqual([
      ["running", "running"],
      ["failed", "failed"],
    ]);
  });
});
