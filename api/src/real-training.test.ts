/**
 * Real trainings through the local runner (child processes running gantry-train on ring8 with tiny networks):
 * interruption by an API stop and resumption by the next runner, SSE over the real job's events, sampling the
 * resulting checkpoint with the trainer's loadGenerator, and cancellation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "@gantry/trainer/backend";
import { loadGenerator, readManifest } from "@gantry/trainer/checkpoint";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import { createApp } from "./app.ts";
import { memoryLogger } from "./http/logger.ts";
import { LocalRunner } from "./runner/local-runner.ts";
import { PersistentQueue } from "./runner/queue.ts";
import { TrainingEventSchema } from "./schemas/events.ts";
import { CriticFieldSchema } from "./schemas/critic.ts";
import { SampleResponse } from "./schemas/sample.ts";
import { TrainingSchema } from "./schemas/training.ts";
import { GeneratorCache } from "./services/generator-cache.ts";
import { readStatus, type StoredEvent } from "./services/training-store.ts";
import { tempStorage, until } from "./test-support.ts";

const CONFIG = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  steps: 120,
  batchSize: 64,
  checkpointEvery: 20,
  logEvery: 10,
  model: { gHidden: [32, 32], dHidden: [32, 32] },
};

describe("real trainings through the local runner", () => {
  let storage: Storage;
  let dir: string;
  let cleanup: () => void;
  const runners: LocalRunner[] = [];
  const newRunner = () => {
    const r = new LocalRunner({ storage, storageUrl: `file://${dir}`, workers: 1, killGraceMs: 30_000, logger: memoryLogger() });
    runners.push(r);
    return r;
  };
  const appWith = (runner: LocalRunner) =>
    createApp({
      storage,
      runner,
      apiKeys: [],
      logger: memoryLogger(),
      limits: { ssePollMs: 100, rateLimit: null },
      generators: new GeneratorCache({ storage, load: loadGenerator, budgetBytes: 64 << 20 }),
    });

  beforeAll(async () => {
    ({ storage, dir, cleanup } = tempStorage());
    await initBackend("wasm");
  });
  // Each test's runners stop before the next test's start: one instance owns the queue's lease at a time.
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(() => cleanup());
  const submit = async (app: ReturnType<typeof appWith>, config: object) => {
    const res = await app.request("/v1/trainings", { method: "POST", body: JSON.stringify(config), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(202);
    return TrainingSchema.parse(await res.json()).id;
  };
  const events = async (id: string) =>
    (await storage.getText(trainingKeys(id).events))!
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as StoredEvent);
  /** The step the job said it resumed from ("resumed <id> from step N on …"), one per resume. */
  const resumedSteps = async (id: string) =>
    (await events(id)).flatMap((e) => {
      const m = e.type === "log" ? /^resumed \S+ from step (\d+) /.exec(String(e.data.message)) : null;
      return m ? [Number(m[1])] : [];
    });

  it("a job killed by SIGKILL (as by the OOM killer) is resumed from its verified checkpoint and completes", async () => {
    const runner = newRunner();
    await runner.start();
    const id = await submit(appWith(runner), { ...CONFIG, steps: 300 });
    await until(() => storage.head(trainingKeys(id).latest), 60_000);
    const checkpointed = (await readManifest(storage, id, "latest")).manifest.step;
    expect(checkpointed).toBeGreaterThanOrEqual(20);
    const { pid } = (await new PersistentQueue(storage).get(id))!;
    process.kill(pid!, "SIGKILL"); // no signal handler runs: no interrupt checkpoint, no status written
    const done = await until(async () => {
      const st = await readStatus(storage, id);
      return st?.status === "succeeded" || st?.status === "failed" ? st : null;
    }, 120_000);
    expect(done.status).toBe("succeeded");
    expect(done.progress.step).toBe(300);
    expect(done.attempt).toBe(2);
    const [from, ...more] = await resumedSteps(id);
    expect(more).toEqual([]);
    expect(from).toBeGreaterThanOrEqual(checkpointed);
    expect(from).toBeLessThan(300);
    const died = (await events(id)).find((e) => e.type === "log" && String(e.data.message).startsWith("training job died"));
    expect(died?.data.message).toMatch(
      /^training job died \(signal SIGKILL\) without writing its outcome; resuming from checkpoint step \d+ \(attempt 2 of 5\)$/,
    );
  }, 180_000);

  it("an API stop interrupts a job at a checkpoint; the next runner resumes it to the end", async () => {
    const first = newRunner();
    await first.start();
    const res = await appWith(first).request("/v1/trainings", {
      method: "POST",
      body: JSON.stringify(CONFIG),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(202);
    const { id } = TrainingSchema.parse(await res.json());
    await until(() => storage.head(trainingKeys(id).latest), 60_000);
    await first.stop();
    // Stopped at about step 20 of 120: the job checkpoints, reports interrupted and stays queued.
    const interrupted = await readStatus(storage, id);
    expect(interrupted?.status).toBe("interrupted");
    expect(interrupted!.progress.step).toBeGreaterThanOrEqual(20);
    expect(interrupted!.progress.step).toBeLessThan(120);
    expect((await new PersistentQueue(storage).all()).map((e) => e.id)).toEqual([id]);

    const second = newRunner();
    const app = appWith(second);
    await second.start();
    // SSE from the start: every event exactly once, in order, ending with the terminal status.
    const sse = await (await app.request(`/v1/trainings/${id}/events`)).text();
    const ids = [...sse.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(sse).toMatch(/event: status\ndata: \{"id":\d+,"type":"status","data":\{"status":"succeeded"/);
    const done = TrainingSchema.parse(await (await app.request(`/v1/trainings/${id}`)).json());
    expect(done.status).toBe("succeeded");
    expect(done.progress.step).toBe(120);
    expect((await readStatus(storage, id))?.attempt).toBe(2); // resumed, not restarted
    const events = (await storage.getText(trainingKeys(id).events))!
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as StoredEvent);
    expect(events.map((e) => e.id)).toEqual(ids);
    // Every event the real job wrote fits the TrainingEvent schema the OpenAPI document declares.
    for (const e of events) expect(TrainingEventSchema.safeParse(e).error, JSON.stringify(e)).toBeUndefined();
    const resumed = events.find((e) => e.type === "log" && String(e.data.message).startsWith(`resumed ${id} from step`));
    expect(resumed?.data.message).toBe(`resumed ${id} from step ${interrupted!.progress.step} on wasm`);
    await until(async () => (await new PersistentQueue(storage).all()).length === 0);

    // The published model samples reproducibly with the trainer's generator.
    const body = JSON.stringify({ n: 6, seed: 11 });
    const post = () => app.request(`/v1/models/${id}/samples`, { method: "POST", body, headers: { "content-type": "application/json" } });
    const a = await (await post()).text();
    const b = await (await post()).text();
    expect(a).toBe(b);
    const s = SampleResponse.parse(JSON.parse(a));
    expect(s).toMatchObject({ shape: [6, 2], seed: 11, version: 120 });
    expect(s.data.flat().every(Number.isFinite)).toBe(true);

    // The critic of the last checkpoint on a 16 × 16 grid over the dataset's box, with 50 real ring8 points.
    const field = CriticFieldSchema.parse(await (await app.request(`/v1/models/${id}/critic?resolution=16&real=50`)).json());
    expect(field).toMatchObject({ version: 120, resolution: 16 });
    expect(field.values).toHaveLength(256);
    expect(field.values.every(Number.isFinite)).toBe(true);
    expect(Math.max(...field.values) - Math.min(...field.values)).toBeGreaterThan(1e-3);
    expect(field.extent[0]).toBeLessThan(-1.414);
    expect(field.extent[1]).toBeGreaterThan(1.414);
    // ring8: radius 2 scaled by 1/1.414, σ 0.02 (also scaled), so every real point lies within ±0.1 of radius 1.414.
    expect(field.real).toHaveLength(50);
    for (const [x, y] of field.real) expect(Math.abs(Math.hypot(x, y) - 2 / 1.414)).toBeLessThan(0.1);
    const again = CriticFieldSchema.parse(await (await app.request(`/v1/models/${id}/critic?resolution=16&real=50&version=120`)).json());
    expect(again).toEqual(field); // the same checkpoint and the same seeded real points
  }, 180_000);

  it("cancel stops a running job and records canceled; resume continues it from its checkpoint to the end", async () => {
    const runner = newRunner();
    await runner.start();
    const app = appWith(runner);
    const id = await submit(app, { ...CONFIG, steps: 400 });
    await until(() => storage.head(trainingKeys(id).latest), 60_000);
    const canceled = await app.request(`/v1/trainings/${id}/cancel`, { method: "POST" });
    expect(canceled.status).toBe(200);
    expect(TrainingSchema.parse(await canceled.json()).status).toBe("canceled");
    expect(runner.stats().running).toBe(0);
    // The job checkpoints as it stops; that checkpoint is where the resume starts.
    const at = (await readManifest(storage, id, "latest")).manifest.step;
    expect(at).toBeGreaterThanOrEqual(20);

    const resumed = await app.request(`/v1/trainings/${id}/resume`, { method: "POST" });
    expect(resumed.status).toBe(202);
    expect(TrainingSchema.parse(await resumed.json()).status).toBe("queued");
    const done = await until(async () => {
      const st = await readStatus(storage, id);
      return st && ["succeeded", "failed", "canceled"].includes(st.status) ? st : null;
    }, 120_000);
    expect(done).toMatchObject({ status: "succeeded", progress: { step: 400 } });
    expect(await resumedSteps(id)).toEqual([at]);
    // A replay of the events skips the superseded "canceled" and ends at "succeeded".
    const sse = await (await app.request(`/v1/trainings/${id}/events`)).text();
    const statuses = [...sse.matchAll(/"type":"status","data":\{"status":"(\w+)"/g)].map((m) => m[1]);
    expect(statuses.at(-1)).toBe("succeeded");
    expect(statuses).not.toContain("canceled");
    expect(statuses).toContain("queued");
  }, 240_000);
});
