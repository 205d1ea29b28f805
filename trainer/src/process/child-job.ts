import { spawn, type ChildProcess } from "node:child_process";

/** How one child process ended. */
export interface ChildExit {
  /** Exit code, or null when a signal ended it (or it never started). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last few KB of the child's stdout and stderr, for error messages and logs. */
  outputTail: string;
}

export interface ChildJobSpec {
  /** Script run by this Node binary (`process.execPath`), then its arguments. */
  script: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Own process group (default true): a terminal's Ctrl-C then reaches only the parent, which asks each child to
   * stop exactly once. A second signal means "exit now, skip the checkpoint" to a job, so a child that got the
   * terminal's SIGINT *and* the parent's SIGTERM would lose its interrupt checkpoint.
   */
  detached?: boolean;
}

const TAIL_BYTES = 4096;

/**
 * One job child process (a training job, a study run): keeps the tail of its output, stops it with SIGTERM (the job
 * checkpoints and exits 3) then SIGKILL after a grace period, and reports its exit exactly once. Shared by the
 * API's local runner and studies so both handle processes the same way.
 */
export class ChildJob {
  readonly child: ChildProcess;
  /** Resolves once, when the process has ended and its pipes are drained (or it failed to start); never rejects. */
  readonly exited: Promise<ChildExit>;
  private tail = "";
  private killTimer: NodeJS.Timeout | null = null;

  constructor(spec: ChildJobSpec) {
    this.child = spawn(process.execPath, [spec.script, ...spec.args], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: spec.detached ?? true,
    });
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString("utf8")).slice(-TAIL_BYTES);
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => {
      // "error" (spawn failed) and "close" can both fire; a promise resolves once, so the first report stands.
      this.child.on("error", (err) => {
        keep(Buffer.from(`\nspawn failed: ${err.message}`));
        this.clearKill();
        resolve({ code: null, signal: null, outputTail: this.tail });
      });
      this.child.on("close", (code, signal) => {
        this.clearKill();
        resolve({ code, signal, outputTail: this.tail });
      });
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** True until the process has exited (or failed to start). */
  get alive(): boolean {
    return this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (a job checkpoints and exits 3), then SIGKILL if it is still alive after `graceMs`. Idempotent. */
  terminate(graceMs: number): Promise<ChildExit> {
    if (this.alive && this.killTimer === null) {
      this.child.kill("SIGTERM");
      this.killTimer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    }
    return this.exited;
  }

  private clearKill(): void {
    if (this.killTimer) clearTimeout(this.killTimer);
  }
}

/** The last `lines` lines of a child's output on one line, for an error message. */
export function tailLines(exit: ChildExit, lines = 3, sep = " | "): string {
  return exit.outputTail.trim().split("\n").slice(-lines).join(sep);
}

/** "code 1" or "signal SIGKILL", for messages. */
export function describeExit(exit: ChildExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
}
