/**
 * The Lambda entry points invoked in-process with real API Gateway HTTP API (2.0) and Function URL events, against
 * the real S3 protocol (s3rver), DynamoDB protocol (dynalite), and a loopback SSM/Batch endpoint answering in the
 * documented shapes. The model sampled is a real MNIST generator trained by gantry-train into s3rver, loaded by the
 * trainer's loadGenerator on wasm: the same path as in AWS.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { handle } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openStorage, type Storage } from "@gantry/trainer/storage";
import { startS3rver, type S3rverHandle } from "@gantry/trainer/testing/s3rver";
import { ProblemSchema } from "./http/problem.ts";
import { awsError, startAwsStub, type AwsStub } from "./lambda/aws-wire-stub.ts";
import { startDynalite, type DynaliteHandle } from "./lambda/dynalite-kit.ts";
import { lambdaEntry } from "./lambda/entry.ts";
import { CollectingStream, installAwsLambdaGlobal, lambdaEvent, splitStreamed } from "./lambda/lambda-test-kit.ts";
import { lambdaRuntime } from "./lambda/runtime.ts";
import { finalizeTraining } from "./runner/finalize.ts";
import { trainerBin } from "./runner/job-process.ts";

const TRAIN_KEY = "lambda-train-key-0123";
const SAMPLE_KEY = "lambda-sample-key-0123";
const MODEL = "m-lambda-mnist";
const bearer = (k: string) => ({ authorization: `Bearer ${k}` });

interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [field: string]: unknown;
  Latency: number;
}

type Result = { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean };

describe("Lambda handlers", () => {
  let dir: string;
  let s3: S3rverHandle;
  let db: DynaliteHandle;
  let aws: AwsStub;
  let storage: Storage;
  let handler: (e: unknown) => Promise<Result>;
  let streamingHandler: (e: unknown, s: CollectingStream, ctx: unknown) => Promise<void>;
  let jobs = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gantry-lambda-"));
    s3 = await startS3rver(path.join(dir, "s3"), "gantry");
    db = await startDynalite("gantry-state");
    aws = await startAwsStub((r) => {
      if (r.operation === "AmazonSSM.GetParameter") {
        const name = (r.json as { Name: string }).Name;
        if (name !== "/gantry/api-keys") return awsError(400, "ParameterNotFound", `${name} not found`);
        return {
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: {
            Parameter: {
              Name: name,
              Type: "SecureString",
              Value: `${TRAIN_KEY}:train;${SAMPLE_KEY}:sample`,
              Version: 3,
              LastModifiedDate: 1796601600,
              ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name}`,
              DataType: "text",
            },
          },
        };
      }
      if (r.operation === "/v1/listjobs") return { body: { jobSummaryList: [] } };
      if (r.operation === "/v1/submitjob") {
        const b = r.json as { jobName: string };
        return { body: { jobArn: `arn:aws:batch:us-east-1:123456789012:job/j-${++jobs}`, jobName: b.jobName, jobId: `j-${jobs}` } };
      }
      return awsError(400, "ClientException", `unexpected ${r.operation}`);
    });
    Object.assign(process.env, {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER", // s3rver checks signatures made with its fixed credentials
      GANTRY_S3_ENDPOINT: s3.endpoint,
      AWS_ENDPOINT_URL_SSM: aws.endpoint,
      AWS_ENDPOINT_URL_BATCH: aws.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      GANTRY_STORAGE: "s3://gantry/deploy",
      GANTRY_API_KEYS_PARAMETER: "/gantry/api-keys",
      GANTRY_BATCH_JOB_QUEUE: "gantry-gpu",
      GANTRY_BATCH_JOB_DEFINITION: "gantry-train",
      GANTRY_STATE_TABLE: "gantry-state",
      POWERTOOLS_DEV: "false",
      POWERTOOLS_LOG_LEVEL: "WARN",
    });
    storage = openStorage("s3://gantry/deploy");
    // A real MNIST generator, written to S3 by the trainer CLI exactly as a Batch job would.
    const config = path.join(dir, "mnist.json");
    writeFileSync(
      config,
      JSON.stringify({
        data: { name: "mnist" },
        loss: { name: "ns" },
        steps: 2,
        batchSize: 16,
        logEvery: 1,
        model: { arch: "mlp", zDim: 8, gHidden: [32], dHidden: [32] },
      }),
    );
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(
        process.execPath,
        [trainerBin(), "--config", config, "--storage", "s3://gantry/deploy", "--id", MODEL, "--quiet", "--backend", "wasm"],
        { stdio: "inherit", env: process.env },
      );
      p.on("close", resolve);
    });
    expect(code).toBe(0);
    installAwsLambdaGlobal();
    ({ handler, streamingHandler } = (await import("./lambda.ts")) as unknown as {
      handler: typeof handler;
      streamingHandler: typeof streamingHandler;
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([s3?.stop(), db?.close(), aws?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("HTTP API event: a model's JSON, with the SSM keys (hashed) deciding access", async () => {
    const res = await handler(lambdaEvent("http-api-v2", { path: `/v1/models/${MODEL}`, headers: bearer(SAMPLE_KEY) }));
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(false);
    const body = JSON.parse(res.body) as { id: string; versions: { step: number }[] };
    expect(body.id).toBe(MODEL);
    expect(body.versions.map((v) => v.step)).toEqual([2]);
    expect(aws.requests.filter((r) => r.operation === "AmazonSSM.GetParameter")).toHaveLength(1);
    const ssm = aws.requests.find((r) => r.operation === "AmazonSSM.GetParameter")!;
    expect(ssm.json).toEqual({ Name: "/gantry/api-keys", WithDecryption: true });
    expect(String(ssm.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/ssm\/aws4_request/);
  });

  it("Function URL event: samples as JSON from a base64-encoded body; the same seed gives the same numbers", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ n: 3, seed: 7, format: "json" }));
    const ask = () =>
      handler(
        lambdaEvent("function-url", {
          method: "POST",
          path: `/v1/models/${MODEL}/samples`,
          body,
          headers: { ...bearer(SAMPLE_KEY), "content-type": "application/json" },
        }),
      );
    const res = await ask();
    expect(res.statusCode).toBe(200);
    const out = JSON.parse(res.body) as { shape: number[]; data: number[][]; version: number; seed: number };
    expect(out.shape).toEqual([3, 28, 28, 1]);
    expect(out.version).toBe(2);
    expect(out.data.map((row) => row.length)).toEqual([784, 784, 784]);
    for (const v of out.data.flat()) expect(Math.abs(v)).toBeLessThanOrEqual(1); // tanh output
    expect(new Set(out.data.flat()).size).toBeGreaterThan(100); // a real generator, not a constant
    expect(JSON.parse((await ask()).body)).toEqual(out);
  });

  it("HTTP API event: samples.png comes back base64-encoded as a PNG", async () => {
    const res = await handler(
      lambdaEvent("http-api-v2", { path: `/v1/models/${MODEL}/samples.png`, query: "n=4&seed=1", headers: bearer(SAMPLE_KEY) }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.isBase64Encoded).toBe(true);
    const png = Buffer.from(res.body, "base64");
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(res.headers["x-gantry-seed"]).toBe("1");
  });

  it("a bad body is a 422 problem naming the field; a missing or wrong key is a 401 problem", async () => {
    const bad = await handler(
      lambdaEvent("function-url", {
        method: "POST",
        path: `/v1/models/${MODEL}/samples`,
        body: JSON.stringify({ n: 5000 }),
        headers: { ...bearer(SAMPLE_KEY), "content-type": "application/json" },
      }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toBe("application/problem+json");
    const problem = ProblemSchema.parse(JSON.parse(bad.body));
    expect(problem.errors?.map((e) => e.path)).toEqual(["body.n"]);
    for (const headers of [{}, bearer("not-a-configured-key")]) {
      const res = await handler(lambdaEvent("http-api-v2", { path: `/v1/models/${MODEL}`, headers }));
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toBe('Bearer realm="gantry"');
      expect(ProblemSchema.parse(JSON.parse(res.body)).status).toBe(401);
    }
    // A sample-scope key cannot train.
    const forbidden = await handler(
      lambdaEvent("http-api-v2", {
        method: "POST",
        path: "/v1/trainings",
        body: "{}",
        headers: { ...bearer(SAMPLE_KEY), "content-type": "application/json" },
      }),
    );
    expect(forbidden.statusCode).toBe(403);
  });

  it("streaming handler: SSE frames arrive while the training runs and the stream ends at its terminal status", async () => {
    const created = await handler(
      lambdaEvent("function-url", {
        method: "POST",
        path: "/v1/trainings",
        body: JSON.stringify({ data: { name: "ring8" }, loss: { name: "ns" }, steps: 10 }),
        headers: { ...bearer(TRAIN_KEY), "content-type": "application/json" },
      }),
    );
    expect(created.statusCode).toBe(202);
    const { id } = JSON.parse(created.body) as { id: string };
    const submit = aws.requests.find((r) => r.operation === "/v1/submitjob" && (r.json as { jobName: string }).jobName === id);
    expect((submit!.json as { containerOverrides: { command: string[] } }).containerOverrides.command).toEqual([
      "gantry-train",
      "--id",
      id,
      "--storage",
      "s3://gantry/deploy",
    ]);

    const stream = new CollectingStream();
    const done = streamingHandler(
      lambdaEvent("function-url", { path: `/v1/trainings/${id}/events`, headers: { ...bearer(TRAIN_KEY), accept: "text/event-stream" } }),
      stream,
      {},
    );
    // The metadata prelude and the first frame (the stream's retry hint) arrive before the training has ended.
    const early = splitStreamed(await stream.until((b) => b.includes("retry:")));
    expect(early.metadata.statusCode).toBe(200);
    expect(early.metadata.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(early.body.toString()).not.toContain("event: status");
    await finalizeTraining(storage, id, "failed", { code: "test", message: "ended by the test" });
    await done;
    const text = splitStreamed(Buffer.concat(stream.chunks)).body.toString();
    expect(text).toMatch(/event: status\ndata: .*"status":"failed".*\nid: \d+\n/);
    expect(stream.writableEnded).toBe(true);
  }, 60_000);

  it("EMF: one Embedded Metric Format line per invocation, buffered and streaming, per route and status class", async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const take = (): EmfLine[] => {
      const lines = written.splice(0).join("").split("\n");
      return lines.filter((l) => l.startsWith("{") && l.includes('"_aws"')).map((l) => JSON.parse(l) as EmfLine);
    };
    const sample = (body: unknown) =>
      handler(
        lambdaEvent("http-api-v2", {
          method: "POST",
          path: `/v1/models/${MODEL}/samples`,
          body: JSON.stringify(body),
          headers: { ...bearer(SAMPLE_KEY), "content-type": "application/json" },
        }),
      );
    try {
      expect((await sample({ n: 3, seed: 1 })).statusCode).toBe(200);
      const [ok, ...more] = take();
      expect(more).toEqual([]);
      expect(ok!._aws.CloudWatchMetrics).toEqual([
        {
          Namespace: "Gantry",
          Dimensions: [["service", "route", "statusClass"]],
          Metrics: [
            { Name: "Requests", Unit: "Count" },
            { Name: "Latency", Unit: "Milliseconds" },
            { Name: "SamplesGenerated", Unit: "Count" },
          ],
        },
      ]);
      expect(ok).toMatchObject({ service: "gantry-api", route: "POST /v1/models/:id/samples", statusClass: "2xx", Requests: 1, SamplesGenerated: 3 });
      expect(ok!.Latency).toBeGreaterThan(0);
      expect(ok!.Latency).toBeLessThan(60_000);
      expect(Math.abs(ok!._aws.Timestamp - Date.now())).toBeLessThan(60_000);

      expect((await sample({ n: 5000 })).statusCode).toBe(422);
      expect(take()).toEqual([
        expect.objectContaining({ route: "POST /v1/models/:id/samples", statusClass: "4xx", Requests: 1, SamplesGenerated: 0 }),
      ]);

      const stream = new CollectingStream();
      await streamingHandler(lambdaEvent("function-url", { path: "/healthz" }), stream, {});
      expect(splitStreamed(Buffer.concat(stream.chunks)).metadata.statusCode).toBe(200);
      expect(take()).toEqual([expect.objectContaining({ route: "GET /healthz", statusClass: "2xx", Requests: 1, SamplesGenerated: 0 })]);
    } finally {
      spy.mockRestore();
    }
  });

  it("two instances share idempotency: one Idempotency-Key submits one Batch job", async () => {
    const a = handle(lambdaEntry(lambdaRuntime()));
    const b = handle(lambdaEntry(lambdaRuntime()));
    const before = aws.requests.filter((r) => r.operation === "/v1/submitjob").length;
    const event = () =>
      lambdaEvent("http-api-v2", {
        method: "POST",
        path: "/v1/trainings",
        body: JSON.stringify({ data: { name: "ring8" }, loss: { name: "hinge" }, steps: 5 }),
        headers: { ...bearer(TRAIN_KEY), "content-type": "application/json", "idempotency-key": "once-only-1" },
      });
    const [ra, rb] = await Promise.all([a(event()), b(event())]);
    const statuses = [ra.statusCode, rb.statusCode].sort();
    // One ran; the other either saw the claim (409 in use) or, if it came after, replayed the stored 202.
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    const again = await b(event());
    expect(again.statusCode).toBe(202);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(aws.requests.filter((r) => r.operation === "/v1/submitjob").length - before).toBe(1);
  }, 60_000);
});
