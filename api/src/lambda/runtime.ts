import { BatchClient } from "@aws-sdk/client-batch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SSMClient } from "@aws-sdk/client-ssm";
import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import { SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import { initBackend } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { openStorage } from "@gantry/trainer/storage";
import { createApp } from "../app.ts";
import type { AppDeps } from "../deps.ts";
import { parseApiKeys } from "../http/auth.ts";
import { DEFAULT_IDEMPOTENCY_QUOTA } from "../http/idempotency-quota.ts";
import type { Logger } from "../http/logger.ts";
import type { RequestMetrics } from "../http/metrics.ts";
import { BatchRunner } from "../runner/batch-runner.ts";
import { GeneratorCache, type GeneratorLoader } from "../services/generator-cache.ts";
import { batchStudies } from "../runner/batch-studies.ts";
import { loadLambdaConfig, type LambdaConfig } from "./config.ts";
import { dynamoIdempotencyStore, dynamoRateLimiter } from "./dynamo-state.ts";

export interface LambdaRuntimeOptions {
  env?: NodeJS.ProcessEnv;
  /** Generator loader (default: the trainer's, on the wasm backend). */
  load?: GeneratorLoader;
  logger?: Logger;
  /** Per-request metrics (EMF), flushed by the entry after each invocation. */
  metrics?: RequestMetrics;
}

/** The app as one Lambda instance serves it; built once per instance and kept across warm invocations. */
export type LambdaApp = ReturnType<typeof createApp>;

/**
 * Our Logger on Powertools' structured logger: JSON lines with the service name, level and timestamp that
 * CloudWatch Logs Insights and Powertools' sampling understand.
 */
export function powertoolsLogger(serviceName = "gantry-api"): Logger {
  const p = new PowertoolsLogger({ serviceName });
  return {
    info: (msg, fields) => p.info(msg, fields ?? {}),
    warn: (msg, fields) => p.warn(msg, fields ?? {}),
    error: (msg, fields) => p.error(msg, fields ?? {}),
  };
}

interface Instance {
  cfg: LambdaConfig;
  ssm: SSMProvider;
  deps: Omit<AppDeps, "apiKeys">;
}

/**
 * Everything that outlives one invocation, created at most once per instance: clients, storage, the wasm backend
 * and the generator cache (so a warm instance samples without reloading weights). The API keys are re-read from
 * SSM through Powertools' cache (`apiKeysMaxAgeS`), and the app is rebuilt only when they changed (key rotation).
 */
export function lambdaRuntime(o: LambdaRuntimeOptions = {}): () => Promise<LambdaApp> {
  let instance: Promise<Instance> | null = null;
  let current: { spec: string; app: LambdaApp } | null = null;

  const init = async (): Promise<Instance> => {
    const cfg = loadLambdaConfig(o.env ?? process.env);
    const logger = o.logger ?? powertoolsLogger();
    const backend = o.load ? "injected" : (await initBackend("wasm")).name;
    const storage = openStorage(cfg.storageUrl);
    const batch = new BatchClient({});
    const state = { client: new DynamoDBClient({}), table: cfg.stateTable };
    const s = cfg.server;
    const deps: Omit<AppDeps, "apiKeys"> = {
      storage,
      logger,
      backend,
      ...(o.metrics ? { metrics: o.metrics } : {}),
      runner: new BatchRunner({
        client: batch,
        storage,
        storageUrl: cfg.storageUrl,
        jobQueue: cfg.jobQueue,
        jobDefinition: cfg.jobDefinition,
        logger,
      }),
      generators: new GeneratorCache({ storage, budgetBytes: s.generatorCacheBytes, load: o.load ?? loadGenerator }),
      studies: batchStudies({ client: batch, storage, storageUrl: cfg.storageUrl, jobQueue: cfg.jobQueue, jobDefinition: cfg.jobDefinition }),
      // The same quota as the local store's (one definition), per window of the records' TTL.
      idempotencyStore: dynamoIdempotencyStore(state, storage, { quota: DEFAULT_IDEMPOTENCY_QUOTA, windowMs: s.idempotencyTtlMs }),
      rateLimiter: (limit) => dynamoRateLimiter(state, limit),
      limits: {
        jsonBodyBytes: s.jsonBodyBytes,
        uploadBytes: s.uploadBytes,
        requestTimeoutMs: s.requestTimeoutMs,
        idempotencyTtlMs: s.idempotencyTtlMs,
        rateLimit: s.rateLimit,
      },
    };
    return { cfg, ssm: new SSMProvider({ awsSdkV3Client: new SSMClient({}) }), deps };
  };

  return async () => {
    instance ??= init().catch((err: unknown) => {
      instance = null; // a failed start (SSM or S3 briefly down) is tried again by the next invocation
      throw err;
    });
    const { cfg, ssm, deps } = await instance;
    const spec = await ssm.get(cfg.apiKeysParameter, { decrypt: true, maxAge: cfg.apiKeysMaxAgeS });
    if (typeof spec !== "string" || spec.trim() === "") {
      throw new Error(`SSM parameter ${cfg.apiKeysParameter} is empty: the API never runs open on Lambda`);
    }
    if (current?.spec !== spec) current = { spec, app: createApp({ ...deps, apiKeys: parseApiKeys(spec) }) };
    return current.app;
  };
}
