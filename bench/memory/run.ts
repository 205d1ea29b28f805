/**
 * Memory over a long run, for leaks: `--part sampling` sends 10 000 sampling requests (n = 64 PNG of an MNIST mlp
 * generator, 16 clients) to the API app served on loopback with its pool of inference workers; `--part training`
 * runs 5 000 training steps (mlp/ns, the throughput benchmark's session). Each reports the live tensor count and
 * the process RSS after warm-up and at the end. Goal: tensor count flat, RSS growth < 5 % after warm-up.
 * Run with --expose-gc so both readings follow a full collection:
 *   node --expose-gc --import tsx bench/memory/run.ts --part sampling|training [--backend auto] [--requests 10000]
 *     [--steps 5000] [--json f] [--md f]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { serve } from "@hono/node-server";
import { type BackendRequest, initBackend, liveTensors } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { openStorage } from "@gantry/trainer/storage";
import { createApp } from "../../api/src/app.ts";
import { GeneratorCache } from "../../api/src/services/generator-cache.ts";
import { SamplerPool } from "../../api/src/services/sampler/pool.ts";
import { writeFreshModel } from "../../api/src/test-model.ts";
import { loadLine } from "../lib/stats.ts";
import { peerSession } from "../train-throughput/peer-session.ts";

const { values: a } = parseArgs({
  options: {
    part: { type: "string", default: "sampling" },
    backend: { type: "string", default: "auto" },
    requests: { type: "string", default: "10000" },
    steps: { type: "string", default: "5000" },
    json: { type: "string" },
    md: { type: "string" },
  },
});
interface Reading {
  rssMb: number;
  tensors: number;
}
const loadStart = loadLine();
const gc = (globalThis as { gc?: () => void }).gc;

async function sampling(): Promise<{ warm: Reading; end: Reading; backend: string; detail: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-mem-"));
  const storage = openStorage(`file://${dir}`);
  const backend = await initBackend(a.backend as BackendRequest);
  await writeFreshModel(storage, "m-mem", { data: { name: "mnist" }, loss: { name: "ns" }, model: { arch: "mlp" }, seed: 1 });
  const sampler = await SamplerPool.start({
    workers: os.availableParallelism(),
    storageUrl: storage.url,
    backend: backend.name,
    budgetBytes: 256 << 20,
  });
  const noop = () => {};
  const runner = {
    submit: async () => {},
    cancel: async () => false,
    start: async () => {},
    stop: async () => {},
    stats: () => ({ kind: "none", workers: 0, running: 0, queued: 0, finished: 0 }),
  };
  const generators = new GeneratorCache({ storage, budgetBytes: 1, load: loadGenerator });
  const app = createApp({
    storage,
    runner,
    generators,
    sampler,
    backend: backend.name,
    limits: { rateLimit: null },
    logger: { info: noop, warn: noop, error: noop },
  });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models/m-mem/samples`;
  const load = (amount: number) =>
    autocannon({
      url,
      method: "POST",
      body: JSON.stringify({ n: 64, seed: 1, format: "png" }),
      headers: { "content-type": "application/json" },
      connections: 16,
      amount,
    });
  const read = (): Reading => {
    gc?.();
    return { rssMb: process.memoryUsage().rss / 2 ** 20, tensors: liveTensors() + sampler.tensors() };
  };
  try {
    const total = Number(a.requests);
    const warmN = Math.max(64, Math.round(total / 10));
    await load(warmN);
    const warm = read();
    const r = await load(total);
    if (r.non2xx + r.errors + r.timeouts > 0) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    return {
      warm,
      end: read(),
      backend: sampler.backend.name,
      detail: `${total} requests after ${warmN} warm-up, ${r.requests.average.toFixed(0)} req/s`,
    };
  } finally {
    server.close();
    await sampler.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function training(): Promise<{ warm: Reading; end: Reading; backend: string; detail: string }> {
  const backend = await initBackend(a.backend as BackendRequest);
  const session = await peerSession(backend.name, "mlp", "ns");
  const read = (): Reading => {
    gc?.();
    return { rssMb: process.memoryUsage().rss / 2 ** 20, tensors: liveTensors() };
  };
  try {
    const total = Number(a.steps);
    const warmN = Math.max(10, Math.round(total / 10));
    for (let i = 0; i < warmN; i++) session.runStep();
    const warm = read();
    let peakTensors = warm.tensors;
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      session.runStep();
      if (i % 100 === 0) peakTensors = Math.max(peakTensors, liveTensors());
    }
    const rate = total / ((performance.now() - t0) / 1000);
    return {
      warm,
      end: read(),
      backend: backend.name,
      detail: `${total} steps after ${warmN} warm-up, ${rate.toFixed(1)} steps/s, peak tensors ${peakTensors}`,
    };
  } finally {
    session.dispose();
  }
}

const r = a.part === "training" ? await training() : await sampling();
const growth = (100 * (r.end.rssMb - r.warm.rssMb)) / r.warm.rssMb;
const line =
  `| ${a.part} | ${r.backend} | ${r.detail} | ${r.warm.tensors} → ${r.end.tensors} | ${r.warm.rssMb.toFixed(0)} → ${r.end.rssMb.toFixed(0)} | ` +
  `${growth.toFixed(1)} % | ${loadStart} → ${loadLine()} |`;
process.stdout.write(
  `| part | backend | run | tensors (warm → end) | RSS MiB (warm → end) | RSS growth | load |\n| --- | --- | --- | --- | --- | --- | --- |\n${line}\n`,
);
if (!gc) process.stderr.write("note: run with --expose-gc for readings after a full collection\n");
if (a.md) writeFileSync(a.md, `${line}\n`);
if (a.json) writeFileSync(a.json, JSON.stringify({ part: a.part, ...r, growthPct: growth, loadStart, loadEnd: loadLine() }, null, 2));
process.exit(0);
