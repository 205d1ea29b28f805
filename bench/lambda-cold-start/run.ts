/**
 * Lambda cold start: a fresh Node process imports the API's Lambda bundle (built as the CDK stack builds it) and
 * answers its first request, one sample of an MNIST generator stored in S3 — the real path: SSM keys, S3 reads of
 * the checkpoint, the wasm backend's start, the generator's first forward pass. Storage is s3rver, DynamoDB is
 * dynalite and SSM/Batch a loopback stub, all on this machine, so the figure has no network latency in it (in AWS
 * add a few S3 and SSM round trips, ~10-30 ms each). There is no PyTorch peer for this: nothing comparable exists.
 * Usage: npx tsx bench/lambda-cold-start/run.ts [--runs 5]
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startAwsStub } from "../../api/src/lambda/aws-wire-stub.ts";
import { startDynalite } from "../../api/src/lambda/dynalite-kit.ts";
import { lambdaEvent } from "../../api/src/lambda/lambda-test-kit.ts";
import { bundleApi } from "../../infra/scripts/bundle-api.ts";
import { BUNDLE_PATH } from "../../infra/src/api-bundle.ts";
import { startS3rver } from "../../trainer/src/storage/s3/s3rver-process.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const KEY = "bench-sample-key-0123";
const MODEL = "m-bench-mnist";

const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-cold-"));
const s3 = await startS3rver(path.join(dir, "s3"), "gantry");
const db = await startDynalite("gantry-state");
const aws = await startAwsStub((r) =>
  r.operation === "AmazonSSM.GetParameter"
    ? {
        headers: { "content-type": "application/x-amz-json-1.1" },
        body: { Parameter: { Name: "/gantry/api-keys", Type: "SecureString", Value: `${KEY}:sample`, Version: 1 } },
      }
    : { status: 400, body: { message: "not used" } },
);
const env = {
  ...process.env,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
  GANTRY_S3_ENDPOINT: s3.endpoint,
  AWS_ENDPOINT_URL_SSM: aws.endpoint,
  AWS_ENDPOINT_URL_BATCH: aws.endpoint,
  AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
  GANTRY_STORAGE: "s3://gantry/deploy",
  GANTRY_API_KEYS_PARAMETER: "/gantry/api-keys",
  GANTRY_BATCH_JOB_QUEUE: "q",
  GANTRY_BATCH_JOB_DEFINITION: "d",
  GANTRY_STATE_TABLE: "gantry-state",
  GANTRY_WASM_THREADS: "1",
  POWERTOOLS_LOG_LEVEL: "WARN",
};
try {
  const config = path.join(dir, "mnist.json");
  writeFileSync(config, JSON.stringify({ data: { name: "mnist" }, loss: { name: "ns" }, steps: 2, batchSize: 16, model: { arch: "mlp" } }));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "trainer/bin/gantry-train.mjs"),
      "--config",
      config,
      "--storage",
      "s3://gantry/deploy",
      "--id",
      MODEL,
      "--quiet",
      "--backend",
      "wasm",
    ],
    { env, stdio: "ignore" },
  );
  const out = path.join(dir, "bundle");
  const bytes = await bundleApi(out);
  const eventFile = path.join(dir, "event.json");
  writeFileSync(
    eventFile,
    JSON.stringify(
      lambdaEvent("http-api-v2", {
        method: "POST",
        path: `/v1/models/${MODEL}/samples`,
        body: JSON.stringify({ n: 1, seed: 1, format: "json" }),
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      }),
    ),
  );
  const results: { totalMs: number; importMs: number; firstInvokeMs: number; nodeStartMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const line = await new Promise<string>((resolve, reject) => {
      let text = "";
      const p = spawn(process.execPath, [path.join(HERE, "invoke.mjs"), path.join(out, BUNDLE_PATH), eventFile], {
        env,
        stdio: ["ignore", "pipe", "inherit"],
      });
      p.stdout.on("data", (b: Buffer) => (text += b.toString()));
      p.on("close", (code) => (code === 0 ? resolve(text.trim()) : reject(new Error(`invoke exited ${code}`))));
    });
    const r = JSON.parse(line);
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    results.push(r);
  }
  const sorted = (k: keyof (typeof results)[0]) => results.map((r) => r[k]).sort((a, b) => a - b);
  const med = (k: keyof (typeof results)[0]) => sorted(k)[Math.floor(results.length / 2)]!;
  const f = (x: number) => x.toFixed(0).padStart(6);
  process.stdout.write(`Lambda cold start (fresh node ${process.version} → bundle import → first MNIST sample from s3rver), ${runs} runs\n`);
  process.stdout.write(`bundle: ${(bytes / 1024 / 1024).toFixed(2)} MiB unzipped (goal <= 30)\n`);
  process.stdout.write(
    `load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${os.availableParallelism()} cores\n`,
  );
  process.stdout.write(
    `median ms: node start ${f(med("nodeStartMs"))}, import ${f(med("importMs"))}, first invoke ${f(med("firstInvokeMs"))}, total ${f(med("totalMs"))} (goal <= 1500); process CPU ${f(med("cpuMs"))}\n`,
  );
  process.stdout.write(`min/max total ms: ${f(sorted("totalMs")[0]!)} / ${f(sorted("totalMs").at(-1)!)}\n`);
} finally {
  await Promise.all([s3.stop(), db.close(), aws.close()]);
  rmSync(dir, { recursive: true, force: true });
}
