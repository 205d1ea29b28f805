/**
 * Soak: 50 clients sample one real trained generator for 30 s over loopback (autocannon); reports errors, request
 * rate, latency, and RSS / tf tensor count at start and end (flat = no leak).
 *   npx tsx bench/soak/run.ts [--connections 50] [--seconds 30] [--n 16]
 * Trains a small ring8 model first (a child gantry-train, ~100 steps) into a temp storage directory. No PyTorch
 * peer here: this measures the API's stability, not training speed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { serve } from "@hono/node-server";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { openStorage } from "@gantry/trainer/storage";
import { createApp } from "../../api/src/app.ts";
import { GeneratorCache } from "../../api/src/services/generator-cache.ts";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-soak-"));
const cfg = path.join(dir, "run.json");
writeFileSync(cfg, JSON.stringify({ data: { name: "ring8" }, loss: { name: "ns" }, steps: 100, model: { gHidden: [64, 64], dHidden: [64, 64] } }));
execFileSync(
  process.execPath,
  [
    path.join(root, "trainer/bin/gantry-train.mjs"),
    "--config",
    cfg,
    "--storage",
    `file://${dir}/store`,
    "--id",
    "t-soak",
    "--quiet",
    "--backend",
    "wasm",
  ],
  { stdio: "inherit" },
);

const backend = await initBackend("wasm");
const storage = openStorage(`file://${dir}/store`);
const runner = {
  submit: async () => {},
  cancel: async () => false,
  start: async () => {},
  stop: async () => {},
  stats: () => ({ kind: "none", workers: 0, running: 0, queued: 0, finished: 0 }),
};
const generators = new GeneratorCache({ storage, budgetBytes: 256 * 1024 * 1024, load: loadGenerator });
const app = createApp({
  storage,
  runner,
  generators,
  backend: backend.name,
  limits: { rateLimit: null },
  logger: { info() {}, warn() {}, error() {} },
});
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
await new Promise((r) => server.once("listening", r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models/t-soak/samples`;
const body = JSON.stringify({ n: arg("n", 16), seed: 1 });
// Warm-up: load the generator once so the start figures include it.
await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
global.gc?.();
const start = { rss: process.memoryUsage().rss, tensors: tf.memory().numTensors };
const result = await autocannon({
  url,
  method: "POST",
  body,
  headers: { "content-type": "application/json" },
  connections: arg("connections", 50),
  duration: arg("seconds", 30),
});
global.gc?.();
const end = { rss: process.memoryUsage().rss, tensors: tf.memory().numTensors };
server.close();
rmSync(dir, { recursive: true, force: true });
const mb = (b: number) => (b / 2 ** 20).toFixed(0);
const non2xx = result.non2xx + result.errors + result.timeouts;
console.log(
  `soak: ${result.connections} clients × ${result.duration} s, ${result.requests.total} requests (${result.requests.average.toFixed(0)}/s), latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`,
);
console.log(`errors: ${result.errors}, timeouts: ${result.timeouts}, non-2xx: ${result.non2xx}`);
console.log(
  `RSS ${mb(start.rss)} MB → ${mb(end.rss)} MB; tf tensors ${start.tensors} → ${end.tensors}; load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
process.exit(non2xx === 0 && end.tensors === start.tensors ? 0 : 1);
