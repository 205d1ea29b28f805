import { GeneratorInputError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "./worker-errors.ts";

describe("errors from inference workers", () => {
  it("a GeneratorInputError comes back as its class with its field, so the API maps it by type", () => {
    const sent = new GeneratorInputError("ema", "is not available: the run kept no EMA weights (emaDecay 0)");
    // The structured clone postMessage does is what JSON keeps here: plain fields only.
    const got = fromWire(JSON.parse(JSON.stringify(toWire(sent))));
    expect(got).toBeInstanceOf(GeneratorInputError);
    expect(got).toMatchObject({ field: "ema", message: "ema is not available: the run kept no EMA weights (emaDecay 0)" });
    const other = fromWire(toWire(Object.assign(new Error("boom"), { name: "CheckpointError", code: "corrupt" })));
    expect(other).not.toBeInstanceOf(GeneratorInputError);
    expect(other).toMatchObject({ name: "CheckpointError", code: "corrupt", message: "boom" });
  });
});
