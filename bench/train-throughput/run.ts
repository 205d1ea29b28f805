/**
 * Training throughput: steps/s for {mlp, dcgan, mlp2d} × {ns, wgan-gp} at batch 64 on each named backend, with the
 * PyTorch peer (../shared/bench/peer) measured in the same run and the ratio printed. Each backend runs in its own
 * child process (native and wasm size their thread pools once per process), one after the other.
 *
 * One step = one generator update plus its critic updates (ns: 1, wgan-gp: 5 with λ = 10 and per-sample ε), Adam
 * (1e-4, 0.5, 0.999) for both networks — the peer's definition. The dcgan critic keeps batch norm here because the
 * peer's does (Gantry's `dNorm: "auto"` would drop it under a gradient penalty).
 *
 *   npx tsx bench/train-throughput/run.ts [--backends native,wasm] [--cells mlp/ns,dcgan/ns] [--seconds 5] [--repeats 3]
 *     [--no-peer] [--off matmulSwap,adamFused]
 *
 * --off turns the named wasm patches off (setWasmPatches), to time before/after in the same conditions. Each row
 * also gives CPU-ms per step (process.cpuUsage), which a loaded machine distorts far less than steps/s.
 */
import { peerSession } from "./peer-session.ts";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { requestedWasmThreads, setWasmPatches, type WasmPatch } from "../../trainer/src/backend/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    backends: { type: "string", default: "native,wasm" },
    cells: { type: "string", default: "mlp/ns,mlp/wgan-gp,dcgan/ns,dcgan/wgan-gp,mlp2d/ns,mlp2d/wgan-gp" },
    /** Internal: measure one backend on one cell and print its JSON (the parent spawns these). */
    child: { type: "string" },
    seconds: { type: "string", default: "5" },
    repeats: { type: "string", default: "3" },
    "no-peer": { type: "boolean", default: false },
    off: { type: "string", default: "" },
  },
});
const seconds = Number(args.seconds);
const repeats = Number(args.repeats);
const off = args.off ? args.off.split(",").map((p) => [p as WasmPatch, false] as const) : [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function gantrySteps(backend: string, arch: string, loss: string): Promise<{ rate: number; cpuMs: number }> {
  const session = await peerSession(backend, arch, loss);
  setWasmPatches(Object.fromEntries(off));
  try {
    const rates: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      let n = 0;
      while (performance.now() - t0 < seconds * 1000) {
        session.runStep();
        n++;
      }
      const c = process.cpuUsage(c0);
      rates.push(n / ((performance.now() - t0) / 1000));
      cpu.push((c.user + c.system) / 1000 / n);
    }
    return { rate: median(rates), cpuMs: median(cpu) };
  } finally {
    session.dispose();
  }
}

function peerSteps(arch: string, loss: string): number | null {
  // GANTRY_PEER points at the peer when the checkout does not sit next to ../shared (e.g. a git worktree).
  const peer = process.env["GANTRY_PEER"] ?? resolve(here, "../../../shared/bench/peer");
  if (args["no-peer"] || !existsSync(peer)) return null;
  const r = spawnSync(peer, ["--model", arch, "--loss", loss, "--seconds", String(seconds), "--repeats", String(repeats)], { encoding: "utf8" });
  const last = r.stdout.trim().split("\n").pop();
  if (r.status !== 0 || !last) {
    console.error(`peer failed for ${arch}/${loss}: ${r.stderr.slice(-500)}`);
    return null;
  }
  return (JSON.parse(last) as { steps_per_s: number }).steps_per_s;
}

/** Runs gantrySteps for one backend and cell in a fresh process. */
function inChild(backend: string, cell: string): { rate: number; cpuMs: number } {
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      "--child",
      `${backend}:${cell}`,
      "--seconds",
      String(seconds),
      "--repeats",
      String(repeats),
      ...(args.off ? ["--off", args.off] : []),
    ],
    { encoding: "utf8" },
  );
  const last = r.stdout.trim().split("\n").pop();
  if (r.status !== 0 || !last) throw new Error(`${backend} ${cell} failed: ${r.stderr.slice(-800)}`);
  return JSON.parse(last) as { rate: number; cpuMs: number };
}

if (args.child) {
  const [backend, cell] = args.child.split(":") as [string, string];
  const [arch, loss] = cell.split("/") as [string, string];
  console.log(JSON.stringify(await gantrySteps(backend, arch, loss)));
  process.exit(0);
}

// The ratio compares like with like only when both sides say how many threads they used.
console.log(
  `threads: ${requestedWasmThreads()} (GANTRY_WASM_THREADS, default auto = one per core; native: oneDNN's pool, ` +
    `wasm: XNNPACK's); peer: 2 threads`,
);
const rows: string[] = [
  "| cell | backend | gantry steps/s | gantry CPU-ms/step | pytorch steps/s | ratio |",
  "| --- | --- | --- | --- | --- | --- |",
];
for (const cell of args.cells!.split(",")) {
  const [arch, loss] = cell.split("/") as [string, string];
  const peer = peerSteps(arch, loss);
  for (const backend of args.backends!.split(",")) {
    const { rate: ours, cpuMs } = inChild(backend, cell);
    const ratio = peer ? (ours / peer).toFixed(2) : "n/a";
    const row = `| ${arch}/${loss} | ${backend} | ${ours.toFixed(2)} | ${cpuMs.toFixed(1)} | ${peer?.toFixed(2) ?? "n/a"} | ${ratio} |`;
    console.log(row);
    rows.push(row);
  }
}
console.log(`\n${rows.join("\n")}`);
