/**
 * Reading and writing an evaluator directory (trainer/evaluators/<dataset>/): lenet.json + weights.bin
 * (+ reference.bin). Reads verify every checksum; writes compute them.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FeatureStats } from "../metrics/index.ts";
import { FEATURE_DIM, IMAGE_SHAPE, LENET_ARCHITECTURE, NUM_CLASSES, type NamedWeights } from "./lenet.ts";
import {
  EVALUATOR_FORMAT,
  decodeStats,
  decodeWeights,
  encodeStats,
  encodeWeights,
  parseSpec,
  sha256Hex,
  type EvaluatorSpec,
} from "./weights-file.ts";

export type EvaluatorDataset = "mnist" | "fashion-mnist";
export const EVALUATOR_DATASETS: readonly EvaluatorDataset[] = ["mnist", "fashion-mnist"];
export const SPEC_FILE = "lenet.json";

/** The committed evaluator directory of a dataset (trainer/evaluators/<dataset>). */
export function evaluatorDir(dataset: EvaluatorDataset): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../evaluators", dataset);
}

/** The version string written for a dataset's evaluator. */
export function evaluatorVersion(dataset: EvaluatorDataset): string {
  return `${dataset}-lenet-v1`;
}

export interface EvaluatorFiles {
  spec: EvaluatorSpec;
  weights: NamedWeights[];
  /** Present when the directory carries verified reference stats. */
  reference?: FeatureStats;
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Error(`evaluator file ${path} cannot be read: ${(e as Error).message}`);
  }
}

/** Reads and verifies an evaluator directory; throws naming the file on a missing file or checksum mismatch. */
export function readEvaluatorFiles(dir: string): EvaluatorFiles {
  const specPath = join(dir, SPEC_FILE);
  const spec = parseSpec(new TextDecoder().decode(readBytes(specPath)), specPath);
  if (spec.architecture !== LENET_ARCHITECTURE || spec.featureDim !== FEATURE_DIM || spec.numClasses !== NUM_CLASSES) {
    throw new Error(`${specPath}: architecture ${spec.architecture} (d = ${spec.featureDim}) is not ${LENET_ARCHITECTURE}`);
  }
  const weights = decodeWeights(spec, readBytes(join(dir, spec.weights.file)));
  const reference = spec.reference ? decodeStats(spec, readBytes(join(dir, spec.reference.file))) : undefined;
  return { spec, weights, reference };
}

/** Writes lenet.json, weights.bin and reference.bin into `dir` (created if needed); returns the spec written. */
export function writeEvaluatorFiles(
  dir: string,
  dataset: EvaluatorDataset,
  weights: readonly NamedWeights[],
  reference: FeatureStats,
  training: Record<string, unknown>,
): EvaluatorSpec {
  mkdirSync(dir, { recursive: true });
  const weightBytes = encodeWeights(weights);
  const refBytes = encodeStats(reference);
  const spec: EvaluatorSpec = {
    format: EVALUATOR_FORMAT,
    version: evaluatorVersion(dataset),
    dataset,
    architecture: LENET_ARCHITECTURE,
    inputShape: [...IMAGE_SHAPE],
    inputRange: [-1, 1],
    featureDim: FEATURE_DIM,
    numClasses: NUM_CLASSES,
    weights: {
      file: "weights.bin",
      sha256: sha256Hex(weightBytes),
      bytes: weightBytes.length,
      dtype: "float32",
      byteOrder: "little-endian",
      tensors: weights.map(({ name, shape }) => ({ name, shape })),
    },
    reference: {
      file: "reference.bin",
      sha256: sha256Hex(refBytes),
      bytes: refBytes.length,
      split: "test",
      n: reference.n,
      layout: "float64-le: mean[d], then row-major cov[d×d]",
    },
    training,
  };
  writeFileSync(join(dir, "weights.bin"), weightBytes);
  writeFileSync(join(dir, "reference.bin"), refBytes);
  // Keep number arrays (shapes) on one line so the spec stays readable.
  const text = JSON.stringify(spec, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, body: string) => `[${body.split(/,\s*/).join(", ")}]`,
  );
  writeFileSync(join(dir, SPEC_FILE), `${text}\n`);
  return spec;
}
