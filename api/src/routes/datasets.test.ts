import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { datasetKeys } from "@gantry/trainer/storage";
import { parseNpy, warmUploadParser } from "@gantry/trainer/data";
import { DatasetPage, DatasetSchema } from "../schemas/dataset.ts";
import { TrainingSchema } from "../schemas/training.ts";
import { call, expectProblem, testApp, type TestApp } from "../test-support.ts";

const CSV = "x,y\n0,0\n2,1\n4,2\n";
const upload = (t: TestApp, name: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  call(t.app, "POST", `/v1/datasets?name=${encodeURIComponent(name)}`, { body, headers: { "content-type": "text/csv", ...headers } });

describe("/v1/datasets", () => {
  let t: TestApp;
  // Uploads parse on a worker thread, whose start (loading the sources through tsx) takes seconds on a busy machine.
  beforeAll(() => warmUploadParser(), 60_000);
  beforeEach(() => {
    t = testApp({ limits: { uploadBytes: 4096 } });
  });
  afterEach(() => t.cleanup());

  it("uploads a CSV: validated, stored normalised as data.npy + meta.json, usable in a training", async () => {
    const res = await upload(t, "points.csv", CSV);
    expect(res.status).toBe(201);
    const ds = DatasetSchema.parse(await res.json());
    expect(ds).toMatchObject({ builtin: false, kind: "tabular", sampleShape: [2], size: 3, name: `upload:${ds.id}` });
    expect(ds.upload).toMatchObject({ fileName: "points.csv", format: "csv" });
    expect(res.headers.get("location")).toBe(`/v1/datasets/${ds.id}`);
    const npy = parseNpy((await t.storage.get(datasetKeys(ds.id).data))!);
    expect(npy.shape).toEqual([3, 2]);
    // One min–max scale over all values (0…4): 0 → −1, 2 → 0, 4 → 1, 1 → −0.5.
    expect(Array.from(npy.values)).toEqual([-1, -1, 0, -0.5, 1, 0]);
    const got = DatasetSchema.parse(await (await call(t.app, "GET", `/v1/datasets/${ds.id}`)).json());
    expect(got).toEqual(ds);
    const training = await call(t.app, "POST", "/v1/trainings", { body: { data: { name: ds.name }, loss: { name: "ns" }, steps: 10 } });
    expect(training.status).toBe(202);
    expect(TrainingSchema.parse(await training.json()).config.data.name).toBe(ds.name);
  });

  it("rejects a bad file with a 422 naming the file, storing nothing", async () => {
    const p = await expectProblem(await upload(t, "points.csv", "1,2\n3\n"), 422, ["body"]);
    expect(p.errors?.[0]?.message).toMatch(/^points\.csv: /);
    await expectProblem(await upload(t, "points.bmp", CSV), 422, ["body"]);
    await expectProblem(await call(t.app, "POST", "/v1/datasets", { body: CSV }), 400, ["query.name"]);
    const stored: string[] = [];
    for await (const o of t.storage.list("datasets/")) stored.push(o.key);
    expect(stored).toEqual([]);
  });

  it("413 for an upload over the limit (declared or streamed)", async () => {
    const big = "1,2\n".repeat(2000);
    await expectProblem(await upload(t, "big.csv", big), 413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await t.app.request("/v1/datasets?name=big.csv", {
      method: "POST",
      body: stream,
      headers: { authorization: "Bearer train-key-0123456789" },
      duplex: "half",
    } as RequestInit);
    await expectProblem(res, 413);
  });

  it("lists built-ins then uploads over pages; built-ins cannot be deleted, uploads can", async () => {
    const a = DatasetSchema.parse(await (await upload(t, "a.csv", CSV)).json());
    const b = DatasetSchema.parse(await (await upload(t, "b.csv", CSV)).json());
    const p1 = DatasetPage.parse(await (await call(t.app, "GET", "/v1/datasets?limit=3")).json());
    expect(p1.data.map((x) => x.id)).toEqual(["ring8", "mnist", a.id]);
    expect(p1.data[1]).toMatchObject({ builtin: true, kind: "image", sampleShape: [28, 28, 1], size: 60000 });
    const p2 = DatasetPage.parse(await (await call(t.app, "GET", `/v1/datasets?limit=3&cursor=${p1.nextCursor}`)).json());
    expect(p2.data.map((x) => x.id)).toEqual([b.id]);
    expect(p2.nextCursor).toBeNull();
    await expectProblem(await call(t.app, "DELETE", "/v1/datasets/ring8"), 403);
    expect((await call(t.app, "DELETE", `/v1/datasets/${a.id}`)).status).toBe(204);
    await expectProblem(await call(t.app, "GET", `/v1/datasets/${a.id}`), 404);
    await expectProblem(await call(t.app, "DELETE", `/v1/datasets/${a.id}`), 404);
    // The deleted cursor still pages on.
    const p3 = DatasetPage.parse(await (await call(t.app, "GET", `/v1/datasets?cursor=${Buffer.from(a.id).toString("base64url")}`)).json());
    expect(p3.data.map((x) => x.id)).toEqual([b.id]);
    expect(DatasetSchema.parse(await (await call(t.app, "GET", "/v1/datasets/ring8")).json()).size).toBeNull();
  });
});
