import { openStorage, studyKeys, type Storage } from "@gantry/trainer/storage";
import type { Logger } from "../http/logger.ts";
import { CANCEL_REASON } from "../runner/batch-runner.ts";
import { finalizeTraining } from "../runner/finalize.ts";
import { isTerminal, readStatus } from "../services/training-store.ts";

/** The part of an EventBridge "Batch Job State Change" event this handler reads (detail = the DescribeJobs job). */
export interface BatchJobStateChange {
  "detail-type": string;
  source: string;
  detail: {
    jobId: string;
    jobName: string;
    status: string;
    statusReason?: string;
    container?: { command?: string[]; reason?: string; exitCode?: number };
    attempts?: { container?: { reason?: string; exitCode?: number }; statusReason?: string }[];
  };
}

export type BatchEventOutcome = "ignored" | "marked-failed" | "marked-canceled" | "study-failed";

const flag = (command: string[] | undefined, name: string): string | null => {
  const i = command?.indexOf(name) ?? -1;
  return i >= 0 ? (command![i + 1] ?? null) : null;
};

/** Batch's most specific account of why a job failed: the last attempt's container reason, else the job's. */
export function batchFailureReason(d: BatchJobStateChange["detail"]): string {
  const last = d.attempts?.at(-1);
  const reason = last?.container?.reason ?? d.container?.reason ?? last?.statusReason ?? d.statusReason ?? "unknown";
  const code = last?.container?.exitCode ?? d.container?.exitCode;
  return `AWS Batch job ${d.jobId} failed: ${reason}${code === undefined ? "" : ` (exit code ${code})`}`;
}

/**
 * Applies one job state change to storage. Only FAILED matters: a training whose job failed before the trainer
 * could write a terminal status (OOM kill, image pull error, host lost after the last retry) is marked failed with
 * Batch's reason; a canceled training that the stopping job overwrote with "interrupted" is canceled again; a
 * study whose aggregation job failed (or never ran because its array failed) is marked failed.
 */
export async function applyBatchEvent(storage: Storage, e: BatchJobStateChange, logger?: Logger): Promise<BatchEventOutcome> {
  const d = e.detail;
  if (e.source !== "aws.batch" || e["detail-type"] !== "Batch Job State Change" || d.status !== "FAILED") return "ignored";
  const command = d.container?.command;
  const trainingId = command?.[0] === "gantry-train" ? flag(command, "--id") : null;
  if (trainingId) {
    const st = await readStatus(storage, trainingId);
    if (!st) return "ignored";
    if (d.statusReason === CANCEL_REASON) {
      if (st.status === "canceled") return "ignored";
      await finalizeTraining(storage, trainingId, "canceled", null);
      return "marked-canceled";
    }
    if (isTerminal(st.status)) return "ignored"; // the trainer wrote its own outcome (e.g. diverged → failed)
    const message = batchFailureReason(d);
    await finalizeTraining(storage, trainingId, "failed", { code: "batch_failed", message });
    logger?.warn("training marked failed from its Batch job", { trainingId, jobId: d.jobId, reason: message });
    return "marked-failed";
  }
  const studyId = command?.[0] === "gantry-study" && flag(command, "--id") ? flag(command, "--id") : null;
  if (studyId) {
    const key = studyKeys(studyId).study;
    const doc = await storage.getJson<{ status: string; error: unknown; finishedAt: string | null }>(key);
    if (!doc || doc.status === "succeeded" || doc.status === "failed") return "ignored";
    await storage.putJson(key, {
      ...doc,
      status: "failed",
      error: { code: "batch_failed", message: batchFailureReason(d) },
      finishedAt: new Date().toISOString(),
    });
    return "study-failed";
  }
  return "ignored";
}

let storage: Storage | null = null;

/** EventBridge target (rule: source aws.batch, detail-type "Batch Job State Change", status FAILED, our queue). */
export async function batchEventsHandler(event: BatchJobStateChange): Promise<{ outcome: BatchEventOutcome }> {
  const url = process.env.GANTRY_STORAGE;
  if (!url?.startsWith("s3://")) throw new Error("GANTRY_STORAGE: expected s3://<bucket>/<prefix>");
  storage ??= openStorage(url);
  return { outcome: await applyBatchEvent(storage, event) };
}
