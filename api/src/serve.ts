import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { initBackend, listBackends } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { warmUploadParser } from "@gantry/trainer/data";
import { openStorage } from "@gantry/trainer/storage";
import { createStudyService } from "@gantry/trainer/study";
import { createApp } from "./app.ts";
import { REPO_ROOT, type ServerConfig } from "./env.ts";
import { sweepIdempotency } from "./http/idempotency.ts";
import type { Logger } from "./http/logger.ts";
import { LocalRunner } from "./runner/local-runner.ts";
import { redactUrl } from "./routes/system.ts";
import { GeneratorCache } from "./services/generator-cache.ts";
import { SamplerPool } from "./services/sampler/pool.ts";
import { WebhookNotifier } from "./webhooks/notifier.ts";

/** Resolves once the server listens; rejects with the listen error (EADDRINUSE, EADDRNOTAVAIL, …). */
function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => {
      server.off("error", reject);
      resolve(server);
    });
    server.once("error", reject);
  });
}

/**
 * Wires the production dependencies (storage from the URL, the local runner (jobs on the "auto" backend: native
 * oneDNN kernels where they were built, else wasm), the trainer's
 * generator loader, the trainer's study service) and serves the app until SIGINT/SIGTERM, which interrupts running
 * jobs and studies so they resume on the next start.
 */
export async function startServer(cfg: ServerConfig, logger: Logger): Promise<void> {
  // Sampling runs in this process; training never does (jobs are child processes).
  // GANTRY_BACKEND, else auto: native where its addon was built (its detail says why not otherwise), else wasm.
  const backend = await initBackend();
  const storage = openStorage(cfg.storageUrl);
  const runner = new LocalRunner({
    storage,
    storageUrl: cfg.storageUrl,
    workers: cfg.workers,
    backend: "auto",
    killGraceMs: cfg.killGraceMs,
    cwd: REPO_ROOT,
    logger,
  });
  const generators = new GeneratorCache({
    storage,
    budgetBytes: cfg.generatorCacheBytes,
    load: loadGenerator,
    onOverBudget: (i) => logger.warn("generator larger than GANTRY_GENERATOR_CACHE_MB: served uncached (loaded per request)", i),
  });
  // Studies run their trainings as their own child processes (not through the runner's queue), one study at a time;
  // each run's backend is the one its study config names.
  const studies = createStudyService({
    storage,
    storageUrl: cfg.storageUrl,
    onError: (id, err) => logger.error("study failed", { studyId: id, error: err instanceof Error ? err.message : String(err) }),
  });
  const webhooks =
    cfg.webhookSecret === null
      ? undefined
      : new WebhookNotifier({
          secret: cfg.webhookSecret,
          baseDelayMs: cfg.webhookRetryMs,
          onResult: (r) => (r.ok ? logger.info("webhook delivered", r) : logger.warn("webhook delivery failed", r)),
        });
  // Sampling on every core: inference worker threads with their own backend and cache (GANTRY_SAMPLER_WORKERS).
  const sampler =
    cfg.samplerWorkers > 0
      ? await SamplerPool.start({
          workers: cfg.samplerWorkers,
          storageUrl: cfg.storageUrl,
          backend: backend.requested,
          budgetBytes: cfg.generatorCacheBytes,
          onWorkerExit: (i) => logger.error("inference worker died; replaced (its requests failed)", i),
        })
      : undefined;
  if (sampler) logger.info("sampling on inference workers", { workers: sampler.size, backend: sampler.backend.detail });
  const app = createApp({
    storage,
    runner,
    generators,
    ...(sampler ? { sampler } : {}),
    studies,
    apiKeys: cfg.apiKeys,
    logger,
    backend: backend.name,
    backends: await listBackends(),
    ...(webhooks ? { webhooks } : {}),
    limits: {
      jsonBodyBytes: cfg.jsonBodyBytes,
      uploadBytes: cfg.uploadBytes,
      requestTimeoutMs: cfg.requestTimeoutMs,
      idempotencyTtlMs: cfg.idempotencyTtlMs,
      rateLimit: cfg.rateLimit,
    },
  });

  // The upload parser's worker thread takes ~1 s to start; start it now rather than in the first upload.
  warmUploadParser().catch((err: unknown) => logger.warn("upload parser did not start", { error: String(err) }));
  // Bind first: a second instance on a busy port must stop before it recovers (and SIGTERMs) another instance's jobs.
  const server = await listen(app.fetch, cfg.host, cfg.port).catch((err: unknown) => {
    const e = err as NodeJS.ErrnoException;
    // One line, not the stack: an uncaught listen error prints the minified wasm bundle's source line (~50 KB).
    process.stderr.write(`gantry-api: cannot listen on ${cfg.host}:${cfg.port}: ${e.message}\n`);
    process.exit(1);
  });
  const info = server.address() as AddressInfo;
  logger.info("listening", {
    url: `http://${info.family === "IPv6" ? `[${info.address}]` : info.address}:${info.port}`,
    storage: redactUrl(cfg.storageUrl),
    backend: backend.detail,
    workers: cfg.workers,
    auth: cfg.apiKeys.length > 0 ? `${cfg.apiKeys.length} key(s)` : "open",
  });
  await runner.start();
  const resumed = await studies.resumeUnfinished();
  if (resumed.length > 0) logger.info("resuming studies", { studyIds: resumed });

  const sweep = setInterval(() => {
    sweepIdempotency(storage).catch((err: unknown) => logger.warn("idempotency sweep failed", { error: String(err) }));
  }, 3600_000);
  sweep.unref();

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    clearInterval(sweep);
    server.close();
    // Running jobs checkpoint and stay queued, running studies end "interrupted"; the next start resumes both.
    await Promise.all([runner.stop(), studies.close()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
