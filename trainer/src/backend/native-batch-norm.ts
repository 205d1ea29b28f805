/**
 * Batch norm as single native kernels (trainer/native/src/batchnorm.cc, oneDNN) instead of the ~10 composite ops
 * forward and ~20 backward the layer costs elsewhere. Normalises over every axis but the last, x viewed as
 * [rows, c] (NC and NHWC alike), float32 only.
 *
 * Kernels (registered on "native" only; models/batch-norm.ts picks them when they are registered for the active
 * backend):
 * - GantryBatchNormTrain (x, gamma, beta) → [y, batch mean, biased batch variance]
 * - GantryBatchNormInfer (x, mean, variance, gamma, beta) → y
 * - GantryBatchNormGrad (dy, x, mean, variance, gamma) → [dx, dgamma, dbeta]
 * GantryBatchNormTrain's gradient runs GantryBatchNormGrad. That gradient is first-order only: the backward kernel
 * has no gradient of its own, so a second-order pass (a gradient penalty through batch norm, which config
 * validation already rejects) fails with NativeBatchNormSecondOrderError instead of a wrong number, as does a
 * gradient that flows into the batch statistics outputs (the layer only feeds them to the moving averages).
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import type { NativeAddon } from "./native-addon.ts";

export const BN_TRAIN = "GantryBatchNormTrain";
export const BN_INFER = "GantryBatchNormInfer";
export const BN_GRAD = "GantryBatchNormGrad";

let enabled = true;
/** Benchmark switch: off, the batch-norm layer takes the composite path on "native" too (the "before" figures). */
export function setNativeBatchNorm(on: boolean): void {
  enabled = on;
}
/** Whether the batch-norm layer should call the kernels: on, and registered for the active backend. */
export const nativeBatchNormActive = (): boolean => enabled && tf.getKernel(BN_TRAIN, tf.getBackend()) !== undefined;

/** A gradient asked of the native batch norm that its kernels do not provide (second order, or through the stats). */
export class NativeBatchNormSecondOrderError extends Error {
  constructor(readonly kernel: string) {
    super(
      kernel === BN_INFER
        ? `${kernel}: inference-mode native batch norm has no gradient (training mode has first-order ones) — use the wasm backend`
        : `${kernel}: the native batch norm has first-order gradients only (with respect to x, gamma and beta); ` +
            "a second-order gradient or one through the batch statistics is not supported — use the wasm backend",
    );
    this.name = "NativeBatchNormSecondOrderError";
  }
}

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;
const heap = (b: BackendWasm): Uint8Array => (b.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
const off = (b: BackendWasm, x: Info): number => b.getMemoryOffset(x.dataId);

/** [rows, c] of x, after checking what the kernels need (these are programming errors, not user input). */
function dims(kernel: string, x: Info | undefined, ...perChannel: (Info | undefined)[]): [Info, number, number] {
  if (x === undefined || perChannel.some((p) => p === undefined)) throw new Error(`${kernel}: missing input`);
  const c = x.shape[x.shape.length - 1] ?? 0;
  const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  if (x.shape.length < 2 || rows === 0 || c === 0) throw new Error(`${kernel}: x must have rank ≥ 2 and no empty axis, got [${x.shape}]`);
  for (const t of [x, ...perChannel] as Info[]) {
    if (t.dtype !== "float32") throw new Error(`${kernel}: float32 only, got ${t.dtype}`);
  }
  for (const p of perChannel as Info[]) {
    if (p.shape.length !== 1 || p.shape[0] !== c) throw new Error(`${kernel}: per-channel inputs must be [${c}], got [${p.shape}]`);
  }
  return [x, rows, c];
}

const ran = (kernel: string, ok: boolean, rows: number, c: number): void => {
  // oneDNN always has a reference implementation for f32, so this means a broken install, not a shape to route around.
  if (!ok) throw new Error(`${kernel}: oneDNN created no batch-norm primitive for [${rows}, ${c}]`);
};

function train(addon: NativeAddon): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const b = backend as BackendWasm;
    const [x, rows, c] = dims(BN_TRAIN, inputs["x"], inputs["gamma"], inputs["beta"]);
    const y = b.makeOutput([...x.shape], "float32");
    const mean = b.makeOutput([c], "float32");
    const variance = b.makeOutput([c], "float32");
    const [g, bt] = [inputs["gamma"]!, inputs["beta"]!];
    const ok = addon.batchNormForward(
      heap(b),
      true,
      off(b, x),
      off(b, g),
      off(b, bt),
      off(b, mean),
      off(b, variance),
      off(b, y),
      rows,
      c,
      Number(attrs?.["epsilon"]),
    );
    ran(BN_TRAIN, ok, rows, c);
    return [y, mean, variance];
  };
}

