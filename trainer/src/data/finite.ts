/**
 * Finite datasets: a store of samples plus an index list (all samples, or one class subset), walked through a
 * seeded permutation per epoch. Batch k of size n covers stream positions k·n … k·n+n−1; position p lies in epoch
 * ⌊p/N⌋, so any batch is computed directly from (seed, k, n) with no state and no per-epoch copy of the data.
 */
import { Stream, hashSeed, permutation } from "../util/rng.ts";
import type { Dataset, DatasetInfo, TakeOptions } from "./types.ts";

/** Random access to stored samples, written as floats into a caller's buffer. */
export interface SampleStore {
  count: number;
  sampleSize: number;
  read(index: number, out: Float32Array, offset: number): void;
}

/** Bytes kept as uint8 (a quarter of the memory) and mapped to [−1, 1] as x/127.5 − 1 when read. */
export function u8Store(pixels: Uint8Array, sampleSize: number): SampleStore {
  return {
    count: Math.floor(pixels.length / sampleSize),
    sampleSize,
    read(index, out, offset) {
      const base = index * sampleSize;
      for (let j = 0; j < sampleSize; j++) out[offset + j] = pixels[base + j]! / 127.5 - 1;
    },
  };
}

/** Floats already normalised (uploads). */
export function f32Store(data: Float32Array, sampleSize: number): SampleStore {
  return {
    count: Math.floor(data.length / sampleSize),
    sampleSize,
    read(index, out, offset) {
      out.set(data.subarray(index * sampleSize, (index + 1) * sampleSize), offset);
    },
  };
}

export interface Split {
  store: SampleStore;
  labels: ArrayLike<number> | null;
}

/** Store indices whose label is in `classes` (all indices when classes is undefined). */
export function selectIndices(split: Split, classes?: readonly number[]): Uint32Array {
  const n = split.store.count;
  if (!classes) return Uint32Array.from({ length: n }, (_, i) => i);
  const labels = split.labels;
  if (!labels) throw new Error("a classes filter needs a labelled dataset");
  const keep = new Set(classes);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep.has(labels[i]!)) out.push(i);
  return Uint32Array.from(out);
}

function checkCount(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
}

/**
 * Builds a finite dataset over `splits`; `active` is the split that batch() draws from and take() defaults to.
 * `info.size` is filled in from the active split's (filtered) size.
 */
export function makeFinite(
  info: Omit<DatasetInfo, "size">,
  splits: { train: Split; test?: Split },
  active: "train" | "test",
  classes?: readonly number[],
): Dataset {
  const chosen = (name: "train" | "test"): Split => {
    const s = splits[name];
    if (!s) throw new Error(`dataset "${info.id}" has no ${name} split`);
    return s;
  };
  const split = chosen(active);
  const indices = selectIndices(split, classes);
  const N = indices.length;
  if (N === 0) throw new Error(`dataset "${info.id}" has no samples in split ${active} for classes [${classes}]`);
  const S = split.store.sampleSize;

  // A few recent epochs' permutations; a batch spans at most two epochs unless n > N.
  const perms = new Map<string, Uint32Array>();
  const permFor = (seed: number, epoch: number): Uint32Array => {
    const key = `${seed}:${epoch}`;
    let p = perms.get(key);
    if (!p) {
      p = permutation(N, hashSeed(seed, Stream.data, epoch));
      if (perms.size >= 4) perms.delete(perms.keys().next().value!);
      perms.set(key, p);
    }
    return p;
  };
  const positions = (k: number, n: number, seed: number): Uint32Array => {
    checkCount("batch index k", k);
    checkCount("batch size n", n);
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const p = k * n + i;
      const epoch = Math.floor(p / N);
      out[i] = indices[permFor(seed, epoch)[p - epoch * N]!]!;
    }
    return out;
  };
  const gatherData = (s: Split, idx: Uint32Array): Float32Array => {
    const data = new Float32Array(idx.length * S);
    idx.forEach((j, i) => s.store.read(j, data, i * S));
    return data;
  };
  const gatherLabels = (s: Split, idx: Uint32Array): Int32Array | null => (s.labels ? Int32Array.from(idx, (j) => s.labels![j]!) : null);

  return {
    info: { ...info, size: N },
    batch: (k, n, seed) => gatherData(split, positions(k, n, seed)),
    batchLabels: (k, n, seed) => (split.labels ? gatherLabels(split, positions(k, n, seed)) : null),
    take(count: number, opts?: TakeOptions) {
      checkCount("take count", count);
      const name = opts?.split ?? active;
      const s = chosen(name);
      const all = name === active ? indices : selectIndices(s, classes);
      const m = Math.min(count, all.length);
      const order = opts?.seed === undefined ? null : permutation(all.length, hashSeed(opts.seed, Stream.eval));
      const idx = Uint32Array.from({ length: m }, (_, i) => all[order ? order[i]! : i]!);
      return { data: gatherData(s, idx), labels: gatherLabels(s, idx) };
    },
  };
}
