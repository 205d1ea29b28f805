import type { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";

/**
 * Read, write and list one key prefix of the bucket, nothing else: objects under `prefix*`, and ListBucket only with
 * an s3:prefix condition (bucket.grantReadWrite would allow listing the whole bucket).
 */
export function grantPrefix(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["s3:ListBucket"],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { "s3:prefix": [`${prefix}*`] } },
    }),
  );
}

/** The ARN of an SSM parameter given by name ("/gantry/api-keys"). */
export function parameterArn(scope: Stack, name: string): string {
  return scope.formatArn({ service: "ssm", resource: "parameter", resourceName: name.replace(/^\//, "") });
}
