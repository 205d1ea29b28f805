/** Settings for the S3 backend; each falls back to the environment, then to a default. */
export interface S3Options {
  /** Default: env AWS_REGION, else "us-east-1". */
  region?: string;
  /** Custom endpoint for S3-compatible servers. Default: env GANTRY_S3_ENDPOINT, else AWS. */
  endpoint?: string;
  /**
   * Path-style addressing (http://host/bucket/key). Default: env GANTRY_S3_FORCE_PATH_STYLE
   * ("1"/"true"/"0"/"false"), else true when a custom endpoint is set (most S3-compatible
   * servers and IP endpoints need it), else false.
   */
  forcePathStyle?: boolean;
  /** Static credentials; default is the standard AWS credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** ListObjectsV2 page size (1..1000, default 1000); tests use a tiny value to exercise paging. */
  pageSize?: number;
  /** SDK attempts per request including retries (default: the SDK's, 3). */
  maxAttempts?: number;
}
