import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, expectProblem, seedTraining, testApp, type TestApp } from "../test-support.ts";

// The route's answers before any weights are read; a real critic field is checked in real-training.test.ts.
describe("GET /v1/models/{id}/critic", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp();
    await seedTraining(t.storage, "t-new", { status: "running" });
  });
  afterEach(() => t.cleanup());

  it("names the bad query field", async () => {
    for (const [q, field] of [
      ["resolution=1", "resolution"],
      ["resolution=300", "resolution"],
      ["lo=1", "lo"],
      ["lo=1&hi=0", "hi"],
      ["real=5000", "real"],
    ]) {
      const res = await call(t.app, "GET", `/v1/models/t-new/critic?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { errors: { path: string }[] };
      expect(body.errors.map((e) => e.path).join(" "), q).toContain(field);
    }
  });

  it("404 for an unknown model, 409 before the first checkpoint", async () => {
    await expectProblem(await call(t.app, "GET", "/v1/models/t-nope/critic"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/models/t-new/critic"), 409);
  });
});
