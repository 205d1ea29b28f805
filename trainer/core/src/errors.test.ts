import { describe, expect, it } from "vitest";
import { GeneratorInputError } from "./errors.ts";

describe("GeneratorInputError", () => {
  it("carries the field and prefixes the message with it", () => {
    const e = new GeneratorInputError("n", "must be an integer in 1..1024, got 0");
    expect([e.field, e.message, e.name]).toEqual(["n", "n must be an integer in 1..1024, got 0", "GeneratorInputError"]);
    expect(e).toBeInstanceOf(RangeError);
  });
});
