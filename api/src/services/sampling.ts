import { GeneratorInputError } from "@gantry/core";
import { encodeNpy } from "@gantry/trainer/data";
import { storageUnavailable, trainingKeys, type Storage } from "@gantry/trainer/storage";
import { Problem, conflict, invalid, notFound } from "../http/problem.ts";
import type { ModelVersion } from "./generator-cache.ts";
import { samplesPng } from "./render.ts";

/** The trainer's CheckpointError, recognised by shape so only its type is imported here. */
function checkpointErrorCode(err: unknown): string | null {
  if (!(err instanceof Error) || err.name !== "CheckpointError") return null;
  const code: unknown = (err as Error & { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}

/** Maps a generator-loading failure to the problem a client can act on. */
export async function loadProblem(err: unknown, storage: Storage, id: string, version: ModelVersion, hint: string): Promise<unknown> {
  const code = checkpointErrorCode(err);
  if (code === null || storageUnavailable(err)) return err; // an outage is a 503 (onError), not a broken checkpoint
  if (!(await storage.head(trainingKeys(id).config))) return notFound(`model ${id}`);
  if (code === "not_found") {
    if (typeof version === "number") return notFound(`version ${version} of model ${id}`);
    return conflict("model-not-ready", `model ${id} has no ${version === "best" ? "best checkpoint" : "checkpoint"} yet; ${hint}`);
  }
  return new Problem(500, "checkpoint-unreadable", "Internal Server Error", `the checkpoint of model ${id} cannot be read (${code})`);
}

export interface Rendered {
  body: Uint8Array | string;
  contentType: string;
}

/** The response body of a sample/interpolation result in the requested format. */
export function renderSamples(
  r: { data: Float32Array; shape: number[] },
  format: "json" | "png" | "npy",
  meta: { seed: number | null; version: number },
): Rendered {
  if (format === "png") return { body: samplesPng(r.data, r.shape), contentType: "image/png" };
  if (format === "npy") return { body: encodeNpy(r.data, r.shape), contentType: "application/octet-stream" };
  const [n = 0, ...rest] = r.shape;
  const width = rest.reduce((a, b) => a * b, 1);
  const data: number[][] = [];
  for (let i = 0; i < n; i++) data.push(Array.from(r.data.subarray(i * width, (i + 1) * width)));
  return { body: JSON.stringify({ shape: r.shape, data, seed: meta.seed, version: meta.version }), contentType: "application/json" };
}

/** The generator's typed input error names its field; make it a 422 at that body field. */
export function generatorInputProblem(err: unknown): unknown {
  if (!(err instanceof GeneratorInputError)) return err;
  return invalid(422, [{ path: `body.${err.field}`, message: err.message }]);
}
