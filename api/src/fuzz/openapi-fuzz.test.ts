import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmUploadParser } from "@gantry/trainer/data";
import type { TestApp } from "../test-support.ts";
import { apiDocument, check, FUZZ_KEYS, fuzzApp } from "./fuzz-app.ts";
import { requestArb } from "./openapi-arbitraries.ts";

/**
 * Property: whatever arrives on any route and method of the API document (valid, near-valid or junk params,
 * queries, headers and bodies), the answer is never a 5xx and every error is application/problem+json.
 * 2 000 cases with a fixed seed (reproducible); `bench/fuzz` runs 10 000 with a fresh seed.
 */
describe("OpenAPI-driven fuzzing", () => {
  let t: TestApp;
  beforeAll(async () => {
    await warmUploadParser();
    t = await fuzzApp();
  }, 60_000);
  afterAll(() => t?.cleanup());

  it("2 000 requests over every operation: 0 5xx, every error problem+json", async () => {
    const doc = apiDocument();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(requestArb(doc, FUZZ_KEYS), async (r) => {
        cases++;
        const broken = await check(t, r);
        if (broken) throw new Error(broken);
      }),
      { numRuns: 2000, seed: 20261207, endOnFailure: true },
    );
    expect(cases).toBe(2000);
  }, 600_000);
});
