/**
 * The EventBridge Batch job-state-change handler on event fixtures in the documented shape: a job Batch failed
 * before the trainer could write its outcome (OOM kill, image pull error) marks the training failed with Batch's
 * reason; trainer-written outcomes stand; a cancel overwritten by the stopping job is restored.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parseTrainingConfig } from "@gantry/core";
import { trainingKeys } from "@gantry/trainer/storage";
import { CANCEL_REASON } from "../runner/batch-runner.ts";
import { createTraining, patchStatus, readStatus } from "../services/training-store.ts";
import { tempStorage } from "../test-support.ts";
import { applyBatchEvent, type BatchJobStateChange } from "./batch-events.ts";

const fixture = (name: string, id: string): BatchJobStateChange =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8").replaceAll("TRAINING_ID", id)) as BatchJobStateChange;

describe("Batch job state change handler", () => {
  const tmp = tempStorage();
  afterAll(() => tmp.cleanup());
  const training = async (id: string, status: "queued" | "running" | "succeeded" | "interrupted" | "canceled") => {
    await createTraining(tmp.storage, id, parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "ns" } }));
    if (status !== "queued") await patchStatus(tmp.storage, id, { status });
  };

  it("OOM: a running training is failed with the container's reason and exit code, and a status event ends SSE", async () => {
    await training("t-oom", "running");
    expect(await applyBatchEvent(tmp.storage, fixture("batch-job-failed-oom", "t-oom"))).toBe("marked-failed");
    const st = await readStatus(tmp.storage, "t-oom");
    expect(st?.status).toBe("failed");
    expect(st?.error).toEqual({
      code: "batch_failed",
      message: "AWS Batch job 4c7599ae-0a82-49aa-ba5a-4727fcce14a8 failed: OutOfMemoryError: Container killed due to memory usage (exit code 137)",
    });
    const events = (await tmp.storage.getText(trainingKeys("t-oom").events))!
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.at(-1)).toMatchObject({ type: "status", data: { status: "failed" } });
  });

  it("image pull error: a queued training (the trainer never ran) is failed with CannotPullContainerError", async () => {
    await training("t-pull", "queued");
    expect(await applyBatchEvent(tmp.storage, fixture("batch-job-failed-image-pull", "t-pull"))).toBe("marked-failed");
    expect((await readStatus(tmp.storage, "t-pull"))?.error?.message).toMatch(
      /^AWS Batch job 9a8b7c6d-\S+ failed: CannotPullContainerError: pull image manifest/,
    );
  });

  it("an outcome the trainer wrote stands; unknown trainings and other states are ignored", async () => {
    await training("t-done", "succeeded");
    expect(await applyBatchEvent(tmp.storage, fixture("batch-job-failed-oom", "t-done"))).toBe("ignored");
    expect((await readStatus(tmp.storage, "t-done"))?.status).toBe("succeeded");
    expect(await applyBatchEvent(tmp.storage, fixture("batch-job-failed-oom", "t-missing"))).toBe("ignored");
    const running = fixture("batch-job-failed-oom", "t-done");
    running.detail.status = "RUNNING";
    expect(await applyBatchEvent(tmp.storage, running)).toBe("ignored");
  });

  it("a canceled training that the stopping job overwrote with interrupted is canceled again", async () => {
    await training("t-cancel", "interrupted");
    const e = fixture("batch-job-failed-oom", "t-cancel");
    e.detail.statusReason = CANCEL_REASON;
    expect(await applyBatchEvent(tmp.storage, e)).toBe("marked-canceled");
    expect((await readStatus(tmp.storage, "t-cancel"))?.status).toBe("canceled");
    expect(await applyBatchEvent(tmp.storage, e)).toBe("ignored");
  });

  it("a failed study aggregation job marks the study failed with Batch's reason", async () => {
    await tmp.storage.putJson("studies/s-1/study.json", { id: "s-1", status: "queued", error: null, finishedAt: null });
    const e = fixture("batch-job-failed-oom", "x");
    e.detail.container!.command = ["gantry-study", "--id", "s-1", "--storage", "s3://gantry-bucket/deploy", "--quiet"];
    e.detail.statusReason = "Dependent Job failed";
    delete e.detail.attempts;
    delete e.detail.container!.reason;
    delete e.detail.container!.exitCode;
    expect(await applyBatchEvent(tmp.storage, e)).toBe("study-failed");
    const doc = await tmp.storage.getJson<{ status: string; error: { message: string } }>("studies/s-1/study.json");
    expect(doc?.status).toBe("failed");
    expect(doc?.error.message).toBe("AWS Batch job 4c7599ae-0a82-49aa-ba5a-4727fcce14a8 failed: Dependent Job failed");
  });
});
