import type { StepLog, TrainingSession } from "../engine/session.ts";

/**
 * A view of `session` that calls `after(log)` right after every step. `train` exposes no per-step callback, and
 * sample art must be drawn at exact multiples of sampleEvery, before the next step changes the weights.
 * Every other member is the session's own, read live (so `step` moves) through a Proxy rather than a hand-written
 * getter per member, which a new session member would silently bypass.
 */
export function withStepHook(session: TrainingSession, after: (log: StepLog) => void): TrainingSession {
  const runStep = (): StepLog => {
    const log = session.runStep();
    after(log);
    return log;
  };
  return new Proxy(session, {
    get(target, key) {
      if (key === "runStep") return runStep;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
