/** Studies against a loopback server (client.test.ts checks the real API's study engine without running a study). */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Gantry } from "../client.ts";
import { WaitTimeoutError } from "../core/errors.ts";
import { loopback, ok, type Loopback } from "../testing/loopback.ts";

let server: Loopback;
let polls = 0;

beforeAll(async () => {
  server = await loopback((r, res) => {
    if (r.method === "POST") return ok(res, { id: "s-1", status: "queued" });
    if (r.url.startsWith("/v1/studies/s-1/report")) {
      res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" });
      res.end(`# report ${new URL(r.url, "http://x").searchParams.get("format")}`);
      return;
    }
    if (r.url === "/v1/studies/s-slow") return ok(res, { id: "s-slow", status: "running" });
    if (r.url.startsWith("/v1/studies/s-1/curves")) return ok(res, { metric: "modesCaptured", groups: [] });
    if (r.url === "/v1/studies/s-1/runs/ns-s0") return ok(res, { runId: "ns-s0", loss: "ns" });
    if (r.url.startsWith("/v1/studies/s-1/runs/ns-s0/metrics")) return ok(res, { data: [{ step: 20, dLoss: 1 }] });
    if (r.url.startsWith("/v1/studies/s-1/runs/ns-s0/samples.png")) {
      res.writeHead(200, { "content-type": "image/png", "x-gantry-seed": "5", "x-gantry-version": "20" });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      return;
    }
    if (r.url.startsWith("/v1/studies?")) {
      const cursor = new URL(r.url, "http://x").searchParams.get("cursor");
      return ok(
        res,
        cursor ? { data: [{ id: "s-1", status: "succeeded" }], nextCursor: null } : { data: [{ id: "s-2", status: "running" }], nextCursor: "c1" },
      );
    }
    polls++;
    ok(res, { id: "s-1", status: polls < 3 ? "running" : "succeeded", runs: polls });
  });
});
afterAll(() => server.close());

it("creates, polls to a terminal state and fetches the report", async () => {
  const g = new Gantry({ baseUrl: server.url });
  const s = await g.studies.create({ losses: ["ns", "wgan-gp"], seeds: 2 });
  expect(s).toEqual({ id: "s-1", status: "queued" });
  expect(JSON.parse(server.requests[0]!.body)).toEqual({ losses: ["ns", "wgan-gp"], seeds: 2 });
  const seen: string[] = [];
  const done = await g.studies.wait("s-1", { pollInterval: 20, onProgress: (x) => seen.push(x.status) });
  expect(done).toMatchObject({ status: "succeeded", runs: 3 });
  expect(seen).toEqual(["running", "running", "succeeded"]);
  expect(await g.studies.report("s-1", { format: "markdown" })).toBe("# report markdown");
  await expect(g.studies.wait("s-slow", { pollInterval: 20, timeout: 150 })).rejects.toBeInstanceOf(WaitTimeoutError);
});

it("lists studies across pages", async () => {
  const g = new Gantry({ baseUrl: server.url });
  const ids: string[] = [];
  for await (const s of g.studies.list({ limit: 1 })) ids.push(s.id);
  expect(ids).toEqual(["s-2", "s-1"]);
  const urls = server.requests.filter((r) => r.url.startsWith("/v1/studies?")).map((r) => r.url);
  expect(urls).toEqual(["/v1/studies?limit=1", "/v1/studies?limit=1&cursor=c1"]);
});

it("reads a study's curves and one run: its record, metric lines and a PNG of its checkpoint", async () => {
  const g = new Gantry({ baseUrl: server.url });
  expect(await g.studies.curves("s-1", { metric: "modes" })).toEqual({ metric: "modesCaptured", groups: [] });
  expect(await g.studies.run("s-1", "ns-s0")).toEqual({ runId: "ns-s0", loss: "ns" });
  expect(await g.studies.runMetrics("s-1", "ns-s0", { since: 10 })).toEqual([{ step: 20, dLoss: 1 }]);
  const png = await g.samples.studyRunPng("s-1", "ns-s0", { n: 16, seed: 5 });
  expect(png).toMatchObject({ contentType: "image/png", seed: 5, version: 20 });
  expect([...png.data]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  const urls = server.requests.map((r) => r.url).filter((u) => /curves|runs/.test(u));
  expect(urls).toEqual([
    "/v1/studies/s-1/curves?metric=modes",
    "/v1/studies/s-1/runs/ns-s0",
    "/v1/studies/s-1/runs/ns-s0/metrics?since=10",
    "/v1/studies/s-1/runs/ns-s0/samples.png?n=16&seed=5",
  ]);
});
