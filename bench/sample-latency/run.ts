/**
 * Sampling latency as a client sees it: the real API server (a child process on loopback) serving MNIST generators
 * (mlp and dcgan, freshly initialised weights written as a checkpoint: the forward pass costs the same as a trained
 * one's), `POST /v1/models/{id}/samples` with n = 64 as PNG and as JSON, 1 and 16 concurrent clients (autocannon),
 * on native and wasm. Next to it, in this process: Gantry's G forward for the same batch, the PNG and JSON encoding
 * time, and the PyTorch peer's G forward (`peer --mode sample`) as the compute floor.
 *   npx tsx bench/sample-latency/run.ts [--seconds 20] [--backends native,wasm] [--archs mlp,dcgan]
 *     [--formats png,json] [--clients 1,16] [--workers <GANTRY_SAMPLER_WORKERS>] [--no-peer] [--json f] [--md f]
 * Goals at 16 clients: mlp p50 ≤ 15 ms and p99 ≤ 50 ms; dcgan forward ≤ 1.5× the peer's; PNG encoding under half
 * the request time. autocannon runs in this process and takes CPU from the server on a small machine; each cell
 * also reports CPU ms per request of the server process (all threads, from /proc) and of this process, the figure
 * that stays comparable when other work loads the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { type BackendRequest, initBackend } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { openStorage } from "@gantry/trainer/storage";
import { samplesPng } from "../../api/src/services/render.ts";
import { renderSamples } from "../../api/src/services/sampling.ts";
import { writeFreshModel } from "../../api/src/test-model.ts";
import { peerModel, runPeer } from "../lib/peer.ts";
import { startServer } from "../lib/server.ts";
import { loadLine, timeMs } from "../lib/stats.ts";

const { values: a } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    backends: { type: "string", default: "native,wasm" },
    archs: { type: "string", default: "mlp,dcgan" },
    formats: { type: "string", default: "png,json" },
    clients: { type: "string", default: "1,16" },
    workers: { type: "string" },
    "no-peer": { type: "boolean", default: false },
    json: { type: "string" },
    md: { type: "string" },
  },
});
const list = (s: string) => s.split(",").filter(Boolean);
const N = 64;
const loadStart = loadLine();
const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-sample-lat-"));
const storageUrl = `file://${dir}`;
const storage = openStorage(storageUrl);

interface Floor {
  backend: string;
  arch: string;
  forwardMs: number;
  pngMs: number;
  jsonMs: number;
}
interface Cell {
  backend: string;
  arch: string;
  format: string;
  clients: number;
  p50: number;
  p99: number;
  reqPerS: number;
  requests: number;
  failed: number;
  /** CPU time per request: the server process (all its threads), and this process (autocannon, on the same cores). */
  serverCpuMs: number | null;
  toolCpuMs: number;
}
const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(d));
const floors: Floor[] = [];
const cells: Cell[] = [];
const peer: Record<string, number | null> = {};

