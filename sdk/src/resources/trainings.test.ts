/** Trainings.wait against a loopback server: the terminal status event plus one GET decide the result. */
import { afterEach, expect, it } from "vitest";
import { Gantry } from "../client.ts";
import { loopback, ok, type Loopback } from "../testing/loopback.ts";

let server: Loopback | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const ev = (id: number, type: string, data: object) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id, type, data, time: "2025-01-01T00:00:00Z" })}\n\n`;
const ERROR = { code: "diverged", message: "loss is NaN at step 7" };

/** A server whose stream ends with a terminal `failed` event and whose GET answers `getStatus`. */
async function setup(getStatus: string) {
  server = await loopback((r, res) => {
    if (r.url.endsWith("/events")) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(
        ev(1, "status", { status: "running" }) +
          ev(2, "progress", { step: 7, steps: 9, stepsPerSecond: 1, etaSeconds: 2 }) +
          ev(3, "status", { status: "failed", error: ERROR }),
      );
      return;
    }
    const progress = { step: getStatus === "queued" ? 0 : 7, steps: 9, stepsPerSecond: 1, etaSeconds: null };
    ok(res, { id: "t1", status: getStatus, progress, error: getStatus === "failed" ? ERROR : null, finishedAt: null });
  });
  return new Gantry({ baseUrl: server.url });
}
const gets = () => server!.requests.filter((r) => r.url === "/v1/trainings/t1").length;

it("returns after the terminal event with one GET before and one after the stream", async () => {
  const g = await setup("failed");
  const types: string[] = [];
  const t = await g.trainings.wait("t1", { onEvent: (e) => types.push(e.type) });
  expect(types).toEqual(["status", "progress", "status"]);
  expect(t).toMatchObject({ status: "failed", error: ERROR });
  expect(gets()).toBe(2);
});

it("trusts the terminal event over a status.json that still lags, without polling", async () => {
  const g = await setup("running");
  const t0 = performance.now();
  const t = await g.trainings.wait("t1");
  expect(t).toMatchObject({ id: "t1", status: "failed", error: ERROR });
  expect(gets()).toBe(2);
  expect(performance.now() - t0).toBeLessThan(2000); // the old loop polled for 5 s
});

it("reports a finished training's progress once, without replaying its stream", async () => {
  const g = await setup("failed");
  const steps: number[] = [];
  const t = await g.trainings.wait("t1", { onProgress: (p) => steps.push(p.step) });
  expect(t.status).toBe("failed");
  expect(steps).toEqual([7]);
  expect(server!.requests.filter((r) => r.url.endsWith("/events"))).toHaveLength(0);
});

it("reports progress from where a running training stands, then only newer steps", async () => {
  const g = await setup("queued");
  const steps: number[] = [];
  await g.trainings.wait("t1", { onProgress: (p) => steps.push(p.step) });
  expect(steps).toEqual([0, 7]);
});
