import { createRoute, z } from "@hono/zod-openapi";
import type { ResolvedDeps } from "../deps.ts";
import { newRouter } from "../http/route.ts";

export const Health = z
  .object({
    status: z.literal("ok"),
    version: z.string(),
    backend: z.string().openapi({ description: "The backend this process samples with." }),
    backends: z.array(z.object({ name: z.string(), available: z.boolean(), detail: z.string() })).openapi({
      description: "Training backends this deployment's workers can run (a training naming an unavailable one is a 422); empty when workers run elsewhere.",
    }),
    storage: z.string().openapi({ description: "Storage URL without credentials or query." }),
    runner: z.object({ kind: z.string(), workers: z.number().int(), running: z.number().int(), queued: z.number().int(), finished: z.number().int() }),
    generators: z.object({ entries: z.number().int(), bytes: z.number().int(), budgetBytes: z.number().int() }),
  })
  .openapi("Health");

/** Drops user info, query and fragment: what remains is safe to show to anyone. */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/]*@)?([^?#]*)/i.exec(url);
  return m ? `${m[1]}${m[2]}` : url.replace(/[?#].*$/, "");
}

/** Public service routes. */
export function systemRoutes(d: ResolvedDeps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "get", path: "/healthz", tags: ["system"], operationId: "getHealth", summary: "Liveness and configuration summary", security: [],
      responses: { 200: { description: "The service is up.", content: { "application/json": { schema: Health } } } },
    }),
    (c) =>
      c.json({
        status: "ok" as const, version: d.version, backend: d.backend, backends: d.backends, storage: redactUrl(d.storage.url),
        runner: d.runner.stats(), generators: d.generators.stats(),
      }, 200),
  );
  return app;
}
