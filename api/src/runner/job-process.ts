import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChildJob } from "@gantry/trainer/process";

/** The trainer's job entry point, found through the package (works from any cwd and under vitest). */
export function trainerBin(): string {
  let pkg: string;
  try {
    pkg = fileURLToPath(import.meta.resolve("@gantry/trainer/package.json"));
  } catch {
    // Test runners that transform modules may not provide import.meta.resolve; require resolution agrees with it.
    pkg = createRequire(import.meta.url).resolve("@gantry/trainer/package.json");
  }
  return path.join(path.dirname(pkg), "bin", "gantry-train.mjs");
}

export interface JobSpec {
  bin: string;
  configFile: string;
  storageUrl: string;
  id: string;
  resume: boolean;
  /** null: leave the choice to the config. */
  backend: string | null;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts one training job: `node gantry-train.mjs … --quiet`, a child process, never the API's own event loop. */
export function startJob(spec: JobSpec): ChildJob {
  const args = ["--config", spec.configFile, "--storage", spec.storageUrl, "--id", spec.id, "--quiet"];
  if (spec.backend !== null) args.push("--backend", spec.backend);
  if (spec.resume) args.push("--resume", spec.id);
  return new ChildJob({ script: spec.bin, args, cwd: spec.cwd, ...(spec.env ? { env: spec.env } : {}) });
}
