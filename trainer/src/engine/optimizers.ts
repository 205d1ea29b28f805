import * as tf from "@tensorflow/tfjs-core";
import { FusedAdamOptimizer } from "../backend/index.ts";
import { variableKey } from "../models/variables.ts";
import type { ResolvedOptimizer } from "@gantry/core";
import { RMSPROP_DECAY } from "./resolve-config.ts";
import { takeRecord, type TensorRecord, toRecord } from "./session-state.ts";

/**
 * Optimizers from tf.train with their state as plain tensors. tfjs keeps per-variable slots in creation order
 * (getWeights: iter, then all of slot 1, then all of slot 2); keys here name them "<variable key>/<slot>" so a
 * state is readable and independent of tfjs's instance names, and import rebuilds tfjs's order from the variables.
 */

/**
 * tfjs defaults are kept for what the config does not set (Adam ε 1e-7; RMSProp momentum 0, ε 1e-7 inside the
 * square root where PyTorch adds 1e-8 outside it). RMSprop's decay is the resolved one (PyTorch's 0.99 unless the
 * config says otherwise), not tfjs's 0.9. Adam is tfjs' AdamOptimizer with a fused, bit-identical update on wasm
 * (backend/wasm-adam.ts).
 */
export function createOptimizer(o: ResolvedOptimizer): tf.Optimizer {
  if (o.type === "adam") return new FusedAdamOptimizer(o.lr, o.beta1, o.beta2);
  if (o.type === "rmsprop") return tf.train.rmsprop(o.lr, o.decay ?? RMSPROP_DECAY);
  return tf.train.sgd(o.lr);
}

/** Per-variable slot names in tfjs getWeights order. */
const SLOTS: Record<ResolvedOptimizer["type"], string[]> = { adam: ["m", "v"], rmsprop: ["rms", "momentum"], sgd: [] };

/** Adam's running β^t powers are private in tfjs; restoring them exactly (not via pow) keeps resumes bit-exact. */
type AdamPowers = { accBeta1?: tf.Variable; accBeta2?: tf.Variable };

export async function exportOptimizer(
  opt: tf.Optimizer,
  vars: readonly tf.Variable[],
  prefix: string,
  out: Record<string, TensorRecord>,
): Promise<void> {
  const keyOf = new Map(vars.map((v) => [v.name, variableKey(v)]));
  for (const { name, tensor } of await opt.getWeights()) {
    if (name === "iter") {
      out[`${prefix}/iter`] = await toRecord(tensor);
      tensor.dispose(); // getWeights makes a fresh scalar for the iteration count
      continue;
    }
    const cut = name.lastIndexOf("/");
    const key = keyOf.get(name.slice(0, cut));
    if (key === undefined) throw new Error(`optimizer slot "${name}" belongs to no variable of ${prefix}`);
    out[`${prefix}/${key}/${name.slice(cut + 1)}`] = await toRecord(tensor);
  }
  for (const k of ["accBeta1", "accBeta2"] as const) {
    const v = (opt as unknown as AdamPowers)[k];
    if (v) out[`${prefix}/${k}`] = await toRecord(v);
  }
}

/** A fresh optimizer holding the exported state (slots exist only once the optimizer has stepped). */
export async function importOptimizer(
  cfg: ResolvedOptimizer,
  vars: readonly tf.Variable[],
  prefix: string,
  tensors: Record<string, TensorRecord>,
  used: Set<string>,
): Promise<tf.Optimizer> {
  const iter = takeRecord(tensors, `${prefix}/iter`, [], used);
  const slots = SLOTS[cfg.type];
  const stepped = vars.length > 0 && slots.length > 0 && `${prefix}/${variableKey(vars[0]!)}/${slots[0]}` in tensors;
  const weights: { name: string; tensor: tf.Tensor }[] = [{ name: "iter", tensor: tf.scalar(iter.data[0]!, "int32") }];
  if (stepped) {
    for (const slot of slots) {
      for (const v of vars) {
        const r = takeRecord(tensors, `${prefix}/${variableKey(v)}/${slot}`, v.shape, used);
        weights.push({ name: `${v.name}/${slot}`, tensor: tf.tensor(r.data, v.shape, "float32") });
      }
    }
  }
  const opt = createOptimizer(cfg);
  await opt.setWeights(weights);
  tf.dispose(weights.map((w) => w.tensor));
  const powers = opt as unknown as AdamPowers;
  for (const k of ["accBeta1", "accBeta2"] as const) {
    const v = powers[k];
    if (!v) continue;
    const r = takeRecord(tensors, `${prefix}/${k}`, [], used);
    tf.tidy(() => v.assign(tf.scalar(r.data[0]!)));
  }
  return opt;
}
