import { Hono } from "hono";
import type { LambdaMetrics } from "./emf-metrics.ts";
import type { LambdaApp } from "./runtime.ts";

/**
 * The Hono app the Lambda adapters wrap: forwards every request to the instance's app, which is built on the first
 * invocation (SSM, S3 and the wasm backend need awaiting, and module scope cannot await under CommonJS bundles).
 * An instance that cannot start (bad configuration, SSM unreachable) answers a bare 500 problem; details are logged.
 * `metrics` are flushed once the response is ready (for a stream: when its headers are, not when it ends).
 */
export function lambdaEntry(app: () => Promise<LambdaApp>, metrics?: LambdaMetrics): Hono {
  const entry = new Hono();
  entry.all("*", async (c) => {
    try {
      return await (await app()).fetch(c.req.raw, c.env);
    } finally {
      metrics?.flush();
    }
  });
  entry.onError((err) => {
    console.error(JSON.stringify({ level: "ERROR", message: "gantry-api cannot start", error: err instanceof Error ? err.message : String(err) }));
    return new Response(JSON.stringify({ type: "urn:gantry:problem:internal", title: "Internal Server Error", status: 500 }), {
      status: 500,
      headers: { "content-type": "application/problem+json" },
    });
  });
  return entry;
}
