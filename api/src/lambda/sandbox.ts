/**
 * Test and benchmark support: everything a deployed Lambda function talks to, on loopback — S3 (s3rver), DynamoDB
 * (dynalite with the state table), SSM answering the API keys parameter, Batch answering nothing — and the
 * environment variables that point the function's AWS SDK clients at them. Used where the built bundle runs in a
 * fresh Node process (infra's bundle test, bench/lambda-cold-start), so everything travels in `env`.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { startS3rver } from "@gantry/trainer/testing/s3rver";
import { trainerBin } from "../runner/job-process.ts";
import { startAwsStub } from "./aws-wire-stub.ts";
import { startDynalite } from "./dynalite-kit.ts";

export interface LambdaSandbox {
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the services under `dir`; `apiKeys` is the SSM parameter's value (`<key>:<scopes>;…`). */
export async function startLambdaSandbox(dir: string, apiKeys: string): Promise<LambdaSandbox> {
  const s3 = await startS3rver(path.join(dir, "s3"), "gantry");
  const db = await startDynalite("gantry-state");
  const aws = await startAwsStub((r) =>
    r.operation === "AmazonSSM.GetParameter"
      ? {
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: { Parameter: { Name: "/gantry/api-keys", Type: "SecureString", Value: apiKeys, Version: 1 } },
        }
      : { status: 400, body: { message: "not used" } },
  );
  const env: Record<string, string> = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    GANTRY_S3_ENDPOINT: s3.endpoint,
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_ENDPOINT_URL_BATCH: aws.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    GANTRY_STORAGE: "s3://gantry/deploy",
    GANTRY_API_KEYS_PARAMETER: "/gantry/api-keys",
    GANTRY_BATCH_JOB_QUEUE: "q",
    GANTRY_BATCH_JOB_DEFINITION: "d",
    GANTRY_STATE_TABLE: "gantry-state",
    GANTRY_WASM_THREADS: "1",
    POWERTOOLS_LOG_LEVEL: "WARN",
    // What the Lambda runtime sets; Powertools counts cold starts of on-demand instances only.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
  };
  return { env, close: async () => void (await Promise.all([s3.stop(), db.close(), aws.close()])) };
}

/** Trains a 2-step MNIST MLP generator into the sandbox's S3 with the trainer CLI, exactly as a Batch job would. */
export function trainTinyMnist(sandbox: LambdaSandbox, dir: string, id: string): void {
  const config = path.join(dir, `${id}.json`);
  writeFileSync(config, JSON.stringify({ data: { name: "mnist" }, loss: { name: "ns" }, steps: 2, batchSize: 16, model: { arch: "mlp" } }));
  execFileSync(
    process.execPath,
    [trainerBin(), "--config", config, "--storage", sandbox.env.GANTRY_STORAGE!, "--id", id, "--quiet", "--backend", "wasm"],
    { env: { ...process.env, ...sandbox.env }, stdio: "ignore" },
  );
}
