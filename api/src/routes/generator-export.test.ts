import { afterEach, describe, expect, it } from "vitest";
import { GeneratorExportSchema } from "../schemas/generator-export.ts";
import { SAMPLE_KEY, TRAIN_KEY, call, expectProblem, seedTraining, testApp, type TestApp } from "../test-support.ts";

// The route's plumbing (scope, versions, ema, problems); the export itself is run by @tensorflow/tfjs in test/.
describe("GET /v1/models/{id}/versions/{step}/generator", () => {
  let t: TestApp;
  afterEach(() => t.cleanup());

  it("exports the asked version with the sampling scope; names what is missing", async () => {
    t = testApp();
    await seedTraining(t.storage, "m-exp", { status: "succeeded", steps: [10, 20] });
    const res = await call(t.app, "GET", "/v1/models/m-exp/versions/10/generator", { key: SAMPLE_KEY });
    expect(res.status).toBe(200);
    expect(GeneratorExportSchema.parse(await res.json())).toMatchObject({ format: "tfjs-layers", step: 10, zDim: 3 });
    const latest = await call(t.app, "GET", "/v1/models/m-exp/versions/latest/generator?ema=false", { key: SAMPLE_KEY });
    expect(((await latest.json()) as { step: number }).step).toBe(20);
    await expectProblem(await call(t.app, "GET", "/v1/models/m-exp/versions/10/generator", { key: null }), 401);
    // `train` implies `sample`; a key with neither is not a key.
    expect((await call(t.app, "GET", "/v1/models/m-exp/versions/10/generator", { key: TRAIN_KEY })).status).toBe(200);
    await expectProblem(await call(t.app, "GET", "/v1/models/m-exp/versions/30/generator", { key: SAMPLE_KEY }), 404);
    await expectProblem(await call(t.app, "GET", "/v1/models/m-none/versions/10/generator", { key: SAMPLE_KEY }), 404);
    await expectProblem(await call(t.app, "GET", "/v1/models/m-exp/versions/ten/generator", { key: SAMPLE_KEY }), 400);
    await expectProblem(await call(t.app, "GET", "/v1/models/m-exp/versions/10/generator?ema=yes", { key: SAMPLE_KEY }), 400);
  });
});
