/**
 * The wasm kernel replacements against the cpu backend (reference), with each patch both on and
 * off. Tolerance: max |wasm − cpu| ≤ 1e-5 · max(1, max|cpu|) — float32 sums in another order.
 * IS_TEST makes tfjs check every kernel for leaked backend buffers.
 */
import * as tf from "@tensorflow/tfjs-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoLeak, relMaxDiff, seeded } from "./grad-check.ts";
import { initBackend, setWasmPatches, WASM_PATCHES, type WasmPatch } from "./index.ts";

type Shape4 = [number, number, number, number];
type Run = () => tf.Tensor;

/**
 * Runs `make` on cpu and on wasm (patches on and off) and returns the relative differences;
 * `without` stays off in the "on" run (to reach a path that a preferred patch would bypass).
 */
async function versusCpu(make: Run, without: WasmPatch[] = []): Promise<{ on: number; off: number }> {
  await initBackend("cpu");
  const ref = tf.tidy(make);
  const refValues = tf.tensor(ref.dataSync(), ref.shape);
  ref.dispose();
  await initBackend("wasm");
  const diffs: number[] = [];
  for (const on of [true, false]) {
    setWasmPatches(Object.fromEntries(WASM_PATCHES.map((p) => [p, on && !without.includes(p)])));
    diffs.push(await expectNoLeak(() => tf.tidy(() => relMaxDiff(make(), refValues))));
  }
  refValues.dispose();
  return { on: diffs[0]!, off: diffs[1]! };
}

