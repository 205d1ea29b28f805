import type * as tf from "@tensorflow/tfjs-core";
import type { GanModels, Network } from "../models/types.ts";
import { exportOptimizer, importOptimizer } from "./optimizers.ts";
import type { ResolvedTrainingConfig } from "@gantry/core";
import { assignRecords, exportVariables, recordsFor, type SessionState, type TensorRecord } from "./session-state.ts";

interface SessionParts {
  config: ResolvedTrainingConfig;
  models: GanModels;
  ema: Network | null;
  optimizers: { g: tf.Optimizer; d: tf.Optimizer };
  step: number;
}

function networks(s: SessionParts): Network[] {
  return [s.models.generator, s.models.discriminator, ...(s.ema ? [s.ema] : [])];
}

/** Exports G, D, EMA (weights and BN/SN state) and both optimizers' state as key → { shape, data }. */
export async function exportSessionState(s: SessionParts): Promise<SessionState> {
  const tensors: Record<string, TensorRecord> = {};
  for (const net of networks(s)) await exportVariables([...net.trainable, ...net.state], tensors);
  await exportOptimizer(s.optimizers.g, s.models.generator.trainable, "optim/g", tensors);
  await exportOptimizer(s.optimizers.d, s.models.discriminator.trainable, "optim/d", tensors);
  return { step: s.step, tensors };
}

/**
 * Loads a state into the session's variables and returns new optimizers holding the exported optimizer state.
 * Every key must match a variable of this config (shape checked) and every variable must be present.
 */
export async function importSessionState(s: SessionParts, state: SessionState): Promise<{ g: tf.Optimizer; d: tf.Optimizer }> {
  if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`state step must be an integer ≥ 0, got ${state.step}`);
  const used = new Set<string>();
  const g = await importOptimizer(s.config.optimizers.g, s.models.generator.trainable, "optim/g", state.tensors, used);
  let d: tf.Optimizer | undefined;
  try {
    d = await importOptimizer(s.config.optimizers.d, s.models.discriminator.trainable, "optim/d", state.tensors, used);
    const vars = networks(s).flatMap((net) => [...net.trainable, ...net.state]);
    const records = recordsFor(vars, state.tensors, used);
    const extra = Object.keys(state.tensors).filter((k) => !used.has(k));
    if (extra.length > 0) throw new Error(`state has tensors this model does not: ${extra.slice(0, 5).join(", ")}`);
    assignRecords(vars, records); // only once everything matched, so a rejected state changes nothing
  } catch (e) {
    g.dispose();
    d?.dispose();
    throw e;
  }
  return { g, d };
}
