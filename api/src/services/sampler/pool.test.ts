import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, listBackends } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { Problem } from "../../http/problem.ts";
import { tempStorage } from "../../test-support.ts";
import { writeFreshModel } from "../../test-model.ts";
import { GeneratorCache } from "../generator-cache.ts";
import { inProcessSampler, type JobResult, type SampleJob } from "../sample-job.ts";
import { SamplerPool } from "./pool.ts";

// Workers and this thread run the same backend (wasm, one thread each: vitest.shared.ts), so results are byte-equal.
const temp = tempStorage();
let pool: SamplerPool;
const local = inProcessSampler(new GeneratorCache({ storage: temp.storage, budgetBytes: 64 << 20, load: loadGenerator }));
const job = (over: Partial<SampleJob> = {}): SampleJob => ({
  id: "m-mlp",
  version: "latest",
  ema: undefined,
  format: "json",
  seed: 7,
  op: { kind: "sample", n: 8, seed: 7 },
  ...over,
});
const bytes = (r: JobResult) => Buffer.from(typeof r.body === "string" ? r.body : r.body);

beforeAll(async () => {
  await initBackend("wasm");
  await writeFreshModel(temp.storage, "m-dcgan", { data: { name: "mnist" }, loss: { name: "ns" }, model: { arch: "dcgan" }, seed: 5 });
  await writeFreshModel(temp.storage, "m-mlp", { data: { name: "mnist" }, loss: { name: "ns" }, model: { arch: "mlp", gHidden: [32] }, seed: 5 });
  pool = await SamplerPool.start({ workers: 2, storageUrl: temp.storage.url, backend: "wasm", budgetBytes: 64 << 20 });
}, 120_000);
afterAll(async () => {
  await pool?.close();
  temp.cleanup();
});

describe("SamplerPool", { timeout: 30_000 }, () => {
  it("answers exactly what this thread computes for the same seed, from every worker", async () => {
    expect(pool.size).toBe(2);
    expect(pool.backend.name).toBe("wasm");
    const jobs = [
      job(),
      job({ format: "png" }),
      job({ format: "npy", seed: 9, op: { kind: "sample", n: 3, seed: 9, truncation: 0.5 } }),
      job({ seed: 1, op: { kind: "interpolate", from: 1, to: 2, steps: 4, mode: "slerp" } }),
    ];
    for (const j of jobs) {
      const want = await local.run(j);
      // Eight at once: both workers load the generator and answer.
      const got = await Promise.all(Array.from({ length: 8 }, () => pool.run(j)));
      for (const g of got) {
        expect(g.step).toBe(1);
        expect(g.contentType).toBe(want.contentType);
        expect(bytes(g).equals(bytes(want))).toBe(true);
      }
    }
    expect(pool.stats().entries).toBe(2); // one generator per worker
    const other = await pool.run(job({ seed: 8, op: { kind: "sample", n: 8, seed: 8 } }));
    expect(bytes(other).equals(bytes(await local.run(job())))).toBe(false);
  });

  it("carries typed errors across the thread boundary", async () => {
    const bad = await pool.run(job({ op: { kind: "sample", n: 1, latents: [[1, 2]] } })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Problem);
    expect((bad as Problem).status).toBe(422);
    expect((bad as Problem).extra.errors?.[0]?.path).toBe("body.latents.0");
    const missing = await pool.run(job({ id: "m-none" })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "CheckpointError", code: "not_found" });
    const tooMany = await pool.run(job({ op: { kind: "sample", n: 5000 } })).catch((e: unknown) => e);
    expect((tooMany as Problem).extra.errors?.[0]?.path).toBe("body.n");
  });

  it("keeps the tensor count flat over many requests, and frees everything on evict", async () => {
    await Promise.all(Array.from({ length: 4 }, () => pool.run(job())));
    const warm = pool.tensors();
    expect(warm).toBeGreaterThan(0); // the cached generators' weights
    for (let i = 0; i < 5; i++)
      await Promise.all(Array.from({ length: 8 }, (_, k) => pool.run(job({ seed: k, op: { kind: "sample", n: 16, seed: k } }))));
    expect(pool.tensors()).toBe(warm);
    pool.evict("m-mlp");
    // A failing job on each worker reports its state after the eviction (messages are handled in order).
    await Promise.all(Array.from({ length: 2 }, () => pool.run(job({ id: "m-none" })).catch(() => null)));
    expect(pool.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(pool.tensors()).toBe(0);
  });
});

const native = (await listBackends()).find((b) => b.name === "native");

// Skipped only where trainer/native was not built (no compiler or no libdnnl-dev); CI requires it (.ci/run).
describe.runIf(native?.available)("SamplerPool on native", () => {
  it("runs oneDNN convolutions from two workers at once, each answer matching wasm's", async () => {
    const nat = await SamplerPool.start({ workers: 2, storageUrl: temp.storage.url, backend: "native", budgetBytes: 64 << 20 });
    try {
      expect(nat.backend.name).toBe("native");
      const j = job({ id: "m-dcgan", format: "npy", op: { kind: "sample", n: 16, seed: 3 } });
      const want = new Float32Array(bytes(await local.run(j)).buffer.slice(128)); // .npy: 128-byte header
      const got = await Promise.all(Array.from({ length: 12 }, () => nat.run(j)));
      for (const g of got) {
        expect(bytes(g).equals(bytes(got[0]!))).toBe(true); // concurrent calls never mix up each other's state
        const v = new Float32Array(bytes(g).buffer.slice(128));
        expect(v.length).toBe(16 * 28 * 28);
        let worst = 0;
        for (let i = 0; i < v.length; i++) worst = Math.max(worst, Math.abs(v[i]! - want[i]!) / (1e-5 + 1e-4 * Math.abs(want[i]!)));
        expect(worst).toBeLessThanOrEqual(1);
      }
    } finally {
      await nat.close();
    }
  }, 60_000);
});
