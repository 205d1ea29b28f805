import * as tf from "@tensorflow/tfjs-core";
import { variableKey } from "../models/variables.ts";

/** One tensor of an exported state: row-major float32 values and their shape ([] for a scalar). */
export interface TensorRecord {
  shape: number[];
  data: Float32Array;
}

/**
 * Everything needed to continue a run bit-for-bit: the completed step count and a flat map key → tensor. Keys:
 * model variables by their stable key ("g/dense0/kernel", "d/bn0/movingMean", "d/dense0/u", "ema/g/…") and
 * optimizer state under "optim/g/…" / "optim/d/…" ("iter", "<variable key>/<slot>", Adam's "accBeta1"/"accBeta2").
 */
export interface SessionState {
  step: number;
  tensors: Record<string, TensorRecord>;
}

/** Copies a tensor out (copy, so later training never aliases an exported array). */
export async function toRecord(t: tf.Tensor): Promise<TensorRecord> {
  const values = await t.data();
  return { shape: [...t.shape], data: Float32Array.from(values as ArrayLike<number>) };
}

/** Exports variables under their stable keys. */
export async function exportVariables(vars: readonly tf.Variable[], out: Record<string, TensorRecord>): Promise<void> {
  for (const v of vars) out[variableKey(v)] = await toRecord(v);
}

/** Looks `key` up, checking its shape; errors name the key. Marks it used. */
export function takeRecord(tensors: Record<string, TensorRecord>, key: string, shape: readonly number[], used: Set<string>): TensorRecord {
  const r = tensors[key];
  if (!r) throw new Error(`state is missing tensor "${key}"`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (r.shape.length !== shape.length || r.shape.some((d, i) => d !== shape[i]) || r.data.length !== size) {
    throw new Error(`state tensor "${key}" has shape [${r.shape.join(", ")}] (${r.data.length} values), ` + `expected [${shape.join(", ")}]`);
  }
  used.add(key);
  return r;
}

/** Looks up (and shape-checks) the record of every variable; throws before anything is assigned. */
export function recordsFor(vars: readonly tf.Variable[], tensors: Record<string, TensorRecord>, used: Set<string>): TensorRecord[] {
  return vars.map((v) => takeRecord(tensors, variableKey(v), v.shape, used));
}

/** Assigns each variable its record's values. */
export function assignRecords(vars: readonly tf.Variable[], records: readonly TensorRecord[]): void {
  tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(records[i]!.data, v.shape, "float32"))));
}
