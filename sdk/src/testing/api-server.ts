/**
 * Test helper: the real Gantry API (`tsx api/src/server.ts`) as a child process on a free loopback port with a
 * temporary file:// storage directory. The SDK never imports the API; tests talk to it over HTTP only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const TRAIN_KEY = "sdk-test-train-key";
export const SAMPLE_KEY = "sdk-test-sample-key";

/** The smallest useful training: ring8, 150 steps of 32-unit MLPs (about 10 s including job start-up). */
export const TINY_CONFIG = {
  data: { name: "ring8" },
  loss: { name: "ns" as const },
  steps: 150,
  model: { gHidden: [32, 32], dHidden: [32, 32] },
  batchSize: 32,
};

export interface ApiServer {
  url: string;
  storageDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the API and resolves once it logs "listening" (port 0: the OS picks a free port). */
export async function startApiServer(env: Record<string, string> = {}): Promise<ApiServer> {
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "gantry-sdk-test-"));
  const child: ChildProcess = spawn(path.join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["api/src/server.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      GANTRY_HOST: "127.0.0.1",
      GANTRY_PORT: "0",
      GANTRY_STORAGE: `file://${storageDir}`,
      GANTRY_WORKERS: "2",
      GANTRY_API_KEYS: `${TRAIN_KEY}:train;${SAMPLE_KEY}:sample`,
      GANTRY_RATE_LIMIT_RPS: "1000",
      GANTRY_KILL_GRACE_MS: "3000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"listening"/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url,
    storageDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        // SIGTERM lets the runner stop its training jobs; SIGKILL only if that hangs.
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
