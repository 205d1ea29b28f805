import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import { call, fakeLoader, seedTraining, tempStorage, testApp } from "../test-support.ts";
import { GeneratorCache, type GeneratorLoader } from "./generator-cache.ts";
import { patchStatus } from "./training-store.ts";

describe("GeneratorCache", () => {
  let storage: Storage;
  let cleanup: () => void;
  let loads: string[];
  let loaded: LoadedGenerator[];
  const load: GeneratorLoader = async (s, id, version, opts) => {
    loads.push(`${id}@${String(version)}`);
    const g = await fakeLoader(s, id, version, opts);
    loaded.push(g);
    return g;
  };
  const disposed = (g: LoadedGenerator) => (g as unknown as { disposed: boolean }).disposed;

  beforeEach(async () => {
    ({ storage, cleanup } = tempStorage());
    loads = [];
    loaded = [];
    for (const id of ["a", "b", "c"]) await seedTraining(storage, id, { status: "succeeded", steps: [10] });
  });
  afterEach(() => cleanup());

  it("evicts least recently used generators beyond the byte budget and disposes them", async () => {
    const cache = new GeneratorCache({ storage, load, budgetBytes: 2000 }); // two fake generators of 1000 bytes
    await cache.use("a", "latest", undefined, () => 0);
    await cache.use("b", "latest", undefined, () => 0);
    await cache.use("a", "latest", undefined, () => 0); // a is now most recent
    await cache.use("c", "latest", undefined, () => 0); // evicts b
    expect(loads).toEqual(["a@latest", "b@latest", "c@latest"]);
    expect(loaded.map(disposed)).toEqual([false, true, false]);
    expect(cache.stats()).toEqual({ entries: 2, bytes: 2000, budgetBytes: 2000 });
    await cache.use("b", "latest", undefined, () => 0);
    expect(loads.at(-1)).toBe("b@latest");
    cache.evict("b");
    expect(cache.stats().entries).toBe(1);
  });

  it("loads a generator once for concurrent requests", async () => {
    const cache = new GeneratorCache({ storage, load, budgetBytes: 10_000 });
    const steps = await Promise.all([1, 2, 3].map(() => cache.use("a", 10, undefined, (g) => g.step)));
    expect(steps).toEqual([10, 10, 10]);
    expect(loads).toEqual(["a@10"]);
  });

  it("re-resolves latest of a running training after refreshMs, and stops once it has ended", async () => {
    await seedTraining(storage, "r", { status: "running", steps: [10] });
    let now = 0;
    const cache = new GeneratorCache({ storage, load, budgetBytes: 10_000, refreshMs: 1000, now: () => now });
    expect(await cache.use("r", "latest", undefined, (g) => g.step)).toBe(10);
    now = 500;
    expect(await cache.use("r", "latest", undefined, (g) => g.step)).toBe(10);
    // A new checkpoint is published.
    const keys = trainingKeys("r");
    await storage.putJson(`${keys.checkpoint(20)}manifest.json`, { step: 20, createdAt: new Date().toISOString(), metrics: null });
    await storage.putJson(keys.latest, { step: 20 });
    expect(await cache.use("r", "latest", undefined, (g) => g.step)).toBe(10); // still trusted
    now = 1500;
    expect(await cache.use("r", "latest", undefined, (g) => g.step)).toBe(20);
    expect(loads).toEqual(["r@latest", "r@latest"]);
    expect(disposed(loaded[0]!)).toBe(true);
    await patchStatus(storage, "r", { status: "succeeded" });
    now = 3000;
    expect(await cache.use("r", "latest", undefined, (g) => g.step)).toBe(20);
    await storage.putJson(keys.latest, { step: 999 }); // never happens after the end; proves no more reads
    now = 10_000;
    expect(await cache.use("r", "latest", undefined, (g) => g.step)).toBe(20);
    expect(loads).toHaveLength(2);
  });

  it("never disposes a generator a request still holds when another request evicts it", async () => {
    const cache = new GeneratorCache({ storage, load, budgetBytes: 1000 }); // room for one fake generator
    let release!: () => void;
    const held = cache.use("a", 10, undefined, async (g) => {
      await new Promise<void>((r) => (release = r));
      return g.sample({ n: 1, seed: 1 }).data[0]; // throws "used after dispose" if it was disposed meanwhile
    });
    await new Promise((r) => setTimeout(r, 10));
    await cache.use("b", 10, undefined, () => 0); // evicts a from the cache while held
    expect(cache.stats()).toEqual({ entries: 1, bytes: 1000, budgetBytes: 1000 });
    expect(disposed(loaded[0]!)).toBe(false);
    release();
    expect(Number.isFinite(await held)).toBe(true);
    expect(disposed(loaded[0]!)).toBe(true); // disposed by its last user
  });

  it("serves a generator larger than the budget uncached to concurrent requests, disposing it after the last", async () => {
    const over: { id: string; bytes: number }[] = [];
    const cache = new GeneratorCache({ storage, load, budgetBytes: 500, onOverBudget: (i) => over.push(i) });
    const outs = await Promise.all(Array.from({ length: 6 }, (_, i) => cache.use("a", 10, undefined, (g) => g.sample({ n: 1, seed: i }).shape)));
    expect(outs).toEqual(Array.from({ length: 6 }, () => [1, 2]));
    expect(loads).toEqual(["a@10"]); // one shared load
    expect(loaded.map(disposed)).toEqual([true]);
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0, budgetBytes: 500 });
    expect(over).toEqual([{ id: "a", bytes: 1000, budgetBytes: 500 }]);
    expect(await cache.use("a", 10, undefined, (g) => g.step)).toBe(10); // loads again, still no stale entry
    expect(loads).toHaveLength(2);
    expect(cache.stats().entries).toBe(0);
  });

  it("regression: 10 concurrent sample requests on an over-budget generator all answer 200, and again afterwards", async () => {
    const t = testApp({ storage, generators: new GeneratorCache({ storage, load, budgetBytes: 999 }) });
    try {
      await seedTraining(t.storage, "big", { status: "succeeded", steps: [10] });
      const post = (seed: number) => call(t.app, "POST", "/v1/models/big/samples", { body: { n: 4, seed } });
      const all = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i)));
      expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
      const again = await post(3);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(await all[3]!.json());
      expect(t.generators.stats()).toEqual({ entries: 0, bytes: 0, budgetBytes: 999 });
    } finally {
      t.cleanup();
    }
  });
});
