import { trainingKeys, type TrainingKeys } from "../storage/index.ts";

/** A training id, or the key layout of a run (study runs share the training layout under another prefix). */
export type RunRef = string | TrainingKeys;

/** Key layout of a run reference; validates a plain id. */
export function runKeys(ref: RunRef): TrainingKeys {
  return typeof ref === "string" ? trainingKeys(ref) : ref;
}

/** The id shown in messages and stored in manifests: the last segment of the run's prefix. */
export function runLabel(ref: RunRef): string {
  if (typeof ref === "string") return ref;
  const parts = ref.prefix.split("/").filter(Boolean);
  return parts[parts.length - 1] ?? ref.prefix;
}
