import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (test/src/support/../../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface ApiServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ (with the trailing slash). */
  url: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  /** SIGTERM to the server's process group, SIGKILL if it has not exited after 10 s. */
  stop: () => Promise<void>;
}

/**
 * Starts the real API (`npx tsx api/src/server.ts`) on loopback over file://`storageDir` (which the caller owns),
 * with no API keys unless `env` sets GANTRY_API_KEYS. Port 0 lets the OS pick a free port; the URL comes from the
 * server's `listening` log line.
 */
export async function startApiServer(storageDir: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ApiServer> {
  let out = "";
  // Its own process group, so stop() also reaches tsx's child node process and any training job.
  const child: ChildProcess = spawn("npx", ["tsx", "api/src/server.ts"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GANTRY_HOST: "127.0.0.1",
      GANTRY_PORT: "0",
      GANTRY_STORAGE: `file://${storageDir}`,
      GANTRY_WORKERS: "1",
      GANTRY_API_KEYS: "",
      GANTRY_KILL_GRACE_MS: "2000",
      ...env,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API server did not log "listening" within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString("utf8");
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"listening"/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(`${m[1]}/`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`API server exited (code ${code}) before listening:\n${out}`));
    });
  }).catch((err: unknown) => {
    killGroup(child, "SIGKILL");
    throw err;
  });

  return {
    url,
    output: () => out,
    stop: async () => {
      killGroup(child, "SIGTERM");
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!done) killGroup(child, "SIGKILL");
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
