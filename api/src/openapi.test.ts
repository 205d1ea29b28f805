import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPENAPI_FILE, renderOpenApi } from "./openapi-file.ts";

describe("openapi.json", () => {
  const current = renderOpenApi();

  it("is OpenAPI 3.1 and declares every resource", () => {
    const doc = JSON.parse(current) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: object } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/healthz", "/v1/datasets", "/v1/datasets/{id}", "/v1/models", "/v1/models/{id}", "/v1/models/{id}/interpolations",
      "/v1/models/{id}/samples", "/v1/models/{id}/samples.png", "/v1/studies", "/v1/studies/{id}", "/v1/studies/{id}/report",
      "/v1/trainings", "/v1/trainings/{id}", "/v1/trainings/{id}/cancel", "/v1/trainings/{id}/events", "/v1/trainings/{id}/metrics",
    ]);
    expect(doc.components.securitySchemes).toHaveProperty("bearerAuth");
  });

  it("is rendered deterministically", () => {
    expect(renderOpenApi()).toBe(current);
  });

  it("matches the committed api/openapi.json (run `npm run build -w @gantry/api` after changing routes)", () => {
    expect(readFileSync(OPENAPI_FILE, "utf8")).toBe(current);
  });
});
