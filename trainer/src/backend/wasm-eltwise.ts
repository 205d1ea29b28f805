/**
 * Element-wise wasm kernels on Gantry's SIMD loops (wasm-eltwise-simd.ts), for the cases the stock kernels run
 * slowly: LeakyRelu, and Add/Sub/Multiply/RealDiv of a full operand with a row broadcast over its leading axes
 * (both orders). float32 only; other dtypes, empty tensors, other broadcasts (scalar, column, same shape — XNNPACK's
 * own fast paths) and rows whose length is not a multiple of 4 run the stock kernel. The native backend copies these
 * as its fallbacks for the cases its addon kernels do not take (native-backend.ts).
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { FULL, operandMode, ROW, SCALAR, sizeOf } from "./eltwise-shapes.ts";
import { patchOn } from "./patches.ts";
import { wasmMemoryOf } from "./wasm-asm.ts";
import { type BinaryOp, type EltwiseSimd, eltwiseSimdFor } from "./wasm-eltwise-simd.ts";
import { type Info, replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The SIMD loops when the switch is on and the runtime has wasm SIMD, else null (stock kernels). */
export function simdOf(backend: BackendWasm): EltwiseSimd | null {
  if (!patchOn("eltwiseSimd")) return null;
  const memory = wasmMemoryOf(backend.wasm);
  return memory === null ? null : eltwiseSimdFor(memory);
}

function leakyRelu(stock: tf.KernelFunc, args: KernelArgs): Info | Info[] {
  const x = args.inputs["x"];
  const alpha = args.attrs?.["alpha"];
  const backend = args.backend as BackendWasm;
  const simd = x?.dtype === "float32" && sizeOf(x.shape) > 0 && typeof alpha === "number" ? simdOf(backend) : null;
  if (x === undefined || simd === null) return stock(args);
  const n = sizeOf(x.shape);
  const out = backend.makeOutput([...x.shape], "float32");
  const done = n - (n % 4);
  simd.leaky(backend.getMemoryOffset(x.dataId), backend.getMemoryOffset(out.dataId), done / 4, alpha as number);
  if (done < n) {
    // The last n % 4 elements; views taken after makeOutput, which may grow (and detach) the heap.
    const a = Math.fround(alpha as number);
    const xs = backend.typedArrayFromHeap(x) as Float32Array;
    const os = backend.typedArrayFromHeap(out) as Float32Array;
    for (let i = done; i < n; i++) os[i] = xs[i]! < 0 ? xs[i]! * a : xs[i]!;
  }
  return out;
}

/** Largest output computed by the JS loop below (a scalar loss term, a per-sample scale). */
const TINY = 4;
const JS_OPS: Record<BinaryOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

/**
 * Outputs of at most TINY elements whose operands are each full or a scalar: a JS loop, skipping the stock kernel's
 * marshalling of both shapes through Emscripten's ccall (about half its ~1.6 µs fixed cost). float64 +, −, ×, ÷ of
 * two float32 values rounded once to float32 give exactly the float32 result, so the bits are the stock kernel's.
 */
function tinyBinary(op: BinaryOp, a: Info, scalarA: boolean, b: Info, scalarB: boolean, shape: number[], backend: BackendWasm): Info {
  const out = backend.makeOutput(shape, "float32");
  const xs = backend.typedArrayFromHeap(a) as Float32Array;
  const ys = backend.typedArrayFromHeap(b) as Float32Array;
  const os = backend.typedArrayFromHeap(out) as Float32Array;
  const f = JS_OPS[op];
  for (let i = 0; i < os.length; i++) os[i] = f(xs[scalarA ? 0 : i]!, ys[scalarB ? 0 : i]!);
  return out;
}

function binary(op: BinaryOp, stock: tf.KernelFunc, args: KernelArgs): Info | Info[] {
  const { a, b } = args.inputs;
  const backend = args.backend as BackendWasm;
  if (a === undefined || b === undefined || a.dtype !== "float32" || b.dtype !== "float32") return stock(args);
  const shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const n = sizeOf(shape);
  if (n > 0 && n <= TINY && patchOn("eltwiseSimd")) {
    const [ma, mb] = [operandMode(a.shape, shape), operandMode(b.shape, shape)];
    if ((ma === FULL || ma === SCALAR) && (mb === FULL || mb === SCALAR)) {
      return tinyBinary(op, a, ma === SCALAR, b, mb === SCALAR, shape, backend);
    }
  }
  const inner = shape[shape.length - 1] ?? 0;
  if (inner === 0 || inner % 4 !== 0 || sizeOf(shape) === 0) return stock(args);
  const ma = operandMode(a.shape, shape);
  const mb = operandMode(b.shape, shape);
  const simd = (ma === FULL && mb !== SCALAR && mb !== null) || (ma === ROW && mb === FULL) ? simdOf(backend) : null;
  if (simd === null) return stock(args);
  const out = backend.makeOutput(shape, "float32");
  const rowBytes = inner * 4;
  simd.binary[op](
    backend.getMemoryOffset(a.dataId),
    ma === FULL ? rowBytes : 0,
    backend.getMemoryOffset(b.dataId),
    mb === FULL ? rowBytes : 0,
    backend.getMemoryOffset(out.dataId),
    rowBytes,
    sizeOf(shape) / inner,
    rowBytes,
  );
  return out;
}

const BINARY: Record<string, BinaryOp> = { Add: "add", Sub: "sub", Multiply: "mul", RealDiv: "div" };

/** Installs the SIMD LeakyRelu and row-broadcast binary kernels for wasm. */
export function installWasmEltwise(): void {
  const withStock = (name: string, kernel: (stock: tf.KernelFunc, args: KernelArgs) => Info | Info[]): void =>
    replaceWasmKernel(name, (stock) => {
      if (stock === undefined) throw new Error(`tfjs-backend-wasm has no ${name} kernel`);
      return (args: KernelArgs) => kernel(stock, args);
    });
  withStock("LeakyRelu", leakyRelu);
  for (const [name, op] of Object.entries(BINARY)) withStock(name, (stock, args) => binary(op, stock, args));
}
