import { afterEach, describe, expect, it } from "vitest";
import type { Storage } from "@gantry/trainer/storage";
import { call, expectProblem, SAMPLE_KEY, seedTraining, tempStorage, testApp, TRAIN_KEY, type TestApp } from "../test-support.ts";
import { IDEMPOTENCY_PREFIX } from "./idempotency.ts";

/** Storage that counts every call, to prove that nothing was read for a rejected caller. */
function countingStorage(inner: Storage): { storage: Storage; calls: string[] } {
  const calls: string[] = [];
  const storage = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { storage, calls };
}

const MiB = 1024 * 1024;

/** A 60 MiB body produced only when pulled (highWaterMark 0: nothing is read ahead), counting what was read. */
function lazyBody(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(ctl) {
        if (sent >= 60 * MiB) return ctl.close();
        sent += MiB;
        ctl.enqueue(new Uint8Array(MiB));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => sent };
}

describe("authentication comes before any body work", () => {
  let t: TestApp;
  afterEach(() => t.cleanup());

  it("an unauthenticated POST with an Idempotency-Key gets 401 without its body being read or storage touched", async () => {
    const temp = tempStorage();
    const { storage, calls } = countingStorage(temp.storage);
    t = testApp({ storage });
    const body = lazyBody();
    const req = new Request("http://localhost/v1/trainings", {
      method: "POST",
      body: body.stream,
      duplex: "half",
      headers: { "content-type": "application/json", "idempotency-key": "k-1", authorization: "Bearer not-a-valid-key" },
    } as RequestInit);
    await expectProblem(await t.app.fetch(req), 401);
    expect(body.pulled()).toBe(0);
    expect(calls).toEqual([]);
    temp.cleanup();
  });

  it("an unauthenticated caller gets 401 before 413 (declared oversize body) and before 400 (bad Idempotency-Key)", async () => {
    t = testApp({ limits: { jsonBodyBytes: 1000 } });
    const big = "x".repeat(5000);
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: big, key: null, headers: { "content-type": "application/json" } }), 401);
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: {}, key: null, headers: { "idempotency-key": "é" } }), 401);
    await expectProblem(await call(t.app, "POST", "/v1/datasets?name=a.csv", { body: "1,2\n", key: "wrong-key-0000" }), 401);
    // With a valid key the same requests get their real answers.
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: big, headers: { "content-type": "application/json" } }), 413);
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: {}, headers: { "idempotency-key": "é" } }), 400);
  });
});

describe("per-key caps on idempotency storage", () => {
  let t: TestApp;
  afterEach(() => t.cleanup());
  const keysOf = async (keyPrefix: string) => {
    const out: string[] = [];
    for await (const o of t.storage.list(`${IDEMPOTENCY_PREFIX}${keyPrefix}`)) out.push(o.key);
    return out;
  };
  const sample = (idem: string, key: string) =>
    call(t.app, "POST", "/v1/models/m/samples", { body: { n: 2, seed: 1 }, key, headers: { "idempotency-key": idem } });

  it("keeps at most maxRecords per API key, deleting that key's oldest, and leaves other keys' records alone", async () => {
    t = testApp({ limits: { idempotencyQuota: { maxRecords: 3, maxBytes: 10 * MiB } } });
    await seedTraining(t.storage, "m", { status: "succeeded", steps: [10] });
    for (const k of ["t1", "t2"]) expect((await sample(k, TRAIN_KEY)).status).toBe(200);
    for (const k of ["s1", "s2", "s3", "s4", "s5"]) expect((await sample(k, SAMPLE_KEY)).status).toBe(200);
    const all = await keysOf("");
    expect(all).toHaveLength(5); // 3 of the sample key + 2 of the train key
    const [sampleDir, trainDir] = [
      all.filter((k) => k.split("/")[1] !== all[0]!.split("/")[1]),
      all.filter((k) => k.split("/")[1] === all[0]!.split("/")[1]),
    ];
    expect([sampleDir.length, trainDir.length].sort()).toEqual([2, 3]);
    // The newest three replay; the oldest two were dropped and are evaluated afresh.
    for (const k of ["s3", "s4", "s5", "s5"]) expect((await sample(k, SAMPLE_KEY)).headers.get("idempotent-replayed"), k).toBe("true");
    expect((await sample("t1", TRAIN_KEY)).headers.get("idempotent-replayed")).toBe("true");
    expect((await sample("s1", SAMPLE_KEY)).headers.get("idempotent-replayed")).toBeNull();
  });

  it("keeps at most maxBytes per API key, and never stores a record larger than the whole quota", async () => {
    t = testApp({ limits: { idempotencyQuota: { maxRecords: 100, maxBytes: 1500 } } });
    await seedTraining(t.storage, "m", { status: "succeeded", steps: [10] });
    for (const k of ["a", "b", "c", "d"]) expect((await sample(k, SAMPLE_KEY)).status).toBe(200);
    let bytes = 0;
    for await (const o of t.storage.list(IDEMPOTENCY_PREFIX)) bytes += o.size;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(1500);
    const huge = await call(t.app, "POST", "/v1/models/m/samples", {
      body: { n: 200, seed: 1 },
      key: SAMPLE_KEY,
      headers: { "idempotency-key": "huge" },
    });
    expect(huge.status).toBe(200);
    let after = 0;
    for await (const o of t.storage.list(IDEMPOTENCY_PREFIX)) after += o.size;
    expect(after).toBeLessThanOrEqual(1500);
  });
});
