/**
 * Cold start of the API server: a new process → its first sample (n = 1, JSON) of an MNIST generator whose
 * checkpoint sits in s3rver (loopback S3), for wasm (what Lambda runs) and native, with sampling on the event loop
 * (GANTRY_SAMPLER_WORKERS=0) and on the default pool of inference workers. Times are from spawn to the first 200:
 * node start, imports, backend start, storage reads, generator build and first forward pass. No PyTorch peer: the
 * peer has no server. The Lambda bundle's own cold start is bench/lambda-cold-start.
 *   npx tsx bench/cold-start/run.ts [--runs 3] [--backends wasm,native] [--workers 0,default] [--json f] [--md f]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { initBackend } from "@gantry/trainer/backend";
import { openStorage } from "@gantry/trainer/storage";
import { startS3rver } from "@gantry/trainer/storage/s3rver";
import { writeFreshModel } from "../../api/src/test-model.ts";
import { peerModel } from "../lib/peer.ts";
import { freePort, spawnServer } from "../lib/server.ts";
import { loadLine, median } from "../lib/stats.ts";

const { values: a } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    backends: { type: "string", default: "wasm,native" },
    workers: { type: "string", default: "0,default" },
    arch: { type: "string", default: "mlp" },
    json: { type: "string" },
    md: { type: "string" },
  },
});
const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-cold-"));
const s3 = await startS3rver(path.join(dir, "s3"), "gantry");
const s3env = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", GANTRY_S3_ENDPOINT: s3.endpoint };
Object.assign(process.env, s3env);
const storageUrl = "s3://gantry/cold";
const loadStart = loadLine();

/** ms from spawn to /healthz 200, and to the first sample's 200. */
async function once(backend: string, workers: string): Promise<{ readyMs: number; firstSampleMs: number }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawnServer(
    { ...s3env, GANTRY_STORAGE: storageUrl, GANTRY_BACKEND: backend, ...(workers === "default" ? {} : { GANTRY_SAMPLER_WORKERS: workers }) },
    port,
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    let readyMs = Number.NaN;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if (performance.now() - t0 > 300_000) throw new Error("no sample within 300 s");
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        readyMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const r = await fetch(`${base}/v1/models/m-cold/samples`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ n: 1, seed: 1, format: "json" }),
    });
    if (r.status !== 200) throw new Error(`first sample answered ${r.status}: ${await r.text()}`);
    return { readyMs, firstSampleMs: performance.now() - t0 };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const rows: { backend: string; workers: string; readyMs: number; firstSampleMs: number; runs: number[] }[] = [];
try {
  await initBackend("wasm");
  await writeFreshModel(openStorage(storageUrl), "m-cold", {
    data: { name: "mnist" },
    loss: { name: "ns" },
    model: peerModel(a.arch as "mlp" | "dcgan"),
    seed: 1,
  });
  for (const backend of a.backends.split(",")) {
    for (const workers of a.workers.split(",")) {
      const rs = [];
      for (let i = 0; i < Number(a.runs); i++) rs.push(await once(backend, workers));
      rows.push({
        backend,
        workers,
        readyMs: median(rs.map((r) => r.readyMs)),
        firstSampleMs: median(rs.map((r) => r.firstSampleMs)),
        runs: rs.map((r) => Math.round(r.firstSampleMs)),
      });
      process.stderr.write(`${backend} workers=${workers}: ${rs.map((r) => r.firstSampleMs.toFixed(0)).join(", ")} ms\n`);
    }
  }
} finally {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
}
const lines = [
  `Cold start (new server process → first ${a.arch} sample from s3rver), median of ${a.runs}; load at start ${loadStart}, at end ${loadLine()}`,
  "",
  "| backend | sampler workers | /healthz ms | first sample ms | runs (ms) |",
  "| --- | --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.backend} | ${r.workers} | ${r.readyMs.toFixed(0)} | ${r.firstSampleMs.toFixed(0)} | ${r.runs.join(", ")} |`),
];
process.stdout.write(`${lines.join("\n")}\n`);
if (a.md) writeFileSync(a.md, `${lines.join("\n")}\n`);
if (a.json) writeFileSync(a.json, JSON.stringify({ loadStart, loadEnd: loadLine(), rows }, null, 2));
