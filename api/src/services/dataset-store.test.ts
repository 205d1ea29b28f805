import { afterEach, describe, expect, it, vi } from "vitest";
import { DatasetPage } from "../schemas/dataset.ts";
import { call, testApp, type TestApp } from "../test-support.ts";

// Listing built-ins must not open any dataset: an opened Fashion-MNIST costs seconds and ~100 MB in the API.
const opened: string[] = [];
vi.mock("@gantry/trainer/data", async (importOriginal) => {
  const real = await importOriginal<typeof import("@gantry/trainer/data")>();
  return {
    ...real,
    openDataset: async (spec: { name: string }) => {
      opened.push(spec.name);
      throw new Error(`openDataset(${spec.name}) called while listing datasets`);
    },
  };
});

describe("built-in dataset catalogue (default deps)", () => {
  let t: TestApp;
  afterEach(() => t.cleanup());

  it("lists and gets every built-in without opening one", async () => {
    t = testApp({ datasetCatalog: undefined }); // undefined → the default catalogue, not the test stub
    const page = DatasetPage.parse(await (await call(t.app, "GET", "/v1/datasets?limit=200")).json());
    expect(page.data.map((d) => d.id)).toEqual(["ring8", "grid25", "swissroll", "ring8-pacgan", "grid25-pacgan", "mnist", "fashion-mnist"]);
    expect(page.data.find((d) => d.id === "fashion-mnist")).toMatchObject({
      builtin: true,
      kind: "image",
      sampleShape: [28, 28, 1],
      size: 60000,
      upload: null,
    });
    expect(page.data.find((d) => d.id === "swissroll")).toMatchObject({ kind: "toy2d", sampleShape: [2], size: null });
    const one = await call(t.app, "GET", "/v1/datasets/mnist");
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: "mnist", size: 60000 });
    expect(opened).toEqual([]);
  });
});
