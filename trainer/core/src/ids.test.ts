import { describe, expect, it } from "vitest";
import { isGeneratedId, newId } from "./ids.ts";
import { validateId } from "./storage/validate.ts";

describe("newId", () => {
  it("makes <prefix>-<9 base36 time chars>-<8 hex> for each kind", () => {
    expect(newId("training", 0)).toMatch(/^t-000000000-[0-9a-f]{8}$/);
    expect(newId("dataset", 36 ** 2)).toMatch(/^d-000000100-[0-9a-f]{8}$/);
    // 2025-01-01T00:00:00Z = 1735689600000 ms < 36^8, so 8 base-36 digits (m5d4ruo0) padded with one "0".
    expect(newId("study", 1_735_689_600_000)).toMatch(/^s-0m5d4ruo0-[0-9a-f]{8}$/);
  });

  it("sorts by creation time as plain strings and passes validateId", () => {
    const times = [1, 35, 36, 1_000_000, 1_735_689_600_000, 1_735_689_600_001];
    const ids = times.map((t) => newId("training", t));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(validateId(id)).toBe(id);
  });

  it("isGeneratedId accepts only its own kind's ids", () => {
    const id = newId("training");
    expect(isGeneratedId("training", id)).toBe(true);
    expect(isGeneratedId("study", id)).toBe(false);
    expect(isGeneratedId("training", "t-20250101-000000-abcdef")).toBe(false);
  });
});
