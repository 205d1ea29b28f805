/**
 * parseUpload on a worker thread, so that inflating, decoding and scaling an upload (up to seconds of CPU for a
 * large or hostile file) never blocks the caller's event loop. Workers are reused (starting one costs ~1 s: it
 * loads the TypeScript sources through tsx), at most two parse at once, an idle one exits after a minute, and one
 * that times out or runs out of memory is terminated rather than reused.
 */
import { Worker } from "node:worker_threads";
import { DEFAULT_LIMITS, UploadError, type UploadLimits } from "./errors.ts";
import type { ParsedUpload } from "./parse.ts";

/** A parsed upload in its stored form: normalised float32 samples encoded as a .npy file. */
export interface EncodedUpload extends Omit<ParsedUpload, "data"> {
  npy: Uint8Array;
}

export interface OffThreadOptions extends UploadLimits {
  /** A parse still running after this is stopped and rejected (ms). Default 120 s. */
  timeoutMs?: number;
}

type Reply = { ready: true } | { ok: EncodedUpload } | { error: { problem: string; upload: boolean } };

const MAX_PARALLEL = 2; // each parse may hold a few times maxBytes; two at once bound the memory of bursts
const IDLE_MS = 60_000;
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<Worker> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  const reuse = idle.pop();
  if (reuse) {
    clearTimeout(reuse.timer);
    reuse.worker.ref(); // a parse in progress keeps the process alive
    return reuse.worker;
  }
  const worker = new Worker(new URL("./parse-worker.mjs", import.meta.url), {
    // Strings (CSV text, cells) live on the heap; typed arrays are bounded by the upload limits instead.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return worker;
}

function release(worker: Worker | null): void {
  if (worker) {
    worker.unref(); // an idle parser never keeps a process alive
    const timer = setTimeout(() => {
      const i = idle.findIndex((w) => w.worker === worker);
      if (i >= 0) idle.splice(i, 1);
      void worker.terminate();
    }, IDLE_MS);
    timer.unref();
    idle.push({ worker, timer });
  }
  running--;
  waiting.shift()?.();
}

/**
 * Parses `bytes` like parseUpload, off the calling thread (its buffer is transferred when it is a whole one: do
 * not use it afterwards). Rejects with UploadError naming the file for any invalid, oversized or too-slow upload.
 */
export async function parseUploadOffThread(filename: string, bytes: Uint8Array, opts: OffThreadOptions = {}): Promise<EncodedUpload> {
  const { timeoutMs = 120_000, ...limits } = opts;
  const worker = await acquire();
  let reusable = false;
  try {
    return await new Promise<EncodedUpload>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new UploadError(filename, `parsing took longer than ${Math.round(timeoutMs / 1000)} s; upload a smaller file`));
      }, timeoutMs);
      const onMessage = (r: Reply) => {
        if ("ready" in r) return;
        cleanup();
        reusable = true;
        if ("ok" in r) resolve(r.ok);
        else reject(r.error.upload ? new UploadError(filename, r.error.problem) : new Error(r.error.problem));
      };
      const onError = (e: Error & { code?: string }) => {
        cleanup();
        reject(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? new UploadError(filename, "too large to parse within the memory limit") : e);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`upload parser exited with code ${code} before answering`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      };
      worker.on("message", onMessage).once("error", onError).once("exit", onExit);
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      worker.postMessage({ filename, bytes, limits: { ...DEFAULT_LIMITS, ...limits } }, whole ? [bytes.buffer as ArrayBuffer] : []);
    });
  } finally {
    if (!reusable) void worker.terminate();
    release(reusable ? worker : null);
  }
}

/** Starts a parser worker ahead of the first upload (servers call it at start; tests before timing-free checks). */
export async function warmUploadParser(): Promise<void> {
  const worker = await acquire();
  let ok = false;
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve()).once("error", reject);
    });
    ok = true;
  } finally {
    if (!ok) void worker.terminate();
    release(ok ? worker : null);
  }
}
