import { afterEach, describe, expect, it } from "vitest";
import { Gantry } from "../client.ts";
import { loopback, ok, problem, type Handler, type Loopback } from "../testing/loopback.ts";
import {
  AbortError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.ts";

const CONFIG = { data: { name: "ring8" }, loss: { name: "ns" as const } };
let server: Loopback | null = null;

async function setup(handler: Handler, opts: Partial<ConstructorParameters<typeof Gantry>[0]> = {}) {
  server = await loopback(handler);
  return new Gantry({ baseUrl: server.url, apiKey: "test-key-123", backoff: { initialMs: 40, maxMs: 400 }, ...opts });
}

afterEach(async () => {
  await server?.close();
  server = null;
});

const gaps = (s: Loopback) => s.requests.slice(1).map((r, i) => r.at - s.requests[i]!.at);

describe("retries", () => {
  it("honours Retry-After in seconds on 429 and reuses the idempotency key", async () => {
    const g = await setup((_r, res, i) => (i === 0 ? problem(res, 429, { headers: { "retry-after": "1" } }) : ok(res, { id: "t1" })));
    const t = await g.trainings.create(CONFIG);
    expect(t.id).toBe("t1");
    const s = server!;
    expect(s.requests).toHaveLength(2);
    const [gap] = gaps(s);
    // 1 s asked; timers and loopback add time, never subtract (−20 ms covers clock granularity). The upper bound
    // only rules out a second backoff on top (a loaded machine adds hundreds of ms of scheduling).
    expect(gap).toBeGreaterThanOrEqual(980);
    expect(gap).toBeLessThan(1900);
    const keys = s.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(s.requests[1]!.body).toBe(s.requests[0]!.body);
    expect(s.requests[0]!.headers.authorization).toBe("Bearer test-key-123");
  });

  it("honours Retry-After as an HTTP-date on 503", async () => {
    let retryAt = 0;
    const g = await setup((_r, res, i) => {
      if (i > 0) return ok(res, { id: "t1", status: "queued" });
      // HTTP-dates have 1 s resolution: pick a whole second 1.2–2.2 s ahead.
      retryAt = Math.ceil((Date.now() + 1200) / 1000) * 1000;
      problem(res, 503, { headers: { "retry-after": new Date(retryAt).toUTCString() } });
    });
    await g.trainings.get("t1");
    const s = server!;
    expect(s.requests).toHaveLength(2);
    const secondAt = Date.now() - (performance.now() - s.requests[1]!.at);
    expect(secondAt).toBeGreaterThanOrEqual(retryAt - 30);
    expect(secondAt).toBeLessThan(retryAt + 300);
  });

  it("does not retry a POST without an idempotency key", async () => {
    const g = await setup((_r, res) => problem(res, 503, { headers: { "retry-after": "0" } }), { autoIdempotencyKeys: false });
    await expect(g.trainings.create(CONFIG)).rejects.toBeInstanceOf(InternalServerError);
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]!.headers["idempotency-key"]).toBeUndefined();
  });

  it("retries a POST when the caller gives its own key, keeping it", async () => {
    const g = await setup((_r, res, i) => (i < 2 ? problem(res, 502) : ok(res, { id: "t1" })), { autoIdempotencyKeys: false });
    await g.trainings.create(CONFIG, { idempotencyKey: "my-key-1" });
    expect(server!.requests.map((r) => r.headers["idempotency-key"])).toEqual(["my-key-1", "my-key-1", "my-key-1"]);
  });

  it.each([
    [400, BadRequestError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
  ] as const)("does not retry %i", async (status, Cls) => {
    const g = await setup((_r, res) => problem(res, status));
    const err = await g.trainings.get("t1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cls);
    expect((err as InternalServerError).requestId).toBe(`req-${status}`);
    expect(server!.requests).toHaveLength(1);
  });

  it("retries 408 and a transient 409, not a permanent 409", async () => {
    const g = await setup((r, res, i) => {
      if (r.url.includes("t408")) return i === 0 ? problem(res, 408) : ok(res);
      if (r.url.includes("busy")) return i === 2 ? problem(res, 409, { type: "urn:gantry:problem:idempotency-key-in-use" }) : ok(res);
      problem(res, 409, { type: "urn:gantry:problem:already-finished" });
    });
    await g.trainings.get("t408");
    expect(server!.requests).toHaveLength(2);
    await g.trainings.cancel("busy");
    expect(server!.requests).toHaveLength(4);
    await expect(g.trainings.cancel("done")).rejects.toBeInstanceOf(ConflictError);
    expect(server!.requests).toHaveLength(5);
  });

  it("stops after maxRetries with exponential, jittered backoff", async () => {
    const g = await setup((_r, res) => problem(res, 500), { maxRetries: 3 });
    const err = await g.trainings.get("t1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as InternalServerError).status).toBe(500);
    const s = server!;
    expect(s.requests).toHaveLength(4);
    // initial 40 ms doubling: 40, 80, 160 with up to −25 % jitter; scheduling only adds (up to 400 ms allowed for a
    // loaded machine, still below the 640 ms an uncapped or doubled-twice delay would give at the last step).
    gaps(s).forEach((gap, i) => {
      const base = 40 * 2 ** i;
      expect(gap).toBeGreaterThanOrEqual(base * 0.75 - 5);
      expect(gap).toBeLessThan(base + 400);
    });
  });

  it("throws at once when Retry-After exceeds the limit", async () => {
    const g = await setup((_r, res) => problem(res, 429, { headers: { "retry-after": "3600" } }));
    const err = await g.trainings.get("t1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(server!.requests).toHaveLength(1);
  });

  it("retries broken connections, then throws ConnectionError", async () => {
    const g = await setup((_r, res) => void res.socket?.destroy(), { maxRetries: 2 });
    const err = (await g.trainings.get("t1").catch((e: unknown) => e)) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.url).toBe(`${server!.url}/v1/trainings/t1`);
    expect(err.message).toContain(`GET ${server!.url}/v1/trainings/t1: `);
    expect(server!.requests).toHaveLength(3);
  });

  it("names the URL and the cause when nothing listens (ECONNREFUSED)", async () => {
    // A port that was just free: bind, read the port, close, then connect to it.
    const s = await loopback((_r, res) => ok(res));
    const url = s.url;
    await s.close();
    const g = new Gantry({ baseUrl: url, maxRetries: 0 });
    const err = (await g.trainings.create(CONFIG).catch((e: unknown) => e)) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.message).toBe(`POST ${url}/v1/trainings: connection refused (is the server running, and is the URL right?) [ECONNREFUSED]`);
  });

  it("names a DNS failure", async () => {
    // .invalid never resolves (RFC 2606); the lookup fails locally without any network.
    const g = new Gantry({ baseUrl: "http://gantry.invalid", maxRetries: 0 });
    const err = (await g.health().catch((e: unknown) => e)) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain(err.code);
    expect(err.message).toMatch(
      /^GET http:\/\/gantry\.invalid\/healthz: (host not found \(DNS\) \[ENOTFOUND\]|DNS lookup failed \(temporary\) \[EAI_AGAIN\])$/,
    );
  });

  it("times out slow responses with TimeoutError", async () => {
    const g = await setup((_r, res) => void setTimeout(() => ok(res), 400), { timeout: 100, maxRetries: 0 });
    const t0 = performance.now();
    await expect(g.trainings.get("t1")).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - t0).toBeLessThan(350);
  });

  it("aborts during the backoff wait with AbortError", async () => {
    const g = await setup((_r, res) => problem(res, 503, { headers: { "retry-after": "5" } }));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 150);
    const t0 = performance.now();
    await expect(g.trainings.get("t1", { signal: ctl.signal })).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(server!.requests).toHaveLength(1);
  });

  it("describes a non-problem error body", async () => {
    const g = await setup((_r, res) => {
      res.writeHead(404, { "content-type": "text/html", "x-request-id": "edge-1" });
      res.end("<h1>gateway: no such host</h1>");
    });
    const err = (await g.models.get("m").catch((e: unknown) => e)) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.requestId).toBe("edge-1");
    expect(err.problem.detail).toContain("no such host");
  });
});
