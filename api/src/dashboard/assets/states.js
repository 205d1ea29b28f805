// Training and study states as core declares them (served in the generated config.js; no literal list here).
import { STUDY_RUN_ACTIVE_STATES, STUDY_TERMINAL_STATES, TERMINAL_STATES } from "./config.js";

/** True for states after which a training never changes. */
export const isTerminal = (status) => TERMINAL_STATES.includes(status);

/** True for states after which a study never changes (an interrupted study is resumed). */
export const isStudyTerminal = (status) => STUDY_TERMINAL_STATES.includes(status);

/** True while a study run is still under way (pending, queued, running): its page keeps re-reading it. */
export const isRunActive = (status) => STUDY_RUN_ACTIVE_STATES.includes(status);
