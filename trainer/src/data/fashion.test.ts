import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fnv1a } from "./checksum.ts";
import { loadFashion, scanClothes } from "./fashion.ts";
import { BUILTIN_DATASET_INFO, openDataset } from "./index.ts";
import { type LabelledImages, packageDir } from "./mnist.ts";

let fm: LabelledImages;
beforeAll(() => {
  fm = loadFashion();
  console.info(`Fashion-MNIST load: ${fm.loadMs.toFixed(0)} ms`);
}, 60_000);

const clothes = (c: number) => join(packageDir("fashion-mnist"), "src", "clothes", `${c}.json`);

describe("Fashion-MNIST", () => {
  it("ships 70 000 images, split 60 000 / 10 000 with 6 000 / 1 000 per class, interleaved by class", () => {
    expect(fm.train.labels.length).toBe(60000);
    expect(fm.train.pixels.length).toBe(60000 * 784);
    expect(fm.test.labels.length).toBe(10000);
    expect(fm.test.pixels.length).toBe(10000 * 784);
    expect(fm.train.labels.every((l, i) => l === i % 10)).toBe(true);
    expect(fm.test.labels.every((l, i) => l === i % 10)).toBe(true);
    expect(fnv1a(fm.train.pixels.subarray(0, 784 * 100))).toBe(0x582b4fa2);
    expect(fnv1a(fm.test.pixels)).toBe(0xcbbde9e4);
    expect(loadFashion()).toBe(fm);
  });

  it("matches an independent JSON decoding of the package files", () => {
    // Train 0 / test 0 are class 0 images 0 / 6000; train 59999 / test 9999 are class 9 images 5999 / 6999.
    const text0 = readFileSync(clothes(0), "utf8");
    const row0 = JSON.parse(text0.slice('{"data":['.length, text0.indexOf("]") + 1)) as number[];
    // Class 0 holds two empty rows (after image 999 and at the end): image 6000 is the 6 002nd "[" row.
    const emptyRows = [...text0.matchAll(/\[\]/g)].length;
    expect(emptyRows).toBe(2);
    const c9 = (JSON.parse(readFileSync(clothes(9), "utf8")) as { data: number[][] }).data;
    expect(c9.length).toBe(7000);
    const sample = (p: Uint8Array, i: number) => Array.from(p.subarray(i * 784, (i + 1) * 784));
    expect(sample(fm.train.pixels, 0)).toEqual(row0);
    expect(sample(fm.train.pixels, 59999)).toEqual(c9[5999]);
    expect(sample(fm.test.pixels, 9999)).toEqual(c9[6999]);
    expect(sample(fm.test.pixels, 9)).toEqual(c9[6000]);
  }, 30_000);

  it("contains the official train[0] ankle boot (rows 3–4 as printed in the TensorFlow tutorial)", () => {
    // Class 9 image 899 → interleaved train index 899·10 + 9.
    const img = fm.train.pixels.subarray(8999 * 784, 9000 * 784);
    expect(fm.train.labels[8999]).toBe(9);
    const z12 = Array(12).fill(0);
    const row = (r: number) => Array.from(img.subarray(r * 28, (r + 1) * 28));
    expect(row(3)).toEqual([...z12, 1, 0, 0, 13, 73, 0, 0, 1, 4, 0, 0, 0, 0, 1, 1, 0]);
    expect(row(4)).toEqual([...z12, 3, 0, 36, 136, 127, 62, 54, 0, 0, 0, 1, 3, 4, 0, 0, 3]);
  });

  it("opens through openDataset with a class filter, in [−1, 1]", async () => {
    const ds = await openDataset({ name: "fashion-mnist", classes: [9] });
    expect(ds.info).toMatchObject({ id: "fashion-mnist", kind: "image", sampleShape: [28, 28, 1], size: 6000 });
    expect(ds.info.classes).toBe(10);
    const t = ds.take(3, { split: "test" });
    expect(Array.from(t.labels!)).toEqual([9, 9, 9]);
    expect(t.data.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect((await openDataset({ name: "fashion-mnist", split: "test" })).info.size).toBe(10000);
    // The static catalogue entry (listing datasets opens nothing) agrees with the opened dataset.
    expect(BUILTIN_DATASET_INFO["fashion-mnist"]).toEqual((await openDataset({ name: "fashion-mnist" })).info);
  });

  it("scanClothes skips empty rows and names the file and byte on malformed input", () => {
    const row = Array(784).fill(3).join(",");
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(scanClothes(enc(`{"data":[[${row}],[${row}],[]]}\n`), "f.json").length).toBe(2 * 784);
    expect(() => scanClothes(enc(`{"data":[[1,2]]}`), "f.json")).toThrow(/f\.json: row 0 has 2 values, expected 784/);
    expect(() => scanClothes(enc(`{"data":[[${row},256]]}`), "f.json")).toThrow(/integer pixel 0–255/);
    expect(() => scanClothes(enc(`{"data":[[1.5]]}`), "f.json")).toThrow(/expected ',' or '\]'/);
    expect(() => scanClothes(enc(`{"data":[[${row}]]}x`), "f.json")).toThrow(/trailing bytes/);
    expect(() => scanClothes(enc(`{"rows":[]}`), "f.json")).toThrow(/f\.json: expected '\{"data":\['/);
  });
});
