// Training states as core declares them (served in the generated config.js; no literal list here).
import { TERMINAL_STATES } from "./config.js";

/** True for states after which a training never changes. */
export const isTerminal = (status) => TERMINAL_STATES.includes(status);
