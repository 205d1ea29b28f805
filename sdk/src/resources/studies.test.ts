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
