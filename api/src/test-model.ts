/**
 * A real, loadable model without training it: a freshly initialised generator written as a finished training's
 * checkpoint (step 1). Sampling tests and benchmarks need real weights and real forward passes, not a trained
 * model, and this takes milliseconds instead of a training's minutes. Initialise a backend first.
 */
import { parseTrainingConfig, type TrainingConfigInput } from "@gantry/core";
import { buildNetwork, resolveConfig, variableKey } from "@gantry/trainer";
import { type TensorMap, writeCheckpoint } from "@gantry/trainer/checkpoint";
import { BUILTIN_DATASET_INFO } from "@gantry/trainer/data";
import type { Storage } from "@gantry/trainer/storage";
import { createTraining, patchStatus } from "./services/training-store.ts";

export async function writeFreshModel(storage: Storage, id: string, raw: TrainingConfigInput): Promise<void> {
  const config = parseTrainingConfig(raw);
  const info = BUILTIN_DATASET_INFO[config.data.name];
  if (!info) throw new Error(`writeFreshModel: built-in dataset ${config.data.name} unknown`);
  const resolved = resolveConfig(config, info);
  const sampleShape = [...info.sampleShape];
  const g = buildNetwork(resolved, sampleShape, "g");
  const tensors: TensorMap = {};
  for (const v of [...g.trainable, ...g.state]) tensors[variableKey(v)] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
  g.dispose();
  await createTraining(storage, id, config);
  const dataset = { id: info.id, kind: info.kind, sampleShape, range: info.range, classes: info.classes };
  await writeCheckpoint(
    storage,
    id,
    { step: 1, tensors },
    { config: resolved as unknown as Record<string, unknown>, dataset, backend: "any", seed: resolved.seed },
  );
  await patchStatus(storage, id, { status: "succeeded" });
}
