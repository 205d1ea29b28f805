import { describe, expect, it } from "vitest";
import {
  isStudyTerminal,
  STUDY_RUN_ACTIVE_STATES,
  STUDY_RUN_STATES,
  STUDY_STATES,
  STUDY_TERMINAL_STATES,
  StudyRunState,
  StudyState,
} from "./study-status.ts";
import { TRAINING_STATES } from "./training-status.ts";

describe("study states", () => {
  it("a study ends only succeeded or failed; interrupted and reporting are not ends", () => {
    expect(STUDY_STATES.filter((s) => STUDY_TERMINAL_STATES.has(s))).toEqual(["succeeded", "failed"]);
    expect(["interrupted", "reporting", "queued", "running"].map(isStudyTerminal)).toEqual([false, false, false, false]);
    expect(isStudyTerminal("paused")).toBe(false);
  });

  it("parses every state the engine writes and rejects others", () => {
    for (const s of STUDY_STATES) expect(StudyState.parse(s)).toBe(s);
    expect(StudyState.safeParse("canceled").success).toBe(false);
  });

  it("a run is pending or in one of its training's states; only pending, queued and running are under way", () => {
    expect(STUDY_RUN_STATES).toEqual(["pending", ...TRAINING_STATES]);
    expect(StudyRunState.safeParse("reporting").success).toBe(false);
    expect(STUDY_RUN_STATES.filter((s) => STUDY_RUN_ACTIVE_STATES.has(s))).toEqual(["pending", "queued", "running"]);
  });
});
