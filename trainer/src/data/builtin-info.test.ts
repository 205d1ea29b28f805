import { describe, expect, it } from "vitest";
import { BUILTIN_DATASETS, BUILTIN_DATASET_INFO, openDataset } from "./index.ts";

describe("BUILTIN_DATASET_INFO", () => {
  it("describes every built-in, in BUILTIN_DATASETS order", () => {
    expect(Object.keys(BUILTIN_DATASET_INFO)).toEqual([...BUILTIN_DATASETS]);
    // Hand-computed: ring8's box is ceil((2 + 6·0.02) / 1.414 · 10) / 10 = ceil(14.99…) / 10 = 1.5.
    expect(BUILTIN_DATASET_INFO.ring8!.range).toEqual([-1.5, 1.5]);
    expect(BUILTIN_DATASET_INFO["fashion-mnist"]).toMatchObject({ kind: "image", sampleShape: [28, 28, 1], size: 60000, classes: 10 });
  });

  it("is frozen: a consumer cannot change the catalogue", () => {
    const info = BUILTIN_DATASET_INFO.mnist!;
    expect(() => (info.sampleShape as number[]).push(3)).toThrow(TypeError);
    expect(() => Object.assign(info, { size: 1 })).toThrow(TypeError);
    expect(info.size).toBe(60000);
  });

  // Fashion-MNIST's agreement is checked in fashion.test.ts, which loads it anyway (seconds).
  it.each(BUILTIN_DATASETS.filter((n) => n !== "fashion-mnist"))(
    "agrees with openDataset(%s).info",
    async (name) => {
      expect(BUILTIN_DATASET_INFO[name]).toEqual((await openDataset({ name })).info);
    },
    30_000,
  );
});
