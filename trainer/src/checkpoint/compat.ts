import type { ResolvedTrainingConfig } from "@gantry/core";
import { CheckpointError, type CheckpointManifest } from "./format.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks that `next` can continue the run saved in `manifest`. Refused (CheckpointError "incompatible", naming
 * each field): any model.* change or a different data sample shape (weights would not fit), a different seed
 * (the resumed run would not continue the same random streams), a different optimizer type (its state would not
 * fit) and turning the EMA on or off (its weights would be missing or dropped). Allowed: steps, cadences,
 * batchSize, learning rates, the loss and its regularizers, keepLast, name, backend.
 */
export function assertResumeCompatible(manifest: CheckpointManifest, next: ResolvedTrainingConfig, sampleShape: readonly number[]): void {
  const prev = manifest.config as unknown as ResolvedTrainingConfig;
  const problems: string[] = [];
  const show = JSON.stringify;
  for (const key of Object.keys({ ...prev.model, ...next.model }) as (keyof ResolvedTrainingConfig["model"])[]) {
    if (!same(prev.model[key], next.model[key])) {
      problems.push(`model.${key}: checkpoint has ${show(prev.model[key])}, config has ${show(next.model[key])}`);
    }
  }
  if (!same(manifest.dataset.sampleShape, [...sampleShape])) {
    problems.push(
      `data.name: sample shape [${sampleShape.join(", ")}] differs from the checkpoint's ` + `[${manifest.dataset.sampleShape.join(", ")}]`,
    );
  }
  if (prev.seed !== next.seed) problems.push(`seed: checkpoint has ${prev.seed}, config has ${next.seed}`);
  for (const net of ["g", "d"] as const) {
    const a = prev.optimizers[net].type;
    const b = next.optimizers[net].type;
    if (a !== b) problems.push(`optimizers.${net}.type: checkpoint has ${a}, config has ${b}`);
  }
  if (prev.emaDecay > 0 !== next.emaDecay > 0) {
    const had = prev.emaDecay > 0;
    problems.push(`emaDecay: the checkpoint has ${had ? "" : "no "}EMA weights; ` + `it cannot be turned ${had ? "off" : "on"} on resume`);
  }
  if (next.steps < manifest.step) {
    problems.push(`steps: ${next.steps} is below the checkpoint's step ${manifest.step}`);
  }
  if (problems.length > 0) {
    const what = `cannot resume ${manifest.trainingId} from step ${manifest.step}`;
    throw new CheckpointError("incompatible", `${what}: ${problems.join("; ")}`);
  }
}
