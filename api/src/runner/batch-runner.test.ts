/**
 * The Batch runner and Batch studies with the real @aws-sdk/client-batch against a loopback endpoint that records
 * the wire requests and answers in the shapes of the Batch API reference (SubmitJob, ListJobs, TerminateJob), so
 * serialisation, SigV4 signing, retries and error parsing are the SDK's own.
 */
import { readFileSync } from "node:fs";
import { BatchClient } from "@aws-sdk/client-batch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTrainingConfig } from "@gantry/core";
import { studyKeys } from "@gantry/trainer/storage";
import { expandStudy, parseStudyConfig } from "@gantry/trainer/study";
import { awsError, startAwsStub, type AwsStub, type WireAnswer, type WireRequest } from "../lambda/aws-wire-stub.ts";
import { createTraining, readStatus } from "../services/training-store.ts";
import { tempStorage } from "../test-support.ts";
import { BatchRunner, CANCEL_REASON } from "./batch-runner.ts";
import { batchStudies, STUDY_RUNS_ENV } from "./batch-studies.ts";

const QUEUE = "arn:aws:batch:us-east-1:123456789012:job-queue/gantry-gpu";
const DEF = "arn:aws:batch:us-east-1:123456789012:job-definition/gantry-train:4";
const URL = "s3://gantry-bucket/deploy";

