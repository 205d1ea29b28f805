import { BACKEND_REQUESTS, initBackend, type BackendInfo, type BackendRequest } from "../backend/index.ts";
import { assertResumeCompatible } from "../checkpoint/compat.ts";
import type { CheckpointManifest } from "../checkpoint/format.ts";
import { type LoadedCheckpoint, readCheckpoint } from "../checkpoint/read.ts";
import { checkDatasetRef, parseTrainingConfig, type TrainingConfig, type TrainingConfigInput } from "@gantry/core";
import { openDataset } from "../data/index.ts";
import type { Dataset } from "../data/types.ts";
import type { ResolvedTrainingConfig } from "@gantry/core";
import { resolveConfig } from "../engine/resolve-config.ts";
import { datasetKeys, type Storage, type TrainingKeys } from "../storage/index.ts";
import { classifyError, JobError } from "./errors.ts";

export interface PrepareInput {
  storage: Storage;
  id: string;
  keys: TrainingKeys;
  config?: TrainingConfigInput | TrainingConfig;
  backend?: string;
  /** Manifest of the checkpoint to resume from (already read), or null. */
  resumeFrom: CheckpointManifest | null;
  /** Called once the backend is up, so the status can name it even if a later stage fails. */
  onBackend?: (info: BackendInfo) => void;
}

export interface PreparedRun {
  config: TrainingConfig;
  resolved: ResolvedTrainingConfig;
  backend: BackendInfo;
  dataset: Dataset;
  /** The verified checkpoint to continue from, or null for a fresh start. */
  checkpoint: LoadedCheckpoint | null;
}

/**
 * Everything before the first step: the config (given, else trainings/<id>/config.json; a given one is written
 * back), the backend ("auto" defers to env GANTRY_BACKEND), the dataset, the resolved config and, on resume, the
 * compatibility check and the fully verified checkpoint. Failures are ConfigError / JobError / CheckpointError.
 */
export async function prepareRun(p: PrepareInput): Promise<PreparedRun> {
  const input = p.config ?? (await p.storage.getJson(p.keys.config));
  if (input === null) throw new JobError("bad_config", `no config given and ${p.keys.config} does not exist`);
  const config = parseTrainingConfig(input);
  if (p.config !== undefined) await p.storage.putJson(p.keys.config, config);
  const request = p.backend ?? (config.backend === "auto" ? undefined : config.backend);
  if (request !== undefined && !(BACKEND_REQUESTS as readonly string[]).includes(request)) {
    throw new JobError("bad_config", `backend: "${request}" is not one of ${BACKEND_REQUESTS.join(", ")}`);
  }
  const backend = await initBackend(request as BackendRequest | undefined);
  p.onBackend?.(backend);
  // Typed problems from the dataset registry, each naming its field; what fails after this is the data itself.
  const ref = checkDatasetRef(config.data.name, config.data.classes);
  if (ref.problems.length) throw new JobError("bad_config", ref.problems.map((q) => `data.${q.field}: ${q.message}`).join("; "));
  let dataset: Dataset;
  try {
    dataset = await openDataset(
      { name: config.data.name, ...(config.data.classes ? { classes: config.data.classes } : {}) },
      { loadUpload: (upload) => p.storage.get(datasetKeys(upload).data) },
    );
  } catch (err) {
    const c = classifyError(err, "dataset");
    throw new JobError(c.code, `data.name: ${c.message}`);
  }
  // A resume resolves what the config leaves open as the checkpoint did (a default that changed since, such as
  // model.gNorm, must not make an older checkpoint refuse to continue).
  const resolved = resolveConfig(config, dataset.info, p.resumeFrom?.config as ResolvedTrainingConfig | undefined);
  if (p.resumeFrom) assertResumeCompatible(p.resumeFrom, resolved, dataset.info.sampleShape);
  const checkpoint = p.resumeFrom ? await readCheckpoint(p.storage, p.id, p.resumeFrom.step) : null;
  return { config, resolved, backend, dataset, checkpoint };
}
