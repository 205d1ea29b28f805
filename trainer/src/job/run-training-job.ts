import type { CheckpointManifest, CheckpointMetrics, DatasetSummary } from "../checkpoint/format.ts";
import { readManifest } from "../checkpoint/read.ts";
import { writeCheckpoint } from "../checkpoint/write.ts";
import type { TrainingConfig, TrainingConfigInput } from "@gantry/core";
import type { Dataset } from "../data/types.ts";
import { createSession, type StepLog, type TrainingSession } from "../engine/session.ts";
import { train } from "../engine/train.ts";
import { storageUnavailable, trainingKeys, validateId, withStorageRetries, type Storage, type StorageRetryPolicy } from "../storage/index.ts";
import { classifyError } from "./errors.ts";
import { bestMetricFor, evaluateSession } from "./evaluate.ts";
import { prepareRun } from "./prepare.ts";
import { JobRecorder } from "./recorder.ts";
import { renderSamples, scatterBackground, writeSampleArt } from "./samples.ts";
import { withStepHook } from "./step-hook.ts";
import type { JobEvent } from "@gantry/core";

export interface RunTrainingJobOptions {
  storage: Storage;
  /** Training id (validated): everything is written under trainings/<id>/. */
  id: string;
  /** The config to run; default: trainings/<id>/config.json (written by the API). Written back when given. */
  config?: TrainingConfigInput | TrainingConfig;
  /** Continue from latest.json (a run without any checkpoint yet starts at step 0). */
  resume?: boolean;
  /** Backend request ("auto" | "wasm" | "cpu" | "tensorflow"), overriding config.backend. */
  backend?: string;
  /**
   * Abort = finish the current step, write a checkpoint, end with status "interrupted" (exit code 3). Aborting
   * with reason "canceled" (`controller.abort("canceled")`) ends in status "canceled" instead (same checkpoint).
   */
  signal?: AbortSignal;
  /** Every event as it is recorded (before it reaches events.jsonl). */
  onEvent?: (e: JobEvent) => void;
  /** How storage outages are retried (default DEFAULT_STORAGE_RETRY; ignored when `storage` already retries). */
  storageRetry?: StorageRetryPolicy;
}

export interface TrainingJobResult {
  status: "succeeded" | "failed" | "interrupted" | "canceled";
  /** Completed steps when the job ended. */
  step: number;
  /** 0 succeeded, 1 failed, 2 bad config, 3 interrupted, canceled or storage unavailable (resumable). */
  exitCode: 0 | 1 | 2 | 3;
  error: { code: string; message: string } | null;
  backend: string | null;
  /** Step of the last checkpoint this job wrote, or null. */
  checkpointStep: number | null;
}

function summary(ds: Dataset): DatasetSummary {
  const i = ds.info;
  return { id: i.id, kind: i.kind, sampleShape: [...i.sampleShape], range: [...i.range], classes: i.classes };
}

/**
 * Runs one attempt of training `id` under the job protocol: status.json / metrics.jsonl / events.jsonl flushed at
 * least 1 s apart and on every state change, checkpoints at the config's cadence (plus final or interrupted),
 * sample art every `sampleEvery` steps, metrics every `evalEvery` steps and at the end. Never throws for
 * training problems: failures end in status "failed" with error { code, message } and the exit code to use.
 * Storage outages are retried with backoff; one that outlasts the retries ends the attempt "interrupted" with
 * error code "storage" and exit code 3 (resumable from the last checkpoint), as far as the store lets that be
 * recorded. Only an outage before the job could write anything throws (a StorageUnavailableError).
 */
