import { describe, expect, it } from "vitest";
import { Stream, hashSeed, permutation } from "../util/rng.ts";
import { f32Store, makeFinite, selectIndices, u8Store } from "./finite.ts";

// Ten samples of two pixels; sample i holds bytes (i, 100 + i), label i % 3.
const N = 10;
const pixels = Uint8Array.from({ length: 2 * N }, (_, j) => (j % 2 === 0 ? j / 2 : 100 + (j - 1) / 2));
const labels = Uint8Array.from({ length: N }, (_, i) => i % 3);
const info = {
  id: "tiny",
  kind: "tabular" as const,
  sampleShape: [2],
  classes: 3,
  description: "",
  range: [-1, 1] as [number, number],
};
const testSplit = { store: u8Store(Uint8Array.from([7, 8, 9, 10]), 2), labels: Uint8Array.from([1, 2]) };
const make = (classes?: number[]) => makeFinite(info, { train: { store: u8Store(pixels, 2), labels }, test: testSplit }, "train", classes);

/** Recovers the sample index from a batch's decoded first pixel (x = i/127.5 − 1). */
const byte = (v: number) => Math.round((v + 1) * 127.5);
const ids = (batch: Float32Array) => Array.from({ length: batch.length / 2 }, (_, i) => byte(batch[2 * i]!));

describe("finite datasets", () => {
  it("u8Store maps 0 → −1 and 255 → 1, f32Store copies", () => {
    const out = new Float32Array(3);
    u8Store(Uint8Array.from([0, 255, 51]), 3).read(0, out, 0);
    expect(Array.from(out)).toEqual([-1, 1, expect.closeTo(51 / 127.5 - 1, 6)]);
    f32Store(Float32Array.from([0.5, -0.25, 0, 1]), 2).read(1, out, 1);
    expect(Array.from(out)).toEqual([-1, 0, 1]);
  });

  it("each epoch is a permutation, epochs concatenate, and batch size does not change the stream", () => {
    const ds = make();
    expect(ds.info.size).toBe(N);
    const stream = Array.from({ length: 10 }, (_, k) => ids(ds.batch(k, 4, 3))).flat(); // 40 = 4 epochs
    for (let e = 0; e < 4; e++) {
      const epoch = stream.slice(e * N, (e + 1) * N);
      expect([...epoch].sort((a, b) => a - b)).toEqual([...Array(N).keys()]);
      // Hand reference: the permutation from hashSeed(seed, Stream.data, epoch).
      expect(epoch).toEqual(Array.from(permutation(N, hashSeed(3, Stream.data, e))));
    }
    expect(stream.slice(0, N)).not.toEqual(stream.slice(N, 2 * N));
    const byFives = Array.from({ length: 8 }, (_, k) => ids(ds.batch(k, 5, 3))).flat();
    expect(byFives).toEqual(stream);
    // Second pixel and labels travel with the same index.
    const b = ds.batch(2, 4, 3);
    expect(ids(b).map((i) => i + 100)).toEqual(Array.from({ length: 4 }, (_, j) => byte(b[2 * j + 1]!)));
    expect(Array.from(ds.batchLabels!(2, 4, 3)!)).toEqual(ids(b).map((i) => i % 3));
  });

  it("is reproducible across instances and call orders, and differs by seed", () => {
    const late = make().batch(7, 6, 9);
    const ds = make();
    ds.batch(0, 6, 9);
    ds.batch(30, 6, 9);
    expect(ds.batch(7, 6, 9)).toEqual(late);
    expect(ds.batch(7, 6, 10)).not.toEqual(late);
  });

  it("batches larger than the dataset span several epochs", () => {
    const b = ids(make().batch(0, 25, 1));
    for (let e = 0; e < 2; e++) expect(new Set(b.slice(e * N, (e + 1) * N)).size).toBe(N);
  });

  it("a class filter restricts batches, labels, size and take", () => {
    expect(Array.from(selectIndices({ store: u8Store(pixels, 2), labels }, [0, 2]))).toEqual([0, 2, 3, 5, 6, 8, 9]);
    const ds = make([2]);
    expect(ds.info.size).toBe(3);
    const seen = ids(ds.batch(0, 9, 4));
    expect(new Set(seen)).toEqual(new Set([2, 5, 8]));
    expect(Array.from(ds.batchLabels!(0, 9, 4)!)).toEqual(Array(9).fill(2));
    expect(Array.from(ds.take(10).labels!)).toEqual([2, 2, 2]);
    expect(Array.from(ds.take(5, { split: "test" }).labels!)).toEqual([2]);
  });

  it("take returns the first samples, or a seeded subset, clamped to the split size", () => {
    const ds = make();
    expect(ids(ds.take(3).data)).toEqual([0, 1, 2]);
    const s = ids(ds.take(4, { seed: 5 }).data);
    expect(s).toEqual(Array.from(permutation(N, hashSeed(5, Stream.eval)).slice(0, 4)));
    expect(ids(ds.take(4, { seed: 5 }).data)).toEqual(s);
    expect(ds.take(50).data.length).toBe(2 * N);
    const t = ds.take(9, { split: "test" });
    expect(Array.from(t.data)).toEqual([7, 8, 9, 10].map((x) => expect.closeTo(x / 127.5 - 1, 6)));
  });

  it("rejects bad counts, missing splits and empty selections", () => {
    const ds = make();
    expect(() => ds.batch(-1, 4, 0)).toThrow(/batch index k/);
    expect(() => ds.batch(0, 1.5, 0)).toThrow(/batch size n/);
    const trainOnly = makeFinite(info, { train: { store: u8Store(pixels, 2), labels: null } }, "train");
    expect(() => trainOnly.take(1, { split: "test" })).toThrow(/no test split/);
    expect(trainOnly.batchLabels!(0, 2, 0)).toBeNull();
    expect(() => make([7])).toThrow(/no samples/);
    const unlabelled = { train: { store: u8Store(pixels, 2), labels: null } };
    expect(() => makeFinite(info, unlabelled, "train", [1])).toThrow(/labelled/);
  });
});
