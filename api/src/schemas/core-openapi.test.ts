import * as core from "@gantry/core";
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { annotated, named } from "./core-openapi.ts";
import { TrainingEventSchema } from "./events.ts";
import { TrainingRequestSchema, TrainingSchema } from "./training.ts";

/** The components of a one-route document answering `schema`. */
function components(schema: z.ZodType): Record<string, unknown> {
  const app = new OpenAPIHono();
  const route = createRoute({ method: "get", path: "/x", responses: { 200: { description: "ok", content: { "application/json": { schema } } } } });
  app.openapi(route, (c) => c.json({} as never));
  return app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } }).components?.schemas ?? {};
}

describe("core schemas in the OpenAPI document", () => {
  it("named: a core schema embedded by another core schema renders as a $ref to one component", () => {
    const inner = z.enum(["a", "b"]);
    const outer = z.object({ kind: inner });
    named(inner, "TestKind", { description: "the kind" });
    const doc = components(named(outer, "TestOuter"));
    expect(doc.TestOuter).toMatchObject({ properties: { kind: { $ref: "#/components/schemas/TestKind" } } });
    expect(doc.TestKind).toEqual({ type: "string", enum: ["a", "b"], description: "the kind" });
  });

  it("annotated: documents a copy and leaves the core instance undocumented", () => {
    const field = z.string();
    const doc = components(z.object({ at: annotated(field, { format: "date-time" }), plain: field }).openapi("TestTimes"));
    expect(doc.TestTimes).toMatchObject({ properties: { at: { type: "string", format: "date-time" }, plain: { type: "string" } } });
    expect((doc.TestTimes as { properties: { plain: object } }).properties.plain).not.toHaveProperty("format");
  });

  it("the API's training and event schemas accept what core's contracts describe and refuse what they refuse", () => {
    const status = core.TrainingStatus.parse({
      id: "t-1",
      status: "running",
      progress: { step: 3, steps: 10, stepsPerSecond: 2, etaSeconds: 3.5 },
      latestMetrics: null,
      error: null,
      backend: "wasm",
      createdAt: "2025-01-01T00:00:00.000Z",
      startedAt: null,
      finishedAt: null,
      updatedAt: "2025-01-01T00:00:01.000Z",
      attempt: 1,
    });
    const config = core.parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "ns" } });
    const { backend: _b, updatedAt: _u, attempt: _a, ...view } = status;
    expect(TrainingSchema.parse({ ...view, config })).toMatchObject({ status: "running", config: { loss: { name: "ns" } } });
    expect(TrainingSchema.safeParse({ ...view, status: "paused", config }).success).toBe(false);
    expect(TrainingRequestSchema.parse({ data: { name: "ring8" }, loss: { name: "ns" }, webhook: "https://example.test/h" })).toEqual({
      ...config,
      webhook: "https://example.test/h",
    });
    expect(TrainingRequestSchema.safeParse({ data: { name: "ring8" }, loss: { name: "nope" } }).success).toBe(false);
    const event = {
      id: 4,
      type: "status",
      data: { status: "failed", error: { code: "diverged", message: "NaN" } },
      time: "2025-01-01T00:00:00.000Z",
    };
    expect(core.JobEvent.parse(event)).toEqual(event);
    expect(TrainingEventSchema.parse(event)).toEqual(event);
    expect(TrainingEventSchema.safeParse({ ...event, id: 0 }).success).toBe(false);
  });
});
