import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trainingKeys } from "@gantry/trainer/storage";
import { finalizeTraining } from "../runner/finalize.ts";
import { TrainingSchema } from "../schemas/training.ts";
import { patchStatus, readStatus, type StoredEvent } from "../services/training-store.ts";
import { call, expectProblem, seedTraining, testApp, type TestApp } from "../test-support.ts";

describe("POST /v1/trainings/{id}/resume", () => {
  let t: TestApp;
  beforeEach(() => {
    t = testApp();
  });
  afterEach(() => t.cleanup());

  const lastEvent = async (id: string) => {
    const lines = ((await t.storage.getText(trainingKeys(id).events)) ?? "").trim().split("\n");
    return JSON.parse(lines.at(-1)!) as StoredEvent;
  };

  it("queues a canceled training again: 202, Location, status and event queued, handed to the runner", async () => {
    await seedTraining(t.storage, "t-stopped", { status: "running" });
    await finalizeTraining(t.storage, "t-stopped", "canceled", null);
    const res = await call(t.app, "POST", "/v1/trainings/t-stopped/resume");
    expect(res.status).toBe(202);
    expect(res.headers.get("location")).toBe("/v1/trainings/t-stopped");
    const body = TrainingSchema.parse(await res.json());
    expect(body).toMatchObject({ id: "t-stopped", status: "queued", error: null, finishedAt: null });
    expect(t.runner.resumed).toEqual(["t-stopped"]);
    expect(await lastEvent("t-stopped")).toMatchObject({ id: 2, type: "status", data: { status: "queued", error: null } });
    // Queued now, so a second resume is refused, naming why.
    const again = await expectProblem(await call(t.app, "POST", "/v1/trainings/t-stopped/resume"), 409);
    expect(again.type).toBe("urn:gantry:problem:not-ended");
    expect(again.detail).toBe("training t-stopped is queued, not ended; only a canceled or failed training can be resumed");
    expect(t.runner.resumed).toEqual(["t-stopped"]);
  });

  it("resumes a training that failed in a way a rerun may get past (a crash)", async () => {
    await seedTraining(t.storage, "t-crashed", { status: "running" });
    await finalizeTraining(t.storage, "t-crashed", "failed", { code: "internal", message: "training job exited with signal SIGKILL" });
    expect((await call(t.app, "POST", "/v1/trainings/t-crashed/resume")).status).toBe(202);
    expect(await readStatus(t.storage, "t-crashed")).toMatchObject({ status: "queued", error: null });
  });

  it("404 for an unknown training; 409 naming why for one that cannot be resumed", async () => {
    await expectProblem(await call(t.app, "POST", "/v1/trainings/t-none/resume"), 404);
    await expectProblem(await call(t.app, "POST", "/v1/trainings/..bad/resume"), 400, ["params.id"]);

    await seedTraining(t.storage, "t-done", { status: "succeeded" });
    const done = await expectProblem(await call(t.app, "POST", "/v1/trainings/t-done/resume"), 409);
    expect([done.type, done.detail]).toEqual([
      "urn:gantry:problem:already-succeeded",
      "training t-done already succeeded; there is nothing to resume",
    ]);

    await seedTraining(t.storage, "t-live", { status: "running" });
    expect((await expectProblem(await call(t.app, "POST", "/v1/trainings/t-live/resume"), 409)).type).toBe("urn:gantry:problem:not-ended");

    await seedTraining(t.storage, "t-nan", { status: "running" });
    await patchStatus(t.storage, "t-nan", { status: "failed", error: { code: "diverged", message: "dLoss is NaN at step 40" } });
    const nan = await expectProblem(await call(t.app, "POST", "/v1/trainings/t-nan/resume"), 409);
    expect(nan.type).toBe("urn:gantry:problem:final-failure");
    expect(nan.detail).toBe("training t-nan failed with diverged (dLoss is NaN at step 40); a rerun would fail the same way");

    // A latest.json without the manifest's sha256 cannot be verified: resuming from it would fail in the job.
    await seedTraining(t.storage, "t-torn", { status: "running", steps: [20] });
    await finalizeTraining(t.storage, "t-torn", "canceled", null);
    const torn = await expectProblem(await call(t.app, "POST", "/v1/trainings/t-torn/resume"), 409);
    expect(torn.type).toBe("urn:gantry:problem:checkpoint-corrupt");
    expect(torn.detail).toMatch(/^training t-torn cannot be resumed: its latest checkpoint does not verify \(.*latest\.json lacks manifest/);

    expect(t.runner.resumed).toEqual([]);
    expect((await readStatus(t.storage, "t-nan"))?.status).toBe("failed");
  });
});
