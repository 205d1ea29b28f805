import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPENAPI_FILE, renderOpenApi } from "./openapi-file.ts";

describe("openapi.json", () => {
  const current = renderOpenApi();

  it("is OpenAPI 3.1 and declares every resource", () => {
    const doc = JSON.parse(current) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: object } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/healthz",
      "/v1/datasets",
      "/v1/datasets/{id}",
      "/v1/models",
      "/v1/models/{id}",
      "/v1/models/{id}/critic",
      "/v1/models/{id}/interpolations",
      "/v1/models/{id}/samples",
      "/v1/models/{id}/samples.png",
      "/v1/models/{id}/versions/{step}/generator",
      "/v1/studies",
      "/v1/studies/{id}",
      "/v1/studies/{id}/report",
      "/v1/trainings",
      "/v1/trainings/{id}",
      "/v1/trainings/{id}/cancel",
      "/v1/trainings/{id}/events",
      "/v1/trainings/{id}/metrics",
      "/v1/trainings/{id}/resume",
    ]);
    expect(doc.components.securitySchemes).toHaveProperty("bearerAuth");
  });

  it("gives every operation a unique camelCase operationId", () => {
    const doc = JSON.parse(current) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids).toHaveLength(24);
    expect(ids.every((id) => id !== undefined && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths["/v1/trainings"]).toMatchObject({ get: { operationId: "listTrainings" }, post: { operationId: "createTraining" } });
    expect(doc.paths["/v1/studies"]).toMatchObject({ get: { operationId: "listStudies" } });
  });

  it("declares nullable component references as anyOf [$ref, null]", () => {
    const doc = JSON.parse(current) as {
      components: {
        schemas: Record<string, { type?: unknown; properties?: Record<string, unknown>; allOf?: { properties?: Record<string, unknown> }[] }>;
      };
    };
    const s = doc.components.schemas;
    const orNull = (name: string) => ({ anyOf: [{ $ref: `#/components/schemas/${name}` }, { type: "null" }] });
    expect(s.Training!.properties!.error).toMatchObject(orNull("TrainingError"));
    expect(s.TrainingError!.type).toBe("object"); // the component itself is not nullable
    expect(s.Model!.allOf![1]!.properties!.best).toMatchObject(orNull("ModelVersion"));
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"[^"]+"\},\{"[^}]*"type":\["object","null"\]/);
  });

  it("declares the event stream's message payloads as a oneOf on `type`", () => {
    const doc = JSON.parse(current) as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Record<string, { oneOf?: unknown[]; discriminator?: { propertyName: string; mapping: Record<string, string> } }> };
    };
    const stream = doc.paths["/v1/trainings/{id}/events"]!.get!.responses["200"]!.content["text/event-stream"]!;
    expect(stream.schema).toEqual({ $ref: "#/components/schemas/TrainingEvent" });
    const ev = doc.components.schemas.TrainingEvent!;
    expect(ev.oneOf).toHaveLength(4);
    expect(ev.discriminator?.propertyName).toBe("type");
    expect(Object.keys(ev.discriminator!.mapping).sort()).toEqual(["log", "metric", "progress", "status"]);
  });

  it("is rendered deterministically", () => {
    expect(renderOpenApi()).toBe(current);
  });

  it("matches the committed api/openapi.json (run `npx turbo run generate` after changing routes)", () => {
    expect(readFileSync(OPENAPI_FILE, "utf8")).toBe(current);
  });
});
