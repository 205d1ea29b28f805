/**
 * Gantry's SIMD element-wise wasm kernels (wasm-eltwise.ts) against tfjs' stock wasm kernels (the switch off) and a
 * hand-computed float32 reference: bit for bit, on shapes that reach the vector loop, the scalar tail and every
 * fallback (other broadcasts, rows not a multiple of 4, size 0, int32), with NaN, ±Inf, ±0 and subnormals among the
 * inputs; gradients that run through the replaced kernels; and that the native backend keeps its addon kernels.
 */
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, describe, expect, it } from "vitest";
import { tensorTestScope } from "../engine/testing.ts";
import { seeded } from "./grad-check.ts";
import { edgy, expectSameBits, onOff } from "./wasm-test-util.ts";
import { initBackend, setWasmPatches } from "./index.ts";
import { loadNativeAddon } from "./native-addon.ts";

/** Flat index of the operand element that output element `i` reads, under numpy broadcasting. */
function broadcastIndex(i: number, out: number[], shape: number[]): number {
  let idx = 0;
  let stride = 1;
  let rest = i;
  for (let d = out.length - 1, s = shape.length - 1; d >= 0; d--, s--) {
    const coord = rest % out[d]!;
    rest = Math.floor(rest / out[d]!);
    if (s >= 0) {
      idx += (shape[s] === 1 ? 0 : coord) * stride;
      stride *= shape[s]!;
    }
  }
  return idx;
}

const OPS: Array<[string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, (x: number, y: number) => number]> = [
  ["add", tf.add, (x, y) => x + y],
  ["sub", tf.sub, (x, y) => x - y],
  ["mul", tf.mul, (x, y) => x * y],
  ["div", tf.div, (x, y) => x / y],
];
// [a, b]: SIMD row broadcasts both ways, same shapes, rank 1; then the fallbacks; then tiny outputs.
const SHAPES: Array<[number[], number[]]> = [
  [[6, 8], [8]],
  [[8], [5, 8]],
  [
    [2, 3, 5, 8],
    [1, 1, 1, 8],
  ],
  [
    [2, 3, 4],
    [2, 3, 4],
  ],
  [[12], [12]],
  [[1, 4], [4]],
  [[5, 6], [6]], // row of 6: not a multiple of 4
  [
    [5, 8],
    [5, 1],
  ], // column broadcast
  [[5, 8], []], // scalar
  [[3, 0, 4], [4]], // empty
  [
    [3, 1, 4],
    [1, 2, 4],
  ], // both broadcast
];

