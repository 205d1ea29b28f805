/**
 * Adam with one fused pass per variable on wasm.
 *
 * tfjs' AdamOptimizer runs 13 elementwise kernels per variable (each a full pass over the
 * weights, plus a malloc/free), which on the MLP GAN cost about as much as a quarter of all
 * matmuls. On wasm the tensors live in the module heap, so the whole update is one JS loop over
 * heap views writing three fresh buffers (m, v, value), which the variables then take over.
 *
 * Bit-identical to the stock optimizer: every stock kernel rounds to float32, so the loop
 * rounds (Math.fround) after each of the same operations in the same order. Sums, products,
 * quotients and square roots of float32 values computed in float64 and then rounded to float32
 * are the correctly rounded float32 results, which is what the wasm kernels return. The slots
 * (m, v, accBeta1/2, iterations) are the stock ones, so getWeights/setWeights and the engine's
 * state export are unchanged. Other backends (and the switch `adamFused` off) run the stock path.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { type AdamSimd, adamSimdFor } from "./wasm-adam-simd.ts";
import { wasmMemoryOf } from "./wasm-asm.ts";
import { onWasmHeap } from "./native-backend.ts";

const f = Math.fround;

/** The stock optimizer's private state this subclass reads (same objects, never replaced). */
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  incrementIterations(): void;
}

interface AdamConstants {
  b1: number;
  c1: number;
  b2: number;
  c2: number;
  omb1: number;
  omb2: number;
  eps: number;
  negLr: number;
}

/** Elementwise Adam update from index `from`, rounding like the stock kernel sequence (see the file comment). */
function adamLoop(
  w: Float32Array,
  m: Float32Array,
  v: Float32Array,
  g: Float32Array,
  wOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
  k: AdamConstants,
  from: number,
): void {
  const { b1, c1, b2, c2, omb1, omb2, eps, negLr } = k;
  for (let i = from; i < w.length; i++) {
    const gi = g[i]!;
    const m1 = f(f(m[i]! * b1) + f(gi * c1));
    const v1 = f(f(v[i]! * b2) + f(f(gi * gi) * c2));
    const mh = f(m1 / omb1);
    const vh = f(v1 / omb2);
    const step = f(f(mh / f(f(Math.sqrt(vh)) + eps)) * negLr);
    mOut[i] = m1;
    vOut[i] = v1;
    wOut[i] = f(step + w[i]!);
  }
}

type Seven<T = number> = [T, T, T, T, T, T, T];

/** Byte offset of a tensor's buffer in the wasm heap. */
function offsetOf(backend: BackendWasm, t: tf.TensorInfo): number {
  const entry = (backend as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } | undefined } }).dataIdMap.get(t.dataId);
  if (entry === undefined) throw new Error("Adam: tensor is not on the wasm backend");
  return entry.memoryOffset;
}

/**
 * Whether every variable, gradient and existing slot already lives in the wasm heap. Tensors made on another backend
 * move lazily when a stock kernel reads them; the stock path handles that case.
 */
function allOnWasm(backend: BackendWasm, grads: Parameters<tf.AdamOptimizer["applyGradients"]>[0], self: AdamInternals): boolean {
  const map = (backend as unknown as { dataIdMap: { has(id: object): boolean } }).dataIdMap;
  const named = Array.isArray(grads) ? grads : Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
  const tensors: tf.Tensor[] = named.flatMap(({ name, tensor }) => {
    const v = tf.engine().registeredVariables[name];
    return v ? [v, tensor] : [tensor];
  });
  for (const slot of [...self.accumulatedFirstMoment, ...self.accumulatedSecondMoment]) if (slot) tensors.push(slot.variable);
  return [...tensors, self.accBeta1, self.accBeta2].every((t) => t == null || map.has(t.dataId));
}

/** The SIMD update bound to the backend's memory, or null when it cannot be instantiated. */
function wasmMemory(backend: BackendWasm): AdamSimd | null {
  const memory = wasmMemoryOf(backend.wasm);
  return memory === null ? null : adamSimdFor(memory);
}

/** Whether the fused update runs on the active backend (wasm with SIMD, switch on). */
export function fusedAdamActive(): boolean {
  return onWasmHeap() && patchOn("adamFused") && wasmMemory(tf.backend() as BackendWasm) !== null;
}

/** tf.train.adam with the fused wasm update. Construct like tf.AdamOptimizer. */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer["applyGradients"]>[0]): void {
    if (!onWasmHeap() || !patchOn("adamFused")) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdamInternals;
    const backend = tf.backend() as BackendWasm;
    const simd = wasmMemory(backend);
    if (simd === null || !allOnWasm(backend, variableGradients, this as unknown as AdamInternals)) {
      super.applyGradients(variableGradients);
      return;
    }
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((g) => ({ name: g.name, grad: g.tensor as tf.Tensor | undefined }))
      : Object.keys(variableGradients).map((name) => ({ name, grad: variableGradients[name] }));
    const scalarOf = (t: tf.Tensor): number => backend.typedArrayFromHeap(t)[0]!;
    const k = {
      b1: f(self.beta1),
      c1: f(1 - self.beta1),
      b2: f(self.beta2),
      c2: f(1 - self.beta2),
      omb1: f(1 - scalarOf(self.accBeta1)),
      omb2: f(1 - scalarOf(self.accBeta2)),
      eps: f(self.epsilon),
      negLr: f(-self.learningRate),
    };
    tf.tidy(() => {
      list.forEach(({ name, grad }, i) => {
        const value = tf.engine().registeredVariables[name];
        if (value === undefined) throw new Error(`Adam: no variable named ${name}`);
        // Slots are created exactly as the stock optimizer creates them (names, order, trainable false).
        self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (grad == null) return;
        const m = self.accumulatedFirstMoment[i]!.variable;
        const v = self.accumulatedSecondMoment[i]!.variable;
        if (value.dtype !== "float32" || grad.dtype !== "float32" || grad.size !== value.size) {
          throw new Error(`Adam: variable ${name} and its gradient must be float32 of one shape`);
        }
        const outs = [0, 1, 2].map(() => backend.makeOutput([...value.shape], "float32"));
        const all = [value, m, v, grad, ...outs] as const;
        const n4 = value.size >> 2;
        simd(...(all.map((t) => offsetOf(backend, t)) as Seven), n4, k.b1, k.c1, k.b2, k.c2, k.omb1, k.omb2, k.eps, k.negLr);
        if (4 * n4 < value.size) {
          // The < 4 trailing elements; views only after every malloc (a heap growth detaches earlier views).
          const h = all.map((t) => backend.typedArrayFromHeap(t) as Float32Array) as Seven<Float32Array>;
          adamLoop(...h, k, 4 * n4);
        }
        const [wNew, mNew, vNew] = outs.map((o) => tf.engine().makeTensorFromTensorInfo(o, backend));
        m.assign(mNew!);
        v.assign(vNew!);
        value.assign(wNew!);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}
