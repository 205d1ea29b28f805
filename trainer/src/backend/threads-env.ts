/**
 * GANTRY_WASM_THREADS parsing, kept free of tfjs so worker pools (studies, the API's local
 * runner) can size their children without loading a backend. See wasm-threads.ts for why
 * threads are on by default.
 */
import os from "node:os";

/** Emscripten pre-spawns this many pthread workers; the pool cannot use more. */
export const MAX_WASM_THREADS = 8;

/**
 * Reads GANTRY_WASM_THREADS: unset, "" or "auto" → min(8, cores); else an integer 1..8.
 * @throws naming GANTRY_WASM_THREADS when it is neither "auto" nor an integer in [1, 8].
 */
export function requestedWasmThreads(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const raw = env["GANTRY_WASM_THREADS"]?.trim();
  if (raw === undefined || raw === "" || raw === "auto") return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WASM_THREADS) {
    throw new Error(`Invalid GANTRY_WASM_THREADS "${raw}": expected "auto" or an integer from 1 to ${MAX_WASM_THREADS}.`);
  }
  return n;
}

/**
 * GANTRY_WASM_THREADS for each child of a pool of `workers` trainer processes: the parent's
 * explicit setting if it has one, else an even share of the cores (at least 1).
 */
export function wasmThreadsPerWorker(workers: number, env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): string {
  const raw = env["GANTRY_WASM_THREADS"]?.trim();
  if (raw !== undefined && raw !== "" && raw !== "auto") return raw;
  return String(Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores / Math.max(1, workers)))));
}
