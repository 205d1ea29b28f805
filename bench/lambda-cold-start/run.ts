/**
 * Lambda cold start: a fresh Node process imports the API's Lambda bundle (built as the CDK stack builds it) and
 * answers its first request, one sample of an MNIST generator stored in S3 — the real path: SSM keys, S3 reads of
 * the checkpoint, the wasm backend's start, the generator's first forward pass. Storage is s3rver, DynamoDB is
 * dynalite and SSM/Batch a loopback stub, all on this machine, so the figure has no network latency in it (in AWS
 * add a few S3 and SSM round trips, ~10-30 ms each). There is no PyTorch peer for this: nothing comparable exists.
 * Usage: npx tsx bench/lambda-cold-start/run.ts [--runs 5]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { lambdaEvent } from "../../api/src/lambda/lambda-test-kit.ts";
import { startLambdaSandbox, trainTinyMnist } from "../../api/src/lambda/sandbox.ts";
import { bundleApi } from "../../infra/scripts/bundle-api.ts";
import { BUNDLE_PATH } from "../../infra/src/api-bundle.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const INVOKE = path.resolve(HERE, "..", "..", "infra", "scripts", "invoke-bundle.mjs");
const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const KEY = "bench-sample-key-0123";
const MODEL = "m-bench-mnist";

const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-cold-"));
const sandbox = await startLambdaSandbox(dir, `${KEY}:sample`);
const env = { ...process.env, ...sandbox.env };
try {
  trainTinyMnist(sandbox, dir, MODEL);
  const out = path.join(dir, "bundle");
  const bytes = await bundleApi(out);
  const eventFile = path.join(dir, "event.json");
  writeFileSync(
    eventFile,
    JSON.stringify([
      lambdaEvent("http-api-v2", {
        method: "POST",
        path: `/v1/models/${MODEL}/samples`,
        body: JSON.stringify({ n: 1, seed: 1, format: "json" }),
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      }),
    ]),
  );
  const results: { totalMs: number; importMs: number; firstInvokeMs: number; nodeStartMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const resultFile = path.join(dir, `result-${i}.json`);
    await new Promise<void>((resolve, reject) => {
      // The function's stdout (EMF lines) is not the benchmark's output.
      const p = spawn(process.execPath, [INVOKE, path.join(out, BUNDLE_PATH), eventFile, resultFile], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
      p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`invoke exited ${code}`))));
    });
    const r = JSON.parse(readFileSync(resultFile, "utf8"));
    if (r.responses[0].statusCode !== 200) throw new Error(`status ${r.responses[0].statusCode}`);
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
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
