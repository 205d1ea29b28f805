/**
 * The trainer image without a Docker engine: both Dockerfile variants lint clean (dockerfile-utils, the linter of
 * the VS Code Docker extension) and state the image's contract; the entrypoint script runs here exactly as the
 * container runs it, against the real S3 protocol (s3rver): SIGTERM (spot reclaim, TerminateJob) → checkpoint →
 * exit 3 → Batch's next attempt resumes from that checkpoint to the end.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validate } from "dockerfile-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, trainingKeys, type Storage } from "../src/storage/index.ts";
import { startS3rver, type S3rverHandle } from "../src/storage/s3/s3rver-process.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const ENTRYPOINT = path.join(HERE, "entrypoint.sh");
const BIN = path.join(ROOT, "node_modules", ".bin");

interface Run {
  code: Promise<number | null>;
  pid: number;
  output: () => string;
}

function entrypoint(args: string[], env: Record<string, string>, pathDirs: string[] = [BIN]): Run {
  const child = spawn("sh", [ENTRYPOINT, ...args], {
    env: { ...process.env, ...env, PATH: [...pathDirs, process.env.PATH].join(path.delimiter) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  return { code: new Promise((r) => child.on("close", (c) => r(c))), pid: child.pid!, output: () => out };
}

describe("trainer Dockerfile", () => {
  const text = readFileSync(path.join(HERE, "..", "Dockerfile"), "utf8");

  it("lints clean", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("states the image contract: CUDA 11.2 + cuDNN 8, Node 24, tfjs-node-gpu 4.22 only in the image, non-root, entrypoint", () => {
    expect(text).toMatch(/^ARG BASE_IMAGE=nvidia\/cuda:11\.2\.\d+-cudnn8-runtime-ubuntu20\.04$/m);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    expect(text).toMatch(/^ARG TFJS_NODE=@tensorflow\/tfjs-node-gpu$/m);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile's ${ARG} expansion, matched literally
    expect(text).toContain('"${TFJS_NODE}@4.22.0"');
    expect(text).toMatch(/TF_FORCE_GPU_ALLOW_GROWTH=true/);
    const users = [...text.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe("10001:10001");
    expect(text).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/gantry-entrypoint"\]$/m);
    // The tfjs version in the image is the trainer's.
    const pkg = JSON.parse(readFileSync(path.join(HERE, "..", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(pkg.dependencies["@tensorflow/tfjs-core"]).toBe("4.22.0");
    expect(JSON.stringify(pkg)).not.toMatch(/tfjs-node/);
  });

  it("the entrypoint is valid POSIX sh", async () => {
    const code = await new Promise((r) => spawn("sh", ["-n", ENTRYPOINT]).on("close", r));
    expect(code).toBe(0);
  });
});

describe("container entrypoint", () => {
  let dir: string;
  let s3: S3rverHandle;
  let storage: Storage;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gantry-entry-"));
    s3 = await startS3rver(path.join(dir, "s3"), "gantry-jobs");
    env = {
      GANTRY_S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
      GANTRY_BACKEND: "wasm",
      GANTRY_WASM_THREADS: "1",
    };
    storage = openStorage("s3://gantry-jobs/deploy", { endpoint: s3.endpoint, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  }, 30_000);
  afterAll(async () => {
    await s3?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("SIGTERM → checkpoint → exit 3; the retried attempt resumes from that checkpoint and finishes", async () => {
    const id = "t-batch-resume";
    // What the API stores before SubmitJob: the config, by id (the job's command carries none).
    await storage.putJson(trainingKeys(id).config, {
      data: { name: "ring8" },
      loss: { name: "ns" },
      steps: 400,
      batchSize: 32,
      checkpointEvery: 10,
      logEvery: 10,
      model: { gHidden: [16], dHidden: [16] },
    });
    const command = ["gantry-train", "--id", id, "--storage", "s3://gantry-jobs/deploy"];
    const first = entrypoint(command, { ...env, AWS_BATCH_JOB_ATTEMPT: "1" });
    const deadline = Date.now() + 120_000;
    while ((await storage.head(trainingKeys(id).latest)) === null) {
      if (Date.now() > deadline) throw new Error(`no checkpoint within 120 s: ${first.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    process.kill(first.pid, "SIGTERM"); // the shell exec'd node: this is what ECS signals
    expect(await first.code).toBe(3);
    const stopped = await storage.getJson<{ status: string; progress: { step: number } }>(trainingKeys(id).status);
    expect(stopped?.status).toBe("interrupted");
    const at = (await storage.getJson<{ step: number }>(trainingKeys(id).latest))!.step;
    expect(at).toBeGreaterThanOrEqual(10);
    expect(at).toBeLessThan(400);

    const second = entrypoint(command, { ...env, AWS_BATCH_JOB_ATTEMPT: "2" });
    expect(await second.code).toBe(0);
    expect(second.output()).toContain(`training ${id} (resume)`);
    const done = await storage.getJson<{ status: string; progress: { step: number } }>(trainingKeys(id).status);
    expect(done?.status).toBe("succeeded");
    expect(done?.progress.step).toBe(400);
    const events = (await storage.getText(trainingKeys(id).events))!;
    expect(events).toMatch(new RegExp(`resumed ${id} from step ${at}\\b`));
  }, 240_000);

  it("an array child runs the run its index names; a failed run (a study result) exits 0, an interrupted one 3", async () => {
    // A stand-in gantry-study that reports its arguments and exits with the code it is told.
    writeFileSync(path.join(dir, "gantry-study"), '#!/bin/sh\necho "args: $*"\nexit "$FAKE_EXIT"\n');
    chmodSync(path.join(dir, "gantry-study"), 0o755);
    const args = ["gantry-study", "__run", "--storage", "s3://b/p", "--study", "s-1"];
    const runs = { GANTRY_STUDY_RUNS: "ns-s0 ns-s1 hinge-s0", AWS_BATCH_JOB_ARRAY_INDEX: "1" };
    for (const [exit, expected] of [
      ["0", 0],
      ["1", 0],
      ["2", 0],
      ["3", 3],
    ] as const) {
      const r = entrypoint(args, { ...runs, FAKE_EXIT: exit }, [dir]);
      expect(await r.code).toBe(expected);
      expect(r.output()).toContain("args: __run --storage s3://b/p --study s-1 --run ns-s1");
    }
    const out = entrypoint(args, { ...runs, AWS_BATCH_JOB_ARRAY_INDEX: "3", FAKE_EXIT: "0" }, [dir]);
    expect(await out.code).toBe(2);
    expect(out.output()).toContain("array index 3 but only 3 runs");
  }, 30_000);
});
