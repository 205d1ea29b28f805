import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import { fakeLoader, seedTraining, tempStorage } from "../test-support.ts";
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
});
