import { readFileSync } from "node:fs";
import path from "node:path";

/** True when `pid` is alive and its command line names `bin` (guards against a reused pid). */
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

/** Stops a job left by a previous parent process: SIGTERM, then SIGKILL after `graceMs`. */
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
