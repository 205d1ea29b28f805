import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OUT_FILE, SPEC_FILE, renderTypes } from "./generate.ts";

describe("generated types", () => {
  it("match api/openapi.json (run `npx tsx scripts/generate.ts` in sdk/ when this fails)", async () => {
    const fresh = await renderTypes();
    expect(fresh.startsWith("// generated — do not edit.")).toBe(true);
    expect(readFileSync(OUT_FILE, "utf8") === fresh, "src/generated/openapi.ts is stale").toBe(true);
  }, 30_000);

  it("change when the document changes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-sdk-gen-"));
    try {
      const spec = JSON.parse(readFileSync(SPEC_FILE, "utf8")) as {
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      spec.components.schemas.Training!.properties!.extraField = { type: "string" };
      const file = path.join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(spec));
      const changed = await renderTypes(file);
      expect(changed).toContain("extraField?: string;");
      expect(changed).not.toBe(await renderTypes());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
