import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNpy } from "@gantry/trainer/data";
import type { Storage } from "@gantry/trainer/storage";
import { SampleResponse } from "../schemas/sample.ts";
import { call, expectProblem, fakeLoader, seedTraining, tempStorage, testApp, type TestApp } from "../test-support.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

/** Storage wrapper that counts reads, to prove cache hits never touch storage. */
function countingStorage(inner: Storage): Storage & { gets: number } {
  const wrapper = Object.create(inner) as Storage & { gets: number };
  wrapper.gets = 0;
  wrapper.get = (key, opts) => {
    wrapper.gets++;
    return inner.get(key, opts);
  };
  wrapper.getText = (key) => {
    wrapper.gets++;
    return inner.getText(key);
  };
  wrapper.getJson = (key) => {
    wrapper.gets++;
    return inner.getJson(key);
  };
  return wrapper;
}

describe("sampling", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp();
    await seedTraining(t.storage, "t-2d", { status: "succeeded", steps: [40, 80] });
    await seedTraining(t.storage, "t-img", { status: "succeeded", steps: [5], sampleShape: [4, 4, 1], dataset: "mnist" });
    await seedTraining(t.storage, "t-new", { status: "running" });
  });
  afterEach(() => t.cleanup());

  it("JSON samples: shape, one row per sample, the seed and version used", async () => {
    const res = await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 5, seed: 7 }, key: "sample-key-0123456789" });
    expect(res.status).toBe(200);
    const s = SampleResponse.parse(await res.json());
    expect(s.shape).toEqual([5, 2]);
    expect(s.data).toHaveLength(5);
    expect(s.data.every((r) => r.length === 2 && r.every((v) => Math.abs(v) <= 1))).toBe(true);
    expect(s.seed).toBe(7);
    expect(s.version).toBe(80);
    const old = SampleResponse.parse(await (await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 5, seed: 7, version: 40 } })).json());
    expect(old.version).toBe(40);
    expect(old.data).not.toEqual(s.data);
    const best = SampleResponse.parse(await (await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, version: "best" } })).json());
    expect(best.version).toBe(40);
    expect(best.seed).toEqual(expect.any(Number)); // a random seed is chosen and reported
  });

  it("seeded requests are byte-identical; other seeds differ", async () => {
    for (const format of ["json", "png", "npy"] as const) {
      const a = await bytes(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 16, seed: 3, format } }));
      const b = await bytes(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 16, seed: 3, format } }));
      const c = await bytes(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 16, seed: 4, format } }));
      expect(Buffer.compare(a, b)).toBe(0);
      expect(Buffer.compare(a, c)).not.toBe(0);
    }
  });

  it("PNG: scatter for 2-D data, grid for images; npy decodes to the JSON values", async () => {
    const scatter = await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 8, seed: 1, format: "png" } });
    expect(scatter.headers.get("content-type")).toBe("image/png");
    expect(scatter.headers.get("x-gantry-seed")).toBe("1");
    expect(scatter.headers.get("x-gantry-version")).toBe("80");
    const png = await bytes(scatter);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(Buffer.from(png).readUInt32BE(16)).toBe(512); // IHDR width
    const grid = await bytes(await call(t.app, "GET", "/v1/models/t-img/samples.png?n=9&seed=2"));
    // 3×3 tiles of 4 px with a 2 px gutter: 3·(4+2)+2 = 20.
    expect(Buffer.from(grid).readUInt32BE(16)).toBe(20);
    expect(Buffer.from(grid).readUInt32BE(20)).toBe(20);
    const npy = parseNpy(await bytes(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 4, seed: 9, format: "npy" } })));
    const js = SampleResponse.parse(await (await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 4, seed: 9 } })).json());
    expect(npy.shape).toEqual([4, 2]);
    expect(npy.dtype).toBe("float32");
    expect(Array.from(npy.values)).toEqual(js.data.flat());
  });

  it("explicit latents and interpolations", async () => {
    const latents = [
      [0, 0, 0],
      [1, 1, 1],
    ];
    const s = SampleResponse.parse(await (await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 2, latents } })).json());
    expect(s.seed).toBeNull();
    expect(s.data[0]![0]).toBeCloseTo(Math.tanh(0.08), 6);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 3, latents } }), 422, ["body.latents"]);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 2, latents: [[0, 0, 0], [1]] } }), 422, ["body.latents.1"]);
    const res = await call(t.app, "POST", "/v1/models/t-2d/interpolations", { body: { from: [0, 0, 0], to: [2, 2, 2], steps: 3, mode: "linear" } });
    expect(res.status).toBe(200);
    const it3 = SampleResponse.parse(await res.json());
    expect(it3.shape).toEqual([3, 2]);
    expect(it3.data[1]![0]).toBeCloseTo(Math.tanh(1 + 0.08), 6);
    const seeded = await call(t.app, "POST", "/v1/models/t-2d/interpolations", { body: { from: 1, to: 2, steps: 4, format: "png" } });
    expect(seeded.headers.get("content-type")).toBe("image/png");
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/interpolations", { body: { from: [0], to: 1 } }), 422, ["body.from"]);
  });

  it("validation errors name the field", async () => {
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 0 } }), 422, ["body.n"]);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 2000 } }), 422, ["body.n"]);
    // Refused while loading (a typed GeneratorInputError, mapped by its field; no message is parsed).
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, ema: true } }), 422, ["body.ema"]);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, format: "gif" } }), 422, ["body.format"]);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, truncation: 0 } }), 422, ["body.truncation"]);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, version: "newest" } }), 422, ["body.version"]);
    // Regression: a step beyond the 9-digit key range was a 500 from the storage key, not a validation error.
    for (const version of [1e9, 2 ** 53]) {
      const p = await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, version } }), 422);
      expect(new Set(p.errors?.map((e) => e.path))).toEqual(new Set(["body.version"]));
    }
    await expectProblem(await call(t.app, "GET", "/v1/models/t-2d/samples.png?n=abc"), 400, ["query.n"]);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/interpolations", { body: { from: 1, to: 2, steps: 1 } }), 422, ["body.steps"]);
  });

  it("404 for unknown models and versions, 409 for a model without a checkpoint yet", async () => {
    await expectProblem(await call(t.app, "POST", "/v1/models/t-none/samples", { body: { n: 1 } }), 404);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-2d/samples", { body: { n: 1, version: 41 } }), 404);
    await expectProblem(await call(t.app, "POST", "/v1/models/t-new/samples", { body: { n: 1 } }), 409);
    await expectProblem(await call(t.app, "GET", "/v1/models/t-new/samples.png"), 409);
  });

  it("repeat requests for a finished model are served from the LRU without touching storage", async () => {
    const { storage: inner, cleanup } = tempStorage();
    try {
      const storage = countingStorage(inner);
      await seedTraining(storage, "t-c", { status: "succeeded", steps: [10] });
      await seedTraining(storage, "t-d", { status: "succeeded", steps: [10] });
      const c = testApp({ storage, load: fakeLoader });
      const first = await call(c.app, "POST", "/v1/models/t-c/samples", { body: { n: 2, seed: 1 } });
      expect(first.status).toBe(200);
      const afterFirst = storage.gets;
      expect(afterFirst).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) expect((await call(c.app, "POST", "/v1/models/t-c/samples", { body: { n: 2, seed: i } })).status).toBe(200);
      expect(storage.gets).toBe(afterFirst);
      expect(c.generators.stats().entries).toBe(1);
      c.cleanup();
    } finally {
      cleanup();
    }
  });
});
