import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BUILTIN_DATASETS, DatasetSpec, encodeNpy, isToy2D, openDataset, parseUpload } from "./index.ts";
import { makePng } from "./upload/fixtures.ts";

/** An in-memory upload store, as the API would provide. */
const store = (files: Record<string, Uint8Array>) => ({ loadUpload: async (id: string) => files[id] ?? null });

describe("openDataset", () => {
  it("lists the builtin names and defaults the split to train", () => {
    const names = ["ring8", "grid25", "swissroll", "ring8-pacgan", "grid25-pacgan", "mnist", "fashion-mnist"];
    expect(BUILTIN_DATASETS).toEqual(names);
    expect(DatasetSpec.parse({ name: "ring8" })).toEqual({ name: "ring8", split: "train" });
    expect(() => DatasetSpec.parse({ name: "ring8", clases: [1] })).toThrow(/clases/);
  });

  it("opens toys as Toy2D with modes", async () => {
    const ds = await openDataset({ name: "grid25-pacgan" });
    expect(ds.info.kind).toBe("toy2d");
    if (!isToy2D(ds)) throw new Error("expected a toy");
    expect(ds.modes.length).toBe(50);
    expect(ds.sigma).toBe(0.05);
    const up = await openDataset({ name: "upload:u" }, store({ u: encodeNpy(new Float32Array(2), [1, 2]) }));
    expect(isToy2D(up)).toBe(false);
  });

  it("serves an upload stored as the normalised .npy, values unchanged (even when all ≥ 0)", async () => {
    // Bright gray images: normalised values all lie in (0, 1], which must not be stretched again on reading.
    const bright = (k: number) => makePng(2, 2, "gray", (x, y) => 200 + 10 * k + 2 * y + x);
    const pngs = Object.fromEntries([0, 1, 2, 3, 4].map((k) => [`i${k}.png`, bright(k)]));
    const up = parseUpload("bright.zip", zipSync(pngs));
    expect(up.data.every((v) => v > 0)).toBe(true);
    const files = { abc: encodeNpy(up.data, [up.count, ...up.sampleShape]) };
    const ds = await openDataset({ name: "upload:abc" }, store(files));
    expect(ds.info).toMatchObject({ id: "upload:abc", kind: "image", sampleShape: [2, 2, 1], size: 5, classes: null });
    expect(ds.info.range).toEqual([-1, 1]);
    const all = ds.take(10);
    expect(all.labels).toBeNull();
    expect(all.data).toEqual(up.data);
    // One epoch of batches is a permutation of the five samples (identified by their first pixel).
    const firsts = Array.from({ length: 5 }, (_, k) => ds.batch(k, 1, 3)[0]!);
    expect([...firsts].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4].map((k) => up.data[4 * k]!));
    expect(ds.batchLabels!(0, 2, 3)).toBeNull();
  });

  it("tabular uploads get kind tabular", async () => {
    const up = parseUpload("t.csv", new TextEncoder().encode("a,b,c\n1,2,3\n4,5,6\n"));
    const ds = await openDataset({ name: "upload:t" }, store({ t: encodeNpy(up.data, [2, 3]) }));
    expect(ds.info).toMatchObject({ kind: "tabular", sampleShape: [3], size: 2 });
  });

  it("reports missing, unconfigured, split-less and corrupt uploads by name", async () => {
    const ok = encodeNpy(new Float32Array(4), [2, 2]);
    const files = { x: ok, o: encodeNpy(Float32Array.from([0, 2]), [2, 1]), g: new Uint8Array(3) };
    const open = (spec: DatasetSpec) => openDataset(spec, store(files));
    await expect(open({ name: "upload:nope" })).rejects.toThrow(/"upload:nope": upload "nope" not found/);
    await expect(openDataset({ name: "upload:x" })).rejects.toThrow(/no upload store configured/);
    await expect(open({ name: "upload:" })).rejects.toThrow(/missing upload id/);
    await expect(open({ name: "upload:x", split: "test" })).rejects.toThrow(/only a train split/);
    await expect(open({ name: "upload:x", classes: [0] })).rejects.toThrow(/classes filter/);
    const outside = /"upload:o": stored upload is unusable: value 2 at element 1 is outside/;
    await expect(open({ name: "upload:o" })).rejects.toThrow(outside);
    await expect(open({ name: "upload:g" })).rejects.toThrow(/stored upload is unusable: not a \.npy/);
  });
});
