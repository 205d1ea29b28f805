import { afterEach, describe, expect, it } from "vitest";
import { Health } from "./routes/system.ts";
import { TrainingSchema } from "./schemas/training.ts";
import { SAMPLE_KEY, TRAIN_KEY, call, expectProblem, testApp, type TestApp } from "./test-support.ts";

const RING8 = { data: { name: "ring8" }, loss: { name: "ns" }, steps: 60 };

interface Operation {
  method: string;
  path: string;
  scope: string | null;
}

/** Every operation of the OpenAPI document with the scope its security requirement names. */
async function operations(t: TestApp): Promise<Operation[]> {
  const doc = (await (await call(t.app, "GET", "/openapi.json", { key: null })).json()) as {
    paths: Record<string, Record<string, { security?: { bearerAuth?: string[] }[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{\w+\}/g, "x-1"),
      scope: op.security?.[0]?.bearerAuth?.[0] ?? null,
    })),
  );
}

describe("app", () => {
  let t: TestApp;
  afterEach(() => t.cleanup());

  it("auth matrix: every protected route rejects no key, a bad key, and a key without its scope", async () => {
    t = testApp({ limits: { rateLimit: null } });
    const ops = await operations(t);
    expect(ops.length).toBeGreaterThanOrEqual(20);
    expect(ops.filter((o) => o.scope === null).map((o) => o.path)).toEqual(["/healthz"]);
    for (const op of ops.filter((o) => o.scope !== null)) {
      const what = `${op.method} ${op.path}`;
      const none = await call(t.app, op.method, op.path, { key: null });
      expect(none.status, what).toBe(401);
      expect(none.headers.get("www-authenticate"), what).toBe('Bearer realm="gantry"');
      await expectProblem(none, 401);
      await expectProblem(await call(t.app, op.method, op.path, { key: "not-a-key-at-all" }), 401);
      await expectProblem(await call(t.app, op.method, op.path, { headers: { authorization: `Basic ${TRAIN_KEY}` }, key: null }), 401);
      const sampler = await call(t.app, op.method, op.path, { key: SAMPLE_KEY });
      if (op.scope === "train") await expectProblem(sampler, 403);
      else expect([401, 403], what).not.toContain(sampler.status);
      expect([401, 403], what).not.toContain((await call(t.app, op.method, op.path, { key: TRAIN_KEY })).status);
    }
    for (const path of ["/healthz", "/openapi.json", "/docs"]) expect((await call(t.app, "GET", path, { key: null })).status).toBe(200);
  }, 30_000); // ~150 requests: seconds on a loaded machine

  it("without keys the API is open", async () => {
    t = testApp({ apiKeys: [] });
    expect((await call(t.app, "GET", "/v1/trainings", { key: null })).status).toBe(200);
    expect(t.logger.entries.at(-1)).toMatchObject({ keyId: "anonymous" });
  });

  it("healthz reports version, backend, storage without secrets, runner stats", async () => {
    t = testApp();
    const h = Health.parse(await (await call(t.app, "GET", "/healthz", { key: null })).json());
    expect(h).toMatchObject({ status: "ok", backend: "test", runner: { kind: "recording", workers: 1 } });
    expect(h.storage).toMatch(/^file:\/\/\//);
  });

  it("Idempotency-Key replays the stored response, conflicts on a different body, and survives a restart", async () => {
    t = testApp();
    const headers = { "idempotency-key": "abc-1" };
    const a = await call(t.app, "POST", "/v1/trainings", { body: RING8, headers });
    const b = await call(t.app, "POST", "/v1/trainings", { body: RING8, headers });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(b.headers.get("location")).toBe(a.headers.get("location"));
    const [ja, jb] = [TrainingSchema.parse(await a.json()), TrainingSchema.parse(await b.json())];
    expect(jb).toEqual(ja);
    expect(t.runner.submitted).toEqual([ja.id]);
    const p = await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: { ...RING8, steps: 61 }, headers }), 409);
    expect(p.type).toBe("urn:gantry:problem:idempotency-key-reused");
    // Another key's namespace is separate.
    expect((await call(t.app, "POST", "/v1/trainings", { body: RING8, headers, key: null })).status).toBe(401);
    // Stored in storage: a new app over the same storage replays too.
    const again = testApp({ storage: t.storage });
    const c = await call(again.app, "POST", "/v1/trainings", { body: RING8, headers });
    expect(TrainingSchema.parse(await c.json()).id).toBe(ja.id);
    expect(again.runner.submitted).toEqual([]);
    // Errors are not stored: a retry is evaluated again. A malformed key is a 400.
    const bad = { "idempotency-key": "abc-2" };
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: { steps: 1 }, headers: bad }), 422);
    const retried = await call(t.app, "POST", "/v1/trainings", { body: RING8, headers: bad });
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: RING8, headers: { "idempotency-key": "é" } }), 400, [
      "headers.idempotency-key",
    ]);
  });

  it("rate limits per key with 429 and Retry-After, refilling over time", async () => {
    let now = 1_000_000;
    t = testApp({ limits: { rateLimit: { ratePerSecond: 0.5, burst: 2 } }, now: () => now });
    expect((await call(t.app, "GET", "/v1/trainings")).status).toBe(200);
    expect((await call(t.app, "GET", "/v1/trainings")).status).toBe(200);
    const limited = await call(t.app, "GET", "/v1/trainings");
    await expectProblem(limited, 429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await call(t.app, "GET", "/v1/models", { key: SAMPLE_KEY })).status).toBe(200); // other key
    now += 2000;
    expect((await call(t.app, "GET", "/v1/trainings")).status).toBe(200);
    expect((await call(t.app, "GET", "/healthz", { key: null })).status).toBe(200); // public routes are not limited
  });

  it("413 for JSON bodies over the limit", async () => {
    t = testApp({ limits: { jsonBodyBytes: 1024 } });
    await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: { ...RING8, name: "x".repeat(2000) } }), 413);
  });

  it("503 problem when a request outlives the timeout", async () => {
    t = testApp({ limits: { requestTimeoutMs: 300 } });
    const res = await call(t.app, "POST", "/v1/trainings", { body: RING8, headers: { prefer: "wait=5" } });
    await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBe("1");
  });

  it("500s hide internals but log them with the request id", async () => {
    t = testApp();
    t.runner.submit = async () => {
      throw new Error("disk on fire at /secret/path");
    };
    const p = await expectProblem(await call(t.app, "POST", "/v1/trainings", { body: RING8 }), 500);
    expect(p.detail).not.toMatch(/fire|secret/);
    const logged = t.logger.entries.find((e) => e.msg === "unhandled error");
    expect(logged).toMatchObject({ requestId: p.requestId, error: "disk on fire at /secret/path" });
  });

  it("X-Request-Id: sane ids are echoed, others replaced; one log line per request, credentials redacted", async () => {
    t = testApp();
    const res = await call(t.app, "GET", "/v1/trainings", { headers: { "x-request-id": "req-42" } });
    expect(res.headers.get("x-request-id")).toBe("req-42");
    const weird = await call(t.app, "GET", "/v1/trainings", { headers: { "x-request-id": "bad id\u00e9" } });
    expect(weird.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const p = await expectProblem(await call(t.app, "GET", "/nowhere", { headers: { "x-request-id": "req-43" } }), 404);
    expect(p.instance).toBe("/nowhere");
    const lines = t.logger.entries.filter((e) => e.msg === "request");
    expect(lines[0]).toMatchObject({
      level: "info",
      req: { method: "GET", url: "/v1/trainings", headers: { authorization: "[redacted]", "x-request-id": "req-42" } },
      res: { status: 200 },
      reqId: "req-42",
      keyId: expect.stringMatching(/^key-[0-9a-f]{8}$/),
    });
    expect(typeof lines[0]!.responseTime).toBe("number");
    expect(lines[2]).toMatchObject({ res: { status: 404 }, reqId: "req-43" });
    expect(JSON.stringify(t.logger.entries)).not.toContain(TRAIN_KEY);
  });
});
