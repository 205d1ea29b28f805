/** The SDK against the real API server (child process, temp storage, tiny ring8 trainings). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gantry } from "./client.ts";
import { layersModelArtifacts } from "./resources/models.ts";
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "./core/errors.ts";
import { SAMPLE_KEY, TINY_CONFIG, TRAIN_KEY, startApiServer, type ApiServer } from "./testing/api-server.ts";
import type { Training, TrainingConfig, TrainingEvent } from "./types.ts";

let api: ApiServer;
let g: Gantry;
let a: Training;
let b: Training;
let bWaitedMs = 0;

beforeAll(async () => {
  api = await startApiServer();
  g = new Gantry({ baseUrl: api.url, apiKey: TRAIN_KEY });
  // Two trainings at once (the server runs two workers). A is followed by events(); B is created with
  // `Prefer: wait` (answered when it ends, or after 60 s with it still running) and then followed by wait().
  const t0 = performance.now();
  [a, b] = await Promise.all([
    g.trainings.create({ ...TINY_CONFIG, name: "sdk-a" }),
    g.trainings.create({ ...TINY_CONFIG, seed: 1, name: "sdk-b" }, { wait: 60 }),
  ]);
  bWaitedMs = performance.now() - t0;
}, 120_000);

afterAll(async () => {
  await api?.stop();
}, 30_000);

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("trainings", () => {
  it("create returns a queued training with the config's defaults filled in", () => {
    expect(a.id).toMatch(/^t-/);
    expect(["queued", "running"]).toContain(a.status);
    expect(a.config).toMatchObject({ steps: 150, batchSize: 32, logEvery: 10, loss: { name: "ns" } });
    expect(a.error).toBeNull();
  });

  it("events() streams to the terminal status in id order", async () => {
    const events: TrainingEvent[] = [];
    for await (const e of g.trainings.events(a.id)) events.push(e);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ type: "status", data: { status: "succeeded" } });
    const steps = events.flatMap((e) => (e.type === "progress" ? [e.data.step] : []));
    expect(steps.length).toBeGreaterThanOrEqual(10); // logEvery 10 over 150 steps
    expect(steps.at(-1)).toBe(150);
    expect(events.some((e) => e.type === "metric")).toBe(true);
    // Resuming after an event replays only what follows it.
    const resumed: number[] = [];
    for await (const e of g.trainings.events(a.id, { lastEventId: ids.at(-3)! })) resumed.push(e.id);
    expect(resumed).toEqual(ids.slice(-2));
  }, 60_000);

  it("create with wait holds the response until the training ends", () => {
    if (b.status !== "succeeded") expect(bWaitedMs).toBeGreaterThanOrEqual(59_000);
    expect(["succeeded", "running"]).toContain(b.status);
  });

  it("wait() reports progress and returns the finished training", async () => {
    const seen: number[] = [];
    const done = await g.trainings.wait(b.id, { onProgress: (p) => seen.push(p.step), timeout: 60_000 });
    expect(done.status).toBe("succeeded");
    expect(done.progress.step).toBe(150);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
  }, 60_000);

  it("get, metrics and list agree on a finished training", async () => {
    const t = await g.trainings.get(a.id);
    expect(t.status).toBe("succeeded");
    expect(t.latestMetrics).toHaveProperty("swd");
    const lines = await g.trainings.metrics(a.id);
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.some((l) => typeof l.eval === "object")).toBe(true);
    const later = await g.trainings.metrics(a.id, { since: 100 });
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((l) => l.step > 100)).toBe(true);
    const ids: string[] = [];
    for await (const x of g.trainings.list({ status: "succeeded", dataset: "ring8" })) ids.push(x.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("aborting wait() mid-run throws AbortError; cancel then ends the training", async () => {
    const long = { ...TINY_CONFIG, steps: 200_000, name: "sdk-long" };
    const c = await g.trainings.create(long, { idempotencyKey: "sdk-test-long-1" });
    // The same key and body replay the first response: no second training.
    expect((await g.trainings.create(long, { idempotencyKey: "sdk-test-long-1" })).id).toBe(c.id);
    const ctl = new AbortController();
    const waiting = g.trainings.wait(c.id, { signal: ctl.signal, onProgress: () => ctl.abort() });
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    // onProgress fires first with where the training stands (it may not have started yet).
    expect(["queued", "running"]).toContain((await g.trainings.get(c.id)).status);
    const canceled = await g.trainings.cancel(c.id);
    expect(canceled.status).toBe("canceled");
    const again = await g.trainings.cancel(c.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).code).toBe("already-finished");
    // Resume queues it again (from its checkpoint, when it wrote one); cancel ends it once more.
    expect((await g.trainings.resume(c.id)).status).toBe("queued");
    expect((await g.trainings.cancel(c.id)).status).toBe("canceled");
    const finished = await g.trainings.resume(a.id).catch((e: unknown) => e);
    expect(finished).toBeInstanceOf(ConflictError);
    expect((finished as ConflictError).code).toBe("already-succeeded");
    // Three trainings now exist: one per page with limit 1.
    const page1 = await g.trainings.list({ limit: 1 });
    expect(page1.data).toHaveLength(1);
    expect(page1.data[0]!.id).toBe(c.id); // newest first
    const page2 = await page1.getNextPage();
    const page3 = await page2.getNextPage();
    expect([page2.data[0]!.id, page3.data[0]!.id].sort()).toEqual([a.id, b.id].sort());
    expect(page3.hasNextPage()).toBe(false);
  }, 60_000);
});

describe("models and samples", () => {
  it("lists and gets models with their versions", async () => {
    const ids: string[] = [];
    for await (const m of g.models.list({ limit: 1 })) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const m = await g.models.get(a.id);
    expect(m.loss).toBe("ns");
    expect(m.versions.at(-1)!.step).toBe(150);
    // The only checkpoint is the final one; it carries the end-of-run evaluation and is the best by swd.
    expect(m.best).toMatchObject({ step: 150 });
    expect(m.best!.metrics).toHaveProperty("swd");
  });

  it("samples as json, npy and png, reproducibly", async () => {
    const j = await g.samples.create(a.id, { n: 16, seed: 7 });
    expect(j.shape).toEqual([16, 2]);
    expect(j.data).toBeInstanceOf(Float32Array);
    expect(j.rows).toHaveLength(16);
    expect(Array.from(j.rows[3]!)).toEqual(Array.from(j.data.subarray(6, 8)));
    expect(j).toMatchObject({ seed: 7, version: 150 });
    const npy = await g.samples.create(a.id, { n: 16, seed: 7, format: "npy" });
    expect(npy.shape).toEqual([16, 2]);
    expect(Array.from(npy.data)).toEqual(Array.from(j.data));
    expect(npy).toMatchObject({ seed: 7, version: 150 });
    const png = await g.samples.create(a.id, { n: 16, seed: 7, format: "png" });
    expect(Array.from(png.data.subarray(0, 8))).toEqual(PNG_MAGIC);
    const get = await g.samples.png(a.id, { n: 8, seed: 3, version: "latest" });
    expect(Array.from(get.data.subarray(0, 8))).toEqual(PNG_MAGIC);
    expect(get).toMatchObject({ seed: 3, version: 150 });
  });

  it("interpolates between two seeds", async () => {
    const r = await g.samples.interpolate(a.id, { from: 1, to: 2, steps: 5 });
    expect(r.shape).toEqual([5, 2]);
    expect(r.data.every(Number.isFinite)).toBe(true);
    const p = await g.samples.interpolate(a.id, { from: 1, to: 2, steps: 5, format: "png" });
    expect(Array.from(p.data.subarray(0, 8))).toEqual(PNG_MAGIC);
  });

  it("evaluates a 2-D model's critic on a grid, with real points", async () => {
    const f = await g.models.critic(a.id, { resolution: 8, real: 10, version: "latest" });
    expect(f).toMatchObject({ version: 150, resolution: 8 });
    expect(f.values).toHaveLength(64);
    expect(f.values.every(Number.isFinite)).toBe(true);
    expect(f.real).toHaveLength(10);
    expect(f.extent[0]).toBeLessThan(f.extent[1]);
    await expect(g.models.critic(a.id, { resolution: 1 })).rejects.toBeInstanceOf(BadRequestError);
  });

  it("exports the generator; its weights, run by hand, give the API's samples for the same latents", async () => {
    const x = await g.models.exportGenerator(a.id, 150);
    expect(x).toMatchObject({ format: "tfjs-layers", step: 150, zDim: 2, sampleShape: [2] });
    const art = layersModelArtifacts(x);
    const sizes = x.weightSpecs.map((w) => w.shape.reduce((p, d) => p * d, 1));
    expect(art.weightData.byteLength).toBe(4 * sizes.reduce((p, q) => p + q, 0));
    // TINY_CONFIG's G is dense 2→32 ReLU → 32 ReLU → 2 (linear): a hand-written forward pass over the decoded weights.
    expect(x.weightSpecs.map((w) => w.shape)).toEqual([[2, 32], [32], [32, 32], [32], [32, 2], [2]]);
    const flat = new Float32Array(art.weightData);
    const tensors: Float32Array[] = [];
    for (let i = 0, at = 0; i < sizes.length; at += sizes[i]!, i++) tensors.push(flat.subarray(at, at + sizes[i]!));
    const dense = (v: number[], w: Float32Array, b: Float32Array, relu: boolean) =>
      Array.from(b, (bias, o) => {
        const y = v.reduce((s, vi, i) => s + vi * w[i * b.length + o]!, bias);
        return relu ? Math.max(0, y) : y;
      });
    const latents = [
      [0.5, -1.25],
      [2, 0.75],
      [-0.3, 0.1],
    ];
    const api = await g.samples.create(a.id, { n: 3, latents });
    latents.forEach((z, r) => {
      const h = dense(dense(z, tensors[0]!, tensors[1]!, true), tensors[2]!, tensors[3]!, true);
      const out = dense(h, tensors[4]!, tensors[5]!, false);
      for (let k = 0; k < 2; k++) expect(Math.abs(out[k]! - api.rows[r]![k]!)).toBeLessThanOrEqual(1e-5);
    });
    await expect(g.models.exportGenerator(a.id, 151)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deletes a model", async () => {
    await g.models.delete(b.id);
    await expect(g.models.get(b.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("datasets", () => {
  it("pages through built-ins and manages an upload", { timeout: 60_000 }, async () => {
    const up = await g.datasets.upload("x,y\n0.5,1\n-1,0.25\n2,2\n", { name: "points.csv" });
    expect(up).toMatchObject({ builtin: false, kind: "tabular", sampleShape: [2], size: 3 });
    expect(up.name).toBe(`upload:${up.id}`);
    const first = await g.datasets.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    const all: string[] = [];
    let pages = 0;
    for await (const p of first.pages()) {
      pages++;
      all.push(...p.data.map((d) => d.id));
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(all).toEqual(expect.arrayContaining(["ring8", up.id]));
    expect(await g.datasets.get("ring8")).toMatchObject({ id: "ring8", builtin: true, sampleShape: [2] });
    await g.datasets.delete(up.id);
    await expect(g.datasets.get(up.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(g.datasets.delete("ring8")).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

describe("errors", () => {
  it("are classes carrying the problem and the request id", async () => {
    const nf = (await g.trainings.get("t-missing").catch((e: unknown) => e)) as NotFoundError;
    expect(nf).toBeInstanceOf(NotFoundError);
    expect(nf.status).toBe(404);
    expect(nf.requestId).toMatch(/\S{8,}/);
    expect(nf.problem).toMatchObject({ status: 404, instance: "/v1/trainings/t-missing", requestId: nf.requestId });

    const bad = { ...TINY_CONFIG, loss: { name: "nope" } } as unknown as TrainingConfig;
    const ue = (await g.trainings.create(bad).catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(ue).toBeInstanceOf(UnprocessableEntityError);
    expect(ue.errors.map((e) => e.path)).toContain("body.loss.name");

    await expect(g.trainings.list({ limit: 0 })).rejects.toBeInstanceOf(BadRequestError);
    await expect(new Gantry({ baseUrl: api.url, apiKey: "wrong-key-123" }).models.list()).rejects.toBeInstanceOf(AuthenticationError);
    const sampler = new Gantry({ baseUrl: api.url, apiKey: SAMPLE_KEY });
    await expect(sampler.trainings.create(TINY_CONFIG)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await sampler.models.list()).data.length).toBeGreaterThan(0);
  });

  it("studies are served by the trainer's study engine: its validation errors, 404s and an (empty) list", async () => {
    const t0 = performance.now();
    const err = (await g.studies.create({ losses: ["ns"], bogus: 1 }).catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect(err.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["body.data", "body.bogus"]));
    expect(performance.now() - t0).toBeLessThan(2000); // a 422 is not retried
    await expect(g.studies.get("s-1")).rejects.toBeInstanceOf(NotFoundError);
    const page = await g.studies.list({ limit: 5 });
    expect(page.data).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
  });

  it("health is public", async () => {
    const h = await new Gantry({ baseUrl: api.url }).health();
    expect(h.status).toBe("ok");
    expect(h.backends.find((b) => b.name === "wasm")).toMatchObject({ available: true });
    expect(h.backends.find((b) => b.name === "cpu")).toMatchObject({ available: true });
  });

  it("a backend the deployment cannot run is a 422 at submit, naming body.backend", async () => {
    const h = await g.health();
    // This machine has no @tensorflow/tfjs-node; where it does, the check below has nothing to reject.
    const missing = h.backends.find((b) => !b.available);
    expect(missing, "no unavailable backend to test with").toBeDefined();
    const err = (await g.trainings
      .create({ ...TINY_CONFIG, backend: missing!.name as "tensorflow" })
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect(err.errors[0]).toMatchObject({ path: "body.backend" });
    expect(err.errors[0]!.message).toContain("not available on this deployment");
  });
});
