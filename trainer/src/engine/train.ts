import type * as tf from "@tensorflow/tfjs-core";
import { variableKey } from "../models/variables.ts";
import { DivergedError, firstNonFinite } from "./divergence.ts";
import type { StepLog, TrainingSession } from "./session.ts";

export type CheckpointReason = "periodic" | "final" | "interrupted";

export interface TrainCallbacks {
  /** Stops training after the current step; then onCheckpoint(…, "interrupted") runs and train resolves. */
  signal?: AbortSignal;
  /** Every logEvery steps and at the last step. */
  onLog?(log: StepLog): void;
  onCheckpoint?(session: TrainingSession, reason: CheckpointReason): Promise<void>;
  /** Every evalEvery steps (if > 0) and once at the end, before the final checkpoint. */
  onEval?(session: TrainingSession): Promise<Record<string, number> | undefined>;
}

export interface TrainResult {
  status: "succeeded" | "interrupted";
  /** Completed steps when train returned. */
  step: number;
  /** What the last onEval returned, if anything. */
  metrics?: Record<string, number>;
}

/** Yields to the event loop so an abort (or an HTTP request in the same process) can be handled between steps. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** NaN/Inf in any weight or state variable throws DivergedError naming the variable's key. */
export function checkWeights(session: TrainingSession): void {
  const nets = [session.models.generator, session.models.discriminator, ...(session.ema ? [session.ema] : [])];
  const named = nets.flatMap((n) => [...n.trainable, ...n.state]).map((v): [string, tf.Tensor] => [variableKey(v), v]);
  const bad = firstNonFinite(named);
  if (bad) throw new DivergedError(session.step, bad);
}

/**
 * Runs the session from its current step to config.steps. Everything is scheduled from the one step counter, so a
 * resumed session logs, evaluates and checkpoints at the same steps as an uninterrupted one. Losses are checked
 * every step and weights at log steps; divergence throws DivergedError ("diverged at step N: <value>").
 */
export async function train(session: TrainingSession, cb: TrainCallbacks = {}): Promise<TrainResult> {
  const { steps, logEvery, evalEvery, checkpointEvery } = session.config;
  let metrics: Record<string, number> | undefined;
  const evaluate = async () => {
    const m = await cb.onEval?.(session);
    if (m) metrics = m;
  };
  let windowStart = performance.now();
  let windowStep = session.step;
  while (session.step < steps) {
    if (cb.signal?.aborted) {
      await cb.onCheckpoint?.(session, "interrupted");
      return { status: "interrupted", step: session.step, ...(metrics ? { metrics } : {}) };
    }
    const log = session.runStep();
    const step = session.step;
    if (step % logEvery === 0 || step === steps) {
      checkWeights(session);
      const now = performance.now();
      cb.onLog?.({ ...log, stepsPerSecond: ((step - windowStep) * 1000) / Math.max(now - windowStart, 1e-3) });
      windowStart = now;
      windowStep = step;
    }
    if (step < steps) {
      if (evalEvery > 0 && step % evalEvery === 0) await evaluate();
      if (checkpointEvery > 0 && step % checkpointEvery === 0) await cb.onCheckpoint?.(session, "periodic");
    }
    await yieldToLoop();
  }
  await evaluate();
  await cb.onCheckpoint?.(session, "final");
  return { status: "succeeded", step: session.step, ...(metrics ? { metrics } : {}) };
}
