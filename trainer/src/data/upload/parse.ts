/**
 * parseUpload: turns an uploaded file into normalised float32 samples in [−1, 1] (see normalise.ts for the rule),
 * or throws an UploadError naming the file and the problem.
 */
import { gunzipSync } from "node:zlib";
import { isGzip, parseIdx } from "../idx.ts";
import { parseCsv } from "./csv.ts";
import { DEFAULT_LIMITS, UploadError, type UploadLimits, formatBytes } from "./errors.ts";
import { stackPngs } from "./images.ts";
import { type RawValues, normalise } from "./normalise.ts";
import { parseNpy } from "./npy.ts";
import { readTar } from "./tar.ts";
import { unzipBounded } from "./unzip.ts";

export type UploadFormat = "npy" | "idx" | "csv" | "zip" | "tar";

export interface ParsedUpload {
  /** count × prod(sampleShape) values in [−1, 1], sample-major. */
  data: Float32Array;
  /** [D] for tables, [H, W, C] for images (N×H×W arrays get C = 1). */
  sampleShape: number[];
  count: number;
  source: { format: UploadFormat; dtype: string };
}

interface Raw {
  values: RawValues;
  dtype: string;
  shape: number[];
}

const EXTENSIONS = ".npy, .csv, .zip, .tar (.tar.gz, .tgz), IDX (.idx, *-ubyte, optionally .gz)";

/** Picks the format from the file name. */
export function detectFormat(filename: string): UploadFormat | null {
  const n = (filename.split(/[\\/]/).pop() ?? "").toLowerCase();
  if (n.endsWith(".npy")) return "npy";
  if (n.endsWith(".csv")) return "csv";
  if (n.endsWith(".zip")) return "zip";
  if (n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz")) return "tar";
  if (/(\.idx\d?|[-.]ubyte)(\.gz)?$/.test(n)) return "idx";
  return null;
}

/**
 * Inflates gzip with the limit enforced on the bytes actually produced: zlib stops as soon as its output passes
 * `maxBytes` (Node's `maxOutputLength`), before allocating more. The trailer's size field is only a fast early
 * reject: it holds the size modulo 2³², so it can under-state (a 4 GiB + 1 MiB stream says 1 MiB) but never
 * over-state, and is never trusted to allow anything.
 */
export function gunzipBounded(b: Uint8Array, maxBytes: number): Uint8Array {
  if (!isGzip(b)) return b;
  if (b.length < 18) throw new Error("truncated gzip stream");
  const declared = new DataView(b.buffer, b.byteOffset + b.length - 4, 4).getUint32(0, true);
  const over = `decompresses to more than ${formatBytes(maxBytes)}, over the limit`;
  if (declared > maxBytes) throw new Error(over);
  let out: Buffer;
  try {
    out = gunzipSync(b, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) throw new Error(over);
    throw new Error(`not a valid gzip stream (${(e as Error).message})`);
  }
  // A gzip inside the gzip would be inflated again, unbounded, by the readers below.
  if (isGzip(out)) throw new Error("nested gzip streams are not supported");
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function readRaw(format: UploadFormat, b: Uint8Array, lim: Required<UploadLimits>): Raw {
  switch (format) {
    case "npy": {
      const a = parseNpy(b);
      return { values: a.values, dtype: a.dtype, shape: a.shape };
    }
    case "idx": {
      const f = parseIdx(gunzipBounded(b, lim.maxBytes));
      if (f.dtype !== "uint8" && f.dtype !== "float32" && f.dtype !== "float64") {
        throw new Error(`unsupported dtype ${f.dtype}; supported IDX types: uint8, float32, float64`);
      }
      return { values: f.data as RawValues, dtype: f.dtype, shape: f.dims };
    }
    case "csv": {
      const t = parseCsv(new TextDecoder().decode(b), lim.maxSamples);
      return { values: t.values, dtype: "float64", shape: [t.rows, t.cols] };
    }
    case "zip":
    case "tar": {
      const entries = format === "zip" ? unzipBounded(b, lim.maxBytes) : readTar(gunzipBounded(b, lim.maxBytes));
      const s = stackPngs(entries, lim);
      return { values: s.pixels, dtype: "uint8", shape: s.shape };
    }
  }
}

/** Per-sample shape of an N×… array: [D], or [H, W, C] (C = 1 for N×H×W); throws on unusable shapes. */
export function sampleShapeOf(shape: number[]): number[] {
  const desc = `(${shape.join(", ")})`;
  if (shape.length < 2) throw new Error(`shape ${desc}: need samples × features (2–4 dimensions)`);
  if (shape.length > 4) throw new Error(`shape ${desc}: at most 4 dimensions (N×H×W×C)`);
  if (shape.some((d) => d === 0)) throw new Error(`shape ${desc}: the data is empty`);
  if (shape.length === 4 && shape[3] !== 1 && shape[3] !== 3) {
    throw new Error(`shape ${desc}: images need 1 or 3 channels, got ${shape[3]}`);
  }
  const [, a, b, c] = shape;
  return shape.length === 2 ? [a!] : [a!, b!, c ?? 1];
}

/**
 * Parses an uploaded dataset file (.npy, IDX, CSV, or a .zip/.tar of PNG images) into float32 samples in [−1, 1].
 * Throws UploadError (naming the file) on any validation failure.
 */
export function parseUpload(filename: string, bytes: Uint8Array, limits?: UploadLimits): ParsedUpload {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  try {
    const format = detectFormat(filename);
    if (!format) throw new Error(`unknown file extension; accepted: ${EXTENSIONS}`);
    if (bytes.length === 0) throw new Error("file is empty");
    if (bytes.length > lim.maxBytes) {
      throw new Error(`file is ${formatBytes(bytes.length)}, over the ${formatBytes(lim.maxBytes)} limit`);
    }
    const raw = readRaw(format, bytes, lim);
    const sampleShape = sampleShapeOf(raw.shape);
    const count = raw.shape[0]!;
    if (count > lim.maxSamples) throw new Error(`${count} samples, over the limit of ${lim.maxSamples}`);
    return { data: normalise(raw.values), sampleShape, count, source: { format, dtype: raw.dtype } };
  } catch (e) {
    if (e instanceof UploadError) throw e;
    throw new UploadError(filename, e instanceof Error ? e.message : String(e));
  }
}
