/**
 * The API's Lambda bundle as deployed: built once by the same code as the CDK asset (api-bundle.ts: esbuild, the
 * wasm binaries and RUNTIME_PACKAGE_FILES copied in) into a temporary directory outside the repository — so no
 * node_modules can stand in for a file the bundle forgot — then imported by a fresh Node process that invokes its
 * handler with real Function URL / HTTP API events against S3 (s3rver), DynamoDB (dynalite) and SSM on loopback.
 * A runtime file missing from the layout (uplot once was) fails here rather than in AWS.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaEvent } from "../../api/src/lambda/lambda-test-kit.ts";
import { startLambdaSandbox, trainTinyMnist, type LambdaSandbox } from "../../api/src/lambda/sandbox.ts";
import { bundleApi } from "../scripts/bundle-api.ts";
import { BUNDLE_PATH } from "./api-bundle.ts";

const INVOKE = fileURLToPath(new URL("../scripts/invoke-bundle.mjs", import.meta.url));
const KEY = "bundle-sample-key-0123";
const MODEL = "m-bundle-mnist";
const auth = { authorization: `Bearer ${KEY}` };

interface Response {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

describe("the built Lambda bundle in a fresh Node process", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-bundle-"));
  let sandbox: LambdaSandbox;
  let responses: Response[] = [];
  let stdout = "";
  let bundleBytes = 0;

  beforeAll(async () => {
    sandbox = await startLambdaSandbox(dir, `${KEY}:sample`);
    trainTinyMnist(sandbox, dir, MODEL);
    bundleBytes = await bundleApi(path.join(dir, "bundle"));
    const events = [
      lambdaEvent("function-url", { path: "/healthz" }),
      lambdaEvent("function-url", {
        method: "POST",
        path: `/v1/models/${MODEL}/samples`,
        body: JSON.stringify({ n: 2, seed: 3, format: "json" }),
        headers: { ...auth, "content-type": "application/json" },
      }),
      lambdaEvent("http-api-v2", { path: "/assets/vendor/uplot.js" }),
      lambdaEvent("http-api-v2", { path: "/docs/swagger-ui.css" }),
    ];
    const eventsFile = path.join(dir, "events.json");
    const outFile = path.join(dir, "out.json");
    writeFileSync(eventsFile, JSON.stringify(events));
    let stderr = "";
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(process.execPath, [INVOKE, path.join(dir, "bundle", BUNDLE_PATH), eventsFile, outFile], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", HOME: dir, ...sandbox.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      p.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
      p.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      p.on("close", resolve);
    });
    expect(code, stderr).toBe(0);
    responses = (JSON.parse(readFileSync(outFile, "utf8")) as { responses: Response[] }).responses;
  }, 300_000);
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is self-contained and far under Lambda's 250 MB (the goal is 30 MB unzipped)", () => {
    expect(bundleBytes).toBeGreaterThan(1024 * 1024);
    expect(bundleBytes).toBeLessThan(30 * 1024 * 1024);
  });

  it("answers /healthz", () => {
    const r = responses[0]!;
    expect(r.statusCode, r.body).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: "ok", backend: "wasm" });
  });

  it("samples the generator stored in S3 as JSON on the wasm backend", () => {
    const r = responses[1]!;
    expect(r.statusCode, r.body).toBe(200);
    const out = JSON.parse(r.body) as { shape: number[]; data: number[][]; seed: number; version: number };
    expect(out).toMatchObject({ shape: [2, 28, 28, 1], seed: 3, version: 2 });
    expect(out.data.flat().every((v) => Math.abs(v) <= 1)).toBe(true);
    expect(new Set(out.data.flat()).size).toBeGreaterThan(100);
  });

  it("serves the dashboard's uPlot module and Swagger UI's stylesheet from the files copied in", () => {
    const [uplot, swagger] = [responses[2]!, responses[3]!];
    expect(uplot.statusCode).toBe(200);
    expect(uplot.headers["content-type"]).toMatch(/javascript/);
    const js = uplot.isBase64Encoded ? Buffer.from(uplot.body, "base64").toString() : uplot.body;
    expect(js).toContain("uPlot");
    expect(swagger.statusCode).toBe(200);
    expect(swagger.headers["content-type"]).toMatch(/^text\/css/);
  });

  it("writes one EMF line per invocation, and ColdStart once", () => {
    const emf = stdout
      .split("\n")
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(emf.filter((m) => m.ColdStart === 1)).toHaveLength(1);
    const requests = emf.filter((m) => m.Requests === 1);
    expect(requests.map((m) => [m.route, m.statusClass])).toEqual([
      ["GET /healthz", "2xx"],
      ["POST /v1/models/:id/samples", "2xx"],
      ["GET /assets/*", "2xx"],
      ["GET /docs/:file", "2xx"],
    ]);
    expect(requests[1]).toMatchObject({ SamplesGenerated: 2 });
  });
});
