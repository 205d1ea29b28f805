import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

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

export interface RunExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last few KB of the child's output, for error messages. */
  outputTail: string;
}

/** A started run: one child process. */
export interface RunHandle {
  exited: Promise<RunExit>;
  /** Asks the run to checkpoint and stop (SIGTERM); SIGKILL after `graceMs` if it is still alive. */
  terminate(graceMs: number): void;
}

export type SpawnRun = (spec: RunSpawnSpec) => RunHandle;

const TAIL = 4096;

/** Starts one study run as `node bin/gantry-study.mjs __run …` (tsx is registered by the bin; works from any cwd). */
export const spawnRunProcess: SpawnRun = (spec) => {
  const args = [STUDY_BIN, "__run", "--storage", spec.storageUrl, "--study", spec.studyId, "--run", spec.runId];
  if (spec.backend) args.push("--backend", spec.backend);
  // Own process group: a terminal's Ctrl-C reaches only the study, which then asks each run to stop exactly once
  // (a run's second signal means "exit now, skip the checkpoint").
  const env = spec.wasmThreads === undefined ? process.env : { ...process.env, GANTRY_WASM_THREADS: spec.wasmThreads };
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env, detached: true });
  let tail = "";
  const keep = (b: Buffer) => {
    tail = (tail + b.toString("utf8")).slice(-TAIL);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let killTimer: NodeJS.Timeout | null = null;
  const exited = new Promise<RunExit>((resolve) => {
    child.on("error", (err) => resolve({ code: null, signal: null, outputTail: `${tail}\nspawn failed: ${err.message}` }));
    child.on("close", (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, outputTail: tail });
    });
  });
  return {
    exited,
    terminate(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      killTimer ??= setTimeout(() => child.kill("SIGKILL"), graceMs);
    },
  };
};
