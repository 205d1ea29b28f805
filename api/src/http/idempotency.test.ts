import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { trainingKeys } from "@gantry/trainer/storage";
import { SampleResponse } from "../schemas/sample.ts";
import { call, expectProblem, seedTraining, testApp, type TestApp } from "../test-support.ts";
import { IDEMPOTENCY_PREFIX } from "./idempotency.ts";

const CAP = 1024;
const records = async (t: TestApp) => {
  const out: Record<string, unknown>[] = [];
  for await (const o of t.storage.list(IDEMPOTENCY_PREFIX)) out.push((await t.storage.getJson<Record<string, unknown>>(o.key))!);
  return out;
};
const sample = (t: TestApp, key: string, body: object) =>
  call(t.app, "POST", "/v1/models/t-2d/samples", { body, headers: { "idempotency-key": key } });

/** Publishes a newer checkpoint, so "latest" moves on between a request and its replay. */
async function publish(t: TestApp, step: number): Promise<void> {
  const keys = trainingKeys("t-2d");
  await t.storage.putJson(`${keys.checkpoint(step)}manifest.json`, { step, createdAt: new Date(0).toISOString(), sampleShape: [2] });
  await t.storage.putJson(keys.latest, { step });
}

describe("Idempotency-Key with large responses", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp({ limits: { idempotencyMaxStoredBytes: CAP } });
    await seedTraining(t.storage, "t-2d", { status: "running", steps: [10] });
  });
  afterEach(() => t.cleanup());

  it("stores small responses whole and keeps large seeded ones as a hint, replaying the same bytes", async () => {
    await sample(t, "small", { n: 2, seed: 1 });
    const first = await sample(t, "big", { n: 64, seed: 3 });
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(CAP);
    const recs = await records(t);
    const small = recs.find((r) => r.bodyBase64 !== null)!;
    const big = recs.find((r) => r.bodyBase64 === null)!;
    expect(typeof small.bodyBase64).toBe("string");
    expect(big.hint).toEqual({ seed: 3, version: 10 });
    expect(JSON.stringify(big).length).toBeLessThan(800); // no body: only the hash, hint and headers

    // "latest" is now step 20, and a restarted API (fresh generator cache) resolves it so; the replay must still
    // sample step 10.
    await publish(t, 20);
    const restarted = testApp({ storage: t.storage, limits: { idempotencyMaxStoredBytes: CAP } });
    onTestFinished(restarted.cleanup);
    const again = await sample(restarted, "big", { n: 64, seed: 3 });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    expect(SampleResponse.parse(JSON.parse(new TextDecoder().decode(bytes))).version).toBe(10);
    // A fresh key samples the new latest: the replay above really was pinned.
    expect(SampleResponse.parse(await (await sample(restarted, "fresh", { n: 64, seed: 3 })).json()).version).toBe(20);
    await expectProblem(await sample(restarted, "big", { n: 64, seed: 4 }), 409);
  });

  it("replays an unseeded large request with the seed it drew (json and npy)", async () => {
    const a = SampleResponse.parse(await (await sample(t, "u1", { n: 64 })).json());
    const b = SampleResponse.parse(await (await sample(t, "u1", { n: 64 })).json());
    expect(b).toEqual(a);
    const npyA = await sample(t, "u2", { n: 200, format: "npy" });
    const npyB = await sample(t, "u2", { n: 200, format: "npy" });
    expect(npyB.headers.get("x-gantry-seed")).toBe(npyA.headers.get("x-gantry-seed"));
    expect(npyB.headers.get("idempotent-replayed")).toBe("true");
    expect(new Uint8Array(await npyB.arrayBuffer())).toEqual(new Uint8Array(await npyA.arrayBuffer()));
    expect((await records(t)).every((r) => r.bodyBase64 === null)).toBe(true);
  });

  it("a recomputation that differs from the original is a 409, never a silent change", async () => {
    await sample(t, "k", { n: 64, seed: 5 });
    for await (const o of t.storage.list(IDEMPOTENCY_PREFIX)) {
      const rec = (await t.storage.getJson<Record<string, unknown>>(o.key))!;
      await t.storage.putJson(o.key, { ...rec, bodySha256: "0".repeat(64) });
    }
    const p = await expectProblem(await sample(t, "k", { n: 64, seed: 5 }), 409);
    expect(p.type).toBe("urn:gantry:problem:idempotency-replay-unavailable");
  });
});
