/** Shared fixtures for the API tests: temp filesystem storage, a recording runner, a tiny deterministic generator. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStorage, type Storage } from "@gantry/trainer/storage";
import { createApp } from "./app.ts";
import type { AppDeps } from "./deps.ts";
import { apiKey } from "./http/auth.ts";
import { memoryLogger } from "./http/logger.ts";
import { finalizeTraining } from "./runner/finalize.ts";
import type { Runner, RunnerStats } from "./runner/types.ts";
import { GeneratorCache, type GeneratorLoader } from "./services/generator-cache.ts";
import { fakeLoader } from "./test-fakes.ts";

export { fakeGenerator, fakeLoader, seedTraining } from "./test-fakes.ts";

export const TRAIN_KEY = "train-key-0123456789";
export const SAMPLE_KEY = "sample-key-0123456789";
export const KEYS = [apiKey(TRAIN_KEY, ["train"]), apiKey(SAMPLE_KEY, ["sample"])];

/** A fresh storage directory under the OS temp dir; `cleanup` removes it. */
export function tempStorage(): { storage: Storage; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-api-test-"));
  return { storage: openStorage(`file://${dir}`), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Records submissions; cancel writes the canceled state like the local runner does. */
export class RecordingRunner implements Runner {
  submitted: string[] = [];
  resumed: string[] = [];
  constructor(private readonly storage: Storage) {}
  async submit(id: string): Promise<void> {
    this.submitted.push(id);
  }
  async resume(id: string): Promise<void> {
    this.resumed.push(id);
  }
  async cancel(id: string): Promise<boolean> {
    await finalizeTraining(this.storage, id, "canceled", null);
    return true;
  }
  stats(): RunnerStats {
    return { kind: "recording", workers: 1, running: 0, queued: this.submitted.length, finished: 0, queueOwner: true };
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  storage: Storage;
  runner: RecordingRunner;
  logger: ReturnType<typeof memoryLogger>;
  generators: GeneratorCache;
  cleanup: () => void;
}

/** An app over temp storage with API keys configured and the fake generator loader. */
export function testApp(over: Partial<AppDeps> & { load?: GeneratorLoader } = {}): TestApp {
  const { storage, cleanup } = tempStorage();
  const st = over.storage ?? storage;
  const runner = new RecordingRunner(st);
  const logger = memoryLogger();
  const generators = new GeneratorCache({ storage: st, load: over.load ?? fakeLoader, budgetBytes: 10_000 });
  const app = createApp({
    storage: st,
    runner,
    generators,
    apiKeys: KEYS,
    logger,
    backend: "test",
    datasetCatalog: async () => [
      { id: "ring8", kind: "toy2d", sampleShape: [2], size: null, classes: null, description: "ring", range: [-1.5, 1.5] },
      { id: "mnist", kind: "image", sampleShape: [28, 28, 1], size: 60000, classes: 10, description: "digits", range: [-1, 1] },
    ],
    ...over,
  });
  return {
    app,
    storage: st,
    runner: (over.runner as RecordingRunner) ?? runner,
    logger,
    generators: (over.generators as GeneratorCache) ?? generators,
    cleanup,
  };
}

/** Issues a request against the app: JSON body when `body` is an object, Bearer `key` when given. */
export async function call(
  app: TestApp["app"],
  method: string,
  url: string,
  opts: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== null) headers.authorization ??= `Bearer ${opts.key ?? TRAIN_KEY}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof Uint8Array || typeof opts.body === "string") body = opts.body as BodyInit;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  return app.request(url, { method, headers, body });
}

/** Asserts an RFC 9457 problem response (shape, content type, request id) and returns its body. */
export async function expectProblem(res: Response, status: number, paths?: string[]): Promise<import("./http/problem.ts").ProblemBody> {
  const { ProblemSchema } = await import("./http/problem.ts");
  const { expect } = await import("vitest");
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = ProblemSchema.parse(await res.json());
  expect(body.status).toBe(status);
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  expect(body.detail).not.toMatch(/\n\s+at /); // never a stack trace
  if (paths) expect(body.errors?.map((e) => e.path)).toEqual(paths);
  return body;
}
/** Polls until `check` is truthy (bounded), so tests wait on states rather than sleeping fixed times. */
export async function until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