try {
  await initBackend("wasm");
  for (const arch of list(a.archs)) {
    await writeFreshModel(storage, `m-${arch}`, {
      data: { name: "mnist" },
      loss: { name: "ns" },
      model: peerModel(arch as "mlp" | "dcgan"),
      seed: 1,
    });
  }
  for (const backend of list(a.backends)) {
    await initBackend(backend as BackendRequest);
    for (const arch of list(a.archs)) {
      const g = await loadGenerator(storage, `m-${arch}`, "latest");
      const r = g.sample({ n: N, seed: 1 });
      floors.push({
        backend,
        arch,
        forwardMs: timeMs(() => g.sample({ n: N, seed: 1 }), 2000),
        pngMs: timeMs(() => samplesPng(r.data, r.shape)),
        jsonMs: timeMs(() => renderSamples(r, "json", { seed: 1, version: 1 })),
      });
      g.dispose();
    }
  }
  for (const backend of list(a.backends)) {
    const server = await startServer({
      GANTRY_STORAGE: storageUrl,
      GANTRY_BACKEND: backend,
      ...(a.workers !== undefined ? { GANTRY_SAMPLER_WORKERS: a.workers } : {}),
    });
    try {
      for (const arch of list(a.archs)) {
        const url = `${server.url}/v1/models/m-${arch}/samples`;
        for (const format of list(a.formats)) {
          const body = JSON.stringify({ n: N, seed: 1, format });
          const headers = { "content-type": "application/json" };
          // Warm-up: every worker loads the generator and runs its first passes.
          await autocannon({ url, method: "POST", body, headers, connections: 16, amount: 64 });
          for (const clients of list(a.clients).map(Number)) {
            const cpu0 = server.cpuMs();
            const tool0 = process.cpuUsage();
            const r = await autocannon({ url, method: "POST", body, headers, connections: clients, duration: Number(a.seconds) });
            const tool = process.cpuUsage(tool0);
            const cpu1 = server.cpuMs();
            const perReq = (ms: number) => ms / Math.max(1, r.requests.total);
            cells.push({
              backend,
              arch,
              format,
              clients,
              p50: r.latency.p50,
              p99: r.latency.p99,
              reqPerS: r.requests.average,
              requests: r.requests.total,
              failed: r.non2xx + r.errors + r.timeouts,
              serverCpuMs: cpu0 === null || cpu1 === null ? null : perReq(cpu1 - cpu0),
              toolCpuMs: perReq((tool.user + tool.system) / 1000),
            });
            const failed = r.non2xx + r.errors + r.timeouts;
            process.stderr.write(
              `${backend} ${arch} ${format} ×${clients}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, server CPU ${f(cells.at(-1)?.serverCpuMs, 2)} ms/req, ${failed} failed\n`,
            );
            if (failed > 0) {
              const res = await fetch(url, { method: "POST", body, headers }).catch((e: unknown) => e as Error);
              const why = res instanceof Error ? res.message : `${res.status} ${(await res.text()).slice(0, 300)}`;
              process.stderr.write(`  a failed cell's request answers: ${why}\n`);
            }
          }
        }
      }
    } finally {
      await server.stop();
    }
  }
  if (!a["no-peer"]) {
    for (const arch of list(a.archs)) {
      const s = runPeer(["--model", arch, "--loss", "ns", "--mode", "sample", "--batch", String(N), "--seconds", "3", "--repeats", "3"]);
      peer[arch] = s ? Number(s["sample_ms"]) : null;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lines: string[] = [];
lines.push(`Sampling n = ${N} over loopback, ${a.seconds} s per cell; load at start ${loadStart}, at end ${loadLine()}`);
lines.push("");
lines.push("| backend | arch | G forward ms | peer forward ms | forward / peer | PNG encode ms | JSON render ms |");
lines.push("| --- | --- | --- | --- | --- | --- | --- |");
for (const x of floors) {
  const p = peer[x.arch];
  lines.push(
    `| ${x.backend} | ${x.arch} | ${f(x.forwardMs, 2)} | ${f(p, 2)} | ${p ? f(x.forwardMs / p, 2) : "—"} | ${f(x.pngMs, 2)} | ${f(x.jsonMs, 2)} |`,
  );
}
lines.push("");
lines.push(
  "| backend | arch | format | clients | p50 ms | p99 ms | req/s | requests | failed | server CPU ms/req | autocannon CPU ms/req | PNG encode share of p50 |",
);
lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const c of cells) {
  const fl = floors.find((x) => x.backend === c.backend && x.arch === c.arch);
  const share = c.format === "png" && fl && c.requests > 0 ? `${f((100 * fl.pngMs) / Math.max(c.p50, 1e-9), 0)} %` : "—";
  lines.push(
    `| ${c.backend} | ${c.arch} | ${c.format} | ${c.clients} | ${c.p50} | ${c.p99} | ${f(c.reqPerS, 0)} | ${c.requests} | ${c.failed} | ${f(c.serverCpuMs, 2)} | ${f(c.toolCpuMs, 2)} | ${share} |`,
  );
}
const md = lines.join("\n");
process.stdout.write(`${md}\n`);
if (a.md) writeFileSync(a.md, `${md}\n`);
if (a.json) writeFileSync(a.json, JSON.stringify({ n: N, seconds: Number(a.seconds), loadStart, loadEnd: loadLine(), floors, peer, cells }, null, 2));
