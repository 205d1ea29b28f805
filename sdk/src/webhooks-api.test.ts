/**
 * Webhooks end to end: the real API (child process) posts to receivers on loopback; the SDK's verifyWebhook checks
 * each delivery. One receiver fails twice before accepting (retries with backoff), one is down (retried, then given
 * up) and its training still succeeds; a study's deliveries reach a third.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gantry } from "./client.ts";
import { UnprocessableEntityError } from "./core/errors.ts";
import { TINY_CONFIG, TRAIN_KEY, startApiServer, type ApiServer } from "./testing/api-server.ts";
import { loopback, ok, problem, type Loopback } from "./testing/loopback.ts";
import { verifyWebhook, WebhookVerificationError } from "./webhooks.ts";

const SECRET = `whsec_${btoa("gantry-webhook-test-secret-24b")}`;
let api: ApiServer;
let g: Gantry;
let flaky: Loopback;
let receiver: Loopback;
let down: string;

beforeAll(async () => {
  // Fails the first two deliveries of each message with 503, then accepts.
  const seen = new Map<string, number>();
  flaky = await loopback((r, res) => {
    const id = String(r.headers["webhook-id"]);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n <= 2 ? problem(res, 503) : ok(res);
  });
  receiver = await loopback((_r, res) => ok(res));
  const gone = await loopback((_r, res) => ok(res));
  down = gone.url;
  await gone.close();
  api = await startApiServer({ GANTRY_WEBHOOK_SECRET: SECRET, GANTRY_WEBHOOK_RETRY_MS: "100" });
  g = new Gantry({ baseUrl: api.url, apiKey: TRAIN_KEY });
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await flaky?.close();
  await receiver?.close();
}, 30_000);

const headersOf = (h: Record<string, string | string[] | undefined>) => h;

describe("training webhooks", () => {
  it("delivers signed start and completed events, retrying a failing receiver", async () => {
    const t = await g.trainings.create({ ...TINY_CONFIG, webhook: `${flaky.url}/hook`, webhookEventsFilter: ["start", "completed"] });
    const done = await g.trainings.wait(t.id);
    expect(done.status).toBe("succeeded");
    // completed: 2 × 503 then 200, 100 ms then 200 ms apart; allow a few seconds for the notifier's poll.
    const until = Date.now() + 15_000;
    while (flaky.requests.filter((r) => r.body.includes("training.completed")).length < 3 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    const deliveries = await Promise.all(
      flaky.requests.map((r) => verifyWebhook({ payload: r.body, headers: headersOf(r.headers), secret: SECRET })),
    );
    const types = deliveries.map((d) => d.type);
    expect(types.filter((x) => x === "training.start")).toHaveLength(3);
    expect(types.filter((x) => x === "training.completed")).toHaveLength(3);
    const completed = deliveries.filter((d) => d.type === "training.completed").map((d) => d.data);
    expect(completed.every((d) => d.id === t.id && d.status === "succeeded")).toBe(true);
    // One message id per event, the same on each of its retries.
    expect(new Set(flaky.requests.map((r) => r.headers["webhook-id"])).size).toBe(2);
    const last = flaky.requests.at(-1)!;
    await expect(
      verifyWebhook({ payload: last.body.replace(t.id, "t-forged"), headers: headersOf(last.headers), secret: SECRET }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  }, 120_000);

  it("keeps training when the receiver is down, retrying with backoff", async () => {
    const t = await g.trainings.create({ ...TINY_CONFIG, seed: 2, webhook: `${down}/hook`, webhookEventsFilter: ["completed"] });
    const done = await g.trainings.wait(t.id);
    expect(done.status).toBe("succeeded");
    // 6 attempts, 100·(1+2+4+8+16) ms apart: all failed attempts appear in the server's log.
    const until = Date.now() + 15_000;
    const failures = () =>
      api
        .output()
        .split("\n")
        .filter((l) => l.includes("webhook delivery failed") && l.includes(down)).length;
    while (failures() < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(failures()).toBe(6);
    expect(api.output()).toContain("ECONNREFUSED");
  }, 120_000);

  it("delivers signed study.start and study.completed for a study", async () => {
    const study = await g.studies.create({
      name: "webhook study",
      data: { name: "ring8" },
      losses: ["ns"],
      seeds: 1,
      steps: 20,
      batchSize: 32,
      model: { gHidden: [16], dHidden: [16] },
      workers: 1,
      webhook: `${receiver.url}/study`,
    });
    const until = Date.now() + 100_000;
    let status = study.status;
    while (status !== "succeeded" && status !== "failed" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await g.studies.get(study.id)).status;
    }
    expect(status).toBe("succeeded");
    while (receiver.requests.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const deliveries = await Promise.all(
      receiver.requests.map((r) => verifyWebhook({ payload: r.body, headers: headersOf(r.headers), secret: SECRET })),
    );
    expect(deliveries.map((d) => [d.type, d.data.id])).toEqual([
      ["study.start", study.id],
      ["study.completed", study.id],
    ]);
    expect(deliveries[1]!.data.status).toBe("succeeded");
    expect(receiver.requests.every((r) => r.url === "/study")).toBe(true);
  }, 120_000);

  it("rejects a webhook that is not an http(s) URL or an unknown event, naming the field", async () => {
    const bad = await g.trainings.create({ ...TINY_CONFIG, webhook: "ftp://example.test/x" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UnprocessableEntityError);
    expect((bad as UnprocessableEntityError).errors.map((e) => e.path)).toContain("body.webhook");
    const filter = await g.trainings
      .create({ ...TINY_CONFIG, webhook: `${flaky.url}/x`, webhookEventsFilter: ["output" as "start"] })
      .catch((e: unknown) => e);
    expect((filter as UnprocessableEntityError).errors.map((e) => e.path)).toContain("body.webhookEventsFilter.0");
  });
});
