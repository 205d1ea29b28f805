import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChildJob } from "@gantry/trainer/process";
import { byIdArgs } from "./job-args.ts";

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
  storageUrl: string;
  id: string;
  resume: boolean;
  /** The backend a config asking for "auto" gets (env GANTRY_BACKEND of the job); a backend the config names wins. */
  backend: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** The backend travels in the environment, not as `--backend`: that flag would rewrite the stored config. */
function jobArgs(spec: JobSpec): string[] {
  const args = [...byIdArgs(spec.id, spec.storageUrl), "--quiet"];
  if (spec.resume) args.push("--resume", spec.id);
  return args;
}

/** Starts one training job: `node gantry-train.mjs --id <id> …`, a child process, never the API's own event loop. */
export function startJob(spec: JobSpec): ChildJob {
  const env = { ...(spec.env ?? process.env), GANTRY_BACKEND: spec.backend };
  return new ChildJob({ script: spec.bin, args: jobArgs(spec), cwd: spec.cwd, env });
}
