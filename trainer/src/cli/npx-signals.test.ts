import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TrainingStatus } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../checkpoint/read.ts";
import { openStorage, trainingKeys } from "../storage/index.ts";

// The documented command, run from the repository as a user would: npx → (shell) → the gantry-train bin.
// npm_config_yes=false makes npx fail instead of installing anything, so this never touches the network.
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
// checkpointEvery 0: the only checkpoint a run can have is the interrupt checkpoint, so its presence proves it.
const RUN = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  model: { gHidden: [16], dHidden: [16] },
  batchSize: 16,
  seed: 1,
  steps: 1_000_000,
  logEvery: 5,
  checkpointEvery: 0,
  sampleEvery: 0,
  backend: "cpu",
};

let dir: string;
let configPath: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-npx-"));
  configPath = path.join(dir, "run.json");
  await writeFile(configPath, JSON.stringify(RUN));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `npx gantry-train` in its own process group (as a terminal's foreground job is) from `cwd`. */
function npx(id: string, cwd: string): { proc: ChildProcess; exit: Promise<[number | null, NodeJS.Signals | null]>; err: () => string } {
  const args = ["gantry-train", "--config", configPath, "--storage", `file://${dir}`, "--id", id, "--quiet"];
  const proc = spawn("npx", args, {
    cwd,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, GANTRY_BACKEND: "", npm_config_yes: "false" },
  });
  let err = "";
  proc.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  return { proc, exit: once(proc, "exit") as Promise<[number | null, NodeJS.Signals | null]>, err: () => err };
}

async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("signals through npx gantry-train", () => {
  const storage = () => openStorage(`file://${dir}`);
  const training = async (id: string) => (await storage().getJson<TrainingStatus>(trainingKeys(id).status))?.progress.step ?? 0;

  async function stopsWithCheckpoint(id: string, cwd: string, send: (pid: number) => void): Promise<void> {
    const c = npx(id, cwd);
    try {
      let exited = false;
      void c.exit.then(() => (exited = true));
      await until(async () => exited || (await training(id)) >= 10, 120_000, `${id} training`);
      expect(exited, c.err()).toBe(false);
      send(c.proc.pid!);
      const [code, signal] = await c.exit;
      expect({ code, signal }).toEqual({ code: 3, signal: null });
      const latest = await readCheckpoint(storage(), id, "latest");
      expect(latest.manifest.reason).toBe("interrupted");
      expect(latest.state.step).toBeGreaterThanOrEqual(10);
      expect((await storage().getJson<TrainingStatus>(trainingKeys(id).status))?.status).toBe("interrupted");
      // Nothing npx started outlives it (the trainer, tsx's esbuild service): the group empties.
      await until(async () => !groupAlive(c.proc.pid!), 10_000, "the process group to empty");
    } finally {
      if (groupAlive(c.proc.pid!)) process.kill(-c.proc.pid!, "SIGKILL");
    }
  }

  it("Ctrl-C (SIGINT to the foreground group) exits 3 with the interrupt checkpoint", async () => {
    await stopsWithCheckpoint("npx-int", REPO, (pid) => process.kill(-pid, "SIGINT"));
  }, 180_000);

  it("SIGTERM to npx alone (from a workspace directory) reaches the trainer: exit 3, checkpoint, no orphan", async () => {
    await stopsWithCheckpoint("npx-term", path.join(REPO, "trainer"), (pid) => process.kill(pid, "SIGTERM"));
  }, 180_000);
});
