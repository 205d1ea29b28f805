import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type * as batch from "aws-cdk-lib/aws-batch";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { apiFunction } from "./api-function.ts";
import { grantPrefix, parameterArn } from "./grants.ts";

export interface ApiStackProps extends StackProps {
  bucket: s3.IBucket;
  prefix: string;
  queue: batch.IJobQueue;
  jobDefinition: batch.IJobDefinition;
  /** SSM SecureString holding `<key>:<scopes>;…` (created by you, not by the stack: CloudFormation cannot). */
  apiKeysParameter?: string;
}

/**
 * The API as one function behind a Function URL with RESPONSE_STREAM: one endpoint serves JSON, binary samples
 * and SSE alike (API Gateway's HTTP API would buffer SSE and cap responses at 30 s and 10 MB; a second, buffered
 * front door is not worth its cost). Keys come from SSM; idempotency and rate limits live in a DynamoDB table
 * shared by every instance.
 */
export class ApiStack extends Stack {
  readonly fn: lambda.IFunction;
  readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const table = new dynamodb.TableV2(this, "State", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: "ttl",
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY, // claims and rate buckets only: nothing here outlives a day
    });
    const keys = props.apiKeysParameter ?? "/gantry/api-keys";
    const fn = apiFunction(this, "Api", {
      handler: "streamingHandler",
      memorySize: 1769,
      timeout: Duration.minutes(15),
      environment: {
        GANTRY_STORAGE: props.bucket.s3UrlForObject(props.prefix.replace(/\/$/, "")),
        GANTRY_API_KEYS_PARAMETER: keys,
        GANTRY_BATCH_JOB_QUEUE: props.queue.jobQueueArn,
        GANTRY_BATCH_JOB_DEFINITION: props.jobDefinition.jobDefinitionArn,
        GANTRY_STATE_TABLE: table.tableName,
        // One wasm thread: sampling batches are small and the threaded module costs ~0.8 s of cold start.
        GANTRY_WASM_THREADS: "1",
        POWERTOOLS_SERVICE_NAME: "gantry-api",
      },
    });
    grantPrefix(fn, props.bucket, props.prefix);
    // UpdateItem: the per-key idempotency quota reserves room with a conditional ADD (api/src/lambda/dynamo-quota.ts).
    table.grant(fn, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["ssm:GetParameter"], resources: [parameterArn(this, keys)] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["batch:SubmitJob"],
        resources: [props.queue.jobQueueArn, props.jobDefinition.jobDefinitionArn],
      }),
    );
    // TerminateJob and ListJobs take no queue-scoped resource in IAM: TerminateJob names a job ARN (any job id),
    // ListJobs supports no resource at all.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["batch:TerminateJob"],
        resources: [this.formatArn({ service: "batch", resource: "job", resourceName: "*" })],
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["batch:ListJobs"], resources: ["*"] }));
    this.fn = fn;
    // Gantry authenticates every request itself (API keys, hashed); the URL is public like any HTTP API.
    this.url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, invokeMode: lambda.InvokeMode.RESPONSE_STREAM });
    new CfnOutput(this, "Url", { value: this.url.url, description: "GANTRY_URL for the SDK and the gantry CLI" });
  }
}
