/**
 * On-disk format of a committed evaluator: `lenet.json` (spec: version, architecture, tensor names and shapes,
 * sha256 of every binary file, training record) beside `weights.bin` (all tensors as float32 little-endian, in
 * spec order) and optionally `reference.bin` (test-split feature mean and covariance as float64 little-endian).
 * Checksums are verified on every read so that a corrupt or hand-edited file can never silently shift metrics.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { FeatureStats } from "../metrics/index.ts";
import type { NamedWeights } from "./lenet.ts";

export const EVALUATOR_FORMAT = "gantry-evaluator/1";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");

export const EvaluatorSpec = z.object({
  format: z.literal(EVALUATOR_FORMAT),
  version: z.string().min(1),
  dataset: z.enum(["mnist", "fashion-mnist"]),
  architecture: z.string().min(1),
  inputShape: z.array(z.number().int().positive()),
  inputRange: z.tuple([z.number(), z.number()]),
  featureDim: z.number().int().positive(),
  numClasses: z.number().int().positive(),
  weights: z.object({
    file: z.string().min(1),
    sha256: Sha256,
    bytes: z.number().int().nonnegative(),
    dtype: z.literal("float32"),
    byteOrder: z.literal("little-endian"),
    tensors: z.array(z.object({ name: z.string().min(1), shape: z.array(z.number().int().nonnegative()) })),
  }),
  /** Cached reference statistics; optional because they can always be recomputed from the test split. */
  reference: z
    .object({
      file: z.string().min(1),
      sha256: Sha256,
      bytes: z.number().int().nonnegative(),
      split: z.literal("test"),
      n: z.number().int().min(2),
      layout: z.literal("float64-le: mean[d], then row-major cov[d×d]"),
    })
    .optional(),
  /** Free-form record of how the weights were produced (accuracy, epochs, timings). */
  training: z.record(z.string(), z.unknown()),
});
export type EvaluatorSpec = z.infer<typeof EvaluatorSpec>;

/** Lowercase hex sha256 of a byte array. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Parses and validates lenet.json text; errors name the file and the offending field. */
export function parseSpec(text: string, file: string): EvaluatorSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = EvaluatorSpec.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: invalid evaluator spec: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Throws a clear error unless `bytes` has the length and sha256 the spec records for `what`. */
export function verifyChecksum(bytes: Uint8Array, expected: { sha256: string; bytes: number }, what: string): void {
  if (bytes.length !== expected.bytes) {
    throw new Error(`${what}: size ${bytes.length} bytes does not match the recorded ${expected.bytes}`);
  }
  const actual = sha256Hex(bytes);
  if (actual !== expected.sha256) {
    throw new Error(
      `${what}: sha256 checksum mismatch (expected ${expected.sha256}, got ${actual}); ` +
        "the file is corrupt or was modified — restore it from git or retrain with scripts/train-evaluator.ts",
    );
  }
}

/** Concatenates weights as float32 little-endian. */
export function encodeWeights(weights: readonly NamedWeights[]): Uint8Array {
  const total = weights.reduce((s, w) => s + w.values.length, 0);
  const out = new Uint8Array(total * 4);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const w of weights) for (const v of w.values) view.setFloat32(at++ * 4, v, true);
  return out;
}

/** Splits verified weight bytes back into the tensors the spec lists. */
export function decodeWeights(spec: EvaluatorSpec, bytes: Uint8Array): NamedWeights[] {
  verifyChecksum(bytes, spec.weights, `${spec.version} ${spec.weights.file}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: NamedWeights[] = [];
  let at = 0;
  for (const { name, shape } of spec.weights.tensors) {
    const size = shape.reduce((a, b) => a * b, 1);
    if ((at + size) * 4 > bytes.length) throw new Error(`${spec.weights.file}: too short for tensor ${name}`);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32((at + i) * 4, true);
    out.push({ name, shape, values });
    at += size;
  }
  if (at * 4 !== bytes.length) throw new Error(`${spec.weights.file}: ${bytes.length - at * 4} trailing bytes`);
  return out;
}

/** Feature mean and covariance as float64 little-endian (mean first). */
export function encodeStats(stats: FeatureStats): Uint8Array {
  const values = [...stats.mean, ...stats.cov];
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return out;
}

/** Reads verified reference-stat bytes for a `dim`-dimensional feature space. */
export function decodeStats(spec: EvaluatorSpec, bytes: Uint8Array): FeatureStats {
  const ref = spec.reference;
  if (!ref) throw new Error(`${spec.version}: the spec lists no reference stats`);
  verifyChecksum(bytes, ref, `${spec.version} ${ref.file}`);
  const d = spec.featureDim;
  if (bytes.length !== (d + d * d) * 8) throw new Error(`${ref.file}: expected ${(d + d * d) * 8} bytes for d = ${d}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (from: number, count: number) => Float64Array.from({ length: count }, (_, i) => view.getFloat64((from + i) * 8, true));
  return { mean: read(0, d), cov: read(d, d * d), dim: d, n: ref.n };
}
