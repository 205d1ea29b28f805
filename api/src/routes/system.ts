import { createRoute, z } from "@hono/zod-openapi";
import type { ResolvedDeps } from "../deps.ts";
import { storageUnavailable } from "@gantry/trainer/storage";
import { newRouter } from "../http/route.ts";

export const Health = z
  .object({
    status: z.enum(["ok", "degraded"]).openapi({ description: "`degraded` when a dependency (storage) is failing; the process itself is up." }),
    version: z.string(),
    backend: z.string().openapi({ description: "The backend this process samples with." }),
    backends: z.array(z.object({ name: z.string(), available: z.boolean(), detail: z.string() })).openapi({
      description:
        "Training backends this deployment's workers can run (a training naming an unavailable one is a 422); empty when workers run elsewhere.",
    }),
    storage: z.string().openapi({ description: "Storage URL without credentials or query." }),
    runner: z.object({
      kind: z.string(),
      workers: z.number().int(),
      running: z.number().int(),
      queued: z.number().int(),
      finished: z.number().int(),
      queueOwner: z.boolean().nullable().openapi({
        description:
          "Local runner: whether this instance holds the queue's lease and so runs jobs (another instance on the same storage serves requests and hands work to the owner); null where the queue is elsewhere (Batch).",
      }),
    }),
    generators: z.object({ entries: z.number().int(), bytes: z.number().int(), budgetBytes: z.number().int() }),
    checks: z.object({
      storage: z.object({
        ok: z.boolean(),
        detail: z.string().openapi({ description: 'Why it failed (no credentials or internals), or "reachable".' }),
        checkedAt: z.string().openapi({ description: "When storage was last probed (probes are at most every 5 s)." }),
      }),
    }),
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
  const probe = storageProbe(d);
  app.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      tags: ["system"],
      operationId: "getHealth",
      summary: "Liveness and configuration summary",
      security: [],
      responses: { 200: { description: "The service is up.", content: { "application/json": { schema: Health } } } },
    }),
    async (c) => {
      const storage = await probe();
      return c.json(
        {
          status: storage.ok ? ("ok" as const) : ("degraded" as const),
          version: d.version,
          backend: d.backend,
          backends: d.backends,
          storage: redactUrl(d.storage.url),
          runner: d.runner.stats(),
          generators: d.sampler.stats(),
          checks: { storage },
        },
        200,
      );
    },
  );
  return app;
}

const PROBE_EVERY_MS = 5000;
const PROBE_TIMEOUT_MS = 2000;

/**
 * Storage health for /healthz: a HEAD of a key that need not exist, at most every 5 s (a health check polled by a
 * load balancer must not turn into storage load) and bounded by 2 s (a hung store must not hang the health check).
 */
function storageProbe(d: ResolvedDeps): () => Promise<{ ok: boolean; detail: string; checkedAt: string }> {
  let last: { ok: boolean; detail: string; checkedAt: string; at: number } | null = null;
  let running: Promise<void> | null = null;
  const run = async () => {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Error("slow");
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(slow), PROBE_TIMEOUT_MS);
    });
    let ok = true;
    let detail = "reachable";
    try {
      await Promise.race([d.storage.head("healthz/probe"), timeout]);
    } catch (err) {
      ok = false;
      detail = err === slow ? `no answer within ${PROBE_TIMEOUT_MS} ms` : storageUnavailable(err) ? "unreachable" : "failing";
    } finally {
      clearTimeout(timer);
    }
    const at = d.now();
    last = { ok, detail, checkedAt: new Date(at).toISOString(), at };
  };
  return async () => {
    if (!last || d.now() - last.at >= PROBE_EVERY_MS) {
      running ??= run().finally(() => (running = null));
      await running;
    }
    const { at: _at, ...view } = last!;
    return view;
  };
}
