import { describe, expect, it } from "vitest";
import { DATASET_NAMES, DATASETS, checkDatasetRef, datasetNamesOf, isDatasetName } from "./datasets.ts";

describe("dataset registry", () => {
  it("lists the toys, then the labelled image sets", () => {
    expect(DATASET_NAMES).toEqual(["ring8", "grid25", "swissroll", "ring8-pacgan", "grid25-pacgan", "mnist", "fashion-mnist"]);
    expect(datasetNamesOf("toy")).toHaveLength(5);
    expect(DATASETS.mnist).toEqual({ kind: "image", sampleShape: [28, 28, 1], classes: 10, loader: "mnist" });
    expect(isDatasetName("ring8")).toBe(true);
    expect(isDatasetName("toString")).toBe(false);
  });

  it("decodes built-in names and uploads", () => {
    expect(checkDatasetRef("mnist", [0, 9]).ref).toEqual({ builtin: "mnist", entry: DATASETS.mnist });
    expect(checkDatasetRef("upload:d-1").ref).toEqual({ upload: "d-1" });
  });

  it("names the field of each problem", () => {
    const cases: [string, number[] | undefined, string, RegExp][] = [
      ["ring8", [1], "classes", /ring8 has no labels; classes apply only to mnist, fashion-mnist/],
      ["mnist", [3, 10], "classes", /class 10 is out of range: mnist has labels 0–9/],
      ["upload:../x", undefined, "name", /"..\/x" is not a valid upload id/],
      ["upload:d-1", [0], "classes", /uploaded datasets have no labels/],
      ["cifar10", undefined, "name", /unknown dataset "cifar10"; expected one of ring8, .*fashion-mnist or upload:<id>/],
    ];
    for (const [name, classes, field, message] of cases) {
      const r = checkDatasetRef(name, classes);
      expect(r.ref).toBeNull();
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]?.field).toBe(field);
      expect(r.problems[0]?.message).toMatch(message);
    }
  });
});
