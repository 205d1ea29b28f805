import { describe, expect, it } from "vitest";
import { JobEvent, TERMINAL_STATES, TRAINING_STATES, TrainingStatus } from "./training-status.ts";

const status = {
  id: "t-1",
  status: "running",
  progress: { step: 3, steps: 10, stepsPerSecond: 1.5, etaSeconds: null },
  latestMetrics: { swd: 0.25 },
  error: null,
  backend: "wasm",
  createdAt: "2025-01-01T00:00:00.000Z",
  startedAt: "2025-01-01T00:00:01.000Z",
  finishedAt: null,
  updatedAt: "2025-01-01T00:00:02.000Z",
  attempt: 1,
};

describe("training status", () => {
  it("accepts a status.json as a job writes it and rejects an unknown state by path", () => {
    expect(TrainingStatus.parse(status)).toEqual(status);
    const r = TrainingStatus.safeParse({ ...status, status: "paused" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["status"]);
  });

  it("terminal states are exactly succeeded, failed and canceled", () => {
    expect(TRAINING_STATES.filter((s) => TERMINAL_STATES.has(s))).toEqual(["succeeded", "failed", "canceled"]);
  });

  it("events have a 1-based id and one of four types", () => {
    const e = { id: 1, type: "log", data: { message: "hi" }, time: "2025-01-01T00:00:00.000Z" };
    expect(JobEvent.parse(e)).toEqual(e);
    expect(JobEvent.safeParse({ ...e, id: 0 }).success).toBe(false);
    expect(JobEvent.safeParse({ ...e, type: "debug" }).success).toBe(false);
  });
});
