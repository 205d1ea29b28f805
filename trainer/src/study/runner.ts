import type { TrainingStatus } from "@gantry/core";
import { studyKeys, validateId, type Storage } from "../storage/index.ts";
import { expandStudy, parseStudy, StudyConfigError, type StudyRun } from "./config.ts";
import { StudyPool } from "./pool.ts";
import { buildStudyReport } from "./report.ts";
import { spawnRunProcess, type SpawnRun } from "./spawn.ts";
import { countProgress, isFinal, newStudyDocument, sameStudy, type StudyDocument, type StudyRunRecord } from "./state.ts";

export interface RunStudyOptions {
  storage: Storage;
  /** What the run processes open (default storage.url; S3 clients there take settings from the environment). */
  storageUrl?: string;
  /** Study id: everything is written under studies/<id>/. */
  id: string;
  /** Study config input; default: the config stored in study.json (continuing a study). */
  config?: unknown;
  /** Parallel run processes (default: the config's workers). */
  workers?: number;
  /** Abort = every running run checkpoints and stops; the study ends "interrupted" (exit code 3). */
  signal?: AbortSignal;
  /** The study document after every change (throttled to the poll interval while runs train). */
  onProgress?: (doc: StudyDocument) => void;
  /** Starts one run (default: a gantry-study __run child process). */
  spawnRun?: SpawnRun;
  /** Backend for every run, overriding the config's. */
  backend?: string;
  /** Process starts per run before a crashing run is marked failed (default 3). */
  maxAttempts?: number;
  /** How often running runs' status.json files are read (ms, default 1000). */
  pollMs?: number;
  /** Seconds-to-SIGKILL after asking runs to stop (ms, default 60 000). */
  graceMs?: number;
  /** Draw final samples in the report (loads a tfjs backend in this process; default true). */
  samples?: boolean;
}

export interface StudyRunResult {
  status: "succeeded" | "failed" | "interrupted";
  /** 0 every run ended and the report is written, 1 the study itself failed, 3 interrupted (resumable). */
  exitCode: 0 | 1 | 3;
  /** Run processes started by this invocation. */
  spawned: number;
  document: StudyDocument;
}

/** Reads study.json; null when the study does not exist. */
export async function readStudy(storage: Storage, id: string): Promise<StudyDocument | null> {
  const doc = await storage.getJson<StudyDocument>(studyKeys(id).study);
  // Studies stored before `data` was the field's name hold it as `dataset`: read them in today's shape.
  const config = doc?.config as (StudyDocument["config"] & { dataset?: StudyDocument["config"]["data"] }) | undefined;
  if (config && config.data === undefined && config.dataset !== undefined) {
    const { dataset, ...rest } = config;
    doc!.config = { ...rest, data: dataset };
  }
  return doc;
}

/** Decides the config and document: a new study, or the stored one (a different config for the same id is refused). */
async function openStudy(o: RunStudyOptions): Promise<{ doc: StudyDocument; runs: StudyRun[] }> {
  const existing = await readStudy(o.storage, o.id);
  if (o.config === undefined && !existing) {
    throw new StudyConfigError([{ path: "config", message: `study ${o.id} does not exist; a config is required to start it` }]);
  }
  // A given config is parsed here, once (with its runs); a stored one was parsed when the study was created.
  const given = o.config === undefined ? null : parseStudy(o.config);
  const config = given?.config ?? existing!.config;
  if (existing && !sameStudy(existing.config, config)) {
    throw new StudyConfigError([{ path: "config", message: `study ${o.id} already exists with a different config; use a new id` }]);
  }
  // workers does not change the grid, so the runs of a given config stay valid.
  if (o.workers !== undefined) config.workers = o.workers;
  const runs = given?.runs ?? expandStudy(config);
  const doc = existing ?? newStudyDocument(o.id, config, runs);
  doc.config = config;
  doc.name = config.name ?? null;
  return { doc, runs };
}

/**
 * Runs study `id`: every loss × seed as an ordinary training (child process) under studies/<id>/runs/<runId>/,
 * `workers` at a time, then aggregates and writes study.json / study.md / report.html. Restart-safe: runs that
 * ended (succeeded or failed) are not redone; interrupted or crashed ones resume from their last checkpoint.
 * Throws ConfigError for an invalid or conflicting config; everything else ends in the returned status.
 */
export async function runStudy(o: RunStudyOptions): Promise<StudyRunResult> {
  const id = validateId(o.id, "id");
  const keys = studyKeys(id);
  const { doc, runs } = await openStudy({ ...o, id });
  const byId = new Map(runs.map((r) => [r.runId, r]));
  // Reconcile with the runs' own files: a run may have ended after the last study.json write.
  for (const rec of doc.runs) {
    const k = keys.run(rec.runId);
    if (!isFinal(rec.status)) {
      const st = await o.storage.getJson<TrainingStatus>(k.status);
      // "running" here means a previous runner died while the run trained: resume it.
      if (st) {
        Object.assign(rec, { status: st.status === "running" ? "interrupted" : st.status, step: st.progress.step, error: st.error });
      }
    }
    if (!isFinal(rec.status) && (await o.storage.head(k.config)) === null) {
      await o.storage.putJson(k.config, byId.get(rec.runId)!.config);
    }
  }
  const pool = new StudyPool({
    storage: o.storage,
    storageUrl: o.storageUrl ?? o.storage.url,
    doc,
    spawnRun: o.spawnRun ?? spawnRunProcess,
    workers: doc.config.workers,
    maxAttempts: o.maxAttempts ?? 3,
    pollMs: o.pollMs ?? 1000,
    graceMs: o.graceMs ?? 60_000,
    ...(o.backend ? { backend: o.backend } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  doc.status = "running";
  doc.startedAt ??= new Date().toISOString();
  doc.finishedAt = null;
  doc.error = null;
  countProgress(doc);
  await pool.save();
  await pool.run();
  if (o.signal?.aborted || doc.runs.some((r: StudyRunRecord) => !isFinal(r.status))) {
    doc.status = "interrupted";
    await pool.save();
    return { status: "interrupted", exitCode: 3, spawned: pool.spawned, document: doc };
  }
  doc.status = "reporting";
  await pool.save();
  try {
    const report = await buildStudyReport({ storage: o.storage, doc, runs, samples: o.samples ?? true });
    doc.results = report.results;
    doc.status = "succeeded";
  } catch (err) {
    doc.status = "failed";
    doc.error = { code: "report", message: (err as Error).message };
  }
  doc.finishedAt = new Date().toISOString();
  await pool.save();
  return { status: doc.status, exitCode: doc.status === "succeeded" ? 0 : 1, spawned: pool.spawned, document: doc };
}
