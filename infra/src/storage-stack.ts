import { Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";

/**
 * The bucket behind GANTRY_STORAGE: private, encrypted, TLS only, versioned. The trainer prunes old checkpoints
 * itself (keepLast); versioning keeps what it deletes for a while, so the lifecycle expires those noncurrent
 * versions (old checkpoints, overwritten status files) after `noncurrentDays`.
 */
export class StorageStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StackProps & { noncurrentDays?: number } = {}) {
    super(scope, id, props);
    const logs = new s3.Bucket(this, "AccessLogs", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, "Data", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: "data/",
      lifecycleRules: [
        { id: "old-versions", noncurrentVersionExpiration: Duration.days(props.noncurrentDays ?? 30) },
        { id: "incomplete-uploads", abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      // Checkpoints are the product: a stack deletion must not take them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
