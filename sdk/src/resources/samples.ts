import { GantryError } from "../core/errors.ts";
import { parseNpy } from "../core/npy.ts";
import { readBody, type RequestOptions, type Transport } from "../core/transport.ts";
import type { InterpolationRequest, PngParams, SampleFormat, SampleRequest, SamplesJson } from "../types.ts";

/** Samples as float32: `data` holds `shape[0]` rows of `shape[1..]` values each, in C order. */
export interface SampleArray {
  shape: number[];
  data: Float32Array;
  /** One view into `data` per sample (no copies). */
  rows: Float32Array[];
  /** The latent seed used (null when explicit latents were given). */
  seed: number | null;
  /** The checkpoint step that produced them. */
  version: number;
}

/** A PNG: an image grid, or a scatter plot for 2-D data. */
export interface SampleImage {
  data: Uint8Array;
  contentType: "image/png";
  seed: number | null;
  version: number;
}

export interface SampleOptions extends RequestOptions {
  /** `Prefer: wait=<seconds>`: let a still-running training finish first, so its final checkpoint is sampled. */
  wait?: number;
}

type Png = { format: "png" };
type NotPng = { format?: Exclude<SampleFormat, "png"> };

const seg = encodeURIComponent;
const ACCEPT: Record<SampleFormat, string> = { json: "application/json", npy: "application/octet-stream", png: "image/png" };

/** /v1/models/{id}/samples, samples.png and interpolations. */
export class Samples {
  constructor(private readonly t: Transport) {}

  /** Draws `n` samples; `format: "png"` gives a PNG, json (default) and npy give float32 rows. */
  create(model: string, body: SampleRequest & Png, opts?: SampleOptions): Promise<SampleImage>;
  create(model: string, body: SampleRequest & NotPng, opts?: SampleOptions): Promise<SampleArray>;
  create(model: string, body: SampleRequest, opts?: SampleOptions): Promise<SampleArray | SampleImage>;
  create(model: string, body: SampleRequest, opts: SampleOptions = {}): Promise<SampleArray | SampleImage> {
    return this.post(`/v1/models/${seg(model)}/samples`, body, body.format ?? "json", opts);
  }

  /** A PNG of `n` samples (GET samples.png; default n = 64). */
  async png(model: string, params: PngParams = {}, opts: SampleOptions = {}): Promise<SampleImage> {
    return this.getPng(`/v1/models/${seg(model)}/samples.png`, params, opts);
  }

  /** A PNG from a study run's checkpoint (image grid or 2-D scatter), as `png` gives for a model. */
  studyRunPng(study: string, runId: string, params: PngParams = {}, opts: RequestOptions = {}): Promise<SampleImage> {
    return this.getPng(`/v1/studies/${seg(study)}/runs/${seg(runId)}/samples.png`, params, opts);
  }

  private async getPng(path: string, params: PngParams, opts: SampleOptions): Promise<SampleImage> {
    const { version, ...rest } = params;
    const query = { ...rest, ...(version !== undefined ? { version: String(version) } : {}) };
    const res = await this.t.send({ method: "GET", path, query, accept: ACCEPT.png }, withPrefer(opts));
    return decode(res, "png", opts.signal) as Promise<SampleImage>;
  }

  /** `steps` points from `from` to `to` (seeds or explicit latents), including both ends. */
  interpolate(model: string, body: InterpolationRequest & Png, opts?: SampleOptions): Promise<SampleImage>;
  interpolate(model: string, body: InterpolationRequest & NotPng, opts?: SampleOptions): Promise<SampleArray>;
  interpolate(model: string, body: InterpolationRequest, opts?: SampleOptions): Promise<SampleArray | SampleImage>;
  interpolate(model: string, body: InterpolationRequest, opts: SampleOptions = {}): Promise<SampleArray | SampleImage> {
    return this.post(`/v1/models/${seg(model)}/interpolations`, body, body.format ?? "json", opts);
  }

  private async post(path: string, body: object, format: SampleFormat, opts: SampleOptions): Promise<SampleArray | SampleImage> {
    const res = await this.t.send({ method: "POST", path, json: body, accept: ACCEPT[format] }, withPrefer(opts));
    return decode(res, format, opts.signal);
  }
}

function withPrefer(opts: SampleOptions): RequestOptions {
  const { wait, ...rest } = opts;
  if (wait === undefined) return rest;
  return {
    ...rest,
    headers: { ...rest.headers, prefer: `wait=${Math.round(wait)}` },
    timeout: Math.max(rest.timeout ?? 0, wait * 1000 + 30_000),
  };
}

function headerSeed(h: Headers): number | null {
  const v = h.get("x-gantry-seed");
  return v === null || v === "none" ? null : Number(v);
}

/** Splits flat C-order data into one subarray view per sample. */
export function toRows(data: Float32Array, shape: readonly number[]): Float32Array[] {
  const n = shape[0] ?? 0;
  const per = n === 0 ? 0 : data.length / n;
  return Array.from({ length: n }, (_, i) => data.subarray(i * per, (i + 1) * per));
}

async function decode(res: Response, format: SampleFormat, signal?: AbortSignal): Promise<SampleArray | SampleImage> {
  const version = Number(res.headers.get("x-gantry-version") ?? NaN);
  if (format === "png") {
    const data = new Uint8Array(await readBody(res, (r) => r.arrayBuffer(), signal));
    return { data, contentType: "image/png", seed: headerSeed(res.headers), version };
  }
  if (format === "npy") {
    const { shape, data } = parseNpy(new Uint8Array(await readBody(res, (r) => r.arrayBuffer(), signal)));
    return { shape, data, rows: toRows(data, shape), seed: headerSeed(res.headers), version };
  }
  const body = await readBody(res, (r) => r.json() as Promise<SamplesJson>, signal);
  const per = body.shape.slice(1).reduce((a, b) => a * b, 1);
  const data = new Float32Array(body.data.length * per);
  body.data.forEach((row, i) => {
    if (row.length !== per) throw new GantryError(`sample ${i} has ${row.length} values; shape [${body.shape.join(", ")}] needs ${per}`);
    data.set(row, i * per);
  });
  return { shape: body.shape, data, rows: toRows(data, body.shape), seed: body.seed, version: body.version };
}
