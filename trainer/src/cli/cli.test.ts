import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCheckpointDirs } from "../checkpoint/prune.ts";
import { readCheckpoint } from "../checkpoint/read.ts";
import type { CheckpointPointer } from "../checkpoint/format.ts";
import type { TrainingStatus } from "@gantry/core";
import { openStorage, trainingKeys, type Storage } from "../storage/index.ts";
import { S3Storage } from "../storage/s3/index.ts";
import { type S3rverHandle, startS3rver } from "../storage/s3/s3rver-process.ts";
import { main } from "./main.ts";

const BIN = fileURLToPath(new URL("../../bin/gantry-train.mjs", import.meta.url));
const RUN = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  model: { gHidden: [64, 64], dHidden: [64, 64] },
  batchSize: 32,
  seed: 4,
  logEvery: 5,
  checkpointEvery: 20,
  keepLast: 2,
};

let dir: string;
let configPath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-cli-"));
  configPath = path.join(dir, "run.json");
  await writeFile(configPath, JSON.stringify(RUN));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the real bin from an unrelated cwd (default the temp directory), as a job runner would. */
function cli(args: string[], env: Record<string, string> = {}, cwd = tmpdir()): Child {
  const proc = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, GANTRY_BACKEND: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exit = once(proc, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { proc, out: () => out, err: () => err, exit };
}

/** Polls until `probe` returns a truthy value (or fails after `ms`). */
async function until<T>(probe: () => Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** latest.json resolves to a manifest whose files all verify, and no checkpoint directory is torn. */
async function assertClean(storage: Storage, id: string): Promise<number> {
  const latest = await readCheckpoint(storage, id, "latest");
  for (const d of await listCheckpointDirs(storage, id)) {
    expect(d.hasManifest).toBe(true);
    expect(d.step).toBeLessThanOrEqual(latest.state.step);
    await readCheckpoint(storage, id, d.step);
  }
  return latest.state.step;
}

describe("gantry-train (in process)", () => {
  const io = () => {
    let out = "";
    let err = "";
    return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
  };

  it("--help explains every option and exits 0", async () => {
    const h = io();
    expect(await main(["--help"], h.io)).toBe(0);
    expect(h.out()).toMatch(/--resume <id>/);
    expect(h.out()).toMatch(/Exit codes: 0 done, 1 failed/);
  });

  it("exits 2 naming the field path for bad configs, unknown keys and bad usage", async () => {
    const h = io();
    expect(await main(["--config", configPath, "--batch-size", "0", "--set", "model.gHiden=[3]"], h.io)).toBe(2);
    expect(h.err()).toMatch(/invalid training config: .*batchSize: /);
    expect(h.err()).toMatch(/model\.gHiden: unknown key/);
    const u = io();
    expect(await main(["--config", path.join(dir, "missing.json")], u.io)).toBe(2);
    expect(u.err()).toMatch(/cannot read --config/);
    const v = io();
    expect(await main(["--id", "bad/id", "--config", configPath], v.io)).toBe(2);
    expect(v.err()).toMatch(/invalid --id/);
  });

  it("--id alone runs the config stored under trainings/<id>/ (the form the API and AWS Batch use)", async () => {
    const url = `file://${path.join(dir, "by-id")}`;
    const storage = openStorage(url);
    const none = io();
    expect(await main(["--id", "t-stored", "--storage", url, "--quiet"], none.io)).toBe(2);
    expect(none.err()).toMatch(/no config for t-stored: .*trainings\/t-stored\/config\.json does not exist/);
    await storage.putJson(trainingKeys("t-stored").config, { ...RUN, steps: 2, backend: "cpu" });
    const h = io();
    expect(await main(["--id", "t-stored", "--storage", url, "--quiet"], h.io)).toBe(0);
    expect(h.out()).toMatch(/succeeded at step 2 on cpu/);
    const status = await storage.getJson<TrainingStatus>(trainingKeys("t-stored").status);
    expect([status?.status, status?.progress.step]).toEqual(["succeeded", 2]);
  }, 60_000);
});

describe("gantry-train (child process)", () => {
  it("exits 2 with the field path for a bad config", async () => {
    const c = cli(["--config", configPath, "--set", 'loss.name="nope"', "--storage", `file://${dir}/bad`]);
    expect((await c.exit).code).toBe(2);
    expect(c.err()).toMatch(/loss\.name: Invalid option/);
  }, 60_000);

  it("resolves a relative file:// storage against its working directory (the API's rule too: resolveStorageUrl)", async () => {
    const c = cli(["--config", configPath, "--storage", "file://rel/store", "--steps", "2", "--id", "t-rel", "--quiet"], {}, dir);
    expect((await c.exit).code, c.err()).toBe(0);
    const status = await openStorage(`file://${dir}/rel/store`).getJson<TrainingStatus>(trainingKeys("t-rel").status);
    expect([status?.status, status?.progress.step]).toEqual(["succeeded", 2]);
  }, 60_000);

  it("survives kill -9 (no torn checkpoint), stops with exit 3 on SIGTERM, then resumes to the end", async () => {
    const url = `file://${dir}/kill`;
    const storage = openStorage(url);
    const keys = trainingKeys("k1");
    // 2000 steps: the first two attempts are stopped by signals long before they could finish.
    const args = ["--config", configPath, "--storage", url, "--backend", "wasm"];
    const first = cli([...args, "--steps", "2000", "--id", "k1"]);
    await until(async () => ((await storage.getJson<CheckpointPointer>(keys.latest))?.step ?? 0) >= 20, 90_000, "step 20");
    first.proc.kill("SIGKILL");
    expect((await first.exit).signal).toBe("SIGKILL");
    // Whatever the kill interrupted, latest.json names a checkpoint that verifies.
    const killedAt = (await readCheckpoint(storage, "k1", "latest")).state.step;
    expect(killedAt).toBeGreaterThanOrEqual(20);
    // Also plant the leftovers of a write torn by a kill: weights without a manifest, past latest.
    await storage.put(`${keys.checkpoint(killedAt + 7)}generator.weights.bin`, new Uint8Array(12));

    const second = cli([...args, "--resume", "k1"]);
    await until(
      async () => {
        const s = await storage.getJson<TrainingStatus>(keys.status);
        return s?.attempt === 2 && s.status === "running" && s.progress.step > killedAt;
      },
      90_000,
      "resumed progress",
    );
    second.proc.kill("SIGTERM");
    expect((await second.exit).code).toBe(3);
    expect(second.out()).toMatch(/training k1 \(resume\)\nstorage {2}file:\/\/.*\/kill\/trainings\/k1\//);
    const status = (await storage.getJson<TrainingStatus>(keys.status))!;
    expect(status.status).toBe("interrupted");
    const stoppedAt = await assertClean(storage, "k1");
    expect(stoppedAt).toBe(status.progress.step);
    expect(stoppedAt).toBeGreaterThan(killedAt);
    expect((await readCheckpoint(storage, "k1", "latest")).manifest.reason).toBe("interrupted");

    // The last attempt also shortens the run (allowed: steps is not architecture).
    const final = stoppedAt + 12;
    const third = cli([...args, "--resume", "k1", "--steps", String(final)]);
    expect((await third.exit).code).toBe(0);
    expect(await assertClean(storage, "k1")).toBe(final);
    const done = (await storage.getJson<TrainingStatus>(keys.status))!;
    expect(done).toMatchObject({ status: "succeeded", attempt: 3, progress: { step: final, steps: final } });
    const text = (await storage.getText(keys.metrics)) ?? "";
    const metrics = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { step: number; eval?: unknown });
    // One line per 5 steps, no duplicates despite two restarts, plus the final evaluation.
    const logged = Array.from({ length: Math.floor(final / 5) }, (_, i) => 5 * (i + 1));
    if (final % 5 !== 0) logged.push(final);
    expect(metrics.filter((m) => !m.eval).map((m) => m.step)).toEqual(logged);
    expect(metrics.filter((m) => m.eval).map((m) => m.step)).toEqual([final]);
  }, 240_000);
});

describe("gantry-train against S3 (s3rver)", () => {
  let server: S3rverHandle | undefined;
  let s3dir: string;
  beforeAll(async () => {
    s3dir = await mkdtemp(path.join(tmpdir(), "gantry-cli-s3-"));
    server = await startS3rver(s3dir, "bucket");
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await rm(s3dir, { recursive: true, force: true });
  });

  it("trains ring8 for 300 steps into s3://bucket/prefix", async () => {
    const env = {
      GANTRY_S3_ENDPOINT: server!.endpoint,
      GANTRY_S3_FORCE_PATH_STYLE: "1",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    };
    const c = cli(
      [
        "--config",
        configPath,
        "--storage",
        "s3://bucket/prefix",
        "--id",
        "s3run",
        "--backend",
        "wasm",
        "--steps",
        "300",
        "--log-every",
        "10",
        "--eval-every",
        "100",
        "--sample-every",
        "150",
        "--checkpoint-every",
        "100",
      ],
      env,
    );
    const { code } = await c.exit;
    // stderr may carry the AWS SDK's Node-version notice; the CLI itself reports nothing there on success.
    expect(c.err()).not.toMatch(/gantry-train:/);
    expect(code).toBe(0);
    expect(c.out()).toMatch(/storage {2}s3:\/\/bucket\/prefix\/trainings\/s3run\//);
    const storage = new S3Storage("bucket", "prefix", {
      endpoint: server!.endpoint,
      forcePathStyle: true,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const keys = trainingKeys("s3run");
    const status = (await storage.getJson<TrainingStatus>(keys.status))!;
    expect(status).toMatchObject({ status: "succeeded", backend: "wasm", progress: { step: 300, steps: 300 } });
    // 30 step logs + evaluations at 100, 200 and 300.
    const metrics = ((await storage.getText(keys.metrics)) ?? "").trim().split("\n");
    expect(metrics).toHaveLength(33);
    expect(await assertClean(storage, "s3run")).toBe(300);
    expect((await storage.head("trainings/s3run/samples/000000150.svg"))?.size).toBeGreaterThan(1000);
    expect((await storage.head("trainings/s3run/samples/000000300.svg"))?.size).toBeGreaterThan(1000);
  }, 240_000);
});