describe("Batch runner (real SDK client, loopback Batch endpoint)", () => {
  let stub: AwsStub;
  let answer: (r: WireRequest) => WireAnswer;
  const tmp = tempStorage();
  let client: BatchClient;
  const runner = () => new BatchRunner({ client, storage: tmp.storage, storageUrl: URL, jobQueue: QUEUE, jobDefinition: DEF });
  const ops = () => stub.requests.map((r) => r.operation);

  beforeEach(async () => {
    answer = () => awsError(400, "ClientException", "unexpected");
    stub = await startAwsStub((r) => answer(r));
    client = new BatchClient({
      endpoint: stub.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDBATCHTEST", secretAccessKey: "batch-secret" },
      maxAttempts: 3,
    });
  });
  afterEach(async () => {
    await stub.close();
  });

  it("submit: ListJobs by name, then SubmitJob with the training id as job name and the by-id trainer command", async () => {
    answer = (r) =>
      r.operation === "/v1/listjobs"
        ? { body: { jobSummaryList: [] } }
        : { body: { jobArn: "arn:aws:batch:us-east-1:123456789012:job/11111111-2222", jobName: "t-1", jobId: "11111111-2222" } };
    await runner().submit("t-0abc-1234");
    expect(ops()).toEqual(["/v1/listjobs", "/v1/submitjob"]);
    const [list, submit] = stub.requests;
    expect(list!.json).toEqual({ jobQueue: QUEUE, filters: [{ name: "JOB_NAME", values: ["t-0abc-1234"] }] });
    expect(submit!.method).toBe("POST");
    expect(submit!.json).toEqual({
      jobName: "t-0abc-1234",
      jobQueue: QUEUE,
      jobDefinition: DEF,
      containerOverrides: { command: ["gantry-train", "--id", "t-0abc-1234", "--storage", URL] },
      tags: { "gantry:training": "t-0abc-1234" },
      propagateTags: true,
    });
    expect(String(submit!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDBATCHTEST\/\d{8}\/us-east-1\/batch\/aws4_request, SignedHeaders=.*host.*x-amz-date/,
    );
    expect(submit!.headers["content-type"]).toBe("application/json");
  });

  it("a retried submit finds the job already named after the training and submits nothing", async () => {
    answer = () => ({ body: { jobSummaryList: [{ jobId: "j-1", jobName: "t-dup", status: "RUNNABLE", createdAt: 1796601600000 }] } });
    await runner().submit("t-dup");
    expect(ops()).toEqual(["/v1/listjobs"]);
  });

  it("throttling is retried by the SDK; a client error is not, and reaches the caller typed", async () => {
    let submits = 0;
    answer = (r) => {
      if (r.operation === "/v1/listjobs") return { body: { jobSummaryList: [] } };
      return ++submits === 1
        ? awsError(429, "TooManyRequestsException", "Too many requests")
        : { body: { jobArn: "a", jobName: "t-r", jobId: "j-r" } };
    };
    await runner().submit("t-r");
    const sends = stub.requests.filter((r) => r.operation === "/v1/submitjob");
    expect(sends).toHaveLength(2);
    expect(sends[1]!.headers["amz-sdk-request"]).toMatch(/attempt=2/);

    answer = (r) =>
      r.operation === "/v1/listjobs"
        ? { body: { jobSummaryList: [] } }
        : awsError(400, "ClientException", "Job definition gantry-train:4 is INACTIVE");
    const before = stub.requests.length;
    await expect(runner().submit("t-c")).rejects.toMatchObject({ name: "ClientException", message: "Job definition gantry-train:4 is INACTIVE" });
    expect(stub.requests.length - before).toBe(2); // one ListJobs, one SubmitJob: no retry of a 400
  });

  it("cancel terminates the live job with the API's reason and records canceled; an ended training is left alone", async () => {
    await createTraining(tmp.storage, "t-cancel", parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "ns" } }));
    answer = (r) =>
      r.operation === "/v1/listjobs"
        ? {
            body: {
              jobSummaryList: [
                { jobId: "old", jobName: "t-cancel", status: "FAILED", createdAt: 1 },
                { jobId: "live", jobName: "t-cancel", status: "RUNNING", createdAt: 2 },
              ],
            },
          }
        : { body: {} };
    expect(await runner().cancel("t-cancel")).toBe(true);
    expect(ops()).toEqual(["/v1/listjobs", "/v1/terminatejob"]);
    expect(stub.requests[1]!.json).toEqual({ jobId: "live", reason: CANCEL_REASON });
    expect((await readStatus(tmp.storage, "t-cancel"))?.status).toBe("canceled");
    const n = stub.requests.length;
    expect(await runner().cancel("t-cancel")).toBe(false);
    expect(stub.requests.length).toBe(n);
  });

  it("a study is one array job (index → run, the same runs as a local study) plus an aggregation job depending on it", async () => {
    const spec = JSON.parse(
      readFileSync(new globalThis.URL("../../../trainer/studies/mnist-core-losses-tiny.json", import.meta.url), "utf8"),
    ) as Record<string, unknown>;
    let n = 0;
    answer = (r) => ({
      body: { jobArn: `arn:aws:batch:us-east-1:123456789012:job/j${++n}`, jobName: (r.json as { jobName: string }).jobName, jobId: `j${n}` },
    });
    const doc = await batchStudies({ client, storage: tmp.storage, storageUrl: URL, jobQueue: QUEUE, jobDefinition: DEF }).create(spec);
    const local = expandStudy(parseStudyConfig(spec)).map((r) => r.runId);
    expect(local.length).toBeGreaterThanOrEqual(2);
    expect(ops()).toEqual(["/v1/submitjob", "/v1/submitjob"]);
    // biome-ignore lint/suspicious/noExplicitAny: recorded request bodies, asserted on field by field
    const [array, report] = stub.requests.map((r) => r.json as Record<string, any>);
    expect(array!.arrayProperties).toEqual({ size: local.length });
    expect(array!.containerOverrides.command).toEqual(["gantry-study", "__run", "--storage", URL, "--study", doc.id]);
    expect(array!.containerOverrides.environment).toEqual([{ name: STUDY_RUNS_ENV, value: local.join(" ") }]);
    expect(report!.dependsOn).toEqual([{ jobId: "j1" }]);
    expect(report!.containerOverrides.command).toEqual(["gantry-study", "--id", doc.id, "--storage", URL, "--quiet"]);
    // Every child reads its run config from storage by id, as a training does; the study waits "queued".
    for (const runId of local) expect(await tmp.storage.head(studyKeys(doc.id).run(runId).config)).not.toBeNull();
    expect(doc.status).toBe("queued");
  });
});
