/**
 * An inference worker: its own tfjs backend (native or wasm, GANTRY_WASM_THREADS threads) and its own generator
 * cache, answering sampling jobs from the API thread. Rendering (PNG, JSON) happens here too, off the event loop.
 */
import { parentPort, workerData } from "node:worker_threads";
import { initBackend, liveTensors } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { openStorage } from "@gantry/trainer/storage";
import { GeneratorCache } from "../generator-cache.ts";
import { runJob } from "../sample-job.ts";
import { toWire } from "../worker-errors.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol.ts";

const port = parentPort;
if (!port) throw new Error("the sampler worker runs as a worker thread");
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const init = workerData as WorkerInit;

try {
  const backend = await initBackend(init.backend);
  const cache = new GeneratorCache({ storage: openStorage(init.storageUrl), budgetBytes: init.budgetBytes, load: loadGenerator });
  port.on("message", (m: ToWorker) => {
    if (m.type === "evict") return cache.evict(m.id);
    cache
      .use(m.job.id, m.job.version, m.job.ema, (g) => runJob(g, m.job))
      .then(
        (result) => {
          const body = result.body;
          // Hand the bytes over instead of copying them; only a buffer the body owns whole can be transferred.
          const own = typeof body !== "string" && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
          post({ type: "done", seq: m.seq, result, stats: cache.stats(), tensors: liveTensors() }, own ? [body.buffer as ArrayBuffer] : []);
        },
        (err: unknown) => post({ type: "failed", seq: m.seq, error: toWire(err), stats: cache.stats(), tensors: liveTensors() }),
      );
  });
  post({ type: "ready", backend: backend.name, detail: backend.detail });
} catch (err) {
  post({ type: "init-failed", error: toWire(err) });
}
