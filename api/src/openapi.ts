import type { OpenAPIHono } from "@hono/zod-openapi";
import { API_VERSION } from "./deps.ts";
import type { AppEnv } from "./http/context.ts";

/** Recursively sorts object keys (arrays keep their order) so the document is byte-stable. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Every tag the routes use, in reference order, with what it groups. */
const TAGS: Record<string, string> = {
  system: "Service health and configuration.",
  trainings: "Submit GAN trainings, follow their progress (Server-Sent Events), read metrics, cancel.",
  models: "Trained generators: their checkpoint versions and metrics.",
  samples: "Samples and interpolations from a model version, as JSON, .npy or PNG.",
  datasets: "Built-in datasets and uploads (.npy, IDX, CSV, archives of PNGs).",
  studies: "Loss comparisons over seeds, with confidence intervals and a report.",
};

/** The OpenAPI 3.1 document of every route declared with createRoute, with stable key order. */
export function openApiDocument(app: OpenAPIHono<AppEnv>): Record<string, unknown> {
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Gantry API",
      version: API_VERSION,
      // The license the SDK package is published under too (sdk/package.json).
      license: { name: "MIT", url: "https://opensource.org/license/mit" },
      description:
        "Train GANs under any loss, stream progress, and sample the resulting models. Errors are RFC 9457 " +
        "problem+json. Every POST accepts Idempotency-Key; POST /v1/trainings and sampling accept `Prefer: wait=<s>`.",
    },
    servers: [{ url: "http://127.0.0.1:8787" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
  });
  return sortKeys(doc) as Record<string, unknown>;
}
