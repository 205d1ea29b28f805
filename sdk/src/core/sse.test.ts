import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { Gantry } from "../client.ts";
import { loopback, ok, type Handler, type Loopback } from "../testing/loopback.ts";
import { AbortError, ConnectionError, TimeoutError } from "./errors.ts";

let server: Loopback | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(handler: Handler) {
  server = await loopback(handler);
  return new Gantry({ baseUrl: server.url, backoff: { initialMs: 10, maxMs: 50 } });
}

const sse = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write("retry: 20\n\n");
};
const ev = (id: number, type: string, data: object) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id, type, data, time: "2025-01-01T00:00:00Z" })}\n\n`;
const progress = (id: number) => ev(id, "progress", { step: id * 10, steps: 30, stepsPerSecond: 5, etaSeconds: 1 });
const training = (status: string, step = 0) => ({ id: "t1", status, progress: { step, steps: 20, stepsPerSecond: 1, etaSeconds: null } });

describe("training events", () => {
  it("reconnects with Last-Event-ID after a dropped connection and ends at the terminal status", async () => {
    const g = await setup((r, res) => {
      if (!r.url.endsWith("/events")) return ok(res, training("running"));
      sse(res);
      if (r.headers["last-event-id"] === undefined) {
        res.write(progress(1) + progress(2));
        setTimeout(() => res.socket?.destroy(), 30);
      } else {
        res.end(ev(3, "status", { status: "succeeded" }));
      }
    });
    const ids: number[] = [];
    for await (const e of g.trainings.events("t1")) ids.push(e.id);
    expect(ids).toEqual([1, 2, 3]);
    const streams = server!.requests.filter((r) => r.url.endsWith("/events"));
    expect(streams.map((r) => r.headers["last-event-id"])).toEqual([undefined, "2"]);
  });

  it("stops when a stream ends without a terminal event but the training has ended", async () => {
    const g = await setup((r, res) => {
      if (!r.url.endsWith("/events")) return ok(res, training("failed"));
      sse(res);
      res.end(progress(1));
    });
    const events = [];
    for await (const e of g.trainings.events("t1")) events.push(e);
    expect(events.map((e) => e.type)).toEqual(["progress"]);
    expect(server!.requests.filter((r) => r.url.endsWith("/events"))).toHaveLength(1);
  });

  it("gives up after repeated broken connections without progress", async () => {
    const g = await setup((r, res) => {
      if (!r.url.endsWith("/events")) return ok(res, training("running"));
      sse(res);
      setTimeout(() => res.socket?.destroy(), 5);
    });
    const err = await (async () => {
      for await (const _ of g.trainings.events("t1")) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    // The first connection plus five reconnects (maxReconnects default 5), then the sixth failure throws.
    expect(server!.requests.filter((r) => r.url.endsWith("/events"))).toHaveLength(6);
  });

  it("wait() reports progress and returns the final training", async () => {
    let gets = 0;
    const g = await setup((r, res) => {
      if (!r.url.endsWith("/events")) return ok(res, gets++ === 0 ? training("running", 5) : training("succeeded", 20));
      sse(res);
      res.end(progress(1) + progress(2) + ev(3, "status", { status: "succeeded" }));
    });
    const steps: number[] = [];
    const t = await g.trainings.wait("t1", { onProgress: (p) => steps.push(p.step) });
    expect(t.status).toBe("succeeded");
    // Where it stood at the start (step 5), then each newer step from the stream.
    expect(steps).toEqual([5, 10, 20]);
  });

  it("wait() throws TimeoutError after its timeout and AbortError on abort", async () => {
    const g = await setup((r, res) => {
      if (!r.url.endsWith("/events")) return ok(res, training("running"));
      sse(res);
      res.write(progress(1)); // then silence: the training never ends
    });
    const t0 = performance.now();
    await expect(g.trainings.wait("t1", { timeout: 200 })).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - t0).toBeLessThan(1000);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    await expect(g.trainings.wait("t1", { signal: ctl.signal })).rejects.toBeInstanceOf(AbortError);
  });
});
