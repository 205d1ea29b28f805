import { z } from "zod";
import { TRAINING_STATES } from "./training-status.ts";

/**
 * The states of a study (studies/<id>/study.json `status`) and of each of its runs: the study engine writes them, the
 * API serves and watches them (webhooks), the dashboard polls until one ends.
 */

/** "reporting": every run has ended and the report is being built; "interrupted": stopped, resumable. */
export const STUDY_STATES = ["queued", "running", "reporting", "succeeded", "failed", "interrupted"] as const;
export const StudyState = z.enum(STUDY_STATES);
export type StudyState = z.infer<typeof StudyState>;

/** States after which a study never changes again (an interrupted study is resumed). */
export const STUDY_TERMINAL_STATES: ReadonlySet<StudyState> = new Set(["succeeded", "failed"]);

export const isStudyTerminal = (status: string): boolean => STUDY_TERMINAL_STATES.has(status as StudyState);

/** A study run's state: its training's status.json state, or "pending" before its first start. */
export const STUDY_RUN_STATES = ["pending", ...TRAINING_STATES] as const;
export const StudyRunState = z.enum(STUDY_RUN_STATES);
export type StudyRunState = z.infer<typeof StudyRunState>;

/** Run states in which a run is still under way (it will move without anyone resuming it). */
export const STUDY_RUN_ACTIVE_STATES: ReadonlySet<StudyRunState> = new Set(["pending", "queued", "running"]);
