import type { StepLog, TrainingSession } from "../engine/session.ts";

/**
 * A view of `session` that calls `after(log)` right after every step. `train` exposes no per-step callback, and
 * sample art must be drawn at exact multiples of sampleEvery, before the next step changes the weights.
 * Everything else delegates to the session (getters, so `step` stays live).
 */
export function withStepHook(session: TrainingSession, after: (log: StepLog) => void): TrainingSession {
  return {
    get config() {
      return session.config;
    },
    get dataset() {
      return session.dataset;
    },
    get loss() {
      return session.loss;
    },
    get models() {
      return session.models;
    },
    get ema() {
      return session.ema;
    },
    get optimizers() {
      return session.optimizers;
    },
    get backend() {
      return session.backend;
    },
    get step() {
      return session.step;
    },
    runStep() {
      const log = session.runStep();
      after(log);
      return log;
    },
    exportState: () => session.exportState(),
    importState: (state) => session.importState(state),
    sample: (n, seed, opts) => session.sample(n, seed, opts),
    dispose: () => session.dispose(),
  };
}
