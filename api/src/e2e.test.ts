/**
 * End to end: the real server process (tsx src/server.ts) on a free loopback port, a real ring8 training over HTTP,
 * progress over SSE, and sampling (PNG and JSON) with byte-identical seeded repeats.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Health } from "./routes/system.ts";
import { SampleResponse } from "./schemas/sample.ts";
import { TrainingSchema } from "./schemas/training.ts";
import { tempStorage } from "./test-support.ts";

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KEY = "e2e-key-0123456789";

describe("server process end to end", () => {
  let server: ChildProcess;
  let base = "";
  let cleanup: () => void;
  const logs: string[] = [];
  const out: string[] = [];
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${base}${p}`, { ...init, headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...init.headers } });

  beforeAll(async () => {
    const tmp = tempStorage();
    cleanup = tmp.cleanup;
    server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: API_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        GANTRY_HOST: "127.0.0.1",
        GANTRY_PORT: "0",
        GANTRY_STORAGE: `file://${tmp.dir}`,
        GANTRY_WORKERS: "1",
        GANTRY_API_KEYS: `${KEY}:train`,
      },
    });
    server.stderr!.on("data", (b: Buffer) => logs.push(b.toString()));
    base = await new Promise<string>((resolve, reject) => {
      let buf = "";
      const timer = setTimeout(() => reject(new Error(`server did not start: ${buf}${logs.join("")}`)), 60_000);
      server.stdout!.on("data", (b: Buffer) => {
        out.push(b.toString());
        buf += b.toString();
        for (const line of buf.split("\n")) {
          if (!line.startsWith("{")) continue;
          const entry = JSON.parse(line) as { msg: string; url?: string };
          if (entry.msg === "listening" && entry.url) {
            clearTimeout(timer);
            resolve(entry.url);
          }
        }
      });
      server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${buf}${logs.join("")}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.on("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    cleanup();
  });

  it("trains ring8 over HTTP, streams it over SSE, and samples reproducibly", async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = Health.parse(await (await fetch(`${base}/healthz`)).json());
    // `auto` without tfjs-node: native where the oneDNN addon built (CI requires it), else wasm.
    const nativeBuilt = health.backends.some((b) => b.name === "native" && b.available);
    expect(health).toMatchObject({ status: "ok", backend: nativeBuilt ? "native" : "wasm", runner: { kind: "local", workers: 1 } });
    expect((await fetch(`${base}/v1/trainings`)).status).toBe(401);

    const config = {
      data: { name: "ring8" },
      loss: { name: "ns" },
      steps: 200,
      checkpointEvery: 100,
      logEvery: 20,
      model: { gHidden: [32, 32], dHidden: [32, 32] },
    };
    const created = await api("/v1/trainings", { method: "POST", body: JSON.stringify(config) });
    expect(created.status).toBe(202);
    const { id } = TrainingSchema.parse(await created.json());

    // SSE until the stream ends after the terminal status.
    const sse = await api(`/v1/trainings/${id}/events`, { headers: { accept: "text/event-stream" } });
    expect(sse.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await sse.text();
    const types = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe("status");
    expect(types).toContain("progress");
    expect(types).toContain("metric");
    expect(types.at(-1)).toBe("status");
    expect(text).toContain('"status":"succeeded"');
    const done = TrainingSchema.parse(await (await api(`/v1/trainings/${id}`)).json());
    expect(done).toMatchObject({ status: "succeeded", progress: { step: 200, steps: 200 } });

    const png1 = Buffer.from(await (await api(`/v1/models/${id}/samples.png?n=64&seed=1`)).arrayBuffer());
    const png2 = Buffer.from(await (await api(`/v1/models/${id}/samples.png?n=64&seed=1`)).arrayBuffer());
    expect([...png1.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png1.equals(png2)).toBe(true);
    const body = JSON.stringify({ n: 32, seed: 5, format: "json" });
    const j1 = await (await api(`/v1/models/${id}/samples`, { method: "POST", body })).text();
    const j2 = await (await api(`/v1/models/${id}/samples`, { method: "POST", body })).text();
    expect(j1).toBe(j2);
    const samples = SampleResponse.parse(JSON.parse(j1));
    expect(samples).toMatchObject({ shape: [32, 2], seed: 5, version: 200 });
    // A trained ring8 generator stays near the data (radius ≈ 1.41): a loose two-sided bound that an untrained or
    // broken pipeline (NaNs, constant zeros, exploding values) fails.
    const radii = samples.data.map(([x, y]) => Math.hypot(x!, y!));
    const mean = radii.reduce((a, b) => a + b, 0) / radii.length;
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(5);
  }, 180_000);

  it("logs one JSON line per request with the request id and key id, never the key", async () => {
    const res = await fetch(`${base}/healthz`, { headers: { "x-request-id": "e2e-req-1" } });
    expect(res.headers.get("x-request-id")).toBe("e2e-req-1");
    await new Promise((r) => setTimeout(r, 200));
    const lines = out
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.reqId === "e2e-req-1")).toMatchObject({
      msg: "request",
      req: { method: "GET", url: "/healthz" },
      res: { status: 200 },
      keyId: null,
    });
    const authed = lines.filter((l) => l.msg === "request" && typeof l.keyId === "string");
    expect(authed.length).toBeGreaterThan(3);
    expect(authed.every((l) => /^key-[0-9a-f]{8}$/.test(l.keyId as string) && typeof l.responseTime === "number")).toBe(true);
    expect(out.join("") + logs.join("")).not.toContain(KEY);
  });
});
