import { CheckpointError } from "../checkpoint/format.ts";
import { ConfigError } from "@gantry/core";
import { DivergedError } from "../engine/divergence.ts";
import { InvalidIdError } from "../storage/index.ts";
import type { JobErrorCode } from "@gantry/core";

/** A failure the job reports in status.json, with the CLI exit code it maps to. */
export class JobError extends Error {
  constructor(
    readonly code: JobErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "JobError";
  }
}

/** Maps any error thrown while preparing or running a job to its status.json error and exit code. */
export function classifyError(
  err: unknown,
  phase: "dataset" | "other" = "other",
): {
  code: JobErrorCode;
  message: string;
  exitCode: 1 | 2;
} {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof JobError) return { code: err.code, message, exitCode: err.code === "bad_config" ? 2 : 1 };
  if (err instanceof ConfigError || err instanceof InvalidIdError) return { code: "bad_config", message, exitCode: 2 };
  if (err instanceof CheckpointError) {
    return err.code === "incompatible" ? { code: "bad_config", message, exitCode: 2 } : { code: "checkpoint", message, exitCode: 1 };
  }
  if (err instanceof DivergedError) return { code: "diverged", message, exitCode: 1 };
  // The dataset reference was checked against core's registry before opening (prepareRun: a typed bad_config), so
  // whatever fails while opening is the data itself.
  if (phase === "dataset") return { code: "bad_data", message, exitCode: 1 };
  return { code: "internal", message, exitCode: 1 };
}
