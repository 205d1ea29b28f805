import { S3Client } from "@aws-sdk/client-s3";
import type { S3Options } from "../s3-options.ts";

/** Reads a boolean environment variable; unset or empty → undefined, junk → an error naming it. */
function envBool(name: string): boolean | undefined {
  const raw = process.env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  throw new Error(`${name}=${JSON.stringify(process.env[name])} is not a boolean (use true/false or 1/0)`);
}

/**
 * An S3 client configured from `opts`, then the environment (AWS_REGION, GANTRY_S3_ENDPOINT,
 * GANTRY_S3_FORCE_PATH_STYLE), then defaults; credentials come from the standard AWS chain
 * unless given.
 */
export function createS3Client(opts: S3Options = {}): S3Client {
  const endpoint = opts.endpoint ?? (process.env.GANTRY_S3_ENDPOINT?.trim() || undefined);
  return new S3Client({
    region: opts.region ?? (process.env.AWS_REGION?.trim() || "us-east-1"),
    endpoint,
    forcePathStyle: opts.forcePathStyle ?? envBool("GANTRY_S3_FORCE_PATH_STYLE") ?? endpoint !== undefined,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts,
    // Newer SDKs add CRC checksums to every request by default, which many S3-compatible
    // servers reject; only send them where the API requires one.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** True for "no such object" answers (NoSuchKey, a bodiless 404 on HEAD), false otherwise. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  // A missing bucket is a configuration error, not a missing object.
  if (e?.name === "NoSuchBucket") return false;
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}
