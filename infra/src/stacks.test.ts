/**
 * The CDK app synthesised offline (no credentials, no Docker, Lambda bundling skipped: see the synth step for the
 * real bundle), checked with aws-cdk-lib/assertions for the resources and IAM statements the deployment promises,
 * and with cdk-nag's AwsSolutions pack: synthesis fails on any finding not acknowledged with a reason.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gantryApp, type GantryStacks } from "./app.ts";

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/gantry-trainer:gpu";

describe("Gantry CDK app", () => {
  let out: string;
  let stacks: GantryStacks;
  let t: Record<keyof GantryStacks, Template>;
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "gantry-cdk-"));
    const app = new App({ outdir: out, context: { "aws:cdk:bundling-stacks": [], trainerImage: IMAGE } });
    stacks = gantryApp(app);
    app.synth(); // throws ValidationFailed on an unacknowledged cdk-nag finding
    t = Object.fromEntries(Object.entries(stacks).map(([k, s]) => [k, Template.fromStack(s)])) as typeof t;
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes cdk-nag AwsSolutions with every acknowledgement justified", () => {
    const report = JSON.parse(readFileSync(path.join(out, "validation-report.json"), "utf8")) as { pluginReports: { conclusion: string }[] };
    expect(report.pluginReports.map((p) => p.conclusion)).toEqual(["success"]);
  });

  it("storage: private, encrypted, TLS-only, versioned bucket whose old versions expire", () => {
    t.storage.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      VersioningConfiguration: { Status: "Enabled" },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: "Enabled" })]),
      },
    });
    t.storage.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
    });
  });

  it("training: GPU compute environment scaling to 0, job definition with 1 GPU, retries on spot and exit 3, timeout", () => {
    t.training.hasResourceProperties("AWS::Batch::ComputeEnvironment", {
      Type: "managed",
      ComputeResources: Match.objectLike({
        MinvCpus: 0,
        MaxvCpus: 32,
        Type: "EC2",
        InstanceTypes: ["g4dn", "g5"],
        Ec2Configuration: [{ ImageType: "ECS_AL2023_NVIDIA" }],
      }),
    });
    t.training.resourceCountIs("AWS::EC2::NatGateway", 0);
    t.training.hasResourceProperties("AWS::Batch::JobDefinition", {
      Type: "container",
      ContainerProperties: Match.objectLike({
        Image: IMAGE,
        ResourceRequirements: Match.arrayWith([{ Type: "GPU", Value: "1" }]),
      }),
      RetryStrategy: {
        Attempts: 5,
        EvaluateOnExit: [
          { Action: "RETRY", OnStatusReason: "Host EC2*" },
          { Action: "RETRY", OnExitCode: "3" },
          { Action: "EXIT", OnReason: "CannotPullContainerError:*" },
          { Action: "EXIT", OnExitCode: "*" },
        ],
      },
      Timeout: { AttemptDurationSeconds: 24 * 3600 },
    });
  });

  it("api: a Node 24 function behind a streaming Function URL, keys from SSM, state in DynamoDB", () => {
    t.api.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Handler: "api/src/lambda.streamingHandler",
      Architectures: ["arm64"],
      Environment: { Variables: Match.objectLike({ GANTRY_API_KEYS_PARAMETER: "/gantry/api-keys", GANTRY_WASM_THREADS: "1" }) },
    });
    const vars = JSON.stringify(t.api.findResources("AWS::Lambda::Function"));
    expect(vars).not.toContain('GANTRY_API_KEYS"'); // never the keys themselves
    t.api.hasResourceProperties("AWS::Lambda::Url", { AuthType: "NONE", InvokeMode: "RESPONSE_STREAM" });
    t.api.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    });
  });

  it("least privilege: the API reads/writes its prefix and submits/terminates on its queue; the job role has its prefix only", () => {
    const statements = (tpl: Template, role: RegExp) => {
      const policies = tpl.findResources("AWS::IAM::Policy");
      return Object.entries(policies)
        .filter(([k]) => role.test(k))
        .flatMap(([, p]) => (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement);
    };
    const api = JSON.stringify(statements(t.api, /^ApiServiceRole/));
    expect(api).toMatch(
      /"Action":\["s3:GetObject","s3:PutObject","s3:DeleteObject"\],"Effect":"Allow","Resource":\{"Fn::Join":\["",\[\{"Fn::ImportValue":"[^"]+"\},"\/gantry\/\*"\]\]\}/,
    );
    expect(api).toMatch(/"Action":"s3:ListBucket","Condition":\{"StringLike":\{"s3:prefix":\["gantry\/\*"\]\}\}/);
    expect(api).toMatch(
      /"Action":"batch:SubmitJob","Effect":"Allow","Resource":\[\{"Fn::ImportValue":"[^"]*Queue[^"]*"\},\{"Fn::ImportValue":"[^"]*Train[^"]*"\}\]/,
    );
    expect(api).toContain('"Action":"batch:TerminateJob"');
    // The state table: the item operations the idempotency claims, quota and rate limits use (UpdateItem: the quota).
    expect(api).toMatch(/"Action":\["dynamodb:GetItem","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:DeleteItem"\],"Effect":"Allow"/);
    expect(api).not.toMatch(/"Action":"s3:\*"|"batch:\*"/);
    const job = statements(t.training, /^JobRole/) as { Action: string | string[] }[];
    expect(job.map((s) => s.Action)).toEqual([["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "s3:ListBucket"]);
  });

  it("events: FAILED jobs of our queue reach the state-change handler", () => {
    t.events.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: {
        source: ["aws.batch"],
        "detail-type": ["Batch Job State Change"],
        detail: { status: ["FAILED"], jobQueue: [Match.anyValue()] },
      },
    });
    t.events.hasResourceProperties("AWS::Lambda::Function", { Handler: "api/src/lambda.batchEventsHandler", Runtime: "nodejs24.x" });
  });
});
