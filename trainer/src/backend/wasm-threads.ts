/**
 * Multi-threaded wasm (XNNPACK thread pool) in Node. GANTRY_WASM_THREADS = "auto" (default: one
 * thread per available core, at most 8) or a count from 1 to 8; 1 keeps the stock
 * single-threaded SIMD module.
 *
 * tfjs-backend-wasm refuses threads in Node outright (its WASM_HAS_MULTITHREAD_SUPPORT flag
 * returns false when IS_NODE), and its loader hands the pthread workers a Blob URL, which Node's
 * worker_threads cannot load. Its C++ also caps the pool at os.cpus().length / 2 (it assumes
 * hyperthreads), i.e. 1 thread on a 2-vCPU box. This module builds the threaded-SIMD module
 * itself: the worker script goes to a temp file, the main script is the package's own file on
 * disk, and the core count is presented as 2N while the module starts so the pool gets N
 * threads. Results are identical (XNNPACK splits work by output tiles; each output keeps its
 * summation order). Measured on the 2-vCPU dev machine (bench/README.md): 2 threads train the
 * DCGAN ~1.4–2x and the MLP ~1.35x faster than 1. Costs: ~0.8 s and ~145 MB RSS at start-up.
 *
 * Worker pools (studies, the API's local runner) give each child an explicit
 * GANTRY_WASM_THREADS = cores / workers, so several trainers never oversubscribe the cores.
 */
import { BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { requestedWasmThreads } from "./threads-env.ts";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
let configured: number | undefined;

/**
 * Installs the threaded wasm backend factory when more than one thread is requested. Must run
 * before the wasm backend is first initialised; later calls with a different count throw,
 * since the module (and every wasm tensor) would have to be rebuilt.
 */
export function configureWasmThreads(env: NodeJS.ProcessEnv = process.env): void {
  const n = requestedWasmThreads(env);
  if (configured !== undefined) {
    if (configured !== n) throw new Error(`GANTRY_WASM_THREADS changed from ${configured} to ${n} after the wasm backend started`);
    return;
  }
  configured = n;
  if (n === 1) return; // the stock single-threaded SIMD module
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", () => createThreadedBackend(n), 2);
}

/** The thread count the wasm module was (or will be) built with, or undefined before configuration. */
export function wasmThreadsConfigured(): number | undefined {
  return configured;
}

/** Suffix for BackendInfo.detail. */
export function wasmThreadsNote(): string {
  return configured !== undefined && configured > 1 ? " (threaded-simd build, GANTRY_WASM_THREADS)" : "";
}

async function createThreadedBackend(threads: number): Promise<BackendWasm> {
  const mainScript = require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js");
  const factory = require(mainScript) as (config: object) => Promise<EmscriptenModule>;
  const { wasmWorkerContents } = require("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js") as {
    wasmWorkerContents: string;
  };
  const dir = mkdtempSync(join(os.tmpdir(), "gantry-wasm-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const workerScript = join(dir, "worker.cjs");
  // The embedded source holds raw newlines inside string literals; re-escape them.
  writeFileSync(workerScript, wasmWorkerContents.replace(/\n/g, "\\n"));
  const realCpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, () => realCpus()[0]!);
  let mod: EmscriptenModule;
  try {
    mod = await factory({
      mainScriptUrlOrBlob: mainScript,
      locateFile: (path: string, prefix: string) =>
        path.endsWith(".worker.js")
          ? workerScript
          : path.endsWith(".wasm")
            ? join(dirname(mainScript), "tfjs-backend-wasm-threaded-simd.wasm")
            : prefix + path,
    });
  } finally {
    os.cpus = realCpus;
  }
  // The JS bridge tfjs' own loader attaches (same C entry points).
  mod.tfjs = {
    init: mod.cwrap("init", null, []),
    initWithThreadsCount: mod.cwrap("init_with_threads_count", null, ["number"]),
    getThreadsCount: mod.cwrap("get_threads_count", "number", []),
    registerTensor: mod.cwrap("register_tensor", null, ["number", "number", "number"]),
    disposeData: mod.cwrap("dispose_data", null, ["number"]),
    dispose: mod.cwrap("dispose", null, []),
  };
  setThreadsCount(threads);
  const backend = new BackendWasm(mod as unknown as ConstructorParameters<typeof BackendWasm>[0]);
  // The constructor starts the pool's pthreads; emscripten ref()s a worker while it runs a
  // pthread, and pool threads never exit, so unref them or the process could never end.
  const unref = (): void => mod.PThread?.runningWorkers.forEach((w) => w.unref());
  unref();
  setImmediate(unref);
  return backend;
}

interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  tfjs?: Record<string, (...a: number[]) => number>;
  PThread?: { runningWorkers: Array<{ unref(): void }> };
}
