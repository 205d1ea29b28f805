import { describe, expect, it } from "vitest";
import type { StepLog, TrainingSession } from "../engine/session.ts";
import { withStepHook } from "./step-hook.ts";

/** A stand-in session: a class with private state, so a delegate that loses `this` would throw. */
class Counter {
  #step = 0;
  readonly config = { steps: 3 };
  get step() {
    return this.#step;
  }
  runStep(): StepLog {
    this.#step += 1;
    return { step: this.#step } as unknown as StepLog;
  }
  sample(n: number) {
    return `${n} at ${this.#step}`;
  }
}

describe("withStepHook", () => {
  it("calls the hook after each step with that step's log; everything else is the session's own, live", () => {
    const inner = new Counter();
    const seen: [number, number][] = [];
    const hooked = withStepHook(inner as unknown as TrainingSession, (log) => seen.push([log.step, hooked.step]));
    expect(hooked.runStep().step).toBe(1);
    hooked.runStep();
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(hooked.step).toBe(2);
    expect(inner.step).toBe(2);
    expect((hooked as unknown as Counter).sample(4)).toBe("4 at 2");
    expect(hooked.config).toBe(inner.config);
  });
});
