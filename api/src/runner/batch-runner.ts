import { ListJobsCommand, SubmitJobCommand, TerminateJobCommand, type BatchClient, type JobSummary } from "@aws-sdk/client-batch";
import type { Storage } from "@gantry/trainer/storage";
import type { Logger } from "../http/logger.ts";
import { isTerminal, readStatus } from "../services/training-store.ts";
import { finalizeTraining } from "./finalize.ts";
import { byIdArgs } from "./job-args.ts";
import type { Runner, RunnerStats } from "./types.ts";

export interface BatchRunnerOptions {
  client: BatchClient;
  storage: Storage;
  /** What the job opens: the same data as `storage` (s3://bucket/prefix). */
  storageUrl: string;
  jobQueue: string;
  jobDefinition: string;
  logger?: Logger;
}

/** TerminateJob's reason for an API cancel; the state-change handler recognises it (see batch-events.ts). */
export const CANCEL_REASON = "gantry: canceled by the API";
/** Batch job states in which a job may still run. */
const LIVE = new Set(["SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING"]);

/** Batch job names allow letters, digits, "-" and "_"; training ids may also hold "." (API ids never do). */
export const batchJobName = (id: string): string => id.replace(/\./g, "_");

/** The container command of a training: the trainer reads its config from storage by id. */
export const trainingCommand = (id: string, storageUrl: string): string[] => ["gantry-train", ...byIdArgs(id, storageUrl)];

/** The jobs named after training `id` on the queue (every state: ListJobs with a filter ignores jobStatus). */
export async function jobsNamed(client: BatchClient, jobQueue: string, id: string): Promise<JobSummary[]> {
  const out: JobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const res = await client.send(
      new ListJobsCommand({
        jobQueue,
        filters: [{ name: "JOB_NAME", values: [batchJobName(id)] }],
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    out.push(...(res.jobSummaryList ?? []));
    nextToken = res.nextToken;
  } while (nextToken);
  return out;
}

/**
 * Runs each training as one AWS Batch job (job name = training id) on a GPU queue; the queue is Batch's, so any
 * number of API instances share it and none keeps state. The job writes status.json itself; this runner writes
 * only what a job cannot: "canceled". A job Batch fails before the trainer could write (OOM, image pull) is marked
 * failed by the state-change handler.
 */
export class BatchRunner implements Runner {
  constructor(private readonly o: BatchRunnerOptions) {}

  /** Idempotent: a retried submit finds the job already named after the training and submits nothing. */
  async submit(id: string): Promise<void> {
    const existing = await jobsNamed(this.o.client, this.o.jobQueue, id);
    if (existing.length > 0) {
      this.o.logger?.info("batch job exists", { trainingId: id, jobId: existing[0]?.jobId });
      return;
    }
    await this.submitJob(id);
  }

  private async submitJob(id: string): Promise<void> {
    const res = await this.o.client.send(
      new SubmitJobCommand({
        jobName: batchJobName(id),
        jobQueue: this.o.jobQueue,
        jobDefinition: this.o.jobDefinition,
        containerOverrides: { command: trainingCommand(id, this.o.storageUrl) },
        tags: { "gantry:training": id },
        propagateTags: true,
      }),
    );
    this.o.logger?.info("batch job submitted", { trainingId: id, jobId: res.jobId });
  }

  /** A new job unless one is still live (a retried resume); the trainer resumes from the latest checkpoint. */
  async resume(id: string): Promise<void> {
    const live = (await jobsNamed(this.o.client, this.o.jobQueue, id)).filter((j) => LIVE.has(j.status ?? ""));
    if (live.length > 0) {
      this.o.logger?.info("batch job still live; not resubmitted", { trainingId: id, jobId: live[0]?.jobId });
      return;
    }
    await this.submitJob(id);
  }

  /**
   * Terminates the training's live jobs and records "canceled". A running job gets SIGTERM and may still write
   * "interrupted" as it stops; the state-change handler then restores "canceled" (it knows CANCEL_REASON).
   */
  async cancel(id: string): Promise<boolean> {
    const st = await readStatus(this.o.storage, id);
    if (!st || isTerminal(st.status)) return false;
    for (const job of await jobsNamed(this.o.client, this.o.jobQueue, id)) {
      if (job.jobId && LIVE.has(job.status ?? "")) {
        await this.o.client.send(new TerminateJobCommand({ jobId: job.jobId, reason: CANCEL_REASON }));
      }
    }
    await finalizeTraining(this.o.storage, id, "canceled", null);
    return true;
  }

  /** The counts live in Batch (its console and ListJobs), not in any one API instance: zeros here. */
  stats(): RunnerStats {
    return { kind: "batch", workers: 0, running: 0, queued: 0, finished: 0, queueOwner: null };
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}
