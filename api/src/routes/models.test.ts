import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelPage, ModelSchema } from "../schemas/model.ts";
import { call, expectProblem, seedTraining, testApp, type TestApp } from "../test-support.ts";

describe("/v1/models", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp();
    await seedTraining(t.storage, "t-000000001-a", { status: "succeeded", steps: [50, 100], loss: "hinge" });
    await seedTraining(t.storage, "t-000000002-a", { status: "succeeded", steps: [100] });
    await seedTraining(t.storage, "t-000000003-a", { status: "running", steps: [10] });
    await seedTraining(t.storage, "t-000000004-a", { status: "queued" }); // no checkpoint: no model yet
  });
  afterEach(() => t.cleanup());

  it("lists models (trainings with a checkpoint) over pages, with the sample scope", async () => {
    const first = ModelPage.parse(await (await call(t.app, "GET", "/v1/models?limit=2", { key: "sample-key-0123456789" })).json());
    expect(first.data.map((m) => m.id)).toEqual(["t-000000003-a", "t-000000002-a"]);
    expect(first.data[0]).toMatchObject({ loss: "ns", dataset: "ring8", trainingStatus: "running", latestStep: 10 });
    const second = ModelPage.parse(await (await call(t.app, "GET", `/v1/models?limit=2&cursor=${first.nextCursor}`)).json());
    expect(second.data.map((m) => m.id)).toEqual(["t-000000001-a"]);
    expect(second.nextCursor).toBeNull();
  });

  it("gets a model with versions, metrics and the best version", async () => {
    const res = await call(t.app, "GET", "/v1/models/t-000000001-a");
    expect(res.status).toBe(200);
    const model = ModelSchema.parse(await res.json());
    expect(model.versions.map((v) => v.step)).toEqual([50, 100]);
    expect(model.versions[0]!.metrics!.energy).toBeCloseTo(1 / 51, 12);
    expect(model.best?.step).toBe(50);
    expect(model.config.loss.name).toBe("hinge");
    expect(model.latestStep).toBe(100);
    await expectProblem(await call(t.app, "GET", "/v1/models/t-000000004-a"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/models/nope"), 404);
  });

  it("deletes a finished model and everything under it; refuses a live one", async () => {
    await expectProblem(await call(t.app, "DELETE", "/v1/models/t-000000003-a"), 409);
    const res = await call(t.app, "DELETE", "/v1/models/t-000000001-a");
    expect(res.status).toBe(204);
    const left: string[] = [];
    for await (const o of t.storage.list("trainings/t-000000001-a/")) left.push(o.key);
    expect(left).toEqual([]);
    await expectProblem(await call(t.app, "GET", "/v1/models/t-000000001-a"), 404);
    await expectProblem(await call(t.app, "DELETE", "/v1/models/t-000000001-a"), 404);
  });
});
