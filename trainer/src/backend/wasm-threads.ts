/**
 * Optional multi-threaded wasm (XNNPACK thread pool) in Node, enabled with GANTRY_WASM_THREADS=N.
 *
 * Why opt-in and not default: tfjs-backend-wasm refuses threads in Node outright (its
 * WASM_HAS_MULTITHREAD_SUPPORT flag returns false when IS_NODE), and its loader hands the
 * pthread workers a Blob URL, which Node's worker_threads cannot load. Its C++ also caps the
 * pool at os.cpus().length / 2 (it assumes hyperthreads), i.e. 1 thread on a 2-vCPU box.
 * This module builds the threaded-SIMD module itself: the worker script goes to a temp file,
 * the main script is the package's own file on disk, and the core count is presented as 2N
 * while the module starts so the pool gets N threads. Results are identical (same kernels).
 * On the shared 2-vCPU dev machine 2 threads were not faster (no idle core to use), hence off
 * by default; on an idle multi-core host the conv/matmul-heavy steps can use the extra cores.
 */
import { BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";

/** Emscripten pre-spawns this many pthread workers; the pool cannot use more. */
const MAX_THREADS = 8;
const require = createRequire(import.meta.url);
let configured: number | undefined;

/**
 * Reads GANTRY_WASM_THREADS (default 1).
 * @throws naming GANTRY_WASM_THREADS when it is not an integer in [1, 8].
 */
export function requestedWasmThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env["GANTRY_WASM_THREADS"]?.trim();
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new Error(`Invalid GANTRY_WASM_THREADS "${raw}": expected an integer from 1 to ${MAX_THREADS}.`);
  }
  return n;
}

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

/** Suffix for BackendInfo.detail. */
export function wasmThreadsNote(): string {
  return configured !== undefined && configured > 1 ? " (threaded-simd build, GANTRY_WASM_THREADS)" : "";
}

async function createThreadedBackend(threads: number): Promise<BackendWasm> {
  const mainScript = require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js");
  const factory = require(mainScript) as (config: object) => Promise<EmscriptenModule>;
  const { wasmWorkerContents } = require(
    "@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js") as { wasmWorkerContents: string };
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
        path.endsWith(".worker.js") ? workerScript
          : path.endsWith(".wasm") ? join(dirname(mainScript), "tfjs-backend-wasm-threaded-simd.wasm")
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