function infer(addon: NativeAddon): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const b = backend as BackendWasm;
    const { mean, variance, gamma, beta } = inputs;
    const [x, rows, c] = dims(BN_INFER, inputs["x"], mean, variance, gamma, beta);
    const y = b.makeOutput([...x.shape], "float32");
    const ok = addon.batchNormForward(
      heap(b),
      false,
      off(b, x),
      off(b, gamma!),
      off(b, beta!),
      off(b, mean!),
      off(b, variance!),
      off(b, y),
      rows,
      c,
      Number(attrs?.["epsilon"]),
    );
    ran(BN_INFER, ok, rows, c);
    return y;
  };
}

function grad(addon: NativeAddon): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const b = backend as BackendWasm;
    const { dy, mean, variance, gamma } = inputs;
    const [x, rows, c] = dims(BN_GRAD, inputs["x"], mean, variance, gamma);
    if (dy === undefined || dy.dtype !== "float32" || !tf.util.arraysEqual(dy.shape, x.shape)) throw new Error(`${BN_GRAD}: dy must match x`);
    const dx = b.makeOutput([...x.shape], "float32");
    const dgamma = b.makeOutput([c], "float32");
    const dbeta = b.makeOutput([c], "float32");
    const ok = addon.batchNormBackward(
      heap(b),
      off(b, dy),
      off(b, x),
      off(b, mean!),
      off(b, variance!),
      off(b, gamma!),
      off(b, dx),
      off(b, dgamma),
      off(b, dbeta),
      rows,
      c,
      Number(attrs?.["epsilon"]),
    );
    ran(BN_GRAD, ok, rows, c);
    return [dx, dgamma, dbeta];
  };
}

/** Registers the three kernels on `backendName` and their gradients (idempotent). */
export function registerNativeBatchNorm(addon: NativeAddon, backendName: string): void {
  // An addon built before these kernels existed (the build output is not in git): batch norm stays composite until
  // `node trainer/native/build.mjs` (or `npm ci`) rebuilds it.
  if (typeof addon.batchNormForward !== "function" || typeof addon.batchNormBackward !== "function") return;
  const kernels: [string, tf.KernelFunc][] = [
    [BN_TRAIN, train(addon)],
    [BN_INFER, infer(addon)],
    [BN_GRAD, grad(addon)],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, backendName) === undefined) tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
  tf.registerGradient({
    kernelName: BN_TRAIN,
    inputsToSave: ["x", "gamma"],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dy, dMean, dVar] = dys as tf.Tensor[];
      // tfjs hands zeros for outputs off the gradient's path; only a nonzero one would be dropped (c floats each).
      if ([dMean, dVar].some((d) => d?.dataSync().some((v) => v !== 0))) throw new NativeBatchNormSecondOrderError(BN_TRAIN);
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      // Run once, eagerly: the three closures below are each called inside their own tidy, which would dispose the
      // other outputs of a lazily started kernel. The backward pass's own tidy disposes whichever goes unused.
      const [dx, dgamma, dbeta] = tf.engine().runKernel(BN_GRAD, { dy: dy!, x, mean, variance, gamma }, attrs) as tf.Tensor[];
      return { x: () => dx!, gamma: () => dgamma!, beta: () => dbeta! };
    },
  });
  for (const kernelName of [BN_GRAD, BN_INFER]) {
    tf.registerGradient({
      kernelName,
      gradFunc: () => {
        throw new NativeBatchNormSecondOrderError(kernelName);
      },
    });
  }
}

/** Training-mode batch norm as one kernel: y and the batch statistics (biased variance). */
export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon: number,
): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const [y, mean, variance] = tf.engine().runKernel(BN_TRAIN, { x, gamma, beta }, { epsilon }) as tf.Tensor[];
  return { y: y!, mean: mean!, variance: variance! };
}

/** Inference-mode batch norm as one kernel, with the given (moving) statistics. */
export function batchNormInfer(x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.engine().runKernel(BN_INFER, { x, mean, variance, gamma, beta }, { epsilon }) as tf.Tensor;
}
