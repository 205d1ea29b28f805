/**
 * Starts the real API server (api/src/server.ts) as a child process on a free loopback port, for benchmarks that
 * measure what a client sees. Resolves once /healthz answers; `stop` sends SIGTERM and waits for the exit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** CPU time (user + system, all threads) the server process has used so far, in ms; null where /proc is absent. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** CPU ms (user + system) of process `pid` from /proc/<pid>/stat (Linux), else null. */
export function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised name; utime and stime are the 14th and 15th fields, in clock ticks (100/s on Linux).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns the server with `env` added (GANTRY_STORAGE, GANTRY_BACKEND, …); the rate limit is off. */
export function spawnServer(env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "api/src/server.ts")], {
    cwd: ROOT,
    env: { ...process.env, GANTRY_HOST: "127.0.0.1", GANTRY_PORT: String(port), GANTRY_RATE_LIMIT_RPS: "0", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnServer(env, port);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 1200) throw new Error("server did not answer /healthz within 120 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    cpuMs: () => processCpuMs(child.pid),
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
