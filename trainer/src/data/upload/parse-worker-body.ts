/** Runs in a worker thread: parses each upload it is sent and answers with the stored form (a float32 .npy). */
import { parentPort } from "node:worker_threads";
import { UploadError, type UploadLimits } from "./errors.ts";
import { encodeNpy } from "./npy.ts";
import { parseUpload } from "./parse.ts";

parentPort!.on("message", ({ filename, bytes, limits }: { filename: string; bytes: Uint8Array; limits: UploadLimits }) => {
  try {
    const p = parseUpload(filename, bytes, limits);
    const npy = encodeNpy(p.data, [p.count, ...p.sampleShape]);
    parentPort!.postMessage({ ok: { npy, sampleShape: p.sampleShape, count: p.count, source: p.source } }, [npy.buffer as ArrayBuffer]);
  } catch (e) {
    const problem = e instanceof UploadError ? e.problem : e instanceof Error ? e.message : String(e);
    parentPort!.postMessage({ error: { problem, upload: e instanceof UploadError } });
  }
});
parentPort!.postMessage({ ready: true });
