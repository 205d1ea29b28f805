/**
 * Hand-assembled WebAssembly SIMD loops for the element-wise kernels that tfjs-backend-wasm runs slowly (measured in
 * bench/kernels/eltwise.ts): LeakyRelu (a scalar C++ loop, ~4–7 ns per element) and binary ops where one operand is
 * a row repeated over the leading axes (bias and per-channel terms; XNNPACK's broadcasting path is ~2× its
 * same-shape path). They run on the tfjs module's own memory (imported), so nothing is copied. A plain JS loop over
 * the heap's Float32Array was measured first and was slower than the stock kernels it would replace (2.6 ns per
 * element for an add against XNNPACK's 0.2), so these are f32x4 loops. f32x4 add/sub/mul/div/lt are IEEE float32
 * operations, exactly what the stock kernels compute, so results are bit-identical.
 *
 *   leaky(x, out, n4, alpha: f32)                        out = x < 0 ? x·alpha : x, for 4·n4 elements
 *   add|sub|mul|div(a, aStep, b, bStep, out, outStep, rows, rowBytes)   out[r] = a[r] ∘ b[r] row by row, each
 *        pointer advancing by its step per row (rowBytes for a full operand, 0 for a broadcast row; out with step 0
 *        and a = out accumulates rows: a column sum); rowBytes % 16 == 0
 * All pointers and steps are byte offsets into the heap.
 */
import {
  type AsmFunction,
  BLOCK,
  brIf,
  END,
  F32,
  F32X4_ADD,
  F32X4_DIV,
  F32X4_LT,
  F32X4_MUL,
  F32X4_SPLAT,
  F32X4_SUB,
  get,
  I32,
  I32_ADD,
  I32_EQZ,
  I32_LT_U,
  I32_SHL,
  i32,
  instantiateOn,
  LOOP,
  set,
  tee,
  V128,
  V128_BITSELECT,
  V128_LOAD,
  V128_STORE,
} from "./wasm-asm.ts";

export type BinaryOp = "add" | "sub" | "mul" | "div";
export type BinarySimd = (a: number, aStep: number, b: number, bStep: number, out: number, outStep: number, rows: number, rowBytes: number) => void;
export type LeakySimd = (x: number, out: number, n4: number, alpha: number) => void;
export interface EltwiseSimd {
  leaky: LeakySimd;
  binary: Record<BinaryOp, BinarySimd>;
}

/** `local += step; br_if depth (local < limit)` — the tail of every loop here. */
const advance = (local: number, step: number[], limit: number, depth: number): number[] => [
  ...get(local),
  ...step,
  ...I32_ADD,
  ...tee(local),
  ...get(limit),
  ...I32_LT_U,
  ...brIf(depth),
];

// leaky locals: 0 x, 1 out, 2 n4, 3 alpha | 4 o, 5 limit (i32) | 6 alpha×4, 7 zero, 8 v (v128; locals start at 0).
const LEAKY: AsmFunction = {
  name: "leaky",
  params: [I32, I32, I32, F32],
  locals: [
    [2, I32],
    [3, V128],
  ],
  code: [
    ...get(3),
    ...F32X4_SPLAT,
    ...set(6),
    ...get(2),
    ...i32(4),
    ...I32_SHL,
    ...set(5),
    ...BLOCK,
    ...get(2),
    ...I32_EQZ,
    ...brIf(0),
    ...LOOP,
    // out[o] = bitselect(v·alpha, v, v < 0)
    ...get(1),
    ...get(4),
    ...I32_ADD,
    ...get(0),
    ...get(4),
    ...I32_ADD,
    ...V128_LOAD,
    ...tee(8),
    ...get(6),
    ...F32X4_MUL,
    ...get(8),
    ...get(8),
    ...get(7),
    ...F32X4_LT,
    ...V128_BITSELECT,
    ...V128_STORE,
    ...advance(4, i32(16), 5, 0),
    ...END,
    ...END,
  ],
};

// binary locals: 0 a, 1 aStep, 2 b, 3 bStep, 4 out, 5 outStep, 6 rows, 7 rowBytes | 8 j, 9 r (i32).
function binary(name: BinaryOp, op: number[]): AsmFunction {
  const at = (ptr: number): number[] => [...get(ptr), ...get(8), ...I32_ADD];
  const next = (ptr: number, step: number): number[] => [...get(ptr), ...get(step), ...I32_ADD, ...set(ptr)];
  return {
    name,
    params: Array(8).fill(I32),
    locals: [[2, I32]],
    code: [
      ...BLOCK,
      ...get(6),
      ...I32_EQZ,
      ...brIf(0),
      ...LOOP, // rows
      ...i32(0),
      ...set(8),
      ...LOOP, // 16 bytes at a time along the row
      ...at(4),
      ...at(0),
      ...V128_LOAD,
      ...at(2),
      ...V128_LOAD,
      ...op,
      ...V128_STORE,
      ...advance(8, i32(16), 7, 0),
      ...END,
      ...next(0, 1),
      ...next(2, 3),
      ...next(4, 5),
      ...advance(9, i32(1), 6, 0),
      ...END,
      ...END,
    ],
  };
}

const FUNCTIONS = [LEAKY, binary("add", F32X4_ADD), binary("sub", F32X4_SUB), binary("mul", F32X4_MUL), binary("div", F32X4_DIV)];
const cache = new WeakMap<WebAssembly.Memory, EltwiseSimd | null>();

/** The loops bound to `memory`, or null when the runtime has no wasm SIMD (the stock kernels then run). */
export function eltwiseSimdFor(memory: WebAssembly.Memory): EltwiseSimd | null {
  const hit = cache.get(memory);
  if (hit !== undefined) return hit;
  const ex = instantiateOn(memory, FUNCTIONS);
  const fns: EltwiseSimd | null =
    ex === null
      ? null
      : {
          leaky: ex["leaky"] as LeakySimd,
          binary: { add: ex["add"] as BinarySimd, sub: ex["sub"] as BinarySimd, mul: ex["mul"] as BinarySimd, div: ex["div"] as BinarySimd },
        };
  cache.set(memory, fns);
  return fns;
}
