import { OpenAPIHono } from "@hono/zod-openapi";
import { dashboardRoutes } from "./dashboard/index.ts";
import { docsRoutes } from "./docs/index.ts";
import { resolveDeps, type AppDeps } from "./deps.ts";
import { StudySchema } from "./schemas/study.ts";
import { TrainingSchema } from "./schemas/training.ts";
import { registerWebhooks } from "./webhooks/webhooks.ts";
import { authenticate, requireAuthenticated } from "./http/auth.ts";
import type { AppEnv } from "./http/context.ts";
import { problemResponse, toProblem } from "./http/errors.ts";
import { idempotency } from "./http/idempotency.ts";
import { storageIdempotencyStore } from "./http/idempotency-store.ts";
import { limitBody, limitSmallBody, requestTimeout } from "./http/limits.ts";
import { Problem } from "./http/problem.ts";
import { memoryRateLimiter, rateLimit } from "./http/rate-limit.ts";
import { requestLog } from "./http/request-log.ts";
import { validationHook } from "./http/validation-hook.ts";
import { openApiDocument } from "./openapi.ts";
import { criticRoutes } from "./routes/critic.ts";
import { generatorExportRoutes } from "./routes/generator-export.ts";
import { datasetsRoutes } from "./routes/datasets.ts";
import { modelsRoutes } from "./routes/models.ts";
import { samplesRoutes } from "./routes/samples.ts";
import { studiesRoutes } from "./routes/studies.ts";
import { studyRunsRoutes } from "./routes/study-runs.ts";
import { systemRoutes } from "./routes/system.ts";
import { trainingEventsRoutes } from "./routes/training-events.ts";
import { trainingsRoutes } from "./routes/trainings.ts";

/**
 * The Gantry HTTP API. Cross-cutting concerns run in this order: request id + access log, timeout, authentication
 * (identify), rate limit, 401 for callers without a valid key (before any body work), body size limit, idempotency;
 * each route then checks its scope and validates input.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const d = resolveDeps(deps);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const uploadLimit = limitBody(d.limits.uploadBytes);
  const jsonLimit = limitSmallBody(d.limits.jsonBodyBytes);

  app.use("*", requestLog(d.logger, d.metrics));
  app.use("*", requestTimeout(d.limits.requestTimeoutMs));
  app.use("*", authenticate(d.apiKeys));
  const limit = d.limits.rateLimit;
  if (limit) app.use("/v1/*", rateLimit(limit, d.rateLimiter?.(limit) ?? memoryRateLimiter(limit, d.now)));
  app.use("/v1/*", requireAuthenticated());
  app.use("/v1/*", (c, next) => (c.req.method === "POST" && c.req.path === "/v1/datasets" ? uploadLimit : jsonLimit)(c, next));
  app.use(
    "/v1/*",
    idempotency(d.storage, {
      store: d.idempotencyStore ?? storageIdempotencyStore(d.storage, d.limits.idempotencyQuota),
      ttlMs: d.limits.idempotencyTtlMs,
      maxStoredBytes: d.limits.idempotencyMaxStoredBytes,
      now: d.now,
    }),
  );

  app.route("/", systemRoutes(d));
  app.route("/v1/trainings", trainingsRoutes(d));
  app.route("/v1/trainings", trainingEventsRoutes(d));
  app.route("/v1/models", modelsRoutes(d));
  app.route("/v1/models", samplesRoutes(d));
  app.route("/v1/models", criticRoutes(d));
  app.route("/v1/models", generatorExportRoutes(d));
  app.route("/v1/datasets", datasetsRoutes(d));
  app.route("/v1/studies", studiesRoutes(d));
  app.route("/v1/studies", studyRunsRoutes(d));
  app.route("/", dashboardRoutes());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "API key from GANTRY_API_KEYS. Scopes: `sample` (sampling, reading models), `train` (everything).",
  });
  registerWebhooks(app.openAPIRegistry as never, { training: TrainingSchema, study: StudySchema });
  app.get("/openapi.json", (c) => c.json(openApiDocument(app)));
  app.route("/", docsRoutes());

  app.notFound((c) => problemResponse(c, new Problem(404, "not-found", "Not Found", `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => problemResponse(c, toProblem(err, d.logger, c.get("requestId") ?? "")));
  return app;
}
