import { newId as newCoreId } from "@gantry/core";
import { studyKeys, validateId, type Storage } from "../storage/index.ts";
import { parseStudy, type StudyRun } from "./config.ts";
import { readStudy, runStudy } from "./runner.ts";
import type { SpawnRun } from "./spawn.ts";
import { newStudyDocument, type StudyDocument } from "./state.ts";

/** A study as the API shows it: its study.json document. */
export type StudyView = StudyDocument & { [k: string]: unknown };

export interface StudyServiceOptions {
  storage: Storage;
  /** URL the run processes open (default storage.url). */
  storageUrl?: string;
  /** Parallel trainings per study (default: each study's config). */
  workers?: number;
  /** Backend for every run (default: each study's config). */
  backend?: string;
  /** Studies running at once in this process; more wait as "queued" (default 1: one study already fills the CPUs). */
  concurrency?: number;
  newId?: () => string;
  spawnRun?: SpawnRun;
  /** Draw final samples in reports (tfjs in this process; default true). */
  samples?: boolean;
  /** Called when a background study throws (it is then marked failed). */
  onError?: (id: string, err: unknown) => void;
  /**
   * Runs a created study somewhere else instead of in this process (e.g. one AWS Batch array job): called with the
   * stored document and its runs after study.json is written. The same study config then runs on either.
   */
  launch?: (doc: StudyDocument, runs: readonly StudyRun[]) => Promise<void>;
}

/** The study engine behind the API's /v1/studies (structurally the API's StudiesService), plus lifecycle control. */
export interface StudyService {
  /** Validates `spec` (StudyConfigError → 422 naming each field), stores the study as "queued" and starts it. */
  create(spec: Record<string, unknown>): Promise<StudyView>;
  /** The stored document, or null for an unknown (or malformed) id. */
  get(id: string): Promise<StudyView | null>;
  /** report.html or study.md, or null while the study has none. */
  report(id: string, format: "html" | "markdown"): Promise<string | null>;
  /** Starts every stored study that has not ended (queued, running, reporting or interrupted); returns their ids. */
  resumeUnfinished(): Promise<string[]>;
  /** Interrupts every running study (runs checkpoint; each ends "interrupted") and waits for them. */
  close(): Promise<void>;
  /** Resolves when no study is running or waiting in this process. */
  idle(): Promise<void>;
}

const STUDY_JSON = /^studies\/([^/]+)\/study\.json$/;

/** Creates the study service over `storage`; studies run in the background through runStudy. */
export function createStudyService(o: StudyServiceOptions): StudyService {
  const { storage } = o;
  const controller = new AbortController();
  const waiting: string[] = [];
  const active = new Map<string, Promise<void>>();
  const newId = o.newId ?? (() => newCoreId("study"));

  const pump = () => {
    while (active.size < (o.concurrency ?? 1) && waiting.length && !controller.signal.aborted) {
      const id = waiting.shift()!;
      const p = runStudy({
        storage,
        id,
        signal: controller.signal,
        samples: o.samples ?? true,
        ...(o.storageUrl ? { storageUrl: o.storageUrl } : {}),
        ...(o.workers ? { workers: o.workers } : {}),
        ...(o.backend ? { backend: o.backend } : {}),
        ...(o.spawnRun ? { spawnRun: o.spawnRun } : {}),
      })
        .then(
          () => undefined,
          async (err: unknown) => {
            o.onError?.(id, err);
            const doc = await readStudy(storage, id).catch(() => null);
            if (doc) {
              doc.status = "failed";
              doc.error = { code: "internal", message: (err as Error).message };
              await storage.putJson(studyKeys(id).study, doc).catch(() => undefined);
            }
          },
        )
        .finally(() => {
          active.delete(id);
          pump();
        });
      active.set(id, p);
    }
  };
  const schedule = (id: string) => {
    if (!active.has(id) && !waiting.includes(id)) waiting.push(id);
    pump();
  };

  return {
    async create(spec) {
      const { config, runs } = parseStudy(spec);
      const id = validateId(newId(), "id");
      const doc = newStudyDocument(id, config, runs);
      await storage.putJson(studyKeys(id).study, doc);
      if (o.launch) await o.launch(doc, runs);
      else schedule(id);
      return doc as StudyView;
    },
    async get(id) {
      try {
        return (await readStudy(storage, validateId(id))) as StudyView | null;
      } catch {
        return null;
      }
    },
    async report(id, format) {
      let keys;
      try {
        keys = studyKeys(id);
      } catch {
        return null;
      }
      return storage.getText(format === "html" ? keys.report : keys.summary);
    },
    async resumeUnfinished() {
      const ids: string[] = [];
      for await (const info of storage.list("studies/")) {
        const m = STUDY_JSON.exec(info.key);
        if (!m) continue;
        const doc = await readStudy(storage, m[1]!).catch(() => null);
        if (doc && doc.status !== "succeeded" && doc.status !== "failed") ids.push(m[1]!);
      }
      for (const id of ids) schedule(id);
      return ids;
    },
    async close() {
      waiting.length = 0;
      controller.abort();
      await Promise.all([...active.values()]);
    },
    async idle() {
      // Each finished study starts the next waiting one before its promise settles, so re-check after each wait.
      while (active.size) await Promise.all([...active.values()]);
    },
  };
}
