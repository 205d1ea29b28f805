/** The training engine's public API: config resolution, sessions, the train loop, state export, divergence. */
export { resolveConfig } from "./resolve-config.ts";
export { createSession, type StepLog, type TrainingSession } from "./session.ts";
export { checkWeights, train, type CheckpointReason, type TrainCallbacks, type TrainResult } from "./train.ts";
export { DivergedError, firstNonFinite } from "./divergence.ts";
export type { SessionState, TensorRecord } from "./session-state.ts";
export { createOptimizer } from "./optimizers.ts";
export {
  criticStep,
  generatorStep,
  type CriticStepInput,
  type CriticStepResult,
  type GeneratorStepInput,
  type GeneratorStepResult,
  type StepContext,
} from "./step.ts";
export { latents, realBatch } from "./streams.ts";
