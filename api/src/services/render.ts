// The grid and the PNG encoder are the trainer job's, so API samples and training sample grids look the same.
import { encodePng, imageGridPng } from "@gantry/trainer/job";
import { invalid } from "../http/problem.ts";

/** [H, W, C] for image-like sample shapes ([H, W, C] with C 1 or 3, or a flat square [D]); else null. */
export function imageShape(sampleShape: readonly number[]): [number, number, 1 | 3] | null {
  if (sampleShape.length === 3 && (sampleShape[2] === 1 || sampleShape[2] === 3)) {
    return [sampleShape[0]!, sampleShape[1]!, sampleShape[2]];
  }
  if (sampleShape.length === 1 && sampleShape[0]! > 4) {
    const side = Math.round(Math.sqrt(sampleShape[0]!));
    if (side * side === sampleShape[0]) return [side, side, 1];
  }
  return null;
}

const SIZE = 512;

/** 2-D points as a scatter plot: white canvas, grey axes through 0, orange 3×3 dots; the box fits the data. */
export function scatterPng(data: Float32Array): Uint8Array {
  let extent = 1;
  for (const v of data) if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v) * 1.1);
  const px = new Uint8Array(SIZE * SIZE * 3).fill(255);
  const put = (x: number, y: number, rgb: readonly number[]) => {
    if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
    px.set(rgb, (y * SIZE + x) * 3);
  };
  const toPx = (v: number) => Math.round(((v + extent) / (2 * extent)) * (SIZE - 1));
  const mid = toPx(0);
  for (let i = 0; i < SIZE; i++) {
    put(i, mid, [210, 210, 210]);
    put(mid, i, [210, 210, 210]);
  }
  for (let i = 0; i + 1 < data.length; i += 2) {
    const x = data[i]!;
    const y = data[i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const cx = toPx(x);
    const cy = SIZE - 1 - toPx(y);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) put(cx + dx, cy + dy, [232, 89, 12]);
  }
  return encodePng(SIZE, SIZE, 3, px);
}

/** The PNG for generator output of shape [n, ...sampleShape]; a 422 problem for shapes that cannot be drawn. */
export function samplesPng(data: Float32Array, shape: readonly number[]): Uint8Array {
  const [n, ...sample] = shape;
  if (sample.length === 1 && sample[0] === 2) return scatterPng(data);
  const img = imageShape(sample);
  if (img) return imageGridPng(data, n ?? 0, img);
  throw invalid(422, [
    { path: "body.format", message: `png needs images or 2-D points; samples of shape [${sample.join(", ")}] support json and npy` },
  ]);
}
