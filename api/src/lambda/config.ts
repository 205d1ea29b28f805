import { z } from "zod";
import { EnvError, loadEnv, type ServerConfig } from "../env.ts";

/**
 * What the Lambda functions read from their environment. Secrets are never here: the API keys live in an SSM
 * SecureString parameter named by GANTRY_API_KEYS_PARAMETER (same `<key>:<scopes>;…` format as GANTRY_API_KEYS).
 * Limits (GANTRY_RATE_LIMIT_RPS, GANTRY_MAX_BODY_BYTES, …) are the server's variables, validated by `loadEnv`.
 */
const LambdaEnvSchema = z.object({
  GANTRY_STORAGE: z.string().regex(/^s3:\/\/.+/, "expected s3://<bucket>/<prefix> (Lambda has no durable disk)"),
  GANTRY_API_KEYS_PARAMETER: z.string().regex(/^[a-zA-Z0-9_.\-/]+$/, "expected an SSM parameter name such as /gantry/api-keys"),
  /** How long a fetched key set is trusted before SSM is asked again (rotation delay). */
  GANTRY_API_KEYS_MAX_AGE_S: z.coerce.number().int().min(0).max(86_400).default(300),
  GANTRY_BATCH_JOB_QUEUE: z.string().min(1),
  GANTRY_BATCH_JOB_DEFINITION: z.string().min(1),
  /** DynamoDB table for state shared by every instance: idempotency claims and rate-limit buckets. */
  GANTRY_STATE_TABLE: z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, "expected a DynamoDB table name"),
});

export interface LambdaConfig {
  storageUrl: string;
  apiKeysParameter: string;
  apiKeysMaxAgeS: number;
  jobQueue: string;
  jobDefinition: string;
  stateTable: string;
  /** The shared limits and sizes, exactly as the server reads them. */
  server: ServerConfig;
}

/** Validates the Lambda environment; throws EnvError naming each bad variable. */
export function loadLambdaConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const r = LambdaEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!r.success) throw new EnvError(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  if (env.GANTRY_API_KEYS) {
    // A key in plain env would sit in the function configuration for anyone with lambda:GetFunction to read.
    throw new EnvError("GANTRY_API_KEYS: not read on Lambda; put the keys in the SSM parameter GANTRY_API_KEYS_PARAMETER");
  }
  const e = r.data;
  return {
    storageUrl: e.GANTRY_STORAGE,
    apiKeysParameter: e.GANTRY_API_KEYS_PARAMETER,
    apiKeysMaxAgeS: e.GANTRY_API_KEYS_MAX_AGE_S,
    jobQueue: e.GANTRY_BATCH_JOB_QUEUE,
    jobDefinition: e.GANTRY_BATCH_JOB_DEFINITION,
    stateTable: e.GANTRY_STATE_TABLE,
    server: loadEnv(env),
  };
}
