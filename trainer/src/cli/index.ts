/** The gantry-train command line (bin/gantry-train.mjs runs `main`). */
export { main, newTrainingId, type CliIo } from "./main.ts";
export { CONFIG_FLAGS, HELP, parseCliArgs, setPath, UsageError, type CliArgs } from "./args.ts";
export { createProgressReporter, formatDuration, type ProgressOptions } from "./progress.ts";