const kernel = (name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor =>
  tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;

// [x shape, filter shape, stride, pad]
const CONVS: Array<[Shape4, Shape4, number, "same" | "valid" | number]> = [
  [[2, 7, 7, 8], [4, 4, 3, 8], 2, "same"], // DCGAN G 7x7 -> 14x14 (scaled down)
  [[2, 7, 7, 6], [4, 4, 8, 6], 2, "same"], // the same with Cin 8 (the per-phase conv path by default)
  [[1, 6, 5, 4], [3, 3, 9, 4], 2, "valid"], // phases with unequal tap counts (k3 s2), Cin 9
  [[1, 4, 4, 3], [1, 1, 8, 3], 2, "same"], // k < s: a phase with no taps (zero rows)
  [[2, 14, 14, 4], [4, 4, 1, 4], 2, "same"], // DCGAN G 14x14 -> 28x28, Cout 1
  [[1, 5, 6, 3], [3, 3, 2, 3], 1, "same"],
  [[2, 4, 5, 2], [3, 2, 3, 2], 2, "valid"],
  [[1, 4, 4, 2], [5, 5, 2, 2], 3, "same"],
  [[1, 3, 3, 2], [1, 1, 2, 2], 2, "valid"],
  [[2, 6, 5, 3], [3, 3, 2, 3], 2, 1],
];

describe("wasm kernels vs cpu", () => {
  beforeAll(async () => {
    await initBackend("wasm");
    tf.env().set("IS_TEST", true);
  });
  afterEach(() => {
    setWasmPatches(Object.fromEntries(WASM_PATCHES.map((p) => [p, true])));
  });

  it.each(CONVS)("Conv2DBackpropInput dy %j filter %j stride %d pad %j", async (dyShape, fShape, stride, pad) => {
    const [n, h, w] = dyShape;
    // dy is the *output* of a conv over an input we size so that conv(input) has dy's shape.
    const inputShape: Shape4 =
      pad === "same"
        ? [n, h * stride, w * stride, fShape[2]]
        : [
            n,
            (h - 1) * stride + fShape[0] + (typeof pad === "number" ? -2 * pad : 0),
            (w - 1) * stride + fShape[1] + (typeof pad === "number" ? -2 * pad : 0),
            fShape[2],
          ];
    const run = (): tf.Tensor =>
      kernel("Conv2DBackpropInput", { dy: seeded(dyShape, 1), filter: seeded(fShape, 2) }, { strides: stride, pad, dataFormat: "NHWC", inputShape });
    const { on, off } = await versusCpu(run);
    expect(on).toBeLessThan(1e-5);
    expect(off).toBeLessThan(1e-5);
    // The per-phase convs for every shape (by default only Cin >= 8 take them), and the GEMM for every shape.
    expect((await versusCpu(run, ["convInputGemm"])).on).toBeLessThan(1e-5);
    expect((await versusCpu(run, ["convInputPhases"])).on).toBeLessThan(1e-5);
  });

  it.each(CONVS)("Conv2DBackpropFilter x %j filter %j stride %d pad %j", async (xShape, fShape, stride, pad) => {
    const filterShape: Shape4 = [fShape[0], fShape[1], xShape[3], fShape[3]];
    const run = (): tf.Tensor => {
      const x = seeded(xShape, 3);
      const dy = seeded(tf.conv2d(x as tf.Tensor4D, tf.zeros(filterShape) as tf.Tensor4D, stride, pad).shape, 4);
      return kernel("Conv2DBackpropFilter", { x, dy }, { strides: stride, pad, dataFormat: "NHWC", filterShape });
    };
    expect((await versusCpu(run)).on).toBeLessThan(1e-5);
    // The dilated-conv path, which wide inputs always take (im2col only for Cin <= 4).
    expect((await versusCpu(run, ["convFilterGemm"])).on).toBeLessThan(1e-5);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])("matMul transposeA=%s transposeB=%s (dense-layer shapes, rank 2 and batch-1 rank 3)", async (ta, tb) => {
    const a = (m: number, k: number): number[] => (ta ? [k, m] : [m, k]);
    const b = (k: number, p: number): number[] => (tb ? [p, k] : [k, p]);
    const { on, off } = await versusCpu(() =>
      tf.add(
        tf.matMul(seeded(a(17, 40), 5), seeded(b(40, 9), 6), ta, tb),
        tf.sum(tf.matMul(seeded([1, ...a(17, 40)], 7), seeded([1, ...b(40, 9)], 8), ta, tb), 0),
      ),
    );
    expect(on).toBeLessThan(1e-5);
    expect(off).toBeLessThan(1e-5);
  });

  it("fused matMul (bias + relu) with transposes, and batched matMul (left to stock)", async () => {
    const { on } = await versusCpu(() =>
      tf.add(
        tf.fused.matMul({
          a: seeded([12, 5], 9),
          b: seeded([7, 12], 10),
          transposeA: true,
          transposeB: true,
          bias: seeded([7], 11),
          activation: "relu",
        }),
        tf.sum(tf.matMul(seeded([3, 5, 4], 12), seeded([3, 7, 4], 13), false, true), 0),
      ),
    );
    expect(on).toBeLessThan(1e-5);
  });

  it.each([
    [[3, 40], [30, 40], false, true], // dX = dy·Wᵀ with W the largest operand: (W·dyᵀ)ᵀ
    [[40, 30], [40, 3], true, false], // aᵀ·b with a the largest operand: (bᵀ·a)ᵀ
  ])("matMul %j·%j transposeA=%s transposeB=%s through the swapped product", async (sa, sb, ta, tb) => {
    const { on, off } = await versusCpu(() =>
      tf.add(tf.matMul(seeded(sa, 14), seeded(sb, 15), ta, tb), tf.sum(tf.matMul(seeded([1, ...sa], 16), seeded([1, ...sb], 17), ta, tb), 0)),
    );
    expect(on).toBeLessThan(1e-5);
    expect(off).toBeLessThan(1e-5);
    // A fused bias applies to the un-swapped output, so that case must keep the plain transpose.
    const fused = await versusCpu(() =>
      tf.fused.matMul({ a: seeded([3, 40], 18), b: seeded([30, 40], 19), transposeB: true, bias: seeded([30], 20), activation: "relu" }),
    );
    expect(fused.on).toBeLessThan(1e-5);
  });

  it.each([
    [
      [1, 1, 1, 3],
      [2, 3, 4, 1],
    ], // a batch-norm style broadcast
    [
      [2, 3, 2, 2],
      [2, 1, 3, 2],
    ], // a 6-d broadcast view after merging
    [
      [2, 3, 2, 2],
      [2, 2, 3, 2],
    ], // every dim repeated: 8-d view, done in two passes
    [[3], [4]],
  ])("tile %j by %j (float32 and int32)", async (shape, reps) => {
    const { on, off } = await versusCpu(() =>
      tf.add(tf.tile(seeded(shape, 14), reps), tf.cast(tf.tile(tf.cast(tf.mul(seeded(shape, 15), 9), "int32"), reps), "float32")),
    );
    expect(on).toBe(0);
    expect(off).toBe(0);
  });

  it("tile of bool tensors falls back to the stock kernel", async () => {
    const { on } = await versusCpu(() => tf.cast(tf.tile(tf.greater(seeded([2, 3], 16), 0), [2, 2]), "float32"));
    expect(on).toBe(0);
  });

  it("depthToSpace block 2 and 3", async () => {
    const { on, off } = await versusCpu(() =>
      tf.add(tf.depthToSpace(seeded([2, 3, 4, 8], 17) as tf.Tensor4D, 2), tf.sum(tf.depthToSpace(seeded([2, 2, 3, 18], 18) as tf.Tensor4D, 3))),
    );
    expect(on).toBeLessThan(1e-6);
    expect(off).toBeLessThan(1e-6);
  });

  it.each([
    [[6, 5, 4, 3], [0, 1, 2], false],
    [[6, 5, 4, 3], [1, 0], true], // unsorted axes, keepDims
    [[7, 3], [0], false],
    [[6, 5, 4], [-3, -2], false], // negative axes
  ])("sum and mean of %j over %j (keepDims %s)", async (shape, axes, keepDims) => {
    const { on, off } = await versusCpu(() =>
      tf.concat([tf.reshape(tf.sum(seeded(shape, 19, 3), axes, keepDims), [-1]), tf.reshape(tf.mean(seeded(shape, 20, 3), axes, keepDims), [-1])]),
    );
    expect(on).toBeLessThan(1e-6);
    expect(off).toBeLessThan(1e-5);
  });

  it("sum over inner axes and of int32 stays on the stock kernel", async () => {
    const { on } = await versusCpu(() =>
      tf.concat([tf.sum(seeded([4, 5, 6], 21), [1, 2]), tf.cast(tf.sum(tf.cast(tf.mul(seeded([4, 5, 6], 22), 9), "int32"), [0, 1]), "float32")]),
    );
    expect(on).toBeLessThan(1e-5);
  });

  it.each([
    [
      [3, 4, 2, 5, 3],
      [0, 0, 0, 2, 0],
      [3, 4, 2, 1, 3],
    ], // one part of a stack along axis 3 (Unpack)
    [
      [3, 4, 2, 5, 3],
      [1, 2, 0, 1, 1],
      [2, -1, 2, 3, 2],
    ], // every axis cut, size -1
    [
      [2, 3, 2, 2, 2, 3],
      [0, 1, 0, 0, 1, 0],
      [2, 2, 2, 2, 1, 3],
    ], // 6-d
    [
      [2, 3, 2, 2, 3],
      [0, 0, 0, 0, 2],
      [2, 3, 2, 2, 1],
    ], // innermost axis only: runs of one element
    [
      [2, 3, 2, 2, 3],
      [0, 0, 0, 0, 0],
      [2, 3, 2, 2, 3],
    ], // the whole tensor
    [
      [2, 3, 2, 2, 3],
      [0, 1, 0, 0, 0],
      [2, 0, 2, 2, 3],
    ], // empty
  ])("slice of %j at %j size %j (float32, int32, bool), and a 5-d stack's gradient", async (shape, begin, size) => {
    const { on, off } = await versusCpu(() => {
      const x = seeded(shape, 23);
      return tf.concat([
        tf.reshape(tf.slice(x, begin, size), [-1]),
        tf.reshape(tf.cast(tf.slice(tf.cast(tf.mul(x, 9), "int32"), begin, size), "float32"), [-1]),
        tf.reshape(tf.cast(tf.slice(tf.greater(x, 0), begin, size), "float32"), [-1]),
      ]);
    });
    expect(on).toBe(0);
    expect(off).toBe(0);
    const stacked = await versusCpu(() =>
      tf.concat(
        tf
          .grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(tf.stack(xs, 3), seeded([2, 3, 2, 3, 4], 27))))(
            [24, 25, 26].map((seed) => seeded([2, 3, 2, 4], seed)),
          )
          .map((g) => tf.reshape(g, [-1])),
      ),
    );
    expect(stacked.on).toBe(0);
  });

  it("oneHot with float32 output holds real floats (stock wasm writes int32 bits)", async () => {
    const { on } = await versusCpu(() => tf.oneHot(tf.tensor1d([2, 0, 1], "int32"), 4, 0.5, -1, "float32"));
    expect(on).toBe(0);
  });

  it("shared Identity: a clone keeps its values after the source is disposed", async () => {
    await initBackend("wasm");
    await expectNoLeak(() => {
      const src = tf.tensor1d([1, 2, 3]);
      const copy = tf.clone(src);
      src.dispose();
      expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
      copy.dispose();
    });
  });
});
