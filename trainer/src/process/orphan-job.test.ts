import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TrainingStatus } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../checkpoint/read.ts";
import { openStorage, trainingKeys } from "../storage/index.ts";

// A job whose parent (the API) is gone: its stdout/stderr pipes are closed, and the next API instance's queue
// recovery sends it SIGTERM. It must still stop with its interrupt checkpoint and exit 3 — not crash on EPIPE
// while saying "stopping…" (which lost everything since the last periodic checkpoint). checkpointEvery 0: the
// interrupt checkpoint is the only one the run can have.
const BIN = fileURLToPath(new URL("../../bin/gantry-train.mjs", import.meta.url));
const RUN = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  model: { gHidden: [16], dHidden: [16] },
  batchSize: 16,
  seed: 2,
  steps: 1_000_000,
  logEvery: 5,
  checkpointEvery: 0,
  backend: "cpu",
};

let dir: string;
let configPath: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-orphan-"));
  configPath = path.join(dir, "run.json");
  await writeFile(configPath, JSON.stringify(RUN));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const storage = () => openStorage(`file://${dir}`);
const jobArgs = (id: string) => [BIN, "--config", configPath, "--storage", `file://${dir}`, "--id", id];
const status = (id: string) => storage().getJson<TrainingStatus>(trainingKeys(id).status);

async function until(probe: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await Promise.resolve(probe()).catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Gone, or a zombie nobody has reaped yet (its exit already happened). */
function exited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

async function assertInterruptCheckpoint(id: string): Promise<void> {
  const latest = await readCheckpoint(storage(), id, "latest");
  expect(latest.manifest.reason).toBe("interrupted");
  expect(latest.state.step).toBeGreaterThanOrEqual(10);
  const s = await status(id);
  expect([s?.status, s?.progress.step]).toEqual(["interrupted", latest.state.step]);
}

describe("a job whose parent is gone", () => {
  it("pipes closed, then SIGTERM: exits 3 with its interrupt checkpoint (no EPIPE crash)", async () => {
    const job = spawn(process.execPath, jobArgs("epipe"), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GANTRY_BACKEND: "" } });
    const exit = once(job, "exit");
    try {
      await until(async () => ((await status("epipe"))?.progress.step ?? 0) >= 10, 120_000, "training");
      // The parent's ends of both pipes go away, as when the API process dies.
      job.stdout!.destroy();
      job.stderr!.destroy();
      job.kill("SIGTERM");
      const [code, signal] = await exit;
      expect({ code, signal }).toEqual({ code: 3, signal: null });
      await assertInterruptCheckpoint("epipe");
    } finally {
      if (job.exitCode === null && job.signalCode === null) job.kill("SIGKILL");
    }
  }, 180_000);

  it("orphaned by a parent that exited (re-parented, pipes closed), then SIGTERM: stops with its checkpoint", async () => {
    // A short-lived parent: starts the job with piped output, reports its pid, exits when its own stdin closes.
    const parentScript = `
      const { spawn } = require("node:child_process");
      const job = spawn(process.execPath, ${JSON.stringify(jobArgs("orphan"))}, { stdio: ["ignore", "pipe", "pipe"] });
      job.stdout.resume(); job.stderr.resume();
      process.stdout.write(job.pid + "\\n");
      process.stdin.on("end", () => process.exit(0)).resume();`;
    const parent = spawn(process.execPath, ["-e", parentScript], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, GANTRY_BACKEND: "" } });
    const [line] = (await once(parent.stdout!, "data")) as [Buffer];
    const pid = Number(line.toString().trim());
    expect(pid).toBeGreaterThan(0);
    try {
      await until(async () => ((await status("orphan"))?.progress.step ?? 0) >= 10, 120_000, "training");
      parent.stdin!.end();
      await once(parent, "exit");
      // What queue recovery does to a job left by a dead API.
      process.kill(pid, "SIGTERM");
      await until(() => exited(pid), 60_000, "the orphan to exit");
      // Not our child, so its exit code is not observable here; status "interrupted" is written exactly when the job
      // returns exit code 3 (the crash this guards against left "running" and no checkpoint).
      await assertInterruptCheckpoint("orphan");
    } finally {
      if (!exited(pid)) process.kill(pid, "SIGKILL");
    }
  }, 180_000);
});