export async function runTrainingJob(opts: RunTrainingJobOptions): Promise<TrainingJobResult> {
  const storage = withStorageRetries(opts.storage, opts.storageRetry);
  const id = validateId(opts.id, "id");
  const keys = trainingKeys(id);
  // The checkpoint to resume from decides which metric lines stay valid, so read it before the recorder opens.
  let resumeFrom: CheckpointManifest | null = null;
  let resumeError: unknown = null;
  const latestExists = (await storage.head(keys.latest)) !== null;
  if (!opts.resume && latestExists) {
    // Refused before anything is written: the existing run's status and files stay as they are.
    const message = `training ${id} already has checkpoints; resume it or use a new id`;
    return { status: "failed", step: 0, exitCode: 2, error: { code: "bad_config", message }, backend: null, checkpointStep: null };
  }
  if (opts.resume && latestExists) {
    try {
      resumeFrom = (await readManifest(storage, id, "latest")).manifest;
    } catch (err) {
      resumeError = err;
    }
  }
  // Metric lines after the resumed step are redone by this attempt; with an unreadable checkpoint keep them all.
  const keepUpTo = !opts.resume ? null : resumeError ? Number.MAX_SAFE_INTEGER : (resumeFrom?.step ?? 0);
  const rec = await JobRecorder.open(storage, keys, id, keepUpTo, opts.onEvent ? { onEvent: opts.onEvent } : {});
  let session: TrainingSession | null = null;
  let checkpointStep: number | null = null;
  const background = new Set<Promise<void>>();
  const track = (p: Promise<void>, what: string) => {
    const q = p
      .catch((err: unknown) => {
        rec.event("log", { level: "warn", message: `${what} failed: ${(err as Error).message}` });
      })
      .finally(() => background.delete(q));
    background.add(q);
  };

  try {
    if (resumeError) throw resumeError;
    const { resolved, backend, dataset, checkpoint } = await prepareRun({
      storage,
      id,
      keys,
      resumeFrom,
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(opts.backend !== undefined ? { backend: opts.backend } : {}),
      onBackend: (info) => (rec.status.backend = info.name),
    });
    session = await createSession(resolved, dataset);
    if (checkpoint) await session.importState(checkpoint.state);
    const s = session;

    let lastEval: CheckpointMetrics | null = checkpoint?.manifest.metrics ?? null;
    let lastLog: StepLog | null = null;
    const latestMetrics = () => {
      const m: Record<string, number> = {};
      if (lastLog) {
        for (const k of ["dLoss", "gLoss", "realMean", "fakeMean", "dGradNorm", "gGradNorm"] as const) {
          m[k] = lastLog[k];
        }
      }
      Object.assign(m, lastEval?.values ?? {});
      return Object.keys(m).length ? m : null;
    };
    rec.status.progress = { step: s.step, steps: resolved.steps, stepsPerSecond: 0, etaSeconds: null };
    await rec.setState("running", { startedAt: new Date().toISOString(), finishedAt: null, error: null });
    rec.event("log", {
      message: checkpoint
        ? `resumed ${id} from step ${checkpoint.manifest.step} on ${backend.name}`
        : `started ${id} on ${backend.name} (${backend.detail})`,
      backend: backend.name,
      step: s.step,
      attempt: rec.status.attempt,
    });

    const best = bestMetricFor(dataset, resolved.data.classes);
    const real = resolved.sampleEvery > 0 ? scatterBackground(dataset, resolved.seed) : null;
    const hooked = withStepHook(s, (log) => {
      if (resolved.sampleEvery > 0 && log.step % resolved.sampleEvery === 0) {
        const art = renderSamples(s, keys, real);
        if (art) track(writeSampleArt(storage, art), `sample at step ${log.step}`);
      }
    });

    const result = await train(hooked, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onLog: (log) => {
        lastLog = log;
        const left = resolved.steps - log.step;
        const eta = log.stepsPerSecond > 0 ? left / log.stepsPerSecond : null;
        rec.status.progress = {
          step: log.step,
          steps: resolved.steps,
          stepsPerSecond: log.stepsPerSecond,
          etaSeconds: eta,
        };
        rec.status.latestMetrics = latestMetrics();
        rec.metric({ ...log });
        rec.event("progress", { ...rec.status.progress });
        track(rec.maybeFlush(), "status flush");
      },
      onEval: async (sess) => {
        const values = await evaluateSession(sess, {
          onWarning: (message) => rec.event("log", { level: "warn", message, step: sess.step }),
        });
        lastEval = { step: sess.step, values };
        rec.metric({ step: sess.step, eval: values });
        rec.status.latestMetrics = latestMetrics();
        return values;
      },
      onCheckpoint: async (sess, reason) => {
        await Promise.all(background);
        // metrics.jsonl must hold every line up to this step before latest.json can point here: a resume keeps
        // the lines up to its checkpoint and redoes the rest.
        await rec.flush();
        const state = await sess.exportState();
        const written = await writeCheckpoint(storage, id, state, {
          config: resolved as unknown as Record<string, unknown>,
          dataset: summary(dataset),
          backend: backend.name,
          seed: resolved.seed,
          reason,
          metrics: lastEval,
          keepLast: resolved.keepLast,
          best,
        });
        checkpointStep = written.step;
        rec.status.progress.step = sess.step;
        rec.event("log", {
          message: `checkpoint ${reason} at step ${written.step}`,
          checkpoint: written.step,
          reason,
          best: written.isBest,
          pruned: written.pruned,
        });
        await rec.flush();
      },
    });
    await Promise.all(background);
    const finishedAt = new Date().toISOString();
    const status = result.status === "interrupted" && opts.signal?.reason === "canceled" ? "canceled" : result.status;
    rec.status.progress.etaSeconds = status === "succeeded" ? 0 : null;
    await rec.setState(status, { finishedAt });
    return { status, step: result.step, exitCode: status === "succeeded" ? 0 : 3, error: null, backend: backend.name, checkpointStep };
  } catch (err) {
    await Promise.all(background);
    const step = session?.step ?? rec.status.progress.step;
    if (storageUnavailable(err)) {
      // Not the run's fault and nothing is lost beyond the last checkpoint: end resumable. Recording it needs the
      // store, which may still be down; the runner treats exit 3 as resumable whatever status.json says.
      const error = { code: "storage", message: (err as Error).message };
      rec.status.progress.step = step;
      await rec.setState("interrupted", { error, finishedAt: new Date().toISOString() }).catch(() => {});
      return { status: "interrupted", step, exitCode: 3, error, backend: rec.status.backend, checkpointStep };
    }
    const { code, message, exitCode } = classifyError(err);
    const error = { code, message };
    rec.status.progress.step = step;
    await rec.setState("failed", { error, finishedAt: new Date().toISOString() });
    return { status: "failed", step, exitCode, error, backend: rec.status.backend, checkpointStep };
  } finally {
    session?.dispose();
  }
}
