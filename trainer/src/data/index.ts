/**
 * Datasets for the GAN trainer. No tfjs here: every dataset yields row-major, sample-major Float32Array batches
 * that the trainer turns into tensors.
 */
import { z } from "zod";
import { FASHION_DESCRIPTION, loadFashion } from "./fashion.ts";
import { f32Store, makeFinite } from "./finite.ts";
import { MNIST_DESCRIPTION, imageDataset, loadMnist } from "./mnist.ts";
import { TOY_NAMES, makeToy } from "./toys.ts";
import type { Dataset, Toy2D } from "./types.ts";
import { parseNpy } from "./upload/npy.ts";
import { sampleShapeOf } from "./upload/parse.ts";

export type { Dataset, DatasetInfo, TakeOptions, Toy2D } from "./types.ts";
export { shapeSize } from "./types.ts";
export { makeToy, TOY_NAMES, toyInfo } from "./toys.ts";
export { BUILTIN_DATASET_INFO } from "./builtin-info.ts";
export { loadMnist } from "./mnist.ts";
export { loadFashion } from "./fashion.ts";
export { fnv1a, sum } from "./checksum.ts";
export { parseIdx, type IdxFile } from "./idx.ts";
export * from "./upload/index.ts";

/** Names accepted by openDataset besides `upload:<id>`. */
export const BUILTIN_DATASETS: readonly string[] = [...TOY_NAMES, "mnist", "fashion-mnist"];

export const DatasetSpec = z.strictObject({
  name: z.string().min(1),
  /** Keep only these labels (labelled datasets only). */
  classes: z.array(z.number().int().min(0)).min(1).optional(),
  split: z.enum(["train", "test"]).default("train"),
});
export type DatasetSpec = z.input<typeof DatasetSpec>;

/** Narrows a dataset to a 2-D toy (which carries its modes and σ). */
export function isToy2D(ds: Dataset): ds is Toy2D {
  return ds.info.kind === "toy2d" && "modes" in ds;
}

export interface OpenOptions {
  /** Returns the stored normalised float32 .npy of upload `id`, or null if there is none. */
  loadUpload?: (id: string) => Promise<Uint8Array | null>;
}

/** Opens a dataset by spec; throws an Error naming the field or dataset on bad input. */
export async function openDataset(spec: DatasetSpec, opts?: OpenOptions): Promise<Dataset> {
  const parsed = DatasetSpec.safeParse(spec);
  if (!parsed.success) throw new Error(`invalid dataset spec: ${z.prettifyError(parsed.error)}`);
  const { name, classes, split } = parsed.data;
  const noClasses = () => {
    if (classes) throw new Error(`dataset "${name}": a classes filter applies only to mnist and fashion-mnist`);
  };
  if (TOY_NAMES.includes(name)) {
    noClasses();
    return makeToy(name);
  }
  if (name === "mnist" || name === "fashion-mnist") {
    const bad = classes?.find((c) => c > 9);
    if (bad !== undefined) throw new Error(`dataset "${name}": class ${bad} is out of range 0–9`);
    const uniq = classes ? [...new Set(classes)].sort((a, b) => a - b) : undefined;
    return name === "mnist"
      ? imageDataset(name, MNIST_DESCRIPTION, loadMnist(), split, uniq)
      : imageDataset(name, FASHION_DESCRIPTION, loadFashion(), split, uniq);
  }
  if (name.startsWith("upload:")) {
    noClasses();
    return openUpload(name, split, opts);
  }
  throw new Error(`unknown dataset "${name}"; valid: ${BUILTIN_DATASETS.join(", ")}, upload:<id>`);
}

async function openUpload(name: string, split: "train" | "test", opts?: OpenOptions): Promise<Dataset> {
  const id = name.slice("upload:".length);
  if (id === "") throw new Error(`dataset "${name}": missing upload id after "upload:"`);
  if (!opts?.loadUpload) throw new Error(`dataset "${name}": no upload store configured (loadUpload missing)`);
  const bytes = await opts.loadUpload(id);
  if (!bytes) throw new Error(`dataset "${name}": upload "${id}" not found`);
  if (split !== "train") throw new Error(`dataset "${name}": uploads have only a train split`);
  // Stored uploads are already normalised: read the float32 .npy as is (running parseUpload's scaling rule again
  // would stretch, e.g., data that happens to lie within [0, 1]).
  let data: Float32Array;
  let sampleShape: number[];
  let count: number;
  try {
    const arr = parseNpy(bytes);
    if (!(arr.values instanceof Float32Array)) throw new Error(`dtype is ${arr.dtype}, expected float32`);
    data = arr.values;
    const bad = data.findIndex((v) => !(v >= -1 && v <= 1));
    if (bad >= 0) throw new Error(`value ${data[bad]} at element ${bad} is outside [−1, 1]`);
    sampleShape = sampleShapeOf(arr.shape);
    count = arr.shape[0]!;
  } catch (e) {
    throw new Error(`dataset "${name}": stored upload is unusable: ${(e as Error).message}`);
  }
  const size = data.length / count;
  return makeFinite(
    {
      id: name,
      kind: sampleShape.length === 3 ? "image" : "tabular",
      sampleShape,
      classes: null,
      description: `uploaded dataset ${id}: ${count} samples of shape [${sampleShape.join(", ")}]`,
      range: [-1, 1],
    },
    { train: { store: f32Store(data, size), labels: null } },
    "train",
  );
}
