import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trainingKeys } from "@gantry/trainer/storage";
import { MetricsResponse, TrainingPage, TrainingSchema } from "../schemas/training.ts";
import { patchStatus } from "../services/training-store.ts";
import { call, expectProblem, seedTraining, testApp, type TestApp } from "../test-support.ts";

const RING8 = { data: { name: "ring8" }, loss: { name: "wgan-gp" }, steps: 60, model: { gHidden: [32, 32], dHidden: [32, 32] } };

describe("/v1/trainings", () => {
  let t: TestApp;
  beforeEach(() => {
    t = testApp();
  });
  afterEach(() => t.cleanup());

  it("POST queues a training: 202, Location, stored config and a queued status", async () => {
    const res = await call(t.app, "POST", "/v1/trainings", { body: RING8 });
    expect(res.status).toBe(202);
    const training = TrainingSchema.parse(await res.json());
    expect(training.status).toBe("queued");
    expect(training.config.steps).toBe(60);
    expect(training.config.batchSize).toBe(64); // defaults filled by the trainer's schema
    expect(training.progress).toEqual({ step: 0, steps: 60, stepsPerSecond: 0, etaSeconds: null });
    expect(res.headers.get("location")).toBe(`/v1/trainings/${training.id}`);
    expect(t.runner.submitted).toEqual([training.id]);
    expect(await t.storage.getJson(trainingKeys(training.id).config)).toMatchObject({ loss: { name: "wgan-gp" } });
  });

  it("POST rejects invalid configs with a 422 naming every field path", async () => {
    const res = await call(t.app, "POST", "/v1/trainings", {
      body: { data: { name: "ring8" }, loss: { name: "nope" }, steps: 0, bogus: 1 },
    });
    const p = await expectProblem(res, 422);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(["body.bogus", "body.loss.name", "body.steps"]);
    expect(t.runner.submitted).toEqual([]);
  });

  it("POST rejects an unknown dataset or a missing upload before queueing", async () => {
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: { ...RING8, data: { name: "ring9" } } }), 422, ["body.data.name"]);
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: { ...RING8, data: { name: "upload:d-x" } } }), 422, ["body.data.name"]);
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: { ...RING8, data: { name: "ring8", classes: [1] } } }), 422, [
      "body.data.classes",
    ]);
  });

  it("POST with malformed JSON or the wrong content type is a problem", async () => {
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: "{nope", headers: { "content-type": "application/json" } }), 400);
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: "x", headers: { "content-type": "text/plain" } }), 415);
  });

  it("Prefer: wait holds until a terminal state and says so", async () => {
    const started = Date.now();
    const pending = call(t.app, "POST", "/v1/trainings", { body: RING8, headers: { prefer: "wait=5" } });
    // Finish the training shortly after submission, as a job would.
    await new Promise((r) => setTimeout(r, 400));
    const id = t.runner.submitted[0]!;
    await patchStatus(t.storage, id, { status: "succeeded", finishedAt: new Date().toISOString() });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get("preference-applied")).toBe("wait=5");
    expect(TrainingSchema.parse(await res.json()).status).toBe("succeeded");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("Prefer: wait gives up after the requested time with 202", async () => {
    const started = Date.now();
    const res = await call(t.app, "POST", "/v1/trainings", { body: RING8, headers: { prefer: "respond-async, wait=1" } });
    expect(res.status).toBe(202);
    expect(res.headers.get("preference-applied")).toBe("wait=1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("GET lists newest first over several pages with filters", async () => {
    const ids = ["t-000000001-aa", "t-000000002-aa", "t-000000003-aa", "t-000000004-aa", "t-000000005-aa"];
    for (const [i, id] of ids.entries()) {
      await seedTraining(t.storage, id, { status: i % 2 ? "succeeded" : "running", loss: i < 3 ? "ns" : "hinge" });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(t.app, "GET", `/v1/trainings?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = TrainingPage.parse(await res.json());
      seen.push(...page.data.map((x) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const running = TrainingPage.parse(await (await call(t.app, "GET", "/v1/trainings?status=running&limit=2")).json());
    expect(running.data.map((x) => x.id)).toEqual([ids[4], ids[2]]);
    const next = TrainingPage.parse(await (await call(t.app, "GET", `/v1/trainings?status=running&limit=2&cursor=${running.nextCursor}`)).json());
    expect(next.data.map((x) => x.id)).toEqual([ids[0]]);
    expect(next.nextCursor).toBeNull();
    const hinge = TrainingPage.parse(await (await call(t.app, "GET", "/v1/trainings?loss=hinge&dataset=ring8")).json());
    expect(hinge.data.map((x) => x.id)).toEqual([ids[4], ids[3]]);
  });

  it("GET list validates its query", async () => {
    await expectProblem(await call(t.app, "GET", "/v1/trainings?limit=0"), 400, ["query.limit"]);
    await expectProblem(await call(t.app, "GET", "/v1/trainings?status=sleeping"), 400, ["query.status"]);
    await expectProblem(await call(t.app, "GET", "/v1/trainings?cursor=!!!"), 400, ["query.cursor"]);
  });

  it("GET one, metrics, and 404s", async () => {
    await seedTraining(t.storage, "t-1", { status: "running" });
    await t.storage.put(trainingKeys("t-1").metrics, '{"step":10,"dLoss":1.5,"gLoss":0.5}\n{"step":20,"eval":{"energy":0.1}}\n');
    expect(TrainingSchema.parse(await (await call(t.app, "GET", "/v1/trainings/t-1")).json()).status).toBe("running");
    const metrics = MetricsResponse.parse(await (await call(t.app, "GET", "/v1/trainings/t-1/metrics")).json());
    expect(metrics.data).toEqual([
      { step: 10, dLoss: 1.5, gLoss: 0.5 },
      { step: 20, eval: { energy: 0.1 } },
    ]);
    const since = MetricsResponse.parse(await (await call(t.app, "GET", "/v1/trainings/t-1/metrics?since=10")).json());
    expect(since.data.map((m) => m.step)).toEqual([20]);
    await expectProblem(await call(t.app, "GET", "/v1/trainings/t-404"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/trainings/t-404/metrics"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/trainings/..bad"), 400, ["params.id"]);
  });

  it("cancel marks a live training canceled; a finished one is a 409", async () => {
    await seedTraining(t.storage, "t-live", { status: "running" });
    const res = await call(t.app, "POST", "/v1/trainings/t-live/cancel");
    expect(res.status).toBe(200);
    expect(TrainingSchema.parse(await res.json()).status).toBe("canceled");
    await expectProblem(await call(t.app, "POST", "/v1/trainings/t-live/cancel"), 409);
    await expectProblem(await call(t.app, "POST", "/v1/trainings/t-none/cancel"), 404);
  });
});
