import { serve } from "@hono/node-server";
import { initBackend } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { openStorage } from "@gantry/trainer/storage";
import { createApp } from "./app.ts";
import { REPO_ROOT, type ServerConfig } from "./env.ts";
import { sweepIdempotency } from "./http/idempotency.ts";
import type { Logger } from "./http/logger.ts";
import { LocalRunner } from "./runner/local-runner.ts";
import { redactUrl } from "./routes/system.ts";
import { GeneratorCache } from "./services/generator-cache.ts";

/**
 * Wires the production dependencies (storage from the URL, the local runner with wasm jobs, the trainer's
 * generator loader) and serves the app until SIGINT/SIGTERM, which interrupts running jobs so they resume on the
 * next start.
 */
export async function startServer(cfg: ServerConfig, logger: Logger): Promise<void> {
  // Sampling runs in this process; training never does (jobs are child processes).
  const backend = await initBackend("wasm");
  const storage = openStorage(cfg.storageUrl);
  const runner = new LocalRunner({
    storage, storageUrl: cfg.storageUrl, workers: cfg.workers, backend: "wasm", killGraceMs: cfg.killGraceMs, cwd: REPO_ROOT, logger,
  });
  const generators = new GeneratorCache({ storage, budgetBytes: cfg.generatorCacheBytes, load: loadGenerator });
  const app = createApp({
    storage, runner, generators, apiKeys: cfg.apiKeys, logger, backend: backend.name,
    limits: {
      jsonBodyBytes: cfg.jsonBodyBytes, uploadBytes: cfg.uploadBytes, requestTimeoutMs: cfg.requestTimeoutMs,
      idempotencyTtlMs: cfg.idempotencyTtlMs, rateLimit: cfg.rateLimit,
    },
  });

  await runner.start();
  const server = serve({ fetch: app.fetch, hostname: cfg.host, port: cfg.port }, (info) => {
    const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
    logger.info("listening", {
      url: `http://${host}:${info.port}`, storage: redactUrl(cfg.storageUrl), backend: backend.detail, workers: cfg.workers,
      auth: cfg.apiKeys.length > 0 ? `${cfg.apiKeys.length} key(s)` : "open",
    });
  });

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
    // Running jobs checkpoint and stay queued; the next start resumes them.
    await runner.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
