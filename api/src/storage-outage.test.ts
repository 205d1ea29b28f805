import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "@gantry/trainer/storage-s3";
import { startS3rver, type S3rverHandle } from "@gantry/trainer/storage/s3rver";
import { Health } from "./routes/system.ts";
import { call, expectProblem, seedTraining, testApp, type TestApp } from "./test-support.ts";

const BUCKET = "outage";

/**
 * Regression: with the store down every storage-backed route answered 500 "internal" and /healthz said "ok". Now
 * they answer 503 + Retry-After (problem+json), /healthz reports the storage check, and all recover with the store.
 */
describe("storage outage (s3rver stopped and restarted on loopback)", () => {
  let dir: string;
  let server: S3rverHandle;
  let port: number;
  let t: TestApp;
  let skew = 0; // moves the app's clock past the health probe's 5 s cache

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gantry-outage-"));
    server = await startS3rver(dir, BUCKET);
    port = Number(new URL(server.endpoint).port);
    // One attempt per call: the SDK's own retries would only slow the outage answers down here.
    const storage = new S3Storage(BUCKET, "gantry", {
      endpoint: server.endpoint,
      forcePathStyle: true,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    t = testApp({ storage, now: () => Date.now() + skew });
    await seedTraining(storage, "m-1", { status: "succeeded", steps: [10] });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const requests: [string, string, object?][] = [
    ["GET", "/v1/trainings"],
    ["GET", "/v1/trainings/m-1"],
    ["GET", "/v1/models"],
    ["GET", "/v1/models/m-1"],
    ["POST", "/v1/models/m-1/samples", { n: 2, seed: 1 }],
    ["GET", "/v1/datasets/d-missing"],
    ["POST", "/v1/trainings", { data: { name: "ring8" }, loss: { name: "ns" }, steps: 10 }],
  ];

  it("answers 503 + Retry-After while the store is down and recovers when it is back", async () => {
    for (const [m, p, body] of requests) expect((await call(t.app, m, p, { body })).status, `${m} ${p}`).toBeLessThan(500);
    expect(Health.parse(await (await call(t.app, "GET", "/healthz")).json()).checks.storage.ok).toBe(true);

    await server.stop();
    for (const [m, p, body] of requests) {
      const res = await call(t.app, m, p, { body, headers: { "idempotency-key": `k-${m}-${p}` } });
      const problem = await expectProblem(res, 503);
      expect(problem.type, `${m} ${p}`).toBe("urn:gantry:problem:storage-unavailable");
      expect(res.headers.get("retry-after")).toBe("5");
    }
    skew += 10_000;
    const health = await call(t.app, "GET", "/healthz");
    expect(health.status).toBe(200);
    const h = Health.parse(await health.json());
    expect(h.status).toBe("degraded");
    expect(h.checks.storage).toMatchObject({ ok: false, detail: "unreachable" });

    server = await startS3rver(dir, BUCKET, 20_000, port);
    for (const [m, p, body] of requests) expect((await call(t.app, m, p, { body })).status, `${m} ${p}`).toBeLessThan(500);
    skew += 10_000;
    expect(Health.parse(await (await call(t.app, "GET", "/healthz")).json())).toMatchObject({ status: "ok", checks: { storage: { ok: true } } });
  }, 120_000);
});
