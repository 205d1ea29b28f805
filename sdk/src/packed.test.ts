/**
 * The SDK as its users get it: `npm pack`, installed from the tarball into a scratch project in a temp directory
 * (no workspace links), a strict NodeNext consumer compiled with plain tsc and run with plain node under Node 20,
 * 22 and 24 against the real API on loopback; then the packed CLI through `npx --package <tarball> gantry`, the way
 * examples/github-actions/train-gate.yml runs it. Needs `npm run build` first (the package's pretest does it).
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRAIN_KEY, startApiServer, type ApiServer } from "./testing/api-server.ts";
import { nodeBinary } from "./testing/node-binaries.ts";

const SDK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE = path.join(SDK, "fixtures", "consumer");
const NODE_MAJORS = [20, 22, 24];
const pkg = JSON.parse(readFileSync(path.join(SDK, "package.json"), "utf8")) as { version: string; devDependencies: Record<string, string> };
let api: ApiServer;
let tmp: string;
let tarball: string;
let project: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// npm must not see the monorepo (workspaces, .npmrc) from the scratch directories; the npm cache is shared so the
// tarball's two dependencies and the consumer's typescript install offline when cached.
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, stdio: "pipe", timeout: 180_000 }).toString();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "gantry-packed-"));
  const packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], SDK)) as { filename: string }[];
  tarball = path.join(tmp, packed[0]!.filename);
  project = path.join(tmp, "consumer");
  cpSync(FIXTURE, project, { recursive: true });
  writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({
      name: "gantry-consumer",
      private: true,
      type: "module",
      dependencies: { "@gantry/sdk": `file:${tarball}` },
      devDependencies: { typescript: pkg.devDependencies.typescript, "@types/node": "^20.19.0" },
    }),
  );
  npm(["install"], project);
  api = await startApiServer();
}, 300_000);

afterAll(async () => {
  await api?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 30_000);

describe("the packed tarball", () => {
  it("ships the built files and declares only its runtime dependencies", () => {
    const installed = path.join(project, "node_modules", "@gantry", "sdk");
    const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(manifest.dependencies as object).sort()).toEqual(["eventsource-parser", "ky"]);
    expect(readdirSync(installed).sort()).toEqual(["README.md", "bin", "dist", "package.json"]);
    // No TypeScript sources or tests travel: only .js and .d.ts.
    const files = readdirSync(path.join(installed, "dist"), { recursive: true })
      .map(String)
      .filter((f) => /\.[a-z]+$/.test(f));
    expect(files.filter((f) => !f.endsWith(".js") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.some((f) => f.includes(".test."))).toBe(false);
  });

  it("compiles a strict NodeNext consumer with plain tsc", () => {
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    const out = (() => {
      try {
        return execFileSync(process.execPath, [tsc, "-p", "."], { cwd: project, stdio: "pipe", timeout: 120_000 }).toString();
      } catch (err) {
        return (err as { stdout: Buffer }).stdout.toString();
      }
    })();
    expect(out).toBe("");
  }, 120_000);

  for (const major of NODE_MAJORS) {
    it(`runs the consumer with plain node ${major}: train, stream, wait, sample, typed 422`, async () => {
      const r = await run(nodeBinary(major), ["dist/consumer.js", api.url, TRAIN_KEY, String(major)], project);
      expect(r.code, r.stderr).toBe(0);
      const seen = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(String(seen.node)).toMatch(new RegExp(`^v${major}\\.`));
      expect(seen).toMatchObject({ status: "succeeded", lastEvent: "status", shape: [64, 2], finite: true, invalidField: "body.loss.name" });
      expect(seen.progressEvents).toBeGreaterThanOrEqual(6); // logEvery 10 over 60 steps
      // wait() on a training that already ended reports its progress once, not once per stored event.
      expect(seen.progressCalls).toBe(1);
    }, 240_000);
  }

  it("runs the packed CLI as the workflow example does: npx --package <pkg> gantry train --wait --gate", async () => {
    // A directory holding only the config, like a repository with just the workflow and run.json.
    const repo = mkdtempSync(path.join(tmp, "repo-"));
    cpSync(path.join(FIXTURE, "run.json"), path.join(repo, "run.json"));
    const r = await run(
      "npx",
      [
        "--yes",
        "--prefer-offline",
        "--package",
        tarball,
        "gantry",
        "train",
        "--config",
        "run.json",
        "--wait",
        "--gate",
        "swd<100",
        "--gate",
        "modesCaptured>=0",
        "--timeout",
        "600",
        "--idempotency-key",
        "packed-cli-1",
        "--json",
      ],
      repo,
      { GANTRY_URL: api.url, GANTRY_API_KEY: TRAIN_KEY, npm_config_cache: path.join(os.homedir(), ".npm") },
      240_000,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { passed: boolean; exitCode: number; training: { status: string }; gates: { passed: boolean }[] };
    expect(result).toMatchObject({ passed: true, exitCode: 0, training: { status: "succeeded" } });
    expect(result.gates.map((g) => g.passed)).toEqual([true, true]);
  }, 300_000);
});
