import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitBody, limitSmallBody } from "./limits.ts";
import { Problem } from "./problem.ts";

// The same little app behind both limits: it echoes what the body readers see.
function echoApp(limit: ReturnType<typeof limitBody>) {
  const app = new Hono();
  app.use("*", limit);
  app.post("/json", async (c) => c.json({ got: await c.req.json().catch(() => "malformed") }));
  app.post("/bytes", async (c) => c.json({ hex: Buffer.from(await c.req.arrayBuffer()).toString("hex"), text: await c.req.text() }));
  app.get("/get", (c) => c.text("ok"));
  app.onError((err, c) => (err instanceof Problem ? c.json({ slug: err.slug }, err.status as 413) : c.text(String(err), 500)));
  return app;
}

type Send = { path: string; body?: Buffer; chunked?: boolean; method?: string };
let servers: { url: URL; close: () => void }[] = [];

function post(base: URL, s: Send): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (s.body && !s.chunked) headers["content-length"] = String(s.body.length);
    const req = httpRequest(new URL(s.path, base), { method: s.method ?? "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    if (s.body && s.chunked) {
      // Two writes without a declared length: sent chunked, the size is only known by counting.
      req.write(s.body.subarray(0, 3));
      req.end(s.body.subarray(3));
    } else req.end(s.body);
  });
}

beforeAll(async () => {
  servers = await Promise.all(
    [limitBody(64), limitSmallBody(64)].map(
      (limit) =>
        new Promise<{ url: URL; close: () => void }>((resolve) => {
          const server = serve({ fetch: echoApp(limit).fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
            resolve({ url: new URL(`http://127.0.0.1:${info.port}`), close: () => server.close() }),
          );
        }),
    ),
  );
});
afterAll(() => {
  for (const s of servers) s.close();
});

describe("limitSmallBody on the Node server answers exactly as Hono's body limit", () => {
  const cases: [string, Send][] = [
    ["JSON", { path: "/json", body: Buffer.from('{"n":64,"seed":1,"format":"png"}') }],
    ["chunked JSON", { path: "/json", body: Buffer.from('{"a":[1,2,3]}'), chunked: true }],
    ["malformed JSON", { path: "/json", body: Buffer.from('{"n":') }],
    ["a BOM, a multi-byte character and an invalid byte", { path: "/bytes", body: Buffer.from([0xef, 0xbb, 0xbf, 0x22, 0xc3, 0xa9, 0xff, 0x22]) }],
    ["an empty body", { path: "/bytes", body: Buffer.alloc(0) }],
    ["exactly the limit", { path: "/bytes", body: Buffer.alloc(64, 0x61) }],
    ["a declared length over the limit", { path: "/json", body: Buffer.alloc(65, 0x61) }],
    ["a chunked body over the limit", { path: "/json", body: Buffer.alloc(200, 0x61), chunked: true }],
    ["a GET", { path: "/get", method: "GET" }],
  ];
  for (const [name, send] of cases) {
    it(name, async () => {
      const [hono, ours] = await Promise.all(servers.map((s) => post(s.url, send)));
      expect(ours).toEqual(hono);
      expect(ours?.status).toBe(name.includes("over the limit") ? 413 : 200);
    });
  }

  it("keeps the exact bytes for arrayBuffer() and decodes text as fetch does", async () => {
    const r = await post(servers[1]!.url, { path: "/bytes", body: Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]) });
    expect(JSON.parse(r.body)).toEqual({ hex: "efbbbf7bff7d", text: "{\ufffd}" });
  });
});
