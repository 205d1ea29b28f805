import { SubmitJobCommand, type BatchClient } from "@aws-sdk/client-batch";
import { studyKeys, type Storage } from "@gantry/trainer/storage";
import { createStudyService, type StudyDocument, type StudyRun } from "@gantry/trainer/study";
import type { StudiesService } from "../deps.ts";
import { batchJobName } from "./batch-runner.ts";

export interface BatchStudiesOptions {
  client: BatchClient;
  storage: Storage;
  storageUrl: string;
  jobQueue: string;
  jobDefinition: string;
}

/** Env var listing a study's run ids in array-index order; the container entrypoint picks its own by index. */
export const STUDY_RUNS_ENV = "GANTRY_STUDY_RUNS";

/** The container command of one study run (the entrypoint appends `--run <id>` for array children). */
export const studyRunCommand = (studyId: string, storageUrl: string): string[] => [
  "gantry-study",
  "__run",
  "--storage",
  storageUrl,
  "--study",
  studyId,
];

/** The aggregation: continuing a study whose runs all ended trains nothing and writes study.json/md and the report. */
export const studyReportCommand = (studyId: string, storageUrl: string): string[] => [
  "gantry-study",
  "--id",
  studyId,
  "--storage",
  storageUrl,
  "--quiet",
];

/**
 * Submits study `doc` as one Batch array job (index i → run i, each an ordinary training on its own GPU) and an
 * aggregation job that depends on the whole array. Batch needs arrays of 2 or more, so a one-run study is a
 * plain job. Run configs are written first: each child reads its config from storage, as a training does.
 */
export async function submitStudy(
  o: BatchStudiesOptions,
  doc: StudyDocument,
  runs: readonly StudyRun[],
): Promise<{ runsJobId: string; reportJobId: string }> {
  const keys = studyKeys(doc.id);
  for (const r of runs) await o.storage.putJson(keys.run(r.runId).config, r.config);
  const base = { jobQueue: o.jobQueue, jobDefinition: o.jobDefinition, tags: { "gantry:study": doc.id }, propagateTags: true };
  const command = studyRunCommand(doc.id, o.storageUrl);
  const array = runs.length >= 2;
  const runsJob = await o.client.send(
    new SubmitJobCommand({
      ...base,
      jobName: batchJobName(`${doc.id}-runs`),
      ...(array ? { arrayProperties: { size: runs.length } } : {}),
      containerOverrides: array
        ? { command, environment: [{ name: STUDY_RUNS_ENV, value: runs.map((r) => r.runId).join(" ") }] }
        : { command: [...command, "--run", runs[0]!.runId] },
    }),
  );
  const reportJob = await o.client.send(
    new SubmitJobCommand({
      ...base,
      jobName: batchJobName(`${doc.id}-report`),
      dependsOn: [{ jobId: runsJob.jobId! }],
      containerOverrides: { command: studyReportCommand(doc.id, o.storageUrl) },
    }),
  );
  return { runsJobId: runsJob.jobId!, reportJobId: reportJob.jobId! };
}

/** The API's studies on Batch: the trainer's study service (same validation, ids, documents), launched as jobs. */
export function batchStudies(o: BatchStudiesOptions): StudiesService {
  return createStudyService({
    storage: o.storage,
    storageUrl: o.storageUrl,
    launch: async (doc, runs) => {
      await submitStudy(o, doc, runs);
    },
  });
}
