/**
 * The S3 storage backend: its own entry point because it loads the AWS SDK. `openStorage("s3://…")` imports it on
 * first use; import it directly only to build an S3Storage with explicit options (tests, tools).
 */
export { S3Storage } from "./s3-storage.ts";
export { createS3Client } from "./s3-client.ts";
export type { S3Options } from "../s3-options.ts";
