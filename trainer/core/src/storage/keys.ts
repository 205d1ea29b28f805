/**
 * Storage key layout. Every key is relative to the storage root (`file://…` dir or
 * `s3://bucket/prefix`); `<id>`/`<runId>` pass `validateId`; `<step9>` is the step zero-padded
 * to 9 digits so keys sort in step order.
 *
 * | Key | Contents |
 * | --- | --- |
 * | `trainings/<id>/config.json` | training config as submitted |
 * | `trainings/<id>/status.json` | current state, step, timestamps, error |
 * | `trainings/<id>/metrics.jsonl` | one JSON object per logged step |
 * | `trainings/<id>/events.jsonl` | lifecycle events (started, checkpointed, failed, …) |
 * | `trainings/<id>/checkpoints/<step9>/…` | one checkpoint (weights, optimizer state, manifest) |
 * | `trainings/<id>/latest.json` | pointer to the newest complete checkpoint |
 * | `trainings/<id>/best.json` | pointer to the best checkpoint by the tracked metric |
 * | `trainings/<id>/samples/<step9>.png` | image sample grid generated at a step (image and square tabular data) |
 * | `trainings/<id>/samples/<step9>.svg` | scatter of generated over real points (2-D and other point data) |
 * | `datasets/<id>/meta.json` | dataset shape, dtype, source, normalisation |
 * | `datasets/<id>/data.npy` | the samples as one NumPy array |
 * | `studies/<id>/study.json` | study definition and per-run results |
 * | `studies/<id>/report.html` | rendered study report |
 * | `studies/<id>/study.md` | study summary in Markdown |
 * | `studies/<id>/runs/<runId>/…` | one run of the study, same layout as `trainings/<id>/` |
 */
import type { Storage } from "./types.ts";
import { validateId } from "./validate.ts";

/** File type of a sample file: image grids are PNG, point scatters SVG. */
export type SampleFormat = "png" | "svg";

/** Keys of one training run (also used for each study run). */
export interface TrainingKeys {
  /** "…/<id>/" — every key of the run starts with this (for list/deletePrefix). */
  prefix: string;
  config: string;
  status: string;
  metrics: string;
  events: string;
  latest: string;
  best: string;
  /** "…/checkpoints/" — lists every checkpoint. */
  checkpoints: string;
  /** Prefix of one checkpoint, ending in "/". */
  checkpoint(step: number): string;
  /** The sample file of a step: a PNG grid for images, an SVG scatter for points (see `SampleFormat`). */
  samples(step: number, format: SampleFormat): string;
}

export interface DatasetKeys {
  prefix: string;
  meta: string;
  data: string;
}

export interface StudyKeys {
  prefix: string;
  study: string;
  report: string;
  summary: string;
  /** "studies/<id>/runs/" — lists every run. */
  runs: string;
  run(runId: string): TrainingKeys;
}

/** The step as 9 zero-padded digits; throws naming `step` unless it is an integer in 0..999999999. */
export function padStep(step: number): string {
  if (!Number.isSafeInteger(step) || step < 0 || step > 999_999_999) {
    throw new Error(`invalid step: ${step} must be an integer in 0..999999999`);
  }
  return String(step).padStart(9, "0");
}

function runLayout(prefix: string): TrainingKeys {
  return {
    prefix,
    config: `${prefix}config.json`,
    status: `${prefix}status.json`,
    metrics: `${prefix}metrics.jsonl`,
    events: `${prefix}events.jsonl`,
    latest: `${prefix}latest.json`,
    best: `${prefix}best.json`,
    checkpoints: `${prefix}checkpoints/`,
    checkpoint: (step) => `${prefix}checkpoints/${padStep(step)}/`,
    samples: (step, format) => `${prefix}samples/${padStep(step)}.${format}`,
  };
}

/** Keys of training `id`; throws `InvalidIdError` for a bad id. */
export function trainingKeys(id: string): TrainingKeys {
  return runLayout(`trainings/${validateId(id)}/`);
}

/** Keys of dataset `id`; throws `InvalidIdError` for a bad id. */
export function datasetKeys(id: string): DatasetKeys {
  const prefix = `datasets/${validateId(id)}/`;
  return { prefix, meta: `${prefix}meta.json`, data: `${prefix}data.npy` };
}

/** Keys of study `id` and its runs; throws `InvalidIdError` for a bad id or run id. */
export function studyKeys(id: string): StudyKeys {
  const prefix = `studies/${validateId(id)}/`;
  return {
    prefix,
    study: `${prefix}study.json`,
    report: `${prefix}report.html`,
    summary: `${prefix}study.md`,
    runs: `${prefix}runs/`,
    run: (runId) => runLayout(`${prefix}runs/${validateId(runId, "runId")}/`),
  };
}

/** The step encoded in a checkpoint prefix or key ("…/checkpoints/000000120/…" → 120), else null. */
export function checkpointStep(key: string): number | null {
  const m = /(?:^|\/)checkpoints\/(\d{9})(?:\/|$)/.exec(key);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** What a top-level object key names: which collection, the id in it, and the rest of the key after "<id>/". */
export interface ParsedKey {
  collection: "trainings" | "datasets" | "studies";
  id: string;
  rest: string;
}

const COLLECTIONS = new Set<ParsedKey["collection"]>(["trainings", "datasets", "studies"]);

/**
 * Splits a key of this layout into collection, id and rest ("trainings/t-1/config.json" → trainings, t-1,
 * config.json); null for any other key. Listing code uses it instead of its own regexes over the layout.
 */
export function parseKey(key: string): ParsedKey | null {
  const [collection, id, ...rest] = key.split("/");
  if (collection === undefined || id === undefined || rest.length === 0) return null;
  if (!COLLECTIONS.has(collection as ParsedKey["collection"])) return null;
  return { collection: collection as ParsedKey["collection"], id, rest: rest.join("/") };
}

/**
 * The ids of every `<collection>/<id>/<file>` object (e.g. each training with a config.json), in listing order;
 * ids that `validateId` rejects were not written through this layout and are skipped.
 */
export async function listIdsWithFile(storage: Pick<Storage, "list">, collection: ParsedKey["collection"], file: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const o of storage.list(`${collection}/`)) {
    const k = parseKey(o.key);
    if (k?.collection === collection && k.rest === file && keyProblemOfId(k.id) === null) ids.push(k.id);
  }
  return ids;
}

function keyProblemOfId(id: string): string | null {
  try {
    validateId(id);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
