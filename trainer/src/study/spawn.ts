import { fileURLToPath } from "node:url";
import { ChildJob, type ChildExit } from "../process/index.ts";

/** The gantry-study command (also the entry of each run's child process). */
export const STUDY_BIN = fileURLToPath(new URL("../../bin/gantry-study.mjs", import.meta.url));

export interface RunSpawnSpec {
  storageUrl: string;
  studyId: string;
  runId: string;
  /** Overrides the runs' config backend (e.g. the API's choice); undefined: the config decides. */
  backend?: string;
  /** GANTRY_WASM_THREADS for the child (the pool's share of the cores); undefined: inherited. */
  wasmThreads?: string;
}

export type RunExit = ChildExit;

/** A started run: one child process (the seam tests replace with a fake). */
export interface RunHandle {
  exited: Promise<RunExit>;
  /** Asks the run to checkpoint and stop (SIGTERM); SIGKILL after `graceMs` if it is still alive. */
  terminate(graceMs: number): void;
}

export type SpawnRun = (spec: RunSpawnSpec) => RunHandle;

/** Starts one study run as `node bin/gantry-study.mjs __run …` (tsx is registered by the bin; works from any cwd). */
export const spawnRunProcess: SpawnRun = (spec) => {
  const args = ["__run", "--storage", spec.storageUrl, "--study", spec.studyId, "--run", spec.runId];
  if (spec.backend) args.push("--backend", spec.backend);
  const env = spec.wasmThreads === undefined ? process.env : { ...process.env, GANTRY_WASM_THREADS: spec.wasmThreads };
  const job = new ChildJob({ script: STUDY_BIN, args, env });
  return { exited: job.exited, terminate: (graceMs) => void job.terminate(graceMs) };
};
