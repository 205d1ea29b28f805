/** The gantry CLI end to end: bin/gantry.mjs as a child process against the real API server. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gantry } from "../client.ts";
import { parseNpy } from "../core/npy.ts";
import { TINY_CONFIG, TRAIN_KEY, startApiServer, type ApiServer } from "../testing/api-server.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "gantry.mjs");
let api: ApiServer;
let dir: string;
let sdk: Gantry;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from a temp cwd; `onStderr` sees output as it arrives. */
function gantry(args: string[], onStderr?: (text: string) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, GANTRY_URL: api.url, GANTRY_API_KEY: TRAIN_KEY },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "gantry-cli-test-"));
  writeFileSync(path.join(dir, "run.json"), JSON.stringify(TINY_CONFIG));
  writeFileSync(path.join(dir, "long.json"), JSON.stringify({ ...TINY_CONFIG, steps: 200_000 }));
  writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ ...TINY_CONFIG, loss: { name: "nope" } }));
  api = await startApiServer();
  sdk = new Gantry({ baseUrl: api.url, apiKey: TRAIN_KEY });
}, 90_000);

afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("gantry train", () => {
  let modelId = "";

  it("exits 0 when every gate passes and 6 when one fails; a repeated key follows the first training", async () => {
    // One training, two gate sets: the shared Idempotency-Key makes the second submission follow the first.
    const key = ["--idempotency-key", "cli-gates-1"];
    const [pass, fail] = await Promise.all([
      gantry(["train", "--config", "run.json", "--wait", "--gate", "swd<100", "--gate", "modesCaptured>=0", ...key]),
      gantry(["train", "--config", "run.json", "--gate", "swd<0.000001", "--gate", "fd_lenet<30", "--metrics", "best", "--json", ...key]),
    ]);
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/swd<100\s+\d[\d.e-]*\s+pass/);
    expect(pass.stdout).toMatch(/modesCaptured>=0\s+\d[\d.e-]*\s+pass/);
    expect(pass.stdout).toContain("result: ok (exit 0)");
    // Not a terminal: progress comes as log lines on stderr.
    expect(pass.stderr).toMatch(/step 150\/150 \(100%\)/);
    modelId = /training (t-\S+): succeeded/.exec(pass.stdout)?.[1] ?? "";

    expect(fail.code, fail.stderr).toBe(6);
    // Exactly one of the two submitted; the other says it follows that training instead.
    const said = [pass.stderr, fail.stderr].join("\n");
    expect(said.match(/submitted t-/g)).toHaveLength(1);
    expect(said).toContain(`following existing training ${modelId}`);
    const result = JSON.parse(fail.stdout) as { passed: boolean; exitCode: number; gates: { expr: string; passed: boolean; value: number | null }[] };
    expect(result).toMatchObject({ passed: false, exitCode: 6, metricsSource: "best" });
    expect(result.gates[0]).toMatchObject({ expr: "swd<0.000001", passed: false });
    expect(result.gates[0]!.value).toBeGreaterThan(0.000001);
    expect(result.gates[1]).toEqual({ expr: "fd_lenet<30", metric: "fd_lenet", op: "<", threshold: 30, value: null, passed: false });
    expect((result as unknown as { training: { id: string } }).training.id).toBe(modelId);
  }, 90_000);

  const LONG = ["--config", "long.json", "--idempotency-key", "cli-long-1"];

  it("exits 2 on bad input (a 422 included) and 5 when --timeout expires", async () => {
    const [api422, badGate, noConfig, timeout] = await Promise.all([
      gantry(["train", "--config", "bad.json", "--wait"]),
      gantry(["train", "--config", "run.json", "--gate", "swd<<1"]),
      gantry(["train", "--wait"]),
      gantry(["train", ...LONG, "--timeout", "1", "--quiet"]),
    ]);
    expect(api422.code).toBe(2);
    expect(api422.stderr).toMatch(/422 Unprocessable Content.*\(request \S+\)/);
    expect(api422.stderr).toContain("body.loss.name");
    expect(badGate.code).toBe(2);
    expect(badGate.stderr).toContain('--gate "swd<<1"');
    expect(noConfig.code).toBe(2);
    expect(timeout.code).toBe(5);
    expect(timeout.stderr).toMatch(/did not finish within --timeout 1 s; it keeps running/);
  }, 60_000);

  it("exits 1 when the training is canceled while it waits", async () => {
    // Same key as the --timeout run: this follows the training that run left going.
    let canceled = false;
    const run = await gantry(["train", ...LONG, "--wait"], (err) => {
      const id = /(?:submitted|following existing training) (t-\S+)/.exec(err)?.[1];
      if (id && !canceled && /step \d+/.test(err)) {
        canceled = true;
        void sdk.trainings.cancel(id);
      }
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/following existing training t-\S+ .*, now (queued|running)/);
    expect(run.stdout).toMatch(/: canceled at step \d+\/200000/);
    const trainings = await sdk.trainings.list();
    expect(trainings.data.filter((t) => t.config.steps === 200_000)).toHaveLength(1);
  }, 60_000);

  it("samples, lists and inspects", async () => {
    expect(modelId).toMatch(/^t-/);
    const [png, npy, models, list, get, study, tooMany] = await Promise.all([
      gantry(["sample", modelId, "-n", "16", "--seed", "1", "--out", "grid.png"]),
      gantry(["sample", modelId, "-n", "16", "--seed", "1", "--out", "s.npy"]),
      gantry(["models", "ls", "--json"]),
      gantry(["trainings", "ls", "--status", "succeeded"]),
      gantry(["trainings", "get", modelId]),
      gantry(["study", "--config", "run.json"]),
      gantry(["sample", modelId, "-n", "100000"]),
    ]);
    expect(png.code, png.stderr).toBe(0);
    expect(Array.from(readFileSync(path.join(dir, "grid.png")).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.stderr).toMatch(/wrote grid.png: 16 samples .*seed 1, version 150/);
    expect(npy.code, npy.stderr).toBe(0);
    expect(parseNpy(readFileSync(path.join(dir, "s.npy"))).shape).toEqual([16, 2]);
    expect((JSON.parse(models.stdout) as { id: string }[]).map((m) => m.id)).toContain(modelId);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${modelId}\\s+succeeded\\s+ns\\s+ring8\\s+150/150`));
    expect(JSON.parse(get.stdout)).toMatchObject({ id: modelId, status: "succeeded" });
    // run.json is a training config, not a study: the API's 422 is bad input.
    expect(study.code).toBe(2);
    expect(study.stderr).toContain("422");
    // The CLI keeps no copy of the API's sample limit: the API's 422 names the field, and that is bad input.
    expect(tooMany.code, tooMany.stderr).toBe(2);
    expect(tooMany.stderr).toMatch(/\n {2}body\.n: /);
  }, 60_000);

  it("prints help with the exit codes", async () => {
    const help = await gantry(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes[\s\S]*\n {2}2 {2}bad input[\s\S]*\n {2}6 {2}a --gate failed/);
    const sub = await gantry(["sample", "--help"]);
    expect(sub.stdout).toContain("gantry sample <model>");
  }, 30_000);
});
