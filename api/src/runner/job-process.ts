import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

export interface JobExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last few KB of the job's output, for error messages and logs. */
  outputTail: string;
}

const TAIL_BYTES = 4096;

/** A running training job: one child process, never the API's own event loop. */
export class JobProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<JobExit>;
  private tail = "";
  private killTimer: NodeJS.Timeout | null = null;

  constructor(spec: JobSpec) {
    const args = [spec.bin, "--config", spec.configFile, "--storage", spec.storageUrl, "--id", spec.id, "--quiet"];
    if (spec.backend !== null) args.push("--backend", spec.backend);
    if (spec.resume) args.push("--resume", spec.id);
    this.child = spawn(process.execPath, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString("utf8")).slice(-TAIL_BYTES);
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => {
      this.child.on("error", (err) => {
        keep(Buffer.from(`\nspawn failed: ${err.message}`));
        resolve({ code: null, signal: null, outputTail: this.tail });
      });
      this.child.on("close", (code, signal) => {
        if (this.killTimer) clearTimeout(this.killTimer);
        resolve({ code, signal, outputTail: this.tail });
      });
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** SIGTERM (the job checkpoints and exits 3), then SIGKILL if it is still alive after `graceMs`. */
  terminate(graceMs: number): Promise<JobExit> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGTERM");
      this.killTimer ??= setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    }
    return this.exited;
  }
}

/** True when `pid` is alive and its command line is a gantry training job (guards against pid reuse). */
export function isJobProcess(pid: number, bin: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(path.basename(bin));
  } catch {
    // No procfs (macOS): without a way to check, leave the process alone.
    return false;
  }
}

/** Stops an orphaned job left by a previous API process: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopOrphan(pid: number, bin: string, graceMs: number): Promise<void> {
  if (!isJobProcess(pid, bin)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!isJobProcess(pid, bin)) return;
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