describe("SIMD element-wise wasm kernels", () => {
  const { track } = tensorTestScope("wasm");
  afterAll(() => {
    setWasmPatches({ eltwiseSimd: true });
  });

  for (const [name, op, ref] of OPS) {
    it(`${name}: bit-identical to the stock kernel and to float32 arithmetic on every broadcast form`, () => {
      SHAPES.forEach(([sa, sb], k) => {
        const a = track(edgy(sa, 3 * k + 1));
        const b = track(edgy(sb, 3 * k + 2));
        const { on, off } = onOff(() => op(a, b));
        track(on);
        track(off);
        expectSameBits(on, off);
        const out = on.shape;
        const av = a.dataSync();
        const bv = b.dataSync();
        const want = Float32Array.from({ length: on.size }, (_, i) => ref(av[broadcastIndex(i, out, sa)]!, bv[broadcastIndex(i, out, sb)]!));
        expectSameBits(on, track(tf.tensor(want, out)));
      });
    });
  }

  it("leaves int32 operands to the stock kernel (int32 result)", () => {
    const a = track(
      tf.tensor(
        [
          [1, -2, 3, 4],
          [5, 6, -7, 8],
        ],
        [2, 4],
        "int32",
      ),
    );
    const b = track(tf.tensor([10, 20, 30, 40], [4], "int32"));
    for (const [, op, ref] of OPS.slice(0, 3)) {
      const { on, off } = onOff(() => op(a, b));
      track(on);
      track(off);
      expect(on.dtype).toBe("int32");
      expectSameBits(on, off);
      expect([...on.dataSync()]).toEqual([...a.dataSync()].map((x, i) => ref(x, b.dataSync()[i % 4]!)));
    }
  });

  it("leakyRelu: bit-identical to the stock kernel and to x < 0 ? αx : x (vector body, tail, empty, int32)", () => {
    for (const [shape, alpha] of [
      [[0], 0.2],
      [[1], 0.2],
      [[3], 0.3],
      [[5], 0.2],
      [[2, 3, 4], 0],
      [[7, 9], 1.5],
      [[64, 13], -0.5],
    ] as Array<[number[], number]>) {
      const x = track(edgy(shape, shape.length + 7));
      const { on, off } = onOff(() => tf.leakyRelu(x, alpha));
      track(on);
      track(off);
      expectSameBits(on, off);
      const a = Math.fround(alpha);
      const want = Float32Array.from(x.dataSync(), (v) => (v < 0 ? v * a : v));
      expectSameBits(on, track(tf.tensor(want, shape)));
    }
    const xi = track(tf.tensor([-3, 0, 2, -1, 5], [5], "int32"));
    const { on, off } = onOff(() => tf.leakyRelu(xi, 0.5));
    track(on);
    track(off);
    expect(on.dtype).toBe("float32");
    expectSameBits(on, off);
    expect([...on.dataSync()]).toEqual([-1.5, 0, 2, -0.5, 5]);
  });

  it("gradients through the replaced kernels equal the stock ones and the hand-computed derivatives", () => {
    const x = track(seeded([6, 8], 41));
    const row = track(seeded([8], 42));
    const w = track(seeded([6, 8], 43));
    // f = Σ w · (leakyRelu(x, 0.2) · row + row): d/dx = w·row·step(x, 0.2), d/drow = Σ_batch w·(leakyRelu(x) + 1).
    const f = (a: tf.Tensor, r: tf.Tensor): tf.Tensor => tf.sum(tf.mul(w, tf.add(tf.mul(tf.leakyRelu(a, 0.2), r), r)));
    // Both gradients in one flat tensor: dx (48 values), then drow (8).
    const grads = (): tf.Tensor =>
      tf.tidy(() =>
        tf.concat(
          tf
            .grads(f)([x, row])
            .map((g) => tf.reshape(g, [-1])),
        ),
      );
    const { on, off } = onOff(grads);
    // drow is a leading-axis Sum: with eltwiseSimd off it is pooled (another rounding), so compare it with tfjs' own
    // kernels (every patch involved off), which sum in the same row order as the SIMD column sum.
    setWasmPatches({ eltwiseSimd: false, reduceLeading: false });
    const stock = grads();
    setWasmPatches({ eltwiseSimd: true, reduceLeading: true });
    [on, off, stock].forEach(track);
    expectSameBits(on, stock);
    expectSameBits(track(tf.slice(off, 0, 48)), track(tf.slice(on, 0, 48)));
    const xv = x.dataSync();
    const rv = row.dataSync();
    const wv = w.dataSync();
    const all = on.dataSync();
    const dx = all.subarray(0, 48);
    const dr = all.subarray(48);
    const sumR = new Float64Array(8);
    for (let i = 0; i < 48; i++) {
      const slope = xv[i]! < 0 ? 0.2 : 1;
      expect(dx[i]).toBeCloseTo(wv[i]! * rv[i % 8]! * slope, 6);
      sumR[i % 8]! += wv[i]! * ((xv[i]! < 0 ? 0.2 * xv[i]! : xv[i]!) + 1);
    }
    sumR.forEach((s, c) => expect(dr[c]).toBeCloseTo(s, 5));
  });
});

describe.skipIf(loadNativeAddon().addon === undefined)("native backend (only where trainer/native was built)", () => {
  it("keeps its addon kernels for the ops it replaces; Gantry's wasm kernels are only its fallbacks", async () => {
    await initBackend("native");
    for (const name of ["LeakyRelu", "Add", "Sub", "Multiply", "RealDiv"]) {
      expect(tf.getKernel(name, "native")?.kernelFunc).not.toBe(tf.getKernel(name, "wasm")?.kernelFunc);
    }
    // A column broadcast is not an addon case: native falls back to the wasm kernel and still matches float32 math.
    const r = tf.tidy(() =>
      tf
        .mul(
          tf.tensor([
            [1, 2, 3, 4],
            [5, 6, 7, 8],
          ]),
          tf.tensor([[2], [-1]]),
        )
        .dataSync(),
    );
    expect([...r]).toEqual([2, 4, 6, 8, -5, -6, -7, -8]);
    await initBackend("wasm");
  });
});
