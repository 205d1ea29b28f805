import { Stack, type StackProps } from "aws-cdk-lib";
import type * as batch from "aws-cdk-lib/aws-batch";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { apiFunction } from "./api-function.ts";
import { grantPrefix } from "./grants.ts";

/** FAILED jobs of our queue → the handler that records Batch's reason on the training or study (batch-events.ts). */
export class EventsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { bucket: s3.IBucket; prefix: string; queue: batch.IJobQueue }) {
    super(scope, id, props);
    const fn = apiFunction(this, "BatchEvents", {
      handler: "batchEventsHandler",
      memorySize: 512,
      environment: { GANTRY_STORAGE: props.bucket.s3UrlForObject(props.prefix.replace(/\/$/, "")) },
    });
    grantPrefix(fn, props.bucket, props.prefix);
    new events.Rule(this, "JobFailed", {
      eventPattern: {
        source: ["aws.batch"],
        detailType: ["Batch Job State Change"],
        detail: { status: ["FAILED"], jobQueue: [props.queue.jobQueueArn] },
      },
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 8 })],
    });
  }
}
